using System.Numerics;
using System.Runtime.Intrinsics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>z = X w + b for a batch of rows, with the fused pass's four-row register blocking.</summary>
internal static unsafe class BatchLogits
{
    public static void Compute<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> weights, T bias, Span<T> logits)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = x.Columns;
        SimdWidth width = LossGradientPass.WidthFor<T>(SimdWidths.Widest, n);
        fixed (T* xPtr = x.Span)
        fixed (T* wPtr = weights)
        fixed (T* zPtr = logits)
        {
            switch (width)
            {
                case SimdWidth.Vector512:
                    FusedChunkKernel<Simd512<T>, Vector512<T>, T>.ComputeLogits(xPtr, x.RowStride, x.Rows, n, wPtr, bias, zPtr, Simd512<T>.LastLanesMask(n % Simd512<T>.Count));
                    break;
                case SimdWidth.Vector256:
                    FusedChunkKernel<Simd256<T>, Vector256<T>, T>.ComputeLogits(xPtr, x.RowStride, x.Rows, n, wPtr, bias, zPtr, Simd256<T>.LastLanesMask(n % Simd256<T>.Count));
                    break;
                case SimdWidth.Vector128:
                    FusedChunkKernel<Simd128<T>, Vector128<T>, T>.ComputeLogits(xPtr, x.RowStride, x.Rows, n, wPtr, bias, zPtr, Simd128<T>.LastLanesMask(n % Simd128<T>.Count));
                    break;
                default:
                    FusedChunkKernel<SimdScalar<T>, T, T>.ComputeLogits(xPtr, x.RowStride, x.Rows, n, wPtr, bias, zPtr, T.Zero);
                    break;
            }
        }
    }
}
