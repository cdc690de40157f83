using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>
/// The second-order passes of <see cref="SecondOrderPass"/> over CSR rows, in double over values stored as float or
/// double: the loss and gradient that also store the curvature D, the Hessian-vector product X~^T D X~ v / S +
/// lambda [v_w, 0], and the whole (n + 1) x (n + 1) Hessian (X~ = [X, 1]).
/// </summary>
/// <remarks>
/// <para>
/// liblinear's sparse_operator loops: one pass over the stored entries per call, the row's dot product in four
/// accumulators, then the transposed update. A row's loss, residual and D are the dense pass's scalar lane math
/// (<see cref="VectorMath{TSimd, TVec, T}"/> over <see cref="SimdScalar{T}"/>), so the results agree with the dense
/// pass on the densified data to rounding (the sums run in another order).
/// </para>
/// <para>
/// They run on the calling thread: the products are scattered into n sums, so a parallel form needs a copy of
/// them per chunk, which pays only when threads x features is small. Offsets need not start at 0 (sliced views).
/// The callers have checked the arguments; nothing is allocated.
/// </para>
/// </remarks>
internal static class SparseSecondOrderPass
{
    /// <summary>
    /// J and [dJ/dw, dJ/db] (n + 1 elements) at (w, b), D into <paramref name="curvature"/> (m elements); the total
    /// sample weight S in <paramref name="totalWeight"/>. Empty <paramref name="sampleWeights"/> means all ones.
    /// </summary>
    public static double Gradient<T>(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<double> weights, double bias, double lambda, Span<double> gradient, Span<double> curvature, out double totalWeight)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = x.Columns;
        ReadOnlySpan<int> offsets = x.RowOffsets;
        ReadOnlySpan<int> indices = x.ColumnIndices;
        ReadOnlySpan<T> values = x.Values;
        Span<double> sums = gradient[..n];
        sums.Clear();
        double lossSum = 0, residualSum = 0, weightSum = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            int start = offsets[i], end = offsets[i + 1];
            double z = Dot(indices[start..end], values[start..end], weights) + bias;
            double s = sampleWeights.IsEmpty ? 1.0 : sampleWeights[i];
            double sigma = VectorMath<SimdScalar<double>, double, double>.Sigmoid(z);
            curvature[i] = s * (sigma * (1 - sigma));
            double dz = s * VectorMath<SimdScalar<double>, double, double>.ResidualAndLogLoss(z, y[i], out double loss);
            lossSum = Math.FusedMultiplyAdd(s, loss, lossSum);
            residualSum += dz;
            weightSum += s;
            AddScaled(indices[start..end], values[start..end], dz, sums);
        }

        totalWeight = sampleWeights.IsEmpty ? x.Rows : weightSum;
        double scale = x.Rows == 0 ? 0.0 : 1.0 / totalWeight;
        double squares = 0;
        for (int j = 0; j < n; j++)
        {
            double w = weights[j];
            gradient[j] = (sums[j] * scale) + (lambda * w);
            squares += w * w;
        }

        gradient[n] = residualSum * scale;
        return (lossSum * scale) + (0.5 * lambda * squares);
    }

    /// <summary>H v for v = [<paramref name="direction"/>, <paramref name="directionBias"/>]: writes the n weight components, returns the bias one.</summary>
    public static double HessianVector<T>(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<double> curvature, double totalWeight, ReadOnlySpan<double> direction, double directionBias, double lambda, Span<double> product)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = x.Columns;
        ReadOnlySpan<int> offsets = x.RowOffsets;
        ReadOnlySpan<int> indices = x.ColumnIndices;
        ReadOnlySpan<T> values = x.Values;
        Span<double> sums = product[..n];
        sums.Clear();
        double biasSum = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            int start = offsets[i], end = offsets[i + 1];
            double t = curvature[i] * (Dot(indices[start..end], values[start..end], direction) + directionBias);
            biasSum += t;
            AddScaled(indices[start..end], values[start..end], t, sums);
        }

        double scale = x.Rows == 0 ? 0.0 : 1.0 / totalWeight;
        for (int j = 0; j < n; j++)
        {
            product[j] = (sums[j] * scale) + (lambda * direction[j]);
        }

        return biasSum * scale;
    }

    /// <summary>
    /// The (n + 1) x (n + 1) Hessian X~^T D X~ / S + lambda diag(1, ..., 1, 0), row-major: each row adds D_i x_a x_b
    /// for its stored pairs a &lt;= b (the upper triangle), then the triangle is mirrored.
    /// </summary>
    public static void Hessian<T>(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<double> curvature, double totalWeight, double lambda, Span<double> hessian)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = x.Columns;
        int size = n + 1;
        ReadOnlySpan<int> offsets = x.RowOffsets;
        ReadOnlySpan<int> indices = x.ColumnIndices;
        ReadOnlySpan<T> values = x.Values;
        hessian[..(size * size)].Clear();
        for (int i = 0; i < x.Rows; i++)
        {
            double d = curvature[i];
            int end = offsets[i + 1];
            for (int p = offsets[i]; p < end; p++)
            {
                double scaled = d * double.CreateTruncating(values[p]);
                Span<double> row = hessian.Slice(indices[p] * size, size);
                for (int q = p; q < end; q++)
                {
                    row[indices[q]] = Math.FusedMultiplyAdd(scaled, double.CreateTruncating(values[q]), row[indices[q]]);
                }

                row[n] += scaled;
            }

            hessian[(n * size) + n] += d;
        }

        double scale = x.Rows == 0 ? 0.0 : 1.0 / totalWeight;
        for (int a = 0; a < size; a++)
        {
            for (int b = a; b < size; b++)
            {
                double value = hessian[(a * size) + b] * scale;
                hessian[(a * size) + b] = value;
                hessian[(b * size) + a] = value;
            }

            if (a < n)
            {
                hessian[(a * size) + a] += lambda;
            }
        }
    }

    // The row's stored entries . v, in four accumulators (the row's entries are a few tens: no SIMD gather here).
    // Indices are in [0, v.Length): the CSR view was checked when made, so the loads skip bounds checks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot<T>(ReadOnlySpan<int> indices, ReadOnlySpan<T> values, ReadOnlySpan<double> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref int index = ref MemoryMarshal.GetReference(indices);
        ref T value = ref MemoryMarshal.GetReference(values);
        ref double w = ref MemoryMarshal.GetReference(v);
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        nint count = indices.Length;
        nint k = 0;
        for (; k + 4 <= count; k += 4)
        {
            a0 = Math.FusedMultiplyAdd(double.CreateTruncating(Unsafe.Add(ref value, k)), Unsafe.Add(ref w, (nint)(uint)Unsafe.Add(ref index, k)), a0);
            a1 = Math.FusedMultiplyAdd(double.CreateTruncating(Unsafe.Add(ref value, k + 1)), Unsafe.Add(ref w, (nint)(uint)Unsafe.Add(ref index, k + 1)), a1);
            a2 = Math.FusedMultiplyAdd(double.CreateTruncating(Unsafe.Add(ref value, k + 2)), Unsafe.Add(ref w, (nint)(uint)Unsafe.Add(ref index, k + 2)), a2);
            a3 = Math.FusedMultiplyAdd(double.CreateTruncating(Unsafe.Add(ref value, k + 3)), Unsafe.Add(ref w, (nint)(uint)Unsafe.Add(ref index, k + 3)), a3);
        }

        for (; k < count; k++)
        {
            a0 = Math.FusedMultiplyAdd(double.CreateTruncating(Unsafe.Add(ref value, k)), Unsafe.Add(ref w, (nint)(uint)Unsafe.Add(ref index, k)), a0);
        }

        return (a0 + a1) + (a2 + a3);
    }

    // sums[j] += t x_ij over the row's stored entries (indices checked as in Dot).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled<T>(ReadOnlySpan<int> indices, ReadOnlySpan<T> values, double t, Span<double> sums)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref int index = ref MemoryMarshal.GetReference(indices);
        ref T value = ref MemoryMarshal.GetReference(values);
        ref double sum = ref MemoryMarshal.GetReference(sums);
        nint count = indices.Length;
        for (nint k = 0; k < count; k++)
        {
            ref double target = ref Unsafe.Add(ref sum, (nint)(uint)Unsafe.Add(ref index, k));
            target = Math.FusedMultiplyAdd(t, double.CreateTruncating(Unsafe.Add(ref value, k)), target);
        }
    }
}
