using LogReg.Simd.Kernels.HessianVector;

namespace LogReg.Simd.Training.Solvers;

/// <summary>The second-order passes over CSR data (<see cref="SparseSecondOrderPass"/>), on the calling thread.</summary>
internal ref partial struct LossFunction<T>
{
    // J and its gradient at (w, b), D into the pending buffer.
    private readonly double EvaluateSparseWithCurvature(ReadOnlySpan<double> w, double bias, Span<double> gradient)
    {
        SecondOrderState state = _secondOrder!;
        ReadOnlySpan<double> sampleWeights = _sampleWeights.IsEmpty ? default : state.Weights(_sampleWeights);
        double loss = SparseSecondOrderPass.Gradient(_sparse, state.Labels(_y), sampleWeights, w, bias, _doubleLambda, gradient, state.PendingCurvature, out double totalWeight);
        state.TotalWeight = totalWeight;
        return loss;
    }

    // The n weight components of H v into hv; returns the bias one.
    private readonly double SparseHessianVector(ReadOnlySpan<double> v, Span<double> hv)
    {
        SecondOrderState state = _secondOrder!;
        int n = _sparse.Columns;
        return SparseSecondOrderPass.HessianVector(_sparse, state.Curvature, state.TotalWeight, v[..n], _fitIntercept ? v[n] : 0.0, _doubleLambda, hv[..n]);
    }

    private readonly void SparseHessian(Span<double> hessian) =>
        SparseSecondOrderPass.Hessian(_sparse, _secondOrder!.Curvature, _secondOrder.TotalWeight, _doubleLambda, hessian);
}
