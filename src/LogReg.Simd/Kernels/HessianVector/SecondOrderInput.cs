namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>
/// The pinned inputs of one second-order pass (loss-gradient-curvature, Hessian-vector or Hessian), shared
/// read-only by its workers. X is stored as <typeparamref name="TData"/> (float or double); everything else is double.
/// </summary>
/// <remarks>
/// <see cref="Stride"/> is the elements from one row to the next. <see cref="Y"/> and <see cref="SampleWeights"/> (null when
/// every weight is 1) serve the gradient pass only; <see cref="Vector"/> and <see cref="Bias"/> are w and b there and the
/// direction v and its bias component in the Hessian-vector pass; <see cref="Curvature"/> holds D_i = s_i sigma_i (1 - sigma_i),
/// written by the gradient pass when not null and read by the others.
/// </remarks>
internal readonly unsafe struct SecondOrderInput<TData>(TData* x, int rows, int columns, int stride, double* y, double* sampleWeights, double* vector, double bias, double* curvature)
    where TData : unmanaged
{
    public readonly TData* X = x;
    public readonly int Rows = rows;
    public readonly int Columns = columns;
    public readonly int Stride = stride;
    public readonly double* Y = y;
    public readonly double* SampleWeights = sampleWeights;
    public readonly double* Vector = vector;
    public readonly double Bias = bias;
    public readonly double* Curvature = curvature;
}
