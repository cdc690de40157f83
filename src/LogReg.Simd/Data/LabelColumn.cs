using System.Globalization;

namespace LogReg.Simd.Data;

/// <summary>
/// Which column of a CSV file holds the labels: one chosen by header name, by zero-based index, the
/// last one, or <see cref="None"/> for unlabelled data such as rows to score.
/// </summary>
public sealed record LabelColumn
{
    private LabelColumn(string? name, int? index, bool isNone = false)
    {
        Name = name;
        Index = index;
        IsNone = isNone;
    }

    /// <summary>Gets the last column of the header, which is the default.</summary>
    public static LabelColumn Last { get; } = new(null, null);

    /// <summary>Gets the choice of no label column: every column is a feature and the data set has no labels.</summary>
    public static LabelColumn None { get; } = new(null, null, isNone: true);

    /// <summary>Gets a value indicating whether there is no label column.</summary>
    public bool IsNone { get; }

    /// <summary>Gets the header name of the column, or <see langword="null"/> when the column is chosen by index or is the last one.</summary>
    public string? Name { get; }

    /// <summary>Gets the zero-based index of the column, or <see langword="null"/> when the column is chosen by name or is the last one.</summary>
    public int? Index { get; }

    /// <summary>Chooses the column whose header is <paramref name="name"/>, compared ordinally.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The label column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public static LabelColumn Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new LabelColumn(name, null);
    }

    /// <summary>Chooses the column at a zero-based index.</summary>
    /// <param name="index">The zero-based index of the column, counting the label column itself.</param>
    /// <returns>The label column.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static LabelColumn At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new LabelColumn(null, index);
    }

    /// <summary>Describes the column as it appears in error messages.</summary>
    /// <returns><c>'name'</c>, <c>#index</c>, <c>last</c> or <c>none</c>.</returns>
    public override string ToString() =>
        IsNone ? "none" : Name is not null ? $"'{Name}'" : Index is int index ? "#" + index.ToString(CultureInfo.InvariantCulture) : "last";
}
