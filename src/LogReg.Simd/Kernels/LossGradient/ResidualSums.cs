using System.Numerics;
using System.Runtime.CompilerServices;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// The residual sweep of a fused pass and its running sums over one chunk: sum s*loss, sum s*dz and sum s, in vector
/// lanes and in the scalar tail's lanes, written after the chunk's n gradient sums.
/// </summary>
internal unsafe struct ResidualSums<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private TVec _loss, _residual, _weight;
    private T _lossTail, _residualTail, _weightTail;

    /// <summary>
    /// Turns each logit into its weighted residual s (sigma(z) - y), in place, and adds s*loss, s*residual and s. Without
    /// sample weights s is 1, and multiplying by it is exact, so both cases share one loop.
    /// </summary>
    public void Accumulate(T* z, T* y, T* sampleWeights, int rows)
    {
        nuint vectorEnd = Sweep<TSimd, TVec>(z, y, sampleWeights, 0, (nuint)rows, ref _loss, ref _residual, ref _weight);
        Sweep<SimdScalar<T>, T>(z, y, sampleWeights, vectorEnd, (nuint)rows, ref _lossTail, ref _residualTail, ref _weightTail);
    }

    // The whole vectors of one width from element k on, into that width's sums; returns where they end. The rows past the
    // last whole vector run the same operations a lane at a time.
    private static nuint Sweep<TLanes, TLaneVec>(T* z, T* y, T* sampleWeights, nuint k, nuint length, ref TLaneVec lossSum, ref TLaneVec residualSum, ref TLaneVec weightSum)
        where TLanes : ISimd<TLaneVec, T>
        where TLaneVec : unmanaged
    {
        ref T zRef = ref Unsafe.AsRef<T>(z);
        TLaneVec s = TLanes.Broadcast(T.One);
        TLaneVec lossAcc = lossSum, residualAcc = residualSum, weightAcc = weightSum;
        for (nuint count = (nuint)TLanes.Count; k + count <= length; k += count)
        {
            s = sampleWeights == null ? s : TLanes.Load(in Unsafe.AsRef<T>(sampleWeights), k);
            TLaneVec dz = TLanes.Multiply(s, VectorMath<TLanes, TLaneVec, T>.ResidualAndLogLoss(TLanes.Load(in zRef, k), TLanes.Load(in Unsafe.AsRef<T>(y), k), out TLaneVec loss));
            lossAcc = TLanes.MultiplyAdd(s, loss, lossAcc);
            residualAcc = TLanes.Add(residualAcc, dz);
            weightAcc = TLanes.Add(weightAcc, s);
            TLanes.Store(dz, ref zRef, k);
        }

        (lossSum, residualSum, weightSum) = (lossAcc, residualAcc, weightAcc);
        return k;
    }

    /// <summary>Writes the three sums to <paramref name="partial"/>[n], [n + 1] and [n + 2].</summary>
    public readonly void WriteTo(Span<double> partial, int n)
    {
        partial[n] = double.CreateTruncating(TSimd.Sum(_loss) + _lossTail);
        partial[n + 1] = double.CreateTruncating(TSimd.Sum(_residual) + _residualTail);
        partial[n + 2] = double.CreateTruncating(TSimd.Sum(_weight) + _weightTail);
    }
}
