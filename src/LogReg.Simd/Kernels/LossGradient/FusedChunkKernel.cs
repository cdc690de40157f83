using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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

        TVec lossSum = TSimd.Zero, residualSum = TSimd.Zero, weightSum = TSimd.Zero;
        T lossTail = T.Zero, residualTail = T.Zero, weightTail = T.Zero;
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += layout.BlockRows)
        {
            int rows = Math.Min(layout.BlockRows, rowEnd - blockStart);
            T* x = input.X + (blockStart * stride);
            RowBlockProducts<TSimd, TVec, T>.Products(x, stride, rows, n, input.Weights, input.Bias, logits, tailMask);
            T* weights = input.SampleWeights == null ? null : input.SampleWeights + blockStart;
            ComputeResiduals(logits, input.Y + blockStart, weights, rows, ref lossSum, ref residualSum, ref weightSum, ref lossTail, ref residualTail, ref weightTail);
            RowBlockProducts<TSimd, TVec, T>.AccumulateTransposed(x, stride, rows, n, logits, gradient, tailMask);
        }

        TensorPrimitives.ConvertTruncating<T, double>(new ReadOnlySpan<T>(gradient, n), partial[..n]);

        partial[n] = double.CreateTruncating(TSimd.Sum(lossSum) + lossTail);
        partial[n + 1] = double.CreateTruncating(TSimd.Sum(residualSum) + residualTail);
        partial[n + 2] = input.SampleWeights == null ? rowCount : double.CreateTruncating(TSimd.Sum(weightSum) + weightTail);
    }

    // Turns each logit into its weighted residual s (sigma(z) - y), in place, and sums s*loss, s*residual and s.
    internal static void ComputeResiduals(
        T* z,
        T* y,
        T* sampleWeights,
        int rows,
        ref TVec lossSum,
        ref TVec residualSum,
        ref TVec weightSum,
        ref T lossTail,
        ref T residualTail,
        ref T weightTail)
    {
        ref T zRef = ref Unsafe.AsRef<T>(z);
        ref T yRef = ref Unsafe.AsRef<T>(y);
        nuint count = (nuint)TSimd.Count;
        nuint length = (nuint)rows;
        nuint k = 0;
        if (sampleWeights == null)
        {
            for (; k + count <= length; k += count)
            {
                TVec yv = TSimd.Load(in yRef, k);
                TVec dz = VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(TSimd.Load(in zRef, k), yv, out TVec loss);
                lossSum = TSimd.Add(lossSum, loss);
                residualSum = TSimd.Add(residualSum, dz);
                TSimd.Store(dz, ref zRef, k);
            }

            for (; k < length; k++)
            {
                T yk = y[k];
                T dz = VectorMath<SimdScalar<T>, T, T>.ResidualAndLogLoss(z[k], yk, out T loss);
                lossTail += loss;
                residualTail += dz;
                z[k] = dz;
            }

            return;
        }

        ref T sRef = ref Unsafe.AsRef<T>(sampleWeights);
        for (; k + count <= length; k += count)
        {
            TVec yv = TSimd.Load(in yRef, k);
            TVec sv = TSimd.Load(in sRef, k);
            TVec dz = TSimd.Multiply(sv, VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(TSimd.Load(in zRef, k), yv, out TVec loss));
            lossSum = TSimd.MultiplyAdd(sv, loss, lossSum);
            residualSum = TSimd.Add(residualSum, dz);
            weightSum = TSimd.Add(weightSum, sv);
            TSimd.Store(dz, ref zRef, k);
        }

        for (; k < length; k++)
        {
            T yk = y[k];
            T sk = sampleWeights[k];
            T dz = sk * VectorMath<SimdScalar<T>, T, T>.ResidualAndLogLoss(z[k], yk, out T loss);
            lossTail = T.MultiplyAddEstimate(sk, loss, lossTail);
            residualTail += dz;
            weightTail += sk;
            z[k] = dz;
        }
    }
}
