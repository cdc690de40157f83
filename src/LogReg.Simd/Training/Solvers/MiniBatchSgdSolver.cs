using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// Mini-batch SGD: each epoch shuffles the rows (seeded Fisher-Yates), gathers each batch into a
/// contiguous buffer and steps on the batch objective (the same J over the batch's rows, with the same
/// lambda), with an optional (Nesterov) momentum. After each epoch the full J and gradient are computed
/// for progress, the history and the tolerance test.
/// </summary>
/// <remarks>
/// <para>
/// Learning rate at global step t (1-based): eta_t = eta_0 (constant) or eta_0 / t^power (inverse scaling).
/// Momentum mu, velocity v: v &lt;- mu v - eta_t g; theta &lt;- theta + v, or with Nesterov
/// theta &lt;- theta + mu v - eta_t g (the look-ahead form used by scikit-learn and Keras).
/// </para>
/// <para>
/// The index permutation, the batch buffers and the <see cref="Random"/> are created once per fit; an
/// epoch allocates nothing. Sparse rows are gathered into a CSR batch (never densified), whose buffers hold the
/// entries of the batch-size longest rows. A batch whose weights are all zero carries no information and is skipped.
/// </para>
/// </remarks>
internal sealed class MiniBatchSgdSolver<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly double[] _gradient;
    private readonly double[] _batchGradient;
    private readonly double[] _velocity;
    private readonly int[] _order;
    private readonly int _features;
    private T[]? _batchX;
    private int[]? _batchOffsets;
    private int[]? _batchIndices;
    private T[]? _batchValues;
    private readonly T[] _batchY;
    private readonly T[] _batchWeights;
    private readonly int _batchSize;

    public MiniBatchSgdSolver(int rows, int features, int batchSize, bool weighted)
    {
        int length = features + 1;
        _batchSize = Math.Min(batchSize, rows);
        _gradient = new double[length];
        _batchGradient = new double[length];
        _velocity = new double[length];
        _order = new int[rows];
        _features = features;
        _batchY = new T[_batchSize];
        _batchWeights = weighted ? new T[_batchSize] : [];
    }

    public SolverOutcome Minimize(ref LossFunction<T> loss, Span<double> theta, SolverRun run)
    {
        LogisticRegressionOptions options = run.Options;
        bool toleranceStops = options.Tolerance > 0;
        bool weighted = !loss.SampleWeights.IsEmpty;
        int m = loss.Rows, n = loss.Features;
        AllocateBatch(loss);
        var random = new Random(options.Seed);
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        double f = loss.Evaluate(theta, _gradient);
        double gradientNorm = LossFunction<T>.MaxAbs(_gradient);
        run.Start(f);
        ConvergenceReason? stop = run.StopReason(0, gradientNorm, toleranceStops);
        int epoch = 0;
        long step = 0;
        double eta = options.LearningRate;
        while (stop is null)
        {
            Shuffle(random);
            for (int start = 0; start < m; start += _batchSize)
            {
                int count = Math.Min(_batchSize, m - start);
                if (!(loss.IsSparse ? GatherSparse(loss.Sparse, loss.Y, loss.SampleWeights, start, count) : Gather(loss.X, loss.Y, loss.SampleWeights, start, count, n)))
                {
                    continue;
                }

                step++;
                eta = options.LearningRateSchedule == LearningRateSchedule.InverseScaling
                    ? options.LearningRate / Math.Pow(step, options.PowerT)
                    : options.LearningRate;
                ReadOnlySpan<T> batchWeights = weighted ? _batchWeights.AsSpan(0, count) : default;
                if (loss.IsSparse)
                {
                    var batch = new ReadOnlyCsrMatrixSpan<T>(_batchOffsets.AsSpan(0, count + 1), _batchIndices, _batchValues, n, trusted: true);
                    loss.EvaluateOn(batch, _batchY.AsSpan(0, count), batchWeights, theta, _batchGradient);
                }
                else
                {
                    var batch = new ReadOnlyMatrixSpan<T>(_batchX.AsSpan(0, count * n), count, n);
                    loss.EvaluateOn(batch, _batchY.AsSpan(0, count), batchWeights, theta, _batchGradient);
                }

                Update(theta, eta, options.Momentum, options.Nesterov);
            }

            epoch++;
            f = loss.Evaluate(theta, _gradient);
            gradientNorm = LossFunction<T>.MaxAbs(_gradient);
            SolverGuards.ThrowIfDiverged(Solver.MiniBatchSgd, epoch, f, gradientNorm, options.LearningRate);
            run.Record(epoch, f, gradientNorm, eta);
            stop = run.StopReason(epoch, gradientNorm, toleranceStops);
        }

        return new SolverOutcome(epoch, f, gradientNorm, stop.Value);
    }

    // The dense batch (batch size x n) or the sparse one (the entries of the batch-size longest rows), once per fit.
    private void AllocateBatch(in LossFunction<T> loss)
    {
        if (!loss.IsSparse)
        {
            _batchX ??= new T[checked(_batchSize * _features)];
            return;
        }

        ReadOnlyCsrMatrixSpan<T> x = loss.Sparse;
        var lengths = new int[x.Rows];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = x.RowOffsets[i + 1] - x.RowOffsets[i];
        }

        Array.Sort(lengths);
        long capacity = 0;
        for (int i = lengths.Length - 1; i >= Math.Max(0, lengths.Length - _batchSize); i--)
        {
            capacity += lengths[i];
        }

        _batchOffsets = new int[_batchSize + 1];
        _batchIndices = new int[capacity];
        _batchValues = new T[capacity];
    }

    /// <summary>Copies the batch's sparse rows, labels and weights into the batch buffers; false when the batch weighs nothing.</summary>
    private bool GatherSparse(ReadOnlyCsrMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, int start, int count)
    {
        bool weighted = !sampleWeights.IsEmpty;
        T total = T.Zero;
        int position = 0;
        for (int r = 0; r < count; r++)
        {
            int row = _order[start + r];
            int first = x.RowOffsets[row], length = x.RowOffsets[row + 1] - first;
            x.ColumnIndices.Slice(first, length).CopyTo(_batchIndices.AsSpan(position));
            x.Values.Slice(first, length).CopyTo(_batchValues.AsSpan(position));
            position += length;
            _batchOffsets![r + 1] = position;
            _batchY[r] = y[row];
            if (weighted)
            {
                _batchWeights[r] = sampleWeights[row];
                total += sampleWeights[row];
            }
        }

        return !weighted || total > T.Zero;
    }

    private void Shuffle(Random random)
    {
        int[] order = _order;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Copies the batch's rows, labels and weights into the contiguous buffers; false when the batch weighs nothing.</summary>
    private bool Gather(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeights, int start, int count, int n)
    {
        bool weighted = !sampleWeights.IsEmpty;
        T total = T.Zero;
        for (int r = 0; r < count; r++)
        {
            int row = _order[start + r];
            x.GetRow(row).CopyTo(_batchX.AsSpan(r * n, n));
            _batchY[r] = y[row];
            if (weighted)
            {
                _batchWeights[r] = sampleWeights[row];
                total += sampleWeights[row];
            }
        }

        return !weighted || total > T.Zero;
    }

    private void Update(Span<double> theta, double eta, double momentum, bool nesterov)
    {
        if (momentum == 0)
        {
            TensorPrimitives.MultiplyAdd(_batchGradient, -eta, theta, theta);
            return;
        }

        for (int k = 0; k < theta.Length; k++)
        {
            double velocity = (momentum * _velocity[k]) - (eta * _batchGradient[k]);
            _velocity[k] = velocity;
            theta[k] += nesterov ? (momentum * velocity) - (eta * _batchGradient[k]) : velocity;
        }
    }
}
