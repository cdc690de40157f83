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
        ref T zRef = ref Unsafe.AsRef<T>(z);
        ref T yRef = ref Unsafe.AsRef<T>(y);
        ref T sRef = ref Unsafe.AsRef<T>(sampleWeights);
        bool weighted = sampleWeights != null;
        TVec one = TSimd.Broadcast(T.One);
        nuint count = (nuint)TSimd.Count;
        nuint length = (nuint)rows;
        nuint k = 0;
        for (; k + count <= length; k += count)
        {
            TVec s = weighted ? TSimd.Load(in sRef, k) : one;
            TVec dz = TSimd.Multiply(s, VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(TSimd.Load(in zRef, k), TSimd.Load(in yRef, k), out TVec loss));
            _loss = TSimd.MultiplyAdd(s, loss, _loss);
            _residual = TSimd.Add(_residual, dz);
            _weight = TSimd.Add(_weight, s);
            TSimd.Store(dz, ref zRef, k);
        }

        for (; k < length; k++)
        {
            T s = weighted ? sampleWeights[k] : T.One;
            T dz = s * VectorMath<SimdScalar<T>, T, T>.ResidualAndLogLoss(z[k], y[k], out T loss);
            _lossTail = T.MultiplyAddEstimate(s, loss, _lossTail);
            _residualTail += dz;
            _weightTail += s;
            z[k] = dz;
        }
    }

    /// <summary>Writes the three sums to <paramref name="partial"/>[n], [n + 1] and [n + 2].</summary>
    public readonly void WriteTo(Span<double> partial, int n)
    {
        partial[n] = double.CreateTruncating(TSimd.Sum(_loss) + _lossTail);
        partial[n + 1] = double.CreateTruncating(TSimd.Sum(_residual) + _residualTail);
        partial[n + 2] = double.CreateTruncating(TSimd.Sum(_weight) + _weightTail);
    }
}
