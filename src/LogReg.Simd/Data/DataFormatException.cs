namespace LogReg.Simd.Data;

/// <summary>
/// The exception thrown when a data file cannot be read as a data set. The message has the form
/// <c>data.csv:17: column 'mean_radius': 'abc' is not a number</c>.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates an exception with no location.</summary>
    public DataFormatException()
        : this("The data is not in the expected format.")
    {
    }

    /// <summary>Creates an exception with a message and no location.</summary>
    /// <param name="message">The message.</param>
    public DataFormatException(string message)
        : base(message)
    {
        SourceName = string.Empty;
    }

    /// <summary>Creates an exception with a message, no location and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public DataFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
    }

    /// <summary>Creates an exception that names where in the data the problem is.</summary>
    /// <param name="sourceName">The file name or other name of the data.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <param name="column">The column name or index, or <see langword="null"/> when the problem is not in one column.</param>
    /// <param name="text">The offending text, or <see langword="null"/> when there is none.</param>
    /// <param name="problem">What is wrong, for example <c>is not a number</c> after the text.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public DataFormatException(string sourceName, int line, string? column, string? text, string problem, Exception? innerException = null)
        : base(FormatMessage(sourceName, line, column, text, problem), innerException)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Text = text;
    }

    /// <summary>Gets the file name or other name of the data.</summary>
    /// <remarks>Not called <c>Source</c>, which <see cref="Exception"/> already uses for the assembly that threw.</remarks>
    public string SourceName { get; }

    /// <summary>Gets the 1-based line number of the problem, or 0 when it is not known.</summary>
    public int Line { get; }

    /// <summary>Gets the column name (CSV) or feature index (LIBSVM), or <see langword="null"/> when the problem is not in one column.</summary>
    public string? Column { get; }

    /// <summary>Gets the offending text, or <see langword="null"/> when there is none.</summary>
    public string? Text { get; }

    /// <summary>Gets a value indicating whether the problem is a CSV header row of numbers, which front ends explain with their own option.</summary>
    internal bool IsNumericHeader { get; init; }

    private static string FormatMessage(string sourceName, int line, string? column, string? text, string problem)
    {
        string where = column is null ? $"{sourceName}:{line}: " : $"{sourceName}:{line}: column '{column}': ";
        return text is null ? where + problem : $"{where}'{text}' {problem}";
    }
}
