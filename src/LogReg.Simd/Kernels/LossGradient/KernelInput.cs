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
internal readonly unsafe struct KernelInput<T>
    where T : unmanaged
{
    public KernelInput(T* x, int rows, int columns, int stride, XLayout layout, T* y, T* sampleWeights, T* weights, T bias)
    {
        X = x;
        Rows = rows;
        Columns = columns;
        Stride = stride;
        Layout = layout;
        Y = y;
        SampleWeights = sampleWeights;
        Weights = weights;
        Bias = bias;
    }

    public T* X { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Elements from one row to the next (row-major X) or from one column to the next (column-major X).</summary>
    public int Stride { get; }

    public XLayout Layout { get; }

    public T* Y { get; }

    /// <summary>Null when every sample weight is 1.</summary>
    public T* SampleWeights { get; }

    public T* Weights { get; }

    public T Bias { get; }

    /// <summary>The length of one chunk's partial sums: n gradient sums, then sum s*loss, sum s*dz and sum s.</summary>
    public int PartialLength => Columns + 3;
}
