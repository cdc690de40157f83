namespace LogReg.Simd.Kernels.Sparse;

/// <summary>The validated, pinned inputs of one sparse loss-and-gradient pass, shared read-only by its workers.</summary>
/// <remarks>Row i holds the entries [RowOffsets[i], RowOffsets[i + 1]) of <see cref="ColumnIndices"/> and <see cref="Values"/>; <see cref="SampleWeights"/> is null when every sample weight is 1.</remarks>
internal readonly unsafe struct SparseKernelInput<T>(int* rowOffsets, int* columnIndices, T* values, int rows, int columns, T* y, T* sampleWeights, T* weights, T bias)
    where T : unmanaged
{
    public readonly int* RowOffsets = rowOffsets;
    public readonly int* ColumnIndices = columnIndices;
    public readonly T* Values = values;
    public readonly int Rows = rows;
    public readonly int Columns = columns;
    public readonly T* Y = y;
    public readonly T* SampleWeights = sampleWeights;
    public readonly T* Weights = weights;
    public readonly T Bias = bias;
}
