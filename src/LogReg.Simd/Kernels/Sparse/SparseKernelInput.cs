namespace LogReg.Simd.Kernels.Sparse;

/// <summary>The validated, pinned inputs of one sparse loss-and-gradient pass, shared read-only by its workers.</summary>
/// <remarks>Row i holds the entries [RowOffsets[i], RowOffsets[i + 1]) of <see cref="ColumnIndices"/> and <see cref="Values"/>.</remarks>
internal readonly unsafe struct SparseKernelInput<T>(int* rowOffsets, int* columnIndices, T* values, int rows, int columns, T* y, T* sampleWeights, T* weights, T bias)
    where T : unmanaged
{
    public int* RowOffsets { get; } = rowOffsets;

    public int* ColumnIndices { get; } = columnIndices;

    public T* Values { get; } = values;

    public int Rows { get; } = rows;

    public int Columns { get; } = columns;

    public T* Y { get; } = y;

    /// <summary>Null when every sample weight is 1.</summary>
    public T* SampleWeights { get; } = sampleWeights;

    public T* Weights { get; } = weights;

    public T Bias { get; } = bias;
}
