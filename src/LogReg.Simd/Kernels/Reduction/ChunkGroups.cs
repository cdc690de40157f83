namespace LogReg.Simd.Kernels.Reduction;

/// <summary>
/// Consecutive chunks gathered into at most <see cref="MaxGroups"/> groups: the unit of parallel work and of the
/// ordered reduction. A group's partial sums are its chunks' sums added in chunk order, and the groups are added
/// in group order, so the result depends on the data's shape only, never on the thread count; and the partial-sum
/// memory is at most <see cref="MaxGroups"/> rows of partial sums (n + 3 doubles for the loss-and-gradient pass, which
/// also keeps the totals and a row per thread) however many chunks there are: for float rows of more than a few
/// features, a few percent of X.
/// </summary>
/// <param name="Count">The number of groups.</param>
/// <param name="ChunkCount">The number of chunks.</param>
/// <param name="ChunksPerGroup">The chunks in every group but possibly the last.</param>
internal readonly record struct ChunkGroups(int Count, int ChunkCount, int ChunksPerGroup)
{
    /// <summary>Enough groups for two threads to balance well, few enough that the partial sums stay small.</summary>
    public const int MaxGroups = 64;

    /// <summary>The chunks in at most <paramref name="maxGroups"/> groups (at least 1).</summary>
    public static ChunkGroups For(int chunks, int maxGroups = MaxGroups)
    {
        if (chunks == 0)
        {
            return new ChunkGroups(0, 0, 1);
        }

        int perGroup = (chunks + maxGroups - 1) / maxGroups;
        return new ChunkGroups((chunks + perGroup - 1) / perGroup, chunks, perGroup);
    }

    /// <summary>
    /// The distance, in doubles, between rows of <paramref name="partialLength"/> partial sums in one array: at least a
    /// 64-byte cache line of gap after each row, because a pooled array is only 8-byte aligned, so two threads writing
    /// neighbouring rows never write the same line.
    /// </summary>
    public static int PartialRowStride(int partialLength) => (partialLength + 15) & ~7;

    /// <summary>The chunks [first, end) of group <paramref name="group"/>.</summary>
    public (int First, int End) Chunks(int group)
    {
        int first = group * ChunksPerGroup;
        return (first, Math.Min(first + ChunksPerGroup, ChunkCount));
    }
}
