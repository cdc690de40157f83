namespace LogReg.Simd.Data;

/// <summary>
/// The exception thrown when a label column's two values do not say which class is positive, or the
/// positive label asked for is not among them. The caller resolves it by choosing the positive class
/// (<see cref="CsvReadOptions.PositiveLabel"/>).
/// </summary>
public sealed class ClassLabelException : FormatException
{
    /// <summary>Creates an exception with a message and no details.</summary>
    public ClassLabelException()
        : this("The positive class cannot be told from the labels.")
    {
    }

    /// <summary>Creates an exception with a message and no details.</summary>
    /// <param name="message">The message.</param>
    public ClassLabelException(string message)
        : base(message)
    {
        SourceName = string.Empty;
        Column = string.Empty;
        Values = [];
    }

    /// <summary>Creates an exception with a message, no details and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ClassLabelException(string message, Exception? innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
        Column = string.Empty;
        Values = [];
    }

    /// <summary>Creates an exception that names the data, the label column, its values and the positive label asked for.</summary>
    /// <param name="sourceName">The file name or other name of the data.</param>
    /// <param name="column">The name of the label column.</param>
    /// <param name="values">The distinct label values found, in the order they first appear.</param>
    /// <param name="positiveLabel">The positive label asked for, or <see langword="null"/> when none was.</param>
    public ClassLabelException(string sourceName, string column, IReadOnlyList<string> values, string? positiveLabel)
        : base(FormatMessage(sourceName, column, values, positiveLabel))
    {
        ArgumentNullException.ThrowIfNull(values);
        SourceName = sourceName;
        Column = column;
        Values = [.. values];
        PositiveLabel = positiveLabel;
    }

    /// <summary>Gets the file name or other name of the data.</summary>
    public string SourceName { get; }

    /// <summary>Gets the name of the label column.</summary>
    public string Column { get; }

    /// <summary>Gets the distinct label values found, in the order they first appear.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Gets the positive label asked for, or <see langword="null"/> when none was.</summary>
    public string? PositiveLabel { get; }

    /// <summary>Describes the values found: <c>'cat' and 'dog'</c>.</summary>
    /// <returns>The description.</returns>
    public string DescribeValues() => Describe(Values);

    private static string Describe(IReadOnlyList<string> values) => string.Join(" and ", values.Select(v => $"'{v}'"));

    private static string FormatMessage(string sourceName, string column, IReadOnlyList<string> values, string? positiveLabel)
    {
        ArgumentNullException.ThrowIfNull(values);
        string where = $"{sourceName}: label column '{column}' holds {Describe(values)}";
        return positiveLabel is not null
            ? $"{where}; the positive label '{positiveLabel}' is not among them."
            : $"{where}; {(values.All(LabelText.IsPositive) ? "both" : "neither")} of them is 1, +1, true or yes, so choose the positive class ({nameof(CsvReadOptions)}.{nameof(CsvReadOptions.PositiveLabel)}).";
    }
}
