using System.Runtime.CompilerServices;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// How the fused pass cuts X: blocks of <see cref="BlockRows"/> rows stay in L1/L2 between the logit
/// and gradient sweeps; chunks of <see cref="ChunkRows"/> rows are the unit of float accumulation,
/// of parallel work and of the ordered reduction.
/// </summary>
/// <remarks>
/// Both sizes depend only on the column count and element size, never on the thread count or
/// instruction set, which is what makes the parallel result bit-identical for any thread count.
/// </remarks>
internal readonly record struct LossGradientLayout(int BlockRows, int ChunkRows)
{
    private const int BlockBytes = 16 * 1024;
    private const int ChunkBytes = 32 * 1024;
    private const int MaxBlockRows = 256;
    private const int MaxChunkRows = 4096;
    private const int MinChunkRows = 64;
    private const int ColumnMajorChunkBytes = 32 * 1024;
    private const int NarrowChunkBytes = 16 * 1024;

    public static LossGradientLayout For<T>(int columns)
        where T : unmanaged
    {
        long rowBytes = (long)Math.Max(columns, 1) * Unsafe.SizeOf<T>();
        // A multiple of 16 rows, so the residual sweep over a block runs in whole vectors at every width; but rows
        // over 1 KB get blocks of 4 to 12 rows, so the gradient sweep still finds the block in L1 (16 rows of
        // 1,000 features or more spill to L2).
        int block = (int)Math.Clamp(BlockBytes / rowBytes, 4, MaxBlockRows);
        block &= block >= 16 ? ~15 : ~3;

        // At least 64 rows per chunk: each chunk ends by widening its n sums into the double partial sums, which at
        // a few rows per chunk cost as much as the rows themselves.
        int blocksPerChunk = (int)Math.Max(MinChunkRows / block, ChunkBytes / (block * rowBytes));
        int chunk = Math.Min(block * blocksPerChunk, Math.Max(block, MaxChunkRows / block * block));
        return new LossGradientLayout(block, chunk);
    }

    /// <summary>
    /// The layout for X stored as <paramref name="xLayout"/>. A column-major pass runs one block per chunk, sized so the
    /// chunk's slice of every column (about 32 KB in all) is still in L1 when the gradient sweep reads it again; narrow
    /// row-major rows too, sized so the chunk's column-major copy and its logits (n + 1 elements a row) fit in 16 KB of stack.
    /// </summary>
    public static LossGradientLayout For<T>(int columns, XLayout xLayout)
        where T : unmanaged => xLayout switch
        {
            XLayout.ColumnMajor => ForColumnChunks<T>(columns, ColumnMajorChunkBytes),
            XLayout.NarrowRows => ForColumnChunks<T>(columns + 1, NarrowChunkBytes),
            _ => For<T>(columns),
        };

    /// <summary>
    /// Whether rows of <paramref name="columns"/> elements are narrow enough that copying each chunk into columns
    /// and running vectorized across rows beats the row kernel, whose per-row horizontal sums, broadcasts and
    /// masked tails cost about 10 ns a row whatever the width. Measured on the Xeon: float rows are copied eight at a
    /// time by a gather, and 20000x10 ran 1.2x faster copied, 1000000x16 1.5x slower; double rows, copied element by
    /// element, ran 1.9x faster at 200000x7 and 1.4x slower at 20000x10.
    /// </summary>
    public static bool IsNarrow<T>(int columns)
        where T : unmanaged => columns <= (Unsafe.SizeOf<T>() == sizeof(float) ? 10 : 8);

    private static LossGradientLayout ForColumnChunks<T>(int elementsPerRow, int chunkBytes)
        where T : unmanaged
    {
        long rowBytes = (long)Math.Max(elementsPerRow, 1) * Unsafe.SizeOf<T>();
        int chunk = (int)Math.Clamp(chunkBytes / rowBytes, 64, MaxChunkRows) & ~63;
        return new LossGradientLayout(chunk, chunk);
    }

    public int ChunkCount(int rows) => (int)(((long)rows + ChunkRows - 1) / ChunkRows);
}
