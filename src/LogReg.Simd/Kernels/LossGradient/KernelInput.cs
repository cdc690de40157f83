namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>How X is stored, and so which chunk kernel runs.</summary>
internal enum XLayout
{
    /// <summary>Row by row: the row-blocked kernel, <see cref="FusedChunkKernel{TSimd, TVec, T}"/>.</summary>
    RowMajor,

    /// <summary>Column by column (the trainer's copy of narrow X): <see cref="ColumnMajorChunkKernel{TSimd, TVec, T}"/>.</summary>
    ColumnMajor,

    /// <summary>Row by row, but rows of a few features: each chunk is copied column by column, then runs as <see cref="ColumnMajor"/>.</summary>
    NarrowRows,
}

/// <summary>The validated, pinned inputs of one loss-and-gradient pass, shared read-only by its workers.</summary>
/// <remarks>
/// <see cref="Stride"/> is the elements from one row to the next (row-major X) or one column to the next (column-major X);
/// <see cref="SampleWeights"/> is null when every sample weight is 1.
/// </remarks>
internal readonly unsafe struct KernelInput<T>(T* x, int rows, int columns, int stride, XLayout layout, T* y, T* sampleWeights, T* weights, T bias)
    where T : unmanaged
{
    public readonly T* X = x;
    public readonly int Rows = rows;
    public readonly int Columns = columns;
    public readonly int Stride = stride;
    public readonly XLayout Layout = layout;
    public readonly T* Y = y;
    public readonly T* SampleWeights = sampleWeights;
    public readonly T* Weights = weights;
    public readonly T Bias = bias;

    /// <summary>Gets the length of one chunk's partial sums: n gradient sums, then sum s*loss, sum s*dz and sum s.</summary>
    public int PartialLength => Columns + 3;
}
