using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Reduction;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// Runs the fused pass over all chunks as one job of chunk groups (<see cref="ChunkGroups"/>), on the calling thread
/// alone or with the pool's helpers, and adds the groups' sums in group order: the same floating-point operations
/// whatever the thread count, so the same bits.
/// </summary>
/// <remarks>
/// Partial sums are combined in double, so a float pass over a million rows keeps its digits. Scratch comes from the
/// stack up to 16 KB (a few thousand features), the rest from <see cref="ArrayPool{T}.Shared"/>, so a call allocates
/// nothing once the pool is warm.
/// </remarks>
internal static unsafe class LossGradientPass
{
    private const int StackScratchBytes = 16 * 1024;

    /// <summary>
    /// The pass over a row-major X: narrow rows (<see cref="LossGradientLayout.IsNarrow{T}"/>) are copied chunk by chunk
    /// into columns and run vectorized across rows; wider ones run row-blocked at the width narrowed to fit a row.
    /// </summary>
    public static T Run<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        Span<T> weightGradient,
        out T biasGradient,
        SimdWidth width,
        int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        LossGradientLayout.IsNarrow<T>(x.Columns)
            ? Run(x.Span, x.Rows, x.Columns, x.RowStride, XLayout.NarrowRows, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, width, threads)
            : Run(x.Span, x.Rows, x.Columns, x.RowStride, XLayout.RowMajor, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, SimdDispatch.Fit<T>(width, x.Columns), threads);

    /// <summary>
    /// The pass over a column-major X, vectorized across rows: the trainer's copy of narrow X, validated by the trainer.
    /// Bit-identical for any thread count, but not equal to the row-major pass (the sums run in another order).
    /// </summary>
    public static T Run<T>(
        ColumnMajorMatrix<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        Span<T> weightGradient,
        out T biasGradient,
        SimdWidth width,
        int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Run(x.Values, x.Rows, x.Columns, x.Rows, XLayout.ColumnMajor, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, width, threads);

    private static T Run<T>(
        ReadOnlySpan<T> values,
        int rows,
        int n,
        int stride,
        XLayout xLayout,
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
        LossGradientLayout layout = LossGradientLayout.For<T>(n, xLayout);
        var groups = ChunkGroups.For(layout.ChunkCount(rows));

        // One row of n + 3 sums per group, then the totals, then a chunk's row for each participant, a cache line apart, so
        // threads do not write each other's lines. A serial pass is the parallel job run by the calling thread
        // alone: the same operations, so the same bits for any thread count.
        int partialLength = n + 3;
        int rowStride = ChunkGroups.PartialRowStride(partialLength);
        int participants = WorkerPool.Shared.Participants(threads, groups.Count);
        double[] partials = ArrayPool<double>.Shared.Rent((groups.Count + 1 + participants) * rowStride);
        Span<double> totals = partials.AsSpan(groups.Count * rowStride, partialLength);
        totals.Clear();
        fixed (T* xPtr = values)
        fixed (T* yPtr = y)
        fixed (T* sPtr = sampleWeights)
        fixed (T* wPtr = weights)
        {
            ParallelJob<T> job = ParallelJob<T>.ForThisThread;
            job.Start(new KernelInput<T>(xPtr, rows, n, stride, xLayout, yPtr, sampleWeights.IsEmpty ? null : sPtr, wPtr, bias), layout, groups, width, partials, participants);
            try
            {
                WorkerPool.Shared.Run(job, participants);
            }
            finally
            {
                job.Clear();
            }
        }

        // Group order, whatever thread computed each group.
        for (int g = 0; g < groups.Count; g++)
        {
            TensorPrimitives.Add(totals, partials.AsSpan(g * rowStride, partialLength), totals);
        }

        T loss = Finish(totals, rows, weights, lambda, weightGradient, out biasGradient);
        ArrayPool<double>.Shared.Return(partials);
        return loss;
    }

    // J = sum(s l)/S + (lambda/2)||w||^2, dw = sum(s dz x)/S + lambda w, db = sum(s dz)/S, all in double.
    internal static T Finish<T>(ReadOnlySpan<double> totals, int rows, ReadOnlySpan<T> weights, T lambda, Span<T> weightGradient, out T biasGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = weights.Length;
        double totalWeight = totals[n + 2];
        double scale = rows == 0 ? 0.0 : 1.0 / totalWeight;
        double loss = totals[n] * scale;
        double l = double.CreateTruncating(lambda);
        double squares = 0;
        for (int j = 0; j < n; j++)
        {
            // Without a penalty, l w is not added: an infinite weight would make it NaN.
            double w = double.CreateTruncating(weights[j]);
            squares += w * w;
            weightGradient[j] = T.CreateTruncating(l == 0 ? totals[j] * scale : (totals[j] * scale) + (l * w));
        }

        loss += l == 0 ? 0 : 0.5 * l * squares;
        biasGradient = T.CreateTruncating(totals[n + 1] * scale);
        return T.CreateTruncating(loss);
    }

    // The state of one pass, reused by every pass its calling thread makes, so a pass allocates nothing.
    private sealed class ParallelJob<T> : IPoolJob
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static ParallelJob<T>? t_current;

        private readonly GroupClaims _claims = new();
        private KernelInput<T> _input;
        private LossGradientLayout _layout;
        private ChunkGroups _groups;
        private SimdWidth _width;
        private double[]? _partials;
        private int _rowStride;

        public static ParallelJob<T> ForThisThread => t_current ??= new ParallelJob<T>();

        public void Start(in KernelInput<T> input, LossGradientLayout layout, ChunkGroups groups, SimdWidth width, double[] partials, int participants)
        {
            _input = input;
            _layout = layout;
            _groups = groups;
            _width = width;
            _partials = partials;
            _rowStride = ChunkGroups.PartialRowStride(input.PartialLength);
            _claims.Reset(groups.Count, participants);
        }

        public void Clear() => _partials = null;

        // Whole groups, each its chunks' sums added in chunk order into its own row (from zero). The scratch is not
        // zeroed: every kernel writes its logits and gradient (or its column copy) before reading them.
        [SkipLocalsInit]
        public void Execute(int participant)
        {
            int partialLength = _input.PartialLength;
            int scratchLength = _layout.BlockRows + (_input.Layout == XLayout.NarrowRows ? _layout.ChunkRows * _input.Columns : Math.Max(_input.Columns, 1));
            Span<double> chunk = _partials.AsSpan((_groups.Count + 1 + participant) * _rowStride, partialLength);
            T[]? rentedScratch = null;
            Span<T> scratch = scratchLength * sizeof(T) <= StackScratchBytes
                ? stackalloc T[scratchLength]
                : (rentedScratch = ArrayPool<T>.Shared.Rent(scratchLength));
            fixed (T* logits = scratch)
            {
                int step = 0;
                while (_claims.TryTake(participant, ref step, out int g))
                {
                    Span<double> group = _partials.AsSpan(g * _rowStride, partialLength);
                    group.Clear();
                    (int first, int end) = _groups.Chunks(g);
                    for (int k = first; k < end; k++)
                    {
                        // One block of logits, then the gradient sums of a row (or, for narrow rows, the chunk's column copy).
                        int rowStart = k * _layout.ChunkRows;
                        var action = new ChunkAction<T>(_input, _layout, rowStart, Math.Min(_layout.ChunkRows, _input.Rows - rowStart), logits, logits + _layout.BlockRows, chunk);
                        SimdDispatch.Run<T, ChunkAction<T>>(_width, ref action);
                        TensorPrimitives.Add(group, chunk, group);
                    }
                }
            }

            if (rentedScratch is not null)
            {
                ArrayPool<T>.Shared.Return(rentedScratch);
            }
        }
    }

    private readonly ref struct ChunkAction<T>(in KernelInput<T> input, LossGradientLayout layout, int rowStart, int rowCount, T* logits, T* gradient, Span<double> partial) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly KernelInput<T> _input = input;
        private readonly Span<double> _partial = partial;

        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged
        {
            switch (_input.Layout)
            {
                case XLayout.ColumnMajor:
                    ColumnMajorChunkKernel<TSimd, TVec, T>.Accumulate(_input, _input.X + rowStart, _input.Stride, rowStart, rowCount, logits, _partial);
                    break;
                case XLayout.NarrowRows:
                    // gradient is the chunk's column-major copy here.
                    ColumnMajorMatrix<T>.CopyRows(_input.X + (rowStart * (nint)_input.Stride), _input.Stride, rowCount, _input.Columns, gradient, rowCount);
                    ColumnMajorChunkKernel<TSimd, TVec, T>.Accumulate(_input, gradient, rowCount, rowStart, rowCount, logits, _partial);
                    break;
                default:
                    FusedChunkKernel<TSimd, TVec, T>.Accumulate(_input, layout, rowStart, rowCount, logits, gradient, _partial);
                    break;
            }
        }
    }
}
