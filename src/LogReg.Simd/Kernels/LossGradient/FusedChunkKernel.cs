using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// The fused pass over one chunk of rows at one instruction-set width. Block by block it computes
/// the logits of the block, then sigma, the loss and the weighted residuals over the block, then adds
/// the block's rows into the gradient while they are still in cache.
/// </summary>
/// <remarks>The two sweeps over X are <see cref="RowBlockProducts{TSimd, TVec, T}"/>'s; the caller picks a width no wider than the row.</remarks>
internal static unsafe class FusedChunkKernel<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Writes the chunk's partial sums to <paramref name="partial"/> (see <see cref="KernelInput{T}.PartialLength"/>).
    /// <paramref name="logits"/> holds a block of rows, <paramref name="gradient"/> n elements.
    /// </summary>
    public static void Accumulate(in KernelInput<T> input, LossGradientLayout layout, int rowStart, int rowCount, T* logits, T* gradient, Span<double> partial)
    {
        int n = input.Columns;
        nint stride = input.Stride;
        TVec tailMask = VectorMath<TSimd, TVec, T>.LastLanesMask(n % TSimd.Count);
        new Span<T>(gradient, n).Clear();

        var sums = default(ResidualSums<TSimd, TVec, T>);
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += layout.BlockRows)
        {
            int rows = Math.Min(layout.BlockRows, rowEnd - blockStart);
            T* x = input.X + (blockStart * stride);
            RowBlockProducts<TSimd, TVec, T>.Products(x, stride, rows, n, input.Weights, input.Bias, logits, tailMask);
            T* weights = input.SampleWeights == null ? null : input.SampleWeights + blockStart;
            sums.Accumulate(logits, input.Y + blockStart, weights, rows);
            RowBlockProducts<TSimd, TVec, T>.AccumulateTransposed(x, stride, rows, n, logits, gradient, tailMask);
        }

        TensorPrimitives.ConvertTruncating<T, double>(new ReadOnlySpan<T>(gradient, n), partial[..n]);
        sums.WriteTo(partial, n);
    }
}
