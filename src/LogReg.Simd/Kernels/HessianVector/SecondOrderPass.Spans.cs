using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>The second-order passes over spans, pinned here: for tests and benchmarks, which run every width.</summary>
internal static unsafe partial class SecondOrderPass
{
    /// <summary>J and [dJ/dw, dJ/db] (n + 1 elements) at (w, b), storing D in <paramref name="curvature"/> (m elements).</summary>
    public static double Gradient<TData>(ReadOnlyMatrixSpan<TData> x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<double> weights, double bias, double lambda, Span<double> gradient, Span<double> curvature, SimdWidth width, int threads)
        where TData : unmanaged
    {
        fixed (TData* xPtr = x.Span)
        fixed (double* yPtr = y)
        fixed (double* sPtr = sampleWeights)
        fixed (double* wPtr = weights)
        fixed (double* dPtr = curvature)
        {
            var input = new SecondOrderInput<TData>(xPtr, x.Rows, x.Columns, x.RowStride, yPtr, sampleWeights.IsEmpty ? null : sPtr, wPtr, bias, dPtr);
            return Gradient(input, lambda, gradient, out _, width, threads);
        }
    }

    /// <summary>The (n + 1) x (n + 1) Hessian for the curvature D, row-major.</summary>
    public static void Hessian<TData>(ReadOnlyMatrixSpan<TData> x, ReadOnlySpan<double> curvature, double totalWeight, double lambda, Span<double> hessian, SimdWidth width, int threads)
        where TData : unmanaged
    {
        fixed (TData* xPtr = x.Span)
        fixed (double* dPtr = curvature)
        {
            var input = new SecondOrderInput<TData>(xPtr, x.Rows, x.Columns, x.RowStride, null, null, null, 0, dPtr);
            Hessian(input, totalWeight, lambda, hessian, width, threads);
        }
    }
}
