namespace LogReg.Simd.Kernels.Sparse;

/// <summary>
/// How the sparse pass cuts the rows: blocks of <see cref="BlockRows"/> rows share one residual sweep; chunks of
/// <see cref="ChunkRows"/> rows are the unit of float accumulation of the loss sums and of parallel work. Both are
/// fixed, never derived from the thread count or the instruction set.
/// </summary>
internal static class SparseLayout
{
    /// <summary>A multiple of 16, so the residual sweep over a block runs in whole vectors at every width.</summary>
    public const int BlockRows = 64;

    public const int ChunkRows = 4096;

    /// <summary>The most column ranges the gradient phase of a parallel pass splits the columns into.</summary>
    public const int MaxColumnRanges = 64;

    public static int ChunkCount(int rows) => (int)(((long)rows + ChunkRows - 1) / ChunkRows);
}
