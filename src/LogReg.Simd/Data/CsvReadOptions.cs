namespace LogReg.Simd.Data;

/// <summary>Options for <see cref="DatasetReader.ReadCsv{T}(string, CsvReadOptions?)"/>.</summary>
/// <remarks>
/// The file starts with a header row unless <see cref="HasHeader"/> is <see langword="false"/>. Every
/// column other than the label column is a feature, parsed with the invariant culture. Quoted fields
/// are unquoted; blank lines are skipped.
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

    /// <summary>Gets the column that holds the 0/1 labels. The default is <see cref="LabelColumn.Last"/>, the last column.</summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public LabelColumn Label
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = LabelColumn.Last;
}
