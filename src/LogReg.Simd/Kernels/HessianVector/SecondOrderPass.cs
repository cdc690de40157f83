using System.Buffers;
using System.Runtime.CompilerServices;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Reduction;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>
/// Runs the second-order passes over all chunks on one thread or several, and reduces the group partial sums in
/// group order, as <see cref="LossGradientPass"/> does: the result is bit-identical for any thread count.
/// </summary>
/// <remarks>
/// The callers have checked the arguments. Inputs are pinned by the caller (the pointers in
/// <see cref="SecondOrderInput{TData}"/>). The gradient and Hessian-vector passes allocate nothing once the
/// shared array pool is warm; the Hessian pass's group sums ((n + 1)^2 doubles for each of at most
/// <see cref="MaxHessianGroups"/> groups) come from the pool too.
/// </remarks>
internal static unsafe partial class SecondOrderPass
{
    /// <summary>The most groups of the Hessian pass: each holds a whole (n + 1) x (n + 1) matrix of sums.</summary>
    public const int MaxHessianGroups = 8;

    /// <summary>The rows of one block of the Hessian pass, whose scaled transpose (n x this many doubles) is its scratch.</summary>
    public const int HessianBlockRows = 32;

    private const int StackScratchBytes = 16 * 1024;

    private enum Kind
    {
        Gradient,
        HessianVector,
        Hessian,
    }

    /// <summary>
    /// J and dJ/dtheta (n + 1 elements; the bias component is dJ/db) at theta = [w, b], and D when
    /// <see cref="SecondOrderInput{TData}.Curvature"/> is set. Returns J and the total sample weight S.
    /// </summary>
    public static double Gradient<TData>(in SecondOrderInput<TData> input, double lambda, Span<double> gradient, out double totalWeight, SimdWidth width, int threads)
        where TData : unmanaged
    {
        int n = input.Columns;
        double[] rented = ArrayPool<double>.Shared.Rent(n + 3);
        Span<double> totals = rented.AsSpan(0, n + 3);
        Run(input, Kind.Gradient, width, threads, totals);
        totalWeight = totals[n + 2];
        double scale = input.Rows == 0 ? 0.0 : 1.0 / totalWeight;
        double loss = totals[n] * scale;
        double squares = 0;
        for (int j = 0; j < n; j++)
        {
            double w = input.Vector[j];
            gradient[j] = (totals[j] * scale) + (lambda * w);
            squares += w * w;
        }

        gradient[n] = totals[n + 1] * scale;
        ArrayPool<double>.Shared.Return(rented);
        return loss + (0.5 * lambda * squares);
    }

    /// <summary>H v for v = [input.Vector, input.Bias]: X~^T D X~ v / S + lambda [v_w, 0]; writes the n weight components, returns the bias one.</summary>
    public static double HessianVector<TData>(in SecondOrderInput<TData> input, double totalWeight, double lambda, Span<double> hv, SimdWidth width, int threads)
        where TData : unmanaged
    {
        int n = input.Columns;
        double[] rented = ArrayPool<double>.Shared.Rent(n + 1);
        Span<double> totals = rented.AsSpan(0, n + 1);
        Run(input, Kind.HessianVector, width, threads, totals);
        double scale = input.Rows == 0 ? 0.0 : 1.0 / totalWeight;
        for (int j = 0; j < n; j++)
        {
            hv[j] = (totals[j] * scale) + (lambda * input.Vector[j]);
        }

        double bias = totals[n] * scale;
        ArrayPool<double>.Shared.Return(rented);
        return bias;
    }

    /// <summary>The whole (n + 1) x (n + 1) Hessian, row-major: X~^T D X~ / S + lambda diag(1, ..., 1, 0).</summary>
    public static void Hessian<TData>(in SecondOrderInput<TData> input, double totalWeight, double lambda, Span<double> hessian, SimdWidth width, int threads)
        where TData : unmanaged
    {
        int size = input.Columns + 1;
        Run(input, Kind.Hessian, width, threads, hessian);
        double scale = input.Rows == 0 ? 0.0 : 1.0 / totalWeight;
        for (int i = 0; i < size; i++)
        {
            for (int j = i; j < size; j++)
            {
                // Row n holds the bias row whole; the other rows are valid from their diagonal on.
                double value = (j == size - 1 ? hessian[(j * size) + i] : hessian[(i * size) + j]) * scale;
                hessian[(i * size) + j] = value;
                hessian[(j * size) + i] = value;
            }

            if (i < size - 1)
            {
                hessian[(i * size) + i] += lambda;
            }
        }
    }

    private static void Run<TData>(in SecondOrderInput<TData> input, Kind kind, SimdWidth width, int threads, Span<double> totals)
        where TData : unmanaged
    {
        int n = input.Columns;
        LossGradientLayout layout = LossGradientLayout.For<TData>(n);
        int chunks = layout.ChunkCount(input.Rows);
        ChunkGroups groups = ChunkGroups.For(chunks, kind == Kind.Hessian ? MaxHessianGroups : ChunkGroups.MaxGroups);
        int partialLength = PartialLength(kind, n);
        int rowStride = ChunkGroups.PartialRowStride(partialLength);
        double[] partials = ArrayPool<double>.Shared.Rent(Math.Max(1, groups.Count * rowStride));
        var work = new GroupWork<TData>(input, kind, layout, groups, SimdDispatch.Fit<double>(width, n), partials, partialLength, rowStride);
        // A serial pass is the job run by the calling thread alone, as in the loss-and-gradient pass.
        ParallelJob<TData> job = ParallelJob<TData>.ForThisThread;
        int participants = WorkerPool.Shared.Participants(threads, groups.Count);
        job.Start(work, participants);
        try
        {
            WorkerPool.Shared.Run(job, participants);
        }
        finally
        {
            job.Clear();
        }

        // Group order, whatever thread computed each group: the same sums for any thread count.
        totals.Clear();
        for (int g = 0; g < groups.Count; g++)
        {
            for (int k = 0; k < partialLength; k++)
            {
                totals[k] += partials[(g * rowStride) + k];
            }
        }

        ArrayPool<double>.Shared.Return(partials);
    }

    private static int PartialLength(Kind kind, int n) => kind switch
    {
        Kind.Gradient => n + 3,
        Kind.HessianVector => n + 1,
        _ => (n + 1) * (n + 1),
    };

    // One pass's work, split into groups of chunks; a group's sums go to its own row of the partials, rows a cache line apart.
    private readonly struct GroupWork<TData>(SecondOrderInput<TData> input, Kind kind, LossGradientLayout layout, ChunkGroups groups, SimdWidth width, double[] partials, int partialLength, int rowStride)
        where TData : unmanaged
    {
        public int GroupCount => groups.Count;

        /// <summary>Gets the doubles of scratch a participant needs: a block of products and a chunk's row, or the Hessian's scaled block.</summary>
        public int ScratchLength => kind == Kind.Hessian ? input.Columns * HessianBlockRows : layout.BlockRows + input.Columns + 3;

        // The scratch is not zeroed: every kernel writes its products, gradient row or scaled block before reading them.
        public void AccumulateGroup(int g, Span<double> scratch)
        {
            int n = input.Columns;
            Span<double> group = partials.AsSpan(g * rowStride, partialLength);
            group.Clear();
            fixed (double* block = scratch)
            fixed (double* groupPtr = group)
            {
                double* row = kind == Kind.Hessian ? null : block + layout.BlockRows;
                Span<double> chunk = kind == Kind.Hessian ? default : new(row, n + 3);
                (int first, int end) = groups.Chunks(g);
                for (int k = first; k < end; k++)
                {
                    int rowStart = k * layout.ChunkRows;
                    var action = new ChunkAction(input, kind, layout, rowStart, Math.Min(layout.ChunkRows, input.Rows - rowStart), block, row, groupPtr, chunk);
                    SimdDispatch.Run<double, ChunkAction>(width, ref action);
                }
            }
        }

        private readonly ref struct ChunkAction(SecondOrderInput<TData> input, Kind kind, LossGradientLayout layout, int rowStart, int rowCount, double* block, double* row, double* group, Span<double> chunk) : IWidthAction<double>
        {
            private readonly Span<double> _chunk = chunk;

            public void Invoke<TSimd, TVec>()
                where TSimd : ISimd<TVec, double>
                where TVec : unmanaged
            {
                int length;
                switch (kind)
                {
                    case Kind.Gradient:
                        length = input.Columns + 3;
                        SecondOrderChunkKernel<TSimd, TVec>.Gradient(input, layout, rowStart, rowCount, block, row, _chunk);
                        break;
                    case Kind.HessianVector:
                        length = input.Columns + 1;
                        SecondOrderChunkKernel<TSimd, TVec>.HessianVector(input, layout, rowStart, rowCount, block, row, _chunk);
                        break;
                    default:
                        // Chunks add straight into the group's matrix (in chunk order, on one thread).
                        SecondOrderChunkKernel<TSimd, TVec>.Hessian(input, rowStart, rowCount, block, group);
                        return;
                }

                for (int k = 0; k < length; k++)
                {
                    group[k] += _chunk[k];
                }
            }
        }
    }

    // The state of one parallel pass, reused by every pass its calling thread makes.
    private sealed class ParallelJob<TData> : IPoolJob
        where TData : unmanaged
    {
        [ThreadStatic]
        private static ParallelJob<TData>? t_current;

        private readonly GroupClaims _claims = new();
        private GroupWork<TData> _work;

        public static ParallelJob<TData> ForThisThread => t_current ??= new ParallelJob<TData>();

        public void Start(GroupWork<TData> work, int participants)
        {
            _work = work;
            _claims.Reset(work.GroupCount, participants);
        }

        public void Clear() => _work = default;

        // Scratch once per participant, from the stack up to 16 KB.
        [SkipLocalsInit]
        public void Execute(int participant)
        {
            int scratchLength = _work.ScratchLength;
            double[]? rented = null;
            Span<double> scratch = scratchLength * sizeof(double) <= StackScratchBytes
                ? stackalloc double[scratchLength]
                : (rented = ArrayPool<double>.Shared.Rent(scratchLength));
            int step = 0;
            while (_claims.TryTake(participant, ref step, out int g))
            {
                _work.AccumulateGroup(g, scratch);
            }

            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }
}
