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
        TVec tailMask = TSimd.LastLanesMask(n % TSimd.Count);
        new Span<double>(gradient, n).Clear();

        TVec lossSum = TSimd.Zero, residualSum = TSimd.Zero, weightSum = TSimd.Zero;
        double lossTail = 0, residualTail = 0, weightTail = 0;
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

            FusedChunkKernel<TSimd, TVec, double>.ComputeResiduals(logits, input.Y + blockStart, weights, rows, ref lossSum, ref residualSum, ref weightSum, ref lossTail, ref residualTail, ref weightTail);
            RowBlockProducts<TSimd, TVec, double>.AccumulateTransposed(x, stride, rows, n, logits, gradient, tailMask);
        }

        new ReadOnlySpan<double>(gradient, n).CopyTo(partial);
        partial[n] = TSimd.Sum(lossSum) + lossTail;
        partial[n + 1] = TSimd.Sum(residualSum) + residualTail;
        partial[n + 2] = input.SampleWeights == null ? rowCount : TSimd.Sum(weightSum) + weightTail;
    }

    /// <summary>The Hessian-vector partial sums: n sums of D_i (x_i . v + v_b) x_i, then the sum of D_i (x_i . v + v_b).</summary>
    public static void HessianVector<TData>(in SecondOrderInput<TData> input, LossGradientLayout layout, int rowStart, int rowCount, double* products, double* hv, Span<double> partial)
        where TData : unmanaged
    {
        int n = input.Columns;
        nint stride = input.Stride;
        TVec tailMask = TSimd.LastLanesMask(n % TSimd.Count);
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
    /// </summary>
    public static void Hessian<TData>(in SecondOrderInput<TData> input, LossGradientLayout layout, int rowStart, int rowCount, double* coefficients, double* hessian)
        where TData : unmanaged
    {
        int n = input.Columns;
        int size = n + 1;
        nint stride = input.Stride;
        int count = TSimd.Count;
        int rowEnd = rowStart + rowCount;
        for (int blockStart = rowStart; blockStart < rowEnd; blockStart += layout.BlockRows)
        {
            int rows = Math.Min(layout.BlockRows, rowEnd - blockStart);
            TData* x = input.X + (blockStart * stride);
            double* d = input.Curvature + blockStart;
            for (int j = 0; j < n; j++)
            {
                for (int r = 0; r < rows; r++)
                {
                    coefficients[r] = d[r] * WidenedLoad<TSimd, TVec, double>.Scalar(x[(r * stride) + j]);
                }

                // From the vector that holds column j (the caller's width fits n, so the vector fits too).
                int start = Math.Min(j - (j % count), n - count);
                int length = n - start;
                RowBlockProducts<TSimd, TVec, double>.AccumulateTransposed(x + start, stride, rows, length, coefficients, hessian + (j * size) + start, TSimd.LastLanesMask(length % count));
            }

            RowBlockProducts<TSimd, TVec, double>.AccumulateTransposed(x, stride, rows, n, d, hessian + (n * size), TSimd.LastLanesMask(n % count));
            double curvatureSum = 0;
            for (int r = 0; r < rows; r++)
            {
                curvatureSum += d[r];
            }

            hessian[(n * size) + n] += curvatureSum;
        }
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
            TVec sigma = TSimd.Sigmoid(TSimd.Load(in zRef, k));
            TVec d = TSimd.Multiply(sigma, TSimd.Subtract(one, sigma));
            if (sampleWeights != null)
            {
                d = TSimd.Multiply(d, TSimd.Load(in Unsafe.AsRef<double>(sampleWeights), k));
            }

            TSimd.Store(d, ref dRef, k);
        }

        for (; k < length; k++)
        {
            double sigma = SimdScalar<double>.Sigmoid(z[k]);
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
