using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>
/// Per-feature standardization, (x - mean) / scale, as scikit-learn's <c>StandardScaler</c>: the
/// mean and the population standard deviation (ddof = 0); a feature with zero variance gets scale 1.
/// Immutable.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed partial class StandardScaler<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _means;
    private readonly T[] _scales;

    private StandardScaler(T[] means, T[] scales)
    {
        _means = means;
        _scales = scales;
    }

    /// <summary>Gets the number of features.</summary>
    public int FeatureCount => _means.Length;

    /// <summary>Gets the per-feature means.</summary>
    public ReadOnlySpan<T> Means => _means;

    /// <summary>Gets the per-feature scales (standard deviations, or 1 for a constant feature).</summary>
    public ReadOnlySpan<T> Scales => _scales;

    /// <summary>Creates a scaler from known means and scales.</summary>
    /// <param name="means">The means, finite.</param>
    /// <param name="scales">The scales, finite and &gt; 0, as many as the means.</param>
    /// <returns>The scaler.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mean is not finite, or a scale is not finite and positive.</exception>
    public static StandardScaler<T> Create(ReadOnlySpan<T> means, ReadOnlySpan<T> scales)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        if (scales.Length != means.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(scales), scales.Length, nameof(means), means.Length);
        }

        for (int j = 0; j < means.Length; j++)
        {
            if (!T.IsFinite(means[j]))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(means), $"'{nameof(means)}[{j}]':{means[j]} must be finite.");
            }

            if (!T.IsFinite(scales[j]) || scales[j] <= T.Zero)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(scales), $"'{nameof(scales)}[{j}]':{scales[j]} must be a finite number > 0.");
            }
        }

        return new StandardScaler<T>(means.ToArray(), scales.ToArray());
    }

    /// <summary>Learns the means and population standard deviations of the columns of <paramref name="x"/> in one pass.</summary>
    /// <param name="x">The examples, at least one row.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has no rows.</exception>
    /// <remarks>
    /// Sums run in double over the rows shifted by the first row, which keeps the variance exact
    /// for columns whose mean is large next to their spread.
    /// </remarks>
    public static StandardScaler<T> Fit(ReadOnlyMatrixSpan<T> x)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        int m = x.Rows;
        int n = x.Columns;
        if (m == 0)
        {
            ThrowHelper.ThrowArgument(nameof(x), $"'{nameof(x)}' has no rows; a scaler needs at least one.");
        }

        var shift = new double[n];
        var sum = new double[n];
        var sumOfSquares = new double[n];
        var centered = new double[n];
        Widen(x.GetRow(0), shift);
        for (int i = 1; i < m; i++)
        {
            Widen(x.GetRow(i), centered);
            TensorPrimitives.Subtract(centered, shift, centered);
            TensorPrimitives.Add(sum, centered, sum);
            TensorPrimitives.MultiplyAdd(centered, centered, sumOfSquares, sumOfSquares);
        }

        var means = new T[n];
        var scales = new T[n];
        for (int j = 0; j < n; j++)
        {
            double meanShift = sum[j] / m;
            double variance = Math.Max(0, (sumOfSquares[j] / m) - (meanShift * meanShift));
            double mean = shift[j] + meanShift;
            double scale = Math.Sqrt(variance);
            bool constant;
            if (double.IsFinite(mean) && double.IsFinite(variance))
            {
                constant = IsConstant(m, mean, variance);
            }
            else
            {
                // The moments overflow: compute them in units of the column's largest magnitude, and test
                // constancy in those units, where the test's own products cannot overflow.
                (double largest, double meanScaled, double varianceScaled) = ColumnMomentsScaled(x, j);
                mean = meanScaled * largest;
                scale = Math.Sqrt(varianceScaled) * largest;
                constant = IsConstant(m, meanScaled, varianceScaled);
            }

            means[j] = T.CreateTruncating(mean);
            scales[j] = constant ? T.One : T.CreateTruncating(scale);
        }

        return new StandardScaler<T>(means, scales);
    }

    /// <summary>Writes (x - mean) / scale for every row of <paramref name="x"/>, packed row-major, into <paramref name="destination"/>.</summary>
    /// <param name="x">The examples; their column count must be <see cref="FeatureCount"/>.</param>
    /// <param name="destination">At least rows x columns elements, apart from <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The column count differs, <paramref name="destination"/> is too short, or it overlaps <paramref name="x"/>.</exception>
    public void Transform(ReadOnlyMatrixSpan<T> x, Span<T> destination)
    {
        if (x.Columns != FeatureCount)
        {
            ThrowHelper.ThrowArgument(nameof(x), $"'{nameof(x)}' has {x.Columns} columns; the scaler has {FeatureCount} features.");
        }

        long required = (long)x.Rows * x.Columns;
        if (destination.Length < required)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"'{nameof(destination)}':{destination.Length} must hold {x.Rows} x {x.Columns} = {required} elements.");
        }

        if (destination.Overlaps(x.Span))
        {
            ThrowHelper.ThrowOverlap(nameof(destination), nameof(x));
        }

        int n = x.Columns;
        for (int i = 0; i < x.Rows; i++)
        {
            Span<T> row = destination.Slice(i * n, n);
            TensorPrimitives.Subtract(x.GetRow(i), _means, row);
            TensorPrimitives.Divide(row, _scales, row);
        }
    }

    // scikit-learn's _is_constant_feature: a variance within rounding of zero is zero. The test is scale-free
    // (both sides scale with the square of the unit), so it may be applied to scaled moments.
    private static bool IsConstant(int m, double mean, double variance)
    {
        const double Eps = 2.220446049250313e-16;
        double bound = (m * Eps * variance) + Math.Pow(m * mean * Eps, 2);
        return variance <= bound;
    }

    // For a column whose moments overflow double (squares above about 1e154, or sums near 1.8e308): divide by
    // its largest magnitude first. Slower (three passes over the column), and only taken when the fast pass overflowed.
    private static (double Largest, double MeanScaled, double VarianceScaled) ColumnMomentsScaled(ReadOnlyMatrixSpan<T> x, int column)
    {
        int m = x.Rows;
        double largest = 0;
        for (int i = 0; i < m; i++)
        {
            largest = Math.Max(largest, Math.Abs(double.CreateTruncating(x[i, column])));
        }

        double meanScaled = 0;
        for (int i = 0; i < m; i++)
        {
            meanScaled += double.CreateTruncating(x[i, column]) / largest / m;
        }

        double varianceScaled = 0;
        for (int i = 0; i < m; i++)
        {
            double d = (double.CreateTruncating(x[i, column]) / largest) - meanScaled;
            varianceScaled += d * d / m;
        }

        return (largest, meanScaled, varianceScaled);
    }

    private static void Widen(ReadOnlySpan<T> source, Span<double> destination)
    {
        for (int j = 0; j < source.Length; j++)
        {
            destination[j] = double.CreateTruncating(source[j]);
        }
    }
}
