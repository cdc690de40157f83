using LogReg.Simd.Kernels.Reduction;

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

    /// <summary>The most memory the dense per-group partial gradients of one pass over narrow data may take.</summary>
    public const long MaxPartialBytes = 16L << 20;

    /// <summary>The fewest groups narrow data may be cut into, so that two or more threads balance.</summary>
    public const int MinRowGroups = 8;

    /// <summary>
    /// The widest data whose gradient is summed in per-group dense partials (262,144 columns, 2 MB a partial); wider
    /// data sums into one dense vector by column ranges.
    /// </summary>
    public const int RowGroupMaxColumns = (int)(MaxPartialBytes / (sizeof(double) * MinRowGroups));

    public static int ChunkCount(int rows) => (int)(((long)rows + ChunkRows - 1) / ChunkRows);

    /// <summary>The chunks of narrow data in groups: as many as <see cref="ChunkGroups.MaxGroups"/>, fewer when their partials would pass <see cref="MaxPartialBytes"/>.</summary>
    public static ChunkGroups RowGroups(int columns, int chunks) =>
        ChunkGroups.For(chunks, (int)Math.Min(ChunkGroups.MaxGroups, MaxPartialBytes / (sizeof(double) * (long)Math.Max(columns, 1))));
}
