namespace LogReg.Simd.Data;

/// <summary>Options for <see cref="DatasetReader.ReadCsv{T}(string, CsvReadOptions?)"/>.</summary>
/// <remarks>
/// <para>
/// The file starts with a header row unless <see cref="HasHeader"/> is <see langword="false"/>. Every
/// column other than the label column is a feature, parsed with the invariant culture. Quoted fields
/// are unquoted; blank lines are skipped.
/// </para>
/// <para>
/// The label column holds any two distinct values, as scikit-learn accepts: 0/1, -1/+1, no/yes,
/// false/true or any two strings. Numbers compare by value (<c>1</c>, <c>+1</c> and <c>1.0</c> are one
/// class), other text ordinally after trimming blanks. The positive class (coded 1) is
/// <see cref="PositiveLabel"/> when it is set, else the value that is 1, +1, true or yes (in any case).
/// A column with one value only is one class: negative unless it is the positive label or 1, +1, true
/// or yes.
/// </para>
/// </remarks>
public sealed record CsvReadOptions
{
    /// <summary>Gets the options with every default.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Gets the character between fields. The default is a comma (<c>','</c>).</summary>
    /// <remarks>Any printable ASCII character other than a quote, or a tab, is allowed.</remarks>
    public char Delimiter { get; init; } = ',';

    /// <summary>Gets a value indicating whether the first row names the columns. The default is <see langword="true"/>.</summary>
    /// <remarks>
    /// A header whose every cell is a number is refused with a <see cref="DataFormatException"/>: it is
    /// almost always the first data row of a file without a header, which would otherwise be lost. Without
    /// a header the columns are named by their zero-based index ("0", "1", ...), and
    /// <see cref="LabelColumn.At(int)"/> or <see cref="LabelColumn.Last"/> chooses the label.
    /// </remarks>
    public bool HasHeader { get; init; } = true;

    /// <summary>Gets the column that holds the class labels. The default is <see cref="LabelColumn.Last"/>, the last column.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public LabelColumn Label
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = LabelColumn.Last;

    /// <summary>
    /// Gets the label of the positive class (coded 1), or <see langword="null"/> (the default) to take the
    /// value that is 1, +1, true or yes. Compared as the labels are: numbers by value, other text ordinally.
    /// </summary>
    /// <exception cref="ArgumentException">The value set is empty or blank.</exception>
    public string? PositiveLabel
    {
        get;
        init
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"'{nameof(PositiveLabel)}' must not be empty or blank.", nameof(value));
            }

            field = value?.Trim();
        }
    }

    /// <summary>
    /// Gets a value indicating whether the label column is dropped unread: it is not a feature, and the data
    /// set has no labels. For scoring rows whose labels do not matter.
    /// </summary>
    internal bool DropLabelColumn { get; init; }
}
