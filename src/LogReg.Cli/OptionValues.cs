using System.CommandLine.Parsing;
using System.Globalization;

namespace LogReg.Cli;

/// <summary>
/// Parsers for numeric and path options (set as an option's <c>CustomParser</c>), so that a bad value is
/// one usage error in the CLI's words ("--c must be ...; got 0") instead of System.CommandLine's or the
/// library's text, which names .NET types and parameters.
/// </summary>
internal static class OptionValues
{
    public const string FiniteAbove0 = "a finite number > 0";
    public const string FiniteAtLeast0 = "a finite number >= 0";
    public const string WholeAtLeast1 = "a whole number from 1 to 2147483647";
    public const string AnyWhole = "a whole number from -2147483648 to 2147483647";

    /// <summary>Parses a real number that <paramref name="accepts"/>; <paramref name="range"/> says which in words.</summary>
    public static Func<ArgumentResult, double> Real(string range, Func<double, bool> accepts) =>
        result => ParseReal(result, range, accepts) ?? 0;

    /// <summary>As <see cref="Real"/>, for an option without a default (null when not given).</summary>
    public static Func<ArgumentResult, double?> OptionalReal(string range, Func<double, bool> accepts) =>
        result => ParseReal(result, range, accepts);

    /// <summary>Parses an integer that <paramref name="accepts"/>; <paramref name="range"/> says which in words.</summary>
    public static Func<ArgumentResult, int> Whole(string range, Func<int, bool> accepts) => result =>
    {
        string text = Token(result);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && accepts(value))
        {
            return value;
        }

        result.AddError(Message(FlagOf(result), range, text));
        return 0;
    };

    /// <summary>Parses a comma-separated list of real numbers, each of which <paramref name="accepts"/>; <paramref name="range"/> says which in words.</summary>
    public static Func<ArgumentResult, double[]?> RealList(string range, Func<double, bool> accepts) => result =>
    {
        string text = Token(result);
        string[] items = text.Split(',');
        var values = new double[items.Length];
        for (int k = 0; k < items.Length; k++)
        {
            if (!double.TryParse(items[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !accepts(values[k]))
            {
                result.AddError(Message(FlagOf(result), range, text));
                return null;
            }
        }

        return values;
    };

    /// <summary>Parses a file path, which must not be empty or blank.</summary>
    public static Func<ArgumentResult, string?> FilePath() => result =>
    {
        string text = Token(result);
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError(Message(FlagOf(result), "a file path", text));
            return null;
        }

        return text;
    };

    /// <summary>"--flag must be RANGE; got VALUE": the one form of every bad-value message.</summary>
    public static string Message(string flag, string range, string value) =>
        $"{flag} must be {range}; got {(string.IsNullOrWhiteSpace(value) ? $"'{value}'" : value)}";

    private static double? ParseReal(ArgumentResult result, string range, Func<double, bool> accepts)
    {
        string text = Token(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && accepts(value))
        {
            return value;
        }

        result.AddError(Message(FlagOf(result), range, text));
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static string FlagOf(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
