using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>z = X w + b for a batch of rows, with the fused pass's four-row register blocking.</summary>
internal static unsafe class BatchLogits
{
    public static void Compute<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> weights, T bias, Span<T> logits)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        fixed (T* xPtr = x.Span)
        fixed (T* wPtr = weights)
        fixed (T* zPtr = logits)
        {
            var action = new LogitsAction<T>(xPtr, x.RowStride, x.Rows, x.Columns, wPtr, bias, zPtr);
            SimdDispatch.Run<T, LogitsAction<T>>(SimdDispatch.Fit<T>(SimdWidths.Widest, x.Columns), ref action);
        }
    }

    private readonly struct LogitsAction<T>(T* x, int stride, int rows, int columns, T* weights, T bias, T* logits) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged =>
            FusedChunkKernel<TSimd, TVec, T>.ComputeLogits(x, stride, rows, columns, weights, bias, logits, TSimd.LastLanesMask(columns % TSimd.Count));
    }
}
