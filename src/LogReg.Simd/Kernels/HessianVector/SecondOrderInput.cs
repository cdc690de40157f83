namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>
/// The pinned inputs of one second-order pass (loss-gradient-curvature, Hessian-vector or Hessian), shared
/// read-only by its workers. X is stored as <typeparamref name="TData"/> (float or double); everything else is double.
/// </summary>
internal readonly unsafe struct SecondOrderInput<TData>
    where TData : unmanaged
{
    public SecondOrderInput(TData* x, int rows, int columns, int stride, double* y, double* sampleWeights, double* vector, double bias, double* curvature)
    {
        X = x;
        Rows = rows;
        Columns = columns;
        Stride = stride;
        Y = y;
        SampleWeights = sampleWeights;
        Vector = vector;
        Bias = bias;
        Curvature = curvature;
    }

    public TData* X { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Elements from one row to the next.</summary>
    public int Stride { get; }

    /// <summary>The labels (gradient pass only).</summary>
    public double* Y { get; }

    /// <summary>Null when every sample weight is 1 (gradient pass only).</summary>
    public double* SampleWeights { get; }

    /// <summary>w (gradient pass) or the direction v (Hessian-vector pass), n elements.</summary>
    public double* Vector { get; }

    /// <summary>b (gradient pass) or the direction's bias component.</summary>
    public double Bias { get; }

    /// <summary>D_i = s_i sigma_i (1 - sigma_i), m elements: written by the gradient pass when not null, read by the others.</summary>
    public double* Curvature { get; }
}
