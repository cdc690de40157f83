using System.Globalization;
using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>
/// A labelled data set for binary classification that owns its memory: a dense row-major feature
/// matrix of <see cref="Rows"/> x <see cref="Columns"/> and one label, 0 or 1, for each row.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Instances are immutable and safe to share between threads. The loaders in
/// <see cref="DatasetReader"/> create them without copying the parsed values a second time.
/// </remarks>
public sealed class Dataset<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _features;
    private readonly T[] _labels;
    private readonly IReadOnlyList<string> _featureNames;

    /// <summary>Creates a data set from a copy of the given features and labels.</summary>
    /// <param name="features">The features, row after row; its length must be <c>rows * columns</c>.</param>
    /// <param name="rows">The number of rows (examples), zero or more.</param>
    /// <param name="columns">The number of features in each row, zero or more.</param>
    /// <param name="labels">One label for each row; every label must be 0 or 1.</param>
    /// <param name="featureNames">
    /// One name for each column, or <see langword="null"/> for the names "1" to "<paramref name="columns"/>",
    /// which are the feature indices of the LIBSVM format.
    /// </param>
    /// <param name="classLabels">The labels of class 0 and class 1 as the data names them, or <see langword="null"/> for <see cref="Data.ClassLabels.ZeroOne"/>.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// A length does not match the shape, a label is not 0 or 1, or a feature is NaN or infinite.
    /// </exception>
    public Dataset(ReadOnlySpan<T> features, int rows, int columns, ReadOnlySpan<T> labels, IReadOnlyList<string>? featureNames = null, ClassLabels? classLabels = null)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns != features.Length)
        {
            ThrowHelper.ThrowArgument(nameof(features), $"'{nameof(features)}' length {features.Length} does not fit a {rows} x {columns} matrix.");
        }

        if (labels.Length != rows)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(labels), labels.Length, nameof(rows), rows);
        }

        if (featureNames is not null && featureNames.Count != columns)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(featureNames), featureNames.Count, nameof(columns), columns);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != T.Zero && labels[i] != T.One)
            {
                ThrowHelper.ThrowArgument(nameof(labels), $"'{nameof(labels)}'[{i}] is {labels[i]}; labels must be 0 or 1.");
            }
        }

        for (int i = 0; i < features.Length; i++)
        {
            if (!T.IsFinite(features[i]))
            {
                ThrowHelper.ThrowArgument(nameof(features), $"'{nameof(features)}' row {i / columns}, column {i % columns} is {features[i]}; features must be finite.");
            }
        }

        _features = features.ToArray();
        _labels = labels.ToArray();
        _featureNames = featureNames?.ToArray() ?? DefaultFeatureNames(columns);
        ClassLabels = classLabels ?? ClassLabels.ZeroOne;
        Rows = rows;
        Columns = columns;
    }

    private Dataset(T[] features, T[] labels, IReadOnlyList<string> featureNames, ClassLabels? classLabels, int rows, int columns)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        _features = features;
        _labels = labels;
        _featureNames = featureNames;
        ClassLabels = classLabels;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Gets the number of rows (examples).</summary>
    public int Rows { get; }

    /// <summary>Gets the number of features in each row.</summary>
    public int Columns { get; }

    /// <summary>Gets a packed row-major view of the features.</summary>
    public ReadOnlyMatrixSpan<T> Features => new(_features, Rows, Columns);

    /// <summary>Gets the labels, one for each row, each 0 or 1; empty when the data set is unlabelled.</summary>
    public ReadOnlySpan<T> Labels => _labels;

    /// <summary>Gets a value indicating whether the data set has labels (it was not read with <see cref="LabelColumn.None"/>).</summary>
    public bool HasLabels => _labels.Length == Rows;

    /// <summary>Gets the name of each feature column: the CSV header names, or the 1-based LIBSVM indices.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>
    /// Gets the labels of class 0 and class 1 as the data names them (such as <c>no</c> and <c>yes</c>, or
    /// <c>-1</c> and <c>+1</c>), or <see langword="null"/> when the data set has no labels.
    /// </summary>
    public ClassLabels? ClassLabels { get; }

    /// <summary>Takes ownership of arrays the caller has already validated, without copying them.</summary>
    internal static Dataset<T> TakeOwnership(T[] features, int rows, int columns, T[] labels, IReadOnlyList<string> featureNames, ClassLabels? classLabels) =>
        new(features, labels, featureNames, classLabels, rows, columns);

    /// <summary>The names "1" to "<paramref name="columns"/>", made when read: a wide LIBSVM file does not hold a string per column.</summary>
    internal static IReadOnlyList<string> DefaultFeatureNames(int columns) => new OneBasedIndexNames(columns);

    private sealed class OneBasedIndexNames(int count) : IReadOnlyList<string>
    {
        public int Count => count;

        public string this[int index] =>
            (uint)index < (uint)count ? (index + 1).ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
