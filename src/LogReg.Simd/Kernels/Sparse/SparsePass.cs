using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Reduction;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.Sparse;

/// <summary>
/// The loss-and-gradient pass over a CSR X, on one thread (fused: one pass over the entries, each block's residuals
/// scattered while its rows are in cache) or several, with results bit-identical for any thread count.
/// </summary>
/// <remarks>
/// <para>
/// The gradient sums in double. How depends on the column count n only, never on the thread count:
/// </para>
/// <para>
/// Narrow (n at most <see cref="SparseLayout.RowGroupMaxColumns"/>): the chunks of rows form fixed groups
/// (<see cref="SparseLayout.RowGroups"/>); each group's products are added in row order into the group's own dense
/// partial, and the partials into the gradient in group order. The parallel pass gives whole groups to the threads,
/// reads the entries once, and keeps one partial per group: at most <see cref="SparseLayout.MaxPartialBytes"/>,
/// whatever the thread count (one rented array, which the pool may round up to the next power of two). The serial pass keeps one partial and adds it after each group.
/// </para>
/// <para>
/// Wide: column j receives the products dz_i x_ij in row order into one dense vector. The parallel pass first
/// computes every row's residual (rows in chunks, on all threads, into a buffer of m elements), then splits the
/// columns into ranges, each thread scanning every row for the entries in its range (found by binary search in the
/// row's sorted indices) and adding them in row order. So it needs m + n + 3 elements besides its inputs, never
/// threads x n: at 3 million features and 64 threads, 24 MB, not 1.5 GB. Column ranges are balanced by the entries
/// they hold in a sample of the rows; they change only who adds, never the order of the additions.
/// </para>
/// <para>The loss sums are per chunk, added in chunk order in both cases.</para>
/// </remarks>
internal static unsafe class SparsePass
{
    public static T Run<T>(
        ReadOnlyCsrMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        Span<T> weightGradient,
        out T biasGradient,
        SimdWidth width,
        int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int m = x.Rows;
        int n = x.Columns;
        int chunks = SparseLayout.ChunkCount(m);
        double[] totals = ArrayPool<double>.Shared.Rent(n + 3);
        Array.Clear(totals, 0, n + 3);

        fixed (int* offsets = x.RowOffsets)
        fixed (int* indices = x.ColumnIndices)
        fixed (T* values = x.Values)
        fixed (T* yPtr = y)
        fixed (T* sPtr = sampleWeights)
        fixed (T* wPtr = weights)
        fixed (double* gradient = totals)
        {
            var input = new SparseKernelInput<T>(offsets, indices, values, m, n, yPtr, sampleWeights.IsEmpty ? null : sPtr, wPtr, bias);
            if (n <= SparseLayout.RowGroupMaxColumns)
            {
                ChunkGroups groups = SparseLayout.RowGroups(n, chunks);
                if (threads <= 1 || groups.Count <= 1)
                {
                    RunGroupsSerial(input, groups, width, gradient);
                }
                else
                {
                    RunGroupsParallel(input, groups, width, threads, gradient);
                }
            }
            else
            {
                int columnRanges = Math.Min(threads, SparseLayout.MaxColumnRanges);
                if (threads <= 1 || chunks <= 1)
                {
                    RunSerial(input, chunks, width, gradient);
                }
                else
                {
                    RunParallel(input, chunks, width, threads, columnRanges, gradient);
                }
            }
        }

        T loss = LossGradientPass.Finish(totals.AsSpan(0, n + 3), m, weights, lambda, weightGradient, out biasGradient);
        ArrayPool<double>.Shared.Return(totals);
        return loss;
    }

    // Group by group: the first group's products straight into the (zero) totals, as 0 + partial would leave them
    // (a sum that starts at +0 is never -0); each later group's into one partial, then added into the totals.
    private static void RunGroupsSerial<T>(in SparseKernelInput<T> input, ChunkGroups groups, SimdWidth width, double* totals)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = input.Columns;
        T* block = stackalloc T[SparseLayout.BlockRows];
        Span<double> sums = stackalloc double[3];
        double[]? partial = groups.Count > 1 ? ArrayPool<double>.Shared.Rent(n) : null;
        fixed (double* partialPtr = partial)
        {
            for (int g = 0; g < groups.Count; g++)
            {
                double* target = g == 0 ? totals : partialPtr;
                if (g > 0)
                {
                    new Span<double>(partialPtr, n).Clear();
                }

                (int first, int end) = groups.Chunks(g);
                for (int c = first; c < end; c++)
                {
                    AccumulateChunk(input, c, width, block, residualsPerBlock: true, target, sums);
                    AddSums(n, totals, sums);
                }

                if (g > 0)
                {
                    TensorPrimitives.Add(new ReadOnlySpan<double>(totals, n), new ReadOnlySpan<double>(partialPtr, n), new Span<double>(totals, n));
                }
            }
        }

        if (partial is not null)
        {
            ArrayPool<double>.Shared.Return(partial);
        }
    }

    // Whole groups on the threads, each into its own partial; then the chunk sums in chunk order and the partials
    // in group order: the serial run's operations.
    private static void RunGroupsParallel<T>(in SparseKernelInput<T> input, ChunkGroups groups, SimdWidth width, int threads, double* totals)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = input.Columns;
        double[] partials = ArrayPool<double>.Shared.Rent(groups.Count * n);
        double[] chunkSums = ArrayPool<double>.Shared.Rent(3 * groups.ChunkCount);
        SparseJob<T> job = SparseJob<T>.ForThisThread;
        fixed (double* partialsPtr = partials)
        {
            int participants = WorkerPool.Shared.Participants(threads, groups.Count);
            job.StartGroups(input, groups, width, chunkSums, partialsPtr, participants);
            try
            {
                WorkerPool.Shared.Run(job, participants);
            }
            finally
            {
                job.Clear();
            }

            for (int c = 0; c < groups.ChunkCount; c++)
            {
                AddSums(n, totals, chunkSums.AsSpan(3 * c, 3));
            }

            var total = new Span<double>(totals, n);
            for (int g = 0; g < groups.Count; g++)
            {
                TensorPrimitives.Add(total, new ReadOnlySpan<double>(partialsPtr + ((long)g * n), n), total);
            }
        }

        ArrayPool<double>.Shared.Return(chunkSums);
        ArrayPool<double>.Shared.Return(partials);
    }

    // Chunk by chunk, block by block: logits, residuals, scatter; the chunk's loss sums added in chunk order.
    private static void RunSerial<T>(in SparseKernelInput<T> input, int chunks, SimdWidth width, double* totals)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T* block = stackalloc T[SparseLayout.BlockRows];
        Span<double> sums = stackalloc double[3];
        for (int c = 0; c < chunks; c++)
        {
            AccumulateChunk(input, c, width, block, residualsPerBlock: true, totals, sums);
            AddSums(input.Columns, totals, sums);
        }
    }

    private static void RunParallel<T>(in SparseKernelInput<T> input, int chunks, SimdWidth width, int threads, int columnRanges, double* totals)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] residuals = ArrayPool<T>.Shared.Rent(input.Rows);
        double[] chunkSums = ArrayPool<double>.Shared.Rent(3 * chunks);
        int[] rangeStarts = ArrayPool<int>.Shared.Rent(columnRanges + 1);
        SplitColumns(input, rangeStarts.AsSpan(0, columnRanges + 1));
        SparseJob<T> job = SparseJob<T>.ForThisThread;
        fixed (T* dz = residuals)
        {
            job.Start(input, chunks, width, dz, chunkSums, rangeStarts, columnRanges, totals);
            try
            {
                WorkerPool.Shared.Run(job, threads);
                job.StartGradientPhase();
                WorkerPool.Shared.Run(job, threads);
            }
            finally
            {
                job.Clear();
            }
        }

        // Chunk order, whatever thread computed each chunk: the serial run's sums.
        for (int c = 0; c < chunks; c++)
        {
            AddSums(input.Columns, totals, chunkSums.AsSpan(3 * c, 3));
        }

        ArrayPool<int>.Shared.Return(rangeStarts);
        ArrayPool<double>.Shared.Return(chunkSums);
        ArrayPool<T>.Shared.Return(residuals);
    }

    private static void AddSums(int n, double* totals, ReadOnlySpan<double> sums)
    {
        totals[n] += sums[0];
        totals[n + 1] += sums[1];
        totals[n + 2] += sums[2];
    }

    private static void AccumulateChunk<T>(in SparseKernelInput<T> input, int chunk, SimdWidth width, T* residuals, bool residualsPerBlock, double* gradient, Span<double> sums)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rowStart = chunk * SparseLayout.ChunkRows;
        var action = new ChunkAction<T>(input, rowStart, Math.Min(SparseLayout.ChunkRows, input.Rows - rowStart), residuals, residualsPerBlock, gradient, sums);
        SimdDispatch.Run<T, ChunkAction<T>>(width, ref action);
    }

    // Adds the products of the entries in columns [first, end) into the gradient, row by row in row order.
    private static void ScatterColumns<T>(in SparseKernelInput<T> input, T* residuals, int first, int end, double* gradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int* indices = input.ColumnIndices;
        for (int i = 0; i < input.Rows; i++)
        {
            int k = input.RowOffsets[i];
            int rowEnd = input.RowOffsets[i + 1];
            int rangeStart = first > 0 ? LowerBound(indices, k, rowEnd, first) : k;
            int rangeEnd = end < input.Columns ? LowerBound(indices, rangeStart, rowEnd, end) : rowEnd;
            SparseChunkKernel<SimdScalar<T>, T, T>.ScatterRange(indices, input.Values, rangeStart, rangeEnd, double.CreateTruncating(residuals[i]), gradient);
        }
    }

    // The first position in [start, end) whose index is at least column (end when none is).
    private static int LowerBound(int* indices, int start, int end, int column)
    {
        while (start < end)
        {
            int middle = (int)((uint)(start + end) >> 1);
            if (indices[middle] < column)
            {
                start = middle + 1;
            }
            else
            {
                end = middle;
            }
        }

        return start;
    }

    /// <summary>
    /// Splits [0, n) into consecutive column ranges holding about equal numbers of entries, counted on a sample of
    /// at most 4096 evenly spaced rows in 256 bins of columns.
    /// </summary>
    private static void SplitColumns<T>(in SparseKernelInput<T> input, Span<int> starts)
        where T : unmanaged
    {
        const int Bins = 256;
        const int SampleRows = 4096;
        int n = input.Columns;
        int ranges = starts.Length - 1;
        Span<long> counts = stackalloc long[Bins];
        counts.Clear();
        int step = Math.Max(1, input.Rows / SampleRows);
        long total = 0;
        for (int i = 0; i < input.Rows; i += step)
        {
            for (int k = input.RowOffsets[i]; k < input.RowOffsets[i + 1]; k++)
            {
                counts[(int)((long)input.ColumnIndices[k] * Bins / n)]++;
            }

            total += input.RowOffsets[i + 1] - input.RowOffsets[i];
        }

        starts[0] = 0;
        int range = 1;
        long cumulative = 0;
        for (int bin = 0; bin < Bins && range < ranges; bin++)
        {
            cumulative += counts[bin];
            // Close ranges once their share of the sampled entries is reached (equal columns when nothing was sampled).
            while (range < ranges && (total == 0 ? (long)(bin + 1) * ranges >= (long)range * Bins : cumulative * ranges >= total * range))
            {
                starts[range++] = (int)(((long)(bin + 1) * n) / Bins);
            }
        }

        for (; range <= ranges; range++)
        {
            starts[range] = n;
        }

        starts[ranges] = n;
    }

    // The state of one parallel pass, reused by every pass its calling thread makes, so a pass allocates nothing.
    private sealed class SparseJob<T> : IPoolJob
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static SparseJob<T>? t_current;

        private readonly GroupClaims _claims = new();
        private SparseKernelInput<T> _input;
        private int _chunks;
        private SimdWidth _width;
        private T* _residuals;
        private double[]? _chunkSums;
        private int[]? _rangeStarts;
        private int _ranges;
        private double* _gradient;
        private ChunkGroups _groups;
        private Phase _phase;
        private int _next;

        private enum Phase
        {
            Groups,
            Residuals,
            Columns,
        }

        public static SparseJob<T> ForThisThread => t_current ??= new SparseJob<T>();

        public void StartGroups(in SparseKernelInput<T> input, ChunkGroups groups, SimdWidth width, double[] chunkSums, double* partials, int participants)
        {
            _input = input;
            _groups = groups;
            _width = width;
            _chunkSums = chunkSums;
            _gradient = partials;
            _phase = Phase.Groups;
            _claims.Reset(groups.Count, participants);
        }

        public void Start(in SparseKernelInput<T> input, int chunks, SimdWidth width, T* residuals, double[] chunkSums, int[] rangeStarts, int ranges, double* gradient)
        {
            _input = input;
            _chunks = chunks;
            _width = width;
            _residuals = residuals;
            _chunkSums = chunkSums;
            _rangeStarts = rangeStarts;
            _ranges = ranges;
            _gradient = gradient;
            _phase = Phase.Residuals;
            _next = -1;
        }

        public void StartGradientPhase()
        {
            _phase = Phase.Columns;
            _next = -1;
        }

        public void Clear()
        {
            _chunkSums = null;
            _rangeStarts = null;
            _residuals = null;
            _gradient = null;
        }

        public void Execute(int participant)
        {
            int item;
            switch (_phase)
            {
                case Phase.Groups:
                    int n = _input.Columns;
                    T* block = stackalloc T[SparseLayout.BlockRows];
                    int step = 0;
                    while (_claims.TryTake(participant, ref step, out item))
                    {
                        double* partial = _gradient + ((long)item * n);
                        new Span<double>(partial, n).Clear();
                        (int first, int end) = _groups.Chunks(item);
                        for (int c = first; c < end; c++)
                        {
                            AccumulateChunk(_input, c, _width, block, residualsPerBlock: true, partial, _chunkSums!.AsSpan(3 * c, 3));
                        }
                    }

                    break;
                case Phase.Columns:
                    while ((item = Interlocked.Increment(ref _next)) < _ranges)
                    {
                        ScatterColumns(_input, _residuals, _rangeStarts![item], _rangeStarts[item + 1], _gradient);
                    }

                    break;
                default:
                    while ((item = Interlocked.Increment(ref _next)) < _chunks)
                    {
                        int rowStart = item * SparseLayout.ChunkRows;
                        AccumulateChunk(_input, item, _width, _residuals + rowStart, residualsPerBlock: false, null, _chunkSums!.AsSpan(3 * item, 3));
                    }

                    break;
            }
        }
    }

    private readonly ref struct ChunkAction<T>(in SparseKernelInput<T> input, int rowStart, int rowCount, T* residuals, bool residualsPerBlock, double* gradient, Span<double> sums) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly SparseKernelInput<T> _input = input;
        private readonly Span<double> _sums = sums;

        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged =>
            SparseChunkKernel<TSimd, TVec, T>.Accumulate(_input, rowStart, rowCount, residuals, residualsPerBlock, gradient, _sums);
    }
}
