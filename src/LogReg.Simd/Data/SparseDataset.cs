using System.Numerics;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>
/// A labelled data set for binary classification whose features are a sparse <see cref="CsrMatrix{T}"/>:
/// the form <see cref="DatasetReader.ReadLibSvmSparse{T}(string, LibSvmReadOptions?)"/> returns, which costs
/// memory in proportion to the stored entries, not to rows x features.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Instances are immutable and safe to share between threads.</remarks>
public sealed class SparseDataset<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _labels;

    /// <summary>Creates a data set from a sparse matrix, which it keeps, and a copy of the labels.</summary>
    /// <param name="features">The features; every stored value must be finite.</param>
    /// <param name="labels">One label for each row; every label must be 0 or 1.</param>
    /// <param name="classLabels">The labels of class 0 and class 1 as the data names them, or <see langword="null"/> for <see cref="Data.ClassLabels.ZeroOne"/>.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The label count is not the row count, a label is not 0 or 1, or a stored value is NaN or infinite.</exception>
    public SparseDataset(CsrMatrix<T> features, ReadOnlySpan<T> labels, ClassLabels? classLabels = null)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        ArgumentNullException.ThrowIfNull(features);
        if (labels.Length != features.Rows)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(labels), labels.Length, "features.Rows", features.Rows);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != T.Zero && labels[i] != T.One)
            {
                ThrowHelper.ThrowArgument(nameof(labels), $"'{nameof(labels)}'[{i}] is {labels[i]}; labels must be 0 or 1.");
            }
        }

        var span = features.Span;
        for (int i = 0; i < span.Rows; i++)
        {
            ReadOnlySpan<T> values = span.GetRowValues(i);
            for (int k = 0; k < values.Length; k++)
            {
                if (!T.IsFinite(values[k]))
                {
                    ThrowHelper.ThrowArgument(nameof(features), $"'{nameof(features)}' row {i}, column {span.GetRowIndices(i)[k]} is {values[k]}; features must be finite.");
                }
            }
        }

        Features = features;
        _labels = labels.ToArray();
        ClassLabels = classLabels ?? ClassLabels.ZeroOne;
    }

    private SparseDataset(CsrMatrix<T> features, T[] labels, ClassLabels classLabels)
    {
        Features = features;
        _labels = labels;
        ClassLabels = classLabels;
    }

    /// <summary>Gets the features.</summary>
    public CsrMatrix<T> Features { get; }

    /// <summary>Gets the number of rows (examples).</summary>
    public int Rows => Features.Rows;

    /// <summary>Gets the number of features (columns).</summary>
    public int Columns => Features.Columns;

    /// <summary>Gets the labels, one for each row, each 0 or 1.</summary>
    public ReadOnlySpan<T> Labels => _labels;

    /// <summary>Gets the name of each feature: the 1-based LIBSVM indices "1" to <see cref="Columns"/>, made when read.</summary>
    public IReadOnlyList<string> FeatureNames => Dataset<T>.DefaultFeatureNames(Columns);

    /// <summary>Gets the labels of class 0 and class 1 as the data names them (such as <c>-1</c> and <c>+1</c>).</summary>
    public ClassLabels ClassLabels { get; }

    /// <summary>Copies the data set into a dense one (rows x columns elements); for small data or code that needs dense rows.</summary>
    /// <returns>The dense data set with the same features, labels and class labels.</returns>
    /// <exception cref="InvalidOperationException">Rows x columns passes <see cref="Array.MaxLength"/>.</exception>
    public Dataset<T> ToDense()
    {
        long length = (long)Rows * Columns;
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException($"A dense {Rows} x {Columns} matrix has {length} elements, more than an array holds ({Array.MaxLength}).");
        }

        var dense = new T[length];
        Features.CopyTo(dense);
        return Dataset<T>.TakeOwnership(dense, Rows, Columns, _labels, FeatureNames, ClassLabels);
    }

    /// <summary>Takes ownership of parts the loader has already validated, without copying them.</summary>
    internal static SparseDataset<T> TakeOwnership(CsrMatrix<T> features, T[] labels, ClassLabels classLabels) => new(features, labels, classLabels);
}
