using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.Sparse;

/// <summary>
/// Loads w at a vector of column indices: AVX2 gather instructions where the CPU has them (two for a 512-bit vector:
/// .NET 10 exposes no AVX-512 gather), else lane by lane through a small buffer (the software path of an
/// unaccelerated width, with the same values).
/// </summary>
internal static unsafe class SparseGather<TSimd, TVec, T>
    where TSimd : ISimd<TVec, T>
    where TVec : unmanaged
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>w[indices[0]], ..., w[indices[Count - 1]]; <paramref name="buffer"/> holds <c>TSimd.Count</c> elements for the software path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Load(T* w, int* indices, T* buffer)
    {
        if (typeof(T) == typeof(double))
        {
            if (typeof(TVec) == typeof(Vector512<T>) && Avx2.IsSupported)
            {
                Vector512<double> v = Vector512.Create(
                    Avx2.GatherVector256((double*)w, Sse2.LoadVector128(indices), 8),
                    Avx2.GatherVector256((double*)w, Sse2.LoadVector128(indices + 4), 8));
                return Unsafe.As<Vector512<double>, TVec>(ref v);
            }

            if (typeof(TVec) == typeof(Vector256<T>) && Avx2.IsSupported)
            {
                Vector256<double> v = Avx2.GatherVector256((double*)w, Sse2.LoadVector128(indices), 8);
                return Unsafe.As<Vector256<double>, TVec>(ref v);
            }

            if (typeof(TVec) == typeof(Vector128<T>) && Avx2.IsSupported)
            {
                // Two indices: load 8 bytes, never past the row's last index.
                Vector128<double> v = Avx2.GatherVector128((double*)w, Vector128.CreateScalarUnsafe(*(long*)indices).AsInt32(), 8);
                return Unsafe.As<Vector128<double>, TVec>(ref v);
            }
        }
        else if (typeof(T) == typeof(float))
        {
            if (typeof(TVec) == typeof(Vector512<T>) && Avx2.IsSupported)
            {
                Vector512<float> v = Vector512.Create(
                    Avx2.GatherVector256((float*)w, Avx.LoadVector256(indices), 4),
                    Avx2.GatherVector256((float*)w, Avx.LoadVector256(indices + 8), 4));
                return Unsafe.As<Vector512<float>, TVec>(ref v);
            }

            if (typeof(TVec) == typeof(Vector256<T>) && Avx2.IsSupported)
            {
                Vector256<float> v = Avx2.GatherVector256((float*)w, Avx.LoadVector256(indices), 4);
                return Unsafe.As<Vector256<float>, TVec>(ref v);
            }

            if (typeof(TVec) == typeof(Vector128<T>) && Avx2.IsSupported)
            {
                Vector128<float> v = Avx2.GatherVector128((float*)w, Sse2.LoadVector128(indices), 4);
                return Unsafe.As<Vector128<float>, TVec>(ref v);
            }
        }

        for (int lane = 0; lane < TSimd.Count; lane++)
        {
            buffer[lane] = w[indices[lane]];
        }

        return TSimd.Load(in Unsafe.AsRef<T>(buffer), 0);
    }
}
