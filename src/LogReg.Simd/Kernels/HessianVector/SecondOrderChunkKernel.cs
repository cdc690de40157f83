using System.Runtime.CompilerServices;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>
/// The second-order passes over one chunk of row-major rows at one width, computed in double over X stored as
/// float or double: the loss and gradient that also store the curvature D, the Hessian-vector product
/// X^T (D (X v)), and the Hessian's upper triangle X~^T D X~ (X~ = [X, 1]).
/// </summary>
/// <remarks>
/// Each is the fused pass's block structure: the products of a block of rows, an element-wise step over the
/// block, then the transposed update while the rows are still in L1/L2 (<see cref="RowBlockProducts{TSimd, TVec, T}"/>).
/// </remarks>
internal static unsafe class SecondOrderChunkKernel<TSimd, TVec>
    where TSimd : ISimd<TVec, double>
    where TVec : unmanaged
{
    /// <summary>The loss-and-gradient partial sums (n gradient sums, sum s*loss, sum s*dz, sum s); stores D when asked.</summary>
    public static void Gradient<TData>(in SecondOrderInput<TData> input, LossGradientLayout layout, int rowStart, int rowCount, double* logits, double* gradient, Span<double> partial)
        where TData : unmanaged
    {
        int n = input.Columns;
        nint stride = input.Stride;
        TVec tailMask = VectorMath<TSimd, TVec, double>.LastLanesMask(n % TSimd.Count);
        new Span<double>(gradient, n).Clear();

        var sums = default(ResidualSums<TSimd, TVec, double>);
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += layout.BlockRows)
        {
            int rows = Math.Min(layout.BlockRows, rowEnd - blockStart);
            TData* x = input.X + (blockStart * stride);
            RowBlockProducts<TSimd, TVec, double>.Products(x, stride, rows, n, input.Vector, input.Bias, logits, tailMask);
            double* weights = input.SampleWeights == null ? null : input.SampleWeights + blockStart;
            if (input.Curvature != null)
            {
                StoreCurvature(logits, weights, rows, input.Curvature + blockStart);
            }

            sums.Accumulate(logits, input.Y + blockStart, weights, rows);
            RowBlockProducts<TSimd, TVec, double>.AccumulateTransposed(x, stride, rows, n, logits, gradient, tailMask);
        }

        new ReadOnlySpan<double>(gradient, n).CopyTo(partial);
        sums.WriteTo(partial, n);
    }

    /// <summary>The Hessian-vector partial sums: n sums of D_i (x_i . v + v_b) x_i, then the sum of D_i (x_i . v + v_b).</summary>
    public static void HessianVector<TData>(in SecondOrderInput<TData> input, LossGradientLayout layout, int rowStart, int rowCount, double* products, double* hv, Span<double> partial)
        where TData : unmanaged
    {
        int n = input.Columns;
        nint stride = input.Stride;
        TVec tailMask = VectorMath<TSimd, TVec, double>.LastLanesMask(n % TSimd.Count);
        new Span<double>(hv, n).Clear();
        TVec biasSum = TSimd.Zero;
        double biasTail = 0;
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += layout.BlockRows)
        {
            int rows = Math.Min(layout.BlockRows, rowEnd - blockStart);
            TData* x = input.X + (blockStart * stride);
            RowBlockProducts<TSimd, TVec, double>.Products(x, stride, rows, n, input.Vector, input.Bias, products, tailMask);
            ScaleByCurvature(products, input.Curvature + blockStart, rows, ref biasSum, ref biasTail);
            RowBlockProducts<TSimd, TVec, double>.AccumulateTransposed(x, stride, rows, n, products, hv, tailMask);
        }

        new ReadOnlySpan<double>(hv, n).CopyTo(partial);
        partial[n] = TSimd.Sum(biasSum) + biasTail;
    }

    /// <summary>
    /// Adds the chunk's rows into the (n + 1) x (n + 1) sums <paramref name="hessian"/> (row-major): row j from the
    /// vector holding column j onwards (the upper triangle, plus a few entries left of the diagonal), row n whole.
    /// <paramref name="scaled"/> holds n x <see cref="SecondOrderPass.HessianBlockRows"/> doubles.
    /// </summary>
    /// <remarks>
    /// A block's rows are first scaled by D and transposed into <paramref name="scaled"/> (column j is
    /// D_r x_rj over the block's rows); then four rows of H and two vectors of columns are summed in eight
    /// registers over the block's rows, so each load of x serves four multiply-adds and H is read and written
    /// once per block.
    /// </remarks>
    public static void Hessian<TData>(in SecondOrderInput<TData> input, int rowStart, int rowCount, double* scaled, double* hessian)
        where TData : unmanaged
    {
        int n = input.Columns;
        int size = n + 1;
        nint stride = input.Stride;
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += SecondOrderPass.HessianBlockRows)
        {
            int rows = Math.Min(SecondOrderPass.HessianBlockRows, rowEnd - blockStart);
            TData* x = input.X + (blockStart * stride);
            double* d = input.Curvature + blockStart;
            for (int r = 0; r < rows; r++)
            {
                TData* row = x + (r * stride);
                for (int j = 0; j < n; j++)
                {
                    scaled[(j * SecondOrderPass.HessianBlockRows) + r] = d[r] * WidenedLoad<TSimd, TVec, double>.Scalar(row[j]);
                }
            }

            for (int j = 0; j < n; j += 4)
            {
                AddRowGroup(x, stride, rows, n, j, Math.Min(4, n - j), scaled, hessian, size);
            }

            RowBlockProducts<TSimd, TVec, double>.AccumulateTransposed(x, stride, rows, n, d, hessian + (n * size), VectorMath<TSimd, TVec, double>.LastLanesMask(n % TSimd.Count));
            double curvatureSum = 0;
            for (int r = 0; r < rows; r++)
            {
                curvatureSum += d[r];
            }

            hessian[(n * size) + n] += curvatureSum;
        }
    }

    // Rows j .. j + count - 1 of H (count <= 4), from the vector holding column j to the end: whole vectors two at a
    // time, then one, then an overlapping last vector whose already-counted lanes are masked (the caller's width fits n).
    private static void AddRowGroup<TData>(TData* x, nint stride, int rows, int n, int j, int count, double* scaled, double* hessian, int size)
        where TData : unmanaged
    {
        nuint lanes = (nuint)TSimd.Count;
        nuint columns = (nuint)n;
        nuint fullEnd = columns - (columns % lanes);
        nuint k = (nuint)j / lanes * lanes;
        double* c0 = scaled + (j * SecondOrderPass.HessianBlockRows);
        double* c1 = count > 1 ? c0 + SecondOrderPass.HessianBlockRows : c0;
        double* c2 = count > 2 ? c0 + (2 * SecondOrderPass.HessianBlockRows) : c0;
        double* c3 = count > 3 ? c0 + (3 * SecondOrderPass.HessianBlockRows) : c0;
        for (; k + (2 * lanes) <= fullEnd; k += 2 * lanes)
        {
            TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
            TVec b0 = TSimd.Zero, b1 = TSimd.Zero, b2 = TSimd.Zero, b3 = TSimd.Zero;
            for (int r = 0; r < rows; r++)
            {
                ref TData row = ref Unsafe.AsRef<TData>(x + (r * stride));
                TVec xa = WidenedLoad<TSimd, TVec, double>.Load(in row, k);
                TVec xb = WidenedLoad<TSimd, TVec, double>.Load(in row, k + lanes);
                TVec s0 = TSimd.Broadcast(c0[r]), s1 = TSimd.Broadcast(c1[r]), s2 = TSimd.Broadcast(c2[r]), s3 = TSimd.Broadcast(c3[r]);
                a0 = TSimd.MultiplyAdd(s0, xa, a0);
                a1 = TSimd.MultiplyAdd(s1, xa, a1);
                a2 = TSimd.MultiplyAdd(s2, xa, a2);
                a3 = TSimd.MultiplyAdd(s3, xa, a3);
                b0 = TSimd.MultiplyAdd(s0, xb, b0);
                b1 = TSimd.MultiplyAdd(s1, xb, b1);
                b2 = TSimd.MultiplyAdd(s2, xb, b2);
                b3 = TSimd.MultiplyAdd(s3, xb, b3);
            }

            Store(hessian, size, j, count, k, a0, a1, a2, a3);
            Store(hessian, size, j, count, k + lanes, b0, b1, b2, b3);
        }

        for (; k + lanes <= fullEnd; k += lanes)
        {
            Column(x, stride, rows, k, c0, c1, c2, c3, out TVec a0, out TVec a1, out TVec a2, out TVec a3);
            Store(hessian, size, j, count, k, a0, a1, a2, a3);
        }

        if (fullEnd != columns)
        {
            nuint tailStart = columns - lanes;
            TVec mask = VectorMath<TSimd, TVec, double>.LastLanesMask((int)(columns % lanes));
            Column(x, stride, rows, tailStart, c0, c1, c2, c3, out TVec a0, out TVec a1, out TVec a2, out TVec a3);
            Store(hessian, size, j, count, tailStart, TSimd.And(a0, mask), TSimd.And(a1, mask), TSimd.And(a2, mask), TSimd.And(a3, mask));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column<TData>(TData* x, nint stride, int rows, nuint k, double* c0, double* c1, double* c2, double* c3, out TVec a0, out TVec a1, out TVec a2, out TVec a3)
        where TData : unmanaged
    {
        a0 = TSimd.Zero;
        a1 = TSimd.Zero;
        a2 = TSimd.Zero;
        a3 = TSimd.Zero;
        for (int r = 0; r < rows; r++)
        {
            TVec xa = WidenedLoad<TSimd, TVec, double>.Load(in Unsafe.AsRef<TData>(x + (r * stride)), k);
            a0 = TSimd.MultiplyAdd(TSimd.Broadcast(c0[r]), xa, a0);
            a1 = TSimd.MultiplyAdd(TSimd.Broadcast(c1[r]), xa, a1);
            a2 = TSimd.MultiplyAdd(TSimd.Broadcast(c2[r]), xa, a2);
            a3 = TSimd.MultiplyAdd(TSimd.Broadcast(c3[r]), xa, a3);
        }
    }

    // Adds the group's sums into rows j .. j + count - 1 at column k (rows past count are duplicates of row j: dropped).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(double* hessian, int size, int j, int count, nuint k, TVec a0, TVec a1, TVec a2, TVec a3)
    {
        AddInto(hessian + (j * size), k, a0);
        if (count > 1)
        {
            AddInto(hessian + ((j + 1) * size), k, a1);
        }

        if (count > 2)
        {
            AddInto(hessian + ((j + 2) * size), k, a2);
        }

        if (count > 3)
        {
            AddInto(hessian + ((j + 3) * size), k, a3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInto(double* row, nuint k, TVec value)
    {
        ref double h = ref Unsafe.AsRef<double>(row);
        TSimd.Store(TSimd.Add(TSimd.Load(in h, k), value), ref h, k);
    }

    // D = s sigma(z) (1 - sigma(z)); 1 - sigma loses relative digits only where D is below 1e-16 of its peak.
    private static void StoreCurvature(double* z, double* sampleWeights, int rows, double* curvature)
    {
        ref double zRef = ref Unsafe.AsRef<double>(z);
        ref double dRef = ref Unsafe.AsRef<double>(curvature);
        nuint count = (nuint)TSimd.Count;
        nuint length = (nuint)rows;
        TVec one = TSimd.Broadcast(1.0);
        nuint k = 0;
        for (; k + count <= length; k += count)
        {
            TVec sigma = VectorMath<TSimd, TVec, double>.Sigmoid(TSimd.Load(in zRef, k));
            TVec d = TSimd.Multiply(sigma, TSimd.Subtract(one, sigma));
            if (sampleWeights != null)
            {
                d = TSimd.Multiply(d, TSimd.Load(in Unsafe.AsRef<double>(sampleWeights), k));
            }

            TSimd.Store(d, ref dRef, k);
        }

        for (; k < length; k++)
        {
            double sigma = VectorMath<SimdScalar<double>, double, double>.Sigmoid(z[k]);
            double d = sigma * (1 - sigma);
            curvature[k] = sampleWeights == null ? d : d * sampleWeights[k];
        }
    }

    // u_r = D_r u_r in place, and their sum (the bias row of X~^T D X~ v).
    private static void ScaleByCurvature(double* u, double* curvature, int rows, ref TVec sum, ref double tail)
    {
        ref double uRef = ref Unsafe.AsRef<double>(u);
        ref double dRef = ref Unsafe.AsRef<double>(curvature);
        nuint count = (nuint)TSimd.Count;
        nuint length = (nuint)rows;
        nuint k = 0;
        for (; k + count <= length; k += count)
        {
            TVec t = TSimd.Multiply(TSimd.Load(in uRef, k), TSimd.Load(in dRef, k));
            sum = TSimd.Add(sum, t);
            TSimd.Store(t, ref uRef, k);
        }

        for (; k < length; k++)
        {
            double t = u[k] * curvature[k];
            tail += t;
            u[k] = t;
        }
    }
}
