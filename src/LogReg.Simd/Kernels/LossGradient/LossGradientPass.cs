using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>
/// Runs the fused pass over all chunks, on one thread or several, and reduces the chunk partial
/// sums in chunk order. The serial and parallel runs perform the same floating-point operations in
/// the same order, so their results are bit-identical.
/// </summary>
/// <remarks>
/// Partial sums are combined in double, so a float pass over a million rows keeps its digits. Scratch
/// comes from the stack up to 16 KB (a few thousand features) and from <see cref="ArrayPool{T}.Shared"/>
/// beyond, so a serial call allocates nothing, and a very wide one nothing once the pool is warm.
/// </remarks>
internal static unsafe class LossGradientPass
{
    private const int StackScratchBytes = 16 * 1024;

    /// <summary>The pass over a row-major X, at <paramref name="width"/> narrowed to fit a row.</summary>
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
        Run(x.Span, x.Rows, x.Columns, x.RowStride, columnMajor: false, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, SimdDispatch.Fit<T>(width, x.Columns), threads);

    /// <summary>The pass over a column-major X (vectorized across rows, for narrow rows).</summary>
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
        Run(x.Values, x.Rows, x.Columns, x.Rows, columnMajor: true, y, sampleWeights, weights, bias, lambda, weightGradient, out biasGradient, width, threads);

    private static T Run<T>(
        ReadOnlySpan<T> values,
        int rows,
        int n,
        int stride,
        bool columnMajor,
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
        LossGradientLayout layout = columnMajor ? LossGradientLayout.ForColumnMajor<T>(n) : LossGradientLayout.For<T>(n);
        int chunks = layout.ChunkCount(rows);

        double[]? rentedTotals = null;
        int partialLength = n + 3;
        Span<double> totals = partialLength * sizeof(double) <= StackScratchBytes
            ? stackalloc double[partialLength]
            : (rentedTotals = ArrayPool<double>.Shared.Rent(partialLength)).AsSpan(0, partialLength);
        totals.Clear();

        fixed (T* xPtr = values)
        fixed (T* yPtr = y)
        fixed (T* sPtr = sampleWeights)
        fixed (T* wPtr = weights)
        {
            var input = new KernelInput<T>(xPtr, rows, n, stride, columnMajor, yPtr, sampleWeights.IsEmpty ? null : sPtr, wPtr, bias);
            if (threads <= 1 || chunks <= 1)
            {
                RunSerial(input, layout, chunks, width, totals);
            }
            else
            {
                RunParallel(input, layout, chunks, width, Math.Min(threads, chunks), totals);
            }
        }

        T loss = Finish(totals, rows, weights, lambda, weightGradient, out biasGradient);
        if (rentedTotals is not null)
        {
            ArrayPool<double>.Shared.Return(rentedTotals);
        }

        return loss;
    }

    private static void RunSerial<T>(in KernelInput<T> input, LossGradientLayout layout, int chunks, SimdWidth width, Span<double> totals)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int partialLength = input.PartialLength;
        double[]? rentedPartial = null;
        Span<double> partial = partialLength * sizeof(double) <= StackScratchBytes
            ? stackalloc double[partialLength]
            : (rentedPartial = ArrayPool<double>.Shared.Rent(partialLength)).AsSpan(0, partialLength);

        int scratchLength = ScratchLength(layout, input.Columns);
        T[]? rentedScratch = null;
        Span<T> scratch = scratchLength * sizeof(T) <= StackScratchBytes
            ? stackalloc T[scratchLength]
            : (rentedScratch = ArrayPool<T>.Shared.Rent(scratchLength));
        fixed (T* logits = scratch)
        {
            T* gradient = logits + layout.BlockRows;
            for (int k = 0; k < chunks; k++)
            {
                AccumulateChunk(input, layout, k, width, logits, gradient, partial);
                TensorPrimitives.Add(totals, partial, totals);
            }
        }

        if (rentedScratch is not null)
        {
            ArrayPool<T>.Shared.Return(rentedScratch);
        }

        if (rentedPartial is not null)
        {
            ArrayPool<double>.Shared.Return(rentedPartial);
        }
    }

    private static void RunParallel<T>(in KernelInput<T> input, LossGradientLayout layout, int chunks, SimdWidth width, int threads, Span<double> totals)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int partialLength = input.PartialLength;
        double[] partials = ArrayPool<double>.Shared.Rent(checked(chunks * partialLength));
        var work = new ParallelWork<T>(input, layout, chunks, width, partials);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, work.Run);

        // Chunk order, whatever thread computed each chunk: the same sums as the serial run.
        for (int k = 0; k < chunks; k++)
        {
            TensorPrimitives.Add(totals, partials.AsSpan(k * partialLength, partialLength), totals);
        }

        ArrayPool<double>.Shared.Return(partials);
    }

    internal static void AccumulateChunk<T>(in KernelInput<T> input, LossGradientLayout layout, int chunk, SimdWidth width, T* logits, T* gradient, Span<double> partial)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rowStart = chunk * layout.ChunkRows;
        var action = new ChunkAction<T>(input, layout, rowStart, Math.Min(layout.ChunkRows, input.Rows - rowStart), logits, gradient, partial);
        SimdDispatch.Run<T, ChunkAction<T>>(width, ref action);
    }

    // J = sum(s l)/S + (lambda/2)||w||^2, dw = sum(s dz x)/S + lambda w, db = sum(s dz)/S, all in double.
    private static T Finish<T>(ReadOnlySpan<double> totals, int rows, ReadOnlySpan<T> weights, T lambda, Span<T> weightGradient, out T biasGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = weights.Length;
        double totalWeight = totals[n + 2];
        double scale = rows == 0 ? 0.0 : 1.0 / totalWeight;
        double loss = totals[n] * scale;
        double l = double.CreateTruncating(lambda);
        if (l == 0)
        {
            for (int j = 0; j < n; j++)
            {
                weightGradient[j] = T.CreateTruncating(totals[j] * scale);
            }
        }
        else
        {
            double squares = 0;
            for (int j = 0; j < n; j++)
            {
                double w = double.CreateTruncating(weights[j]);
                squares += w * w;
                weightGradient[j] = T.CreateTruncating((totals[j] * scale) + (l * w));
            }

            loss += 0.5 * l * squares;
        }

        biasGradient = T.CreateTruncating(totals[n + 1] * scale);
        return T.CreateTruncating(loss);
    }

    // One block of logits, then one row of gradient sums.
    private static int ScratchLength(LossGradientLayout layout, int columns) => layout.BlockRows + Math.Max(columns, 1);

    private sealed class ParallelWork<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly KernelInput<T> _input;
        private readonly LossGradientLayout _layout;
        private readonly int _chunks;
        private readonly SimdWidth _width;
        private readonly double[] _partials;
        private int _next = -1;

        public ParallelWork(KernelInput<T> input, LossGradientLayout layout, int chunks, SimdWidth width, double[] partials)
        {
            _input = input;
            _layout = layout;
            _chunks = chunks;
            _width = width;
            _partials = partials;
        }

        public void Run(int worker)
        {
            int partialLength = _input.PartialLength;
            int scratchLength = ScratchLength(_layout, _input.Columns);
            T[]? rentedScratch = null;
            Span<T> scratch = scratchLength * sizeof(T) <= StackScratchBytes
                ? stackalloc T[scratchLength]
                : (rentedScratch = ArrayPool<T>.Shared.Rent(scratchLength));
            fixed (T* logits = scratch)
            {
                int k;
                while ((k = Interlocked.Increment(ref _next)) < _chunks)
                {
                    AccumulateChunk(_input, _layout, k, _width, logits, logits + _layout.BlockRows, _partials.AsSpan(k * partialLength, partialLength));
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
            if (_input.IsColumnMajor)
            {
                ColumnMajorChunkKernel<TSimd, TVec, T>.Accumulate(_input, rowStart, rowCount, logits, _partial);
            }
            else
            {
                FusedChunkKernel<TSimd, TVec, T>.Accumulate(_input, layout, rowStart, rowCount, logits, gradient, _partial);
            }
        }
    }
}
