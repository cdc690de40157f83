using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// The dot product of a sparse row (column indices and values) with dense weights, for prediction: the
/// widest vector that fits the row's stored entries, the weights gathered by index, two accumulators and an
/// overlapped, masked last vector. Single-row and batch scoring both run it, so a row's logit is the same bits
/// either way.
/// </summary>
/// <remarks>
/// The width depends only on the row's entry count (<see cref="SimdDispatch.Fit{T}"/>), never on its
/// neighbours. Gathers use AVX2's <c>vgather</c> where the CPU has it and lane-by-lane loads elsewhere, which
/// give the same lanes. .NET has no AVX-512 gather: a 512-bit vector joins two 256-bit gathers, which measured
/// slower at 30 entries (18-25 ns against 11-14 ns on the Xeon), so the entry points stop at 256 bits
/// (<see cref="Preferred"/>); tests still run every width. The caller checks the indices (in range,
/// increasing) and pins the weights.
/// </remarks>
internal static unsafe class SparseRowDot
{
    /// <summary>The widest accelerated width up to 256 bits: what the public entry points run.</summary>
    public static SimdWidth Preferred { get; } = SimdWidths.Widest > SimdWidth.Vector256 ? SimdWidth.Vector256 : SimdWidths.Widest;

    /// <summary>Computes indices/values . w; the caller has checked every index against w's length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Compute<T>(ReadOnlySpan<int> indices, ReadOnlySpan<T> values, ReadOnlySpan<T> w, SimdWidth preferred)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        fixed (T* weights = w)
        {
            var action = new DotAction<T>(weights, indices, values);
            SimdDispatch.Run<T, DotAction<T>>(SimdDispatch.Fit<T>(preferred, values.Length), ref action);
            return action.Result;
        }
    }

    /// <summary>Computes z_i = x_i . w + b for every row of <paramref name="x"/>; the caller checks that x.Columns is at most w's length.</summary>
    public static void ComputeRows<T>(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<T> w, T bias, Span<T> logits, SimdWidth preferred)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> offsets = x.RowOffsets;
        ReadOnlySpan<int> indices = x.ColumnIndices;
        ReadOnlySpan<T> values = x.Values;
        fixed (T* weights = w)
        {
            for (int i = 0; i < x.Rows; i++)
            {
                int start = offsets[i], length = offsets[i + 1] - start;
                var action = new DotAction<T>(weights, indices.Slice(start, length), values.Slice(start, length));
                SimdDispatch.Run<T, DotAction<T>>(SimdDispatch.Fit<T>(preferred, length), ref action);
                logits[i] = action.Result + bias;
            }
        }
    }

    /// <summary>
    /// Checks a sparse row for a model of <paramref name="featureCount"/> features: as many indices as values,
    /// strictly increasing, in [0, featureCount). Vectorized, so the check costs a few compares at 30 entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckRow(ReadOnlySpan<int> indices, int valueCount, int featureCount)
    {
        int n = indices.Length;
        if (n != valueCount)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(indices), n, "values", valueCount);
        }

        if (n != 0 && (indices[0] < 0 || indices[n - 1] >= featureCount || !IsStrictlyIncreasing(indices)))
        {
            ThrowBadIndex(indices, featureCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsStrictlyIncreasing(ReadOnlySpan<int> indices)
    {
        ref int first = ref MemoryMarshal.GetReference(indices);
        int n = indices.Length;
        int count = Vector256<int>.Count;
        if (Vector256.IsHardwareAccelerated && n > count)
        {
            // Each vector compares entries k.. with entries k-1..; the last one overlaps the one before.
            int k = 1;
            for (; k + count <= n; k += count)
            {
                if (!Vector256.GreaterThanAll(Vector256.LoadUnsafe(ref first, (nuint)k), Vector256.LoadUnsafe(ref first, (nuint)(k - 1))))
                {
                    return false;
                }
            }

            return k == n || Vector256.GreaterThanAll(Vector256.LoadUnsafe(ref first, (nuint)(n - count)), Vector256.LoadUnsafe(ref first, (nuint)(n - count - 1)));
        }

        for (int k = 1; k < n; k++)
        {
            if (Unsafe.Add(ref first, k) <= Unsafe.Add(ref first, k - 1))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadIndex(ReadOnlySpan<int> indices, int featureCount)
    {
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)featureCount)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(indices), $"'{nameof(indices)}[{k}]':{indices[k]} must be in [0, {featureCount}) (the model's features).");
            }

            if (k > 0 && indices[k] <= indices[k - 1])
            {
                ThrowHelper.ThrowArgument(nameof(indices), $"'{nameof(indices)}[{k}]':{indices[k]} is not above '{nameof(indices)}[{k - 1}]':{indices[k - 1]}; indices must strictly increase.");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Core<TSimd, TVec, T>(T* w, ReadOnlySpan<int> indices, ReadOnlySpan<T> values)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref int iRef = ref MemoryMarshal.GetReference(indices);
        ref T vRef = ref MemoryMarshal.GetReference(values);
        nuint n = (nuint)values.Length;
        nuint count = (nuint)TSimd.Count;
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero;
        nuint j = 0;
        for (; j + (2 * count) <= n; j += 2 * count)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Load(in vRef, j), Gather<TVec, T>(w, ref iRef, j), a0);
            a1 = TSimd.MultiplyAdd(TSimd.Load(in vRef, j + count), Gather<TVec, T>(w, ref iRef, j + count), a1);
        }

        if (j + count <= n)
        {
            a0 = TSimd.MultiplyAdd(TSimd.Load(in vRef, j), Gather<TVec, T>(w, ref iRef, j), a0);
            j += count;
        }

        if (j < n)
        {
            // The width fits the row (n >= count), so the last vector overlaps; its lanes already counted are masked off.
            nuint tail = n - count;
            TVec product = TSimd.Multiply(TSimd.Load(in vRef, tail), Gather<TVec, T>(w, ref iRef, tail));
            a1 = TSimd.Add(a1, TSimd.And(product, VectorMath<TSimd, TVec, T>.LastLanesMask((int)(n - j))));
        }

        return TSimd.Sum(TSimd.Add(a0, a1));
    }

    /// <summary>The weights at indices[k], indices[k + 1], ... as one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Gather<TVec, T>(T* w, ref int indices, nuint k)
        where TVec : unmanaged
        where T : unmanaged
    {
        if (Avx2.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                float* wf = (float*)w;
                if (typeof(TVec) == typeof(Vector256<float>))
                {
                    var v = Avx2.GatherVector256(wf, Vector256.LoadUnsafe(ref indices, k), 4);
                    return Unsafe.As<Vector256<float>, TVec>(ref v);
                }

                if (typeof(TVec) == typeof(Vector512<float>))
                {
                    var v = Vector512.Create(Avx2.GatherVector256(wf, Vector256.LoadUnsafe(ref indices, k), 4), Avx2.GatherVector256(wf, Vector256.LoadUnsafe(ref indices, k + 8), 4));
                    return Unsafe.As<Vector512<float>, TVec>(ref v);
                }

                if (typeof(TVec) == typeof(Vector128<float>))
                {
                    var v = Avx2.GatherVector128(wf, Vector128.LoadUnsafe(ref indices, k), 4);
                    return Unsafe.As<Vector128<float>, TVec>(ref v);
                }
            }
            else if (typeof(T) == typeof(double))
            {
                double* wd = (double*)w;
                if (typeof(TVec) == typeof(Vector256<double>))
                {
                    var v = Avx2.GatherVector256(wd, Vector128.LoadUnsafe(ref indices, k), 8);
                    return Unsafe.As<Vector256<double>, TVec>(ref v);
                }

                if (typeof(TVec) == typeof(Vector512<double>))
                {
                    var v = Vector512.Create(Avx2.GatherVector256(wd, Vector128.LoadUnsafe(ref indices, k), 8), Avx2.GatherVector256(wd, Vector128.LoadUnsafe(ref indices, k + 4), 8));
                    return Unsafe.As<Vector512<double>, TVec>(ref v);
                }

                if (typeof(TVec) == typeof(Vector128<double>))
                {
                    // Two indices: load them as one 64-bit value, so nothing past the row's end is read.
                    var pair = Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref indices, k)))).AsInt32();
                    var v = Avx2.GatherVector128(wd, pair, 8);
                    return Unsafe.As<Vector128<double>, TVec>(ref v);
                }
            }
        }

        Unsafe.SkipInit(out TVec result);
        ref T lanes = ref Unsafe.As<TVec, T>(ref result);
        int laneCount = Unsafe.SizeOf<TVec>() / Unsafe.SizeOf<T>();
        for (int lane = 0; lane < laneCount; lane++)
        {
            Unsafe.Add(ref lanes, lane) = w[Unsafe.Add(ref indices, k + (nuint)lane)];
        }

        return result;
    }

    private ref struct DotAction<T>(T* w, ReadOnlySpan<int> indices, ReadOnlySpan<T> values) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<int> _indices = indices;
        private readonly ReadOnlySpan<T> _values = values;

        public T Result { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged => Result = Core<TSimd, TVec, T>(w, _indices, _values);
    }
}
