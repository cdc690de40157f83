using System.Globalization;
using System.Text;

namespace LogReg.Cli;

/// <summary>
/// Decides a data file's format when --format is not given: from the extension when it says (.csv;
/// .libsvm, .svm, .svmlight), else from the first lines, so that LIBSVM downloads such as
/// <c>heart_scale</c> or <c>a9a.txt</c> are read as LIBSVM.
/// </summary>
internal static class FormatDetection
{
    /// <summary>Lines sniffed at most; a LIBSVM file shows its pairs on the first line that has features.</summary>
    private const int SniffLines = 8;

    /// <summary>Characters kept of each sniffed line; the tokens at the start decide.</summary>
    private const int MaxLinePrefix = 4096;

    public static DataFormat Detect(string path)
    {
        string extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is ".CSV")
        {
            return DataFormat.Csv;
        }

        if (extension is ".LIBSVM" or ".SVM" or ".SVMLIGHT")
        {
            return DataFormat.Libsvm;
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        int seen = 0;
        while (seen < SniffLines && ReadLinePrefix(reader) is { } line)
        {
            var content = StripComment(line).Trim();
            if (content.IsEmpty)
            {
                continue;
            }

            seen++;
            if (LooksLikeLibSvm(line))
            {
                return DataFormat.Libsvm;
            }

            // A LIBSVM row with no features is a lone label; anything else is CSV.
            if (!IsNumber(content))
            {
                return DataFormat.Csv;
            }
        }

        return DataFormat.Csv;
    }

    /// <summary>Whether a line is <c>label [qid:n] index:value ...</c> with at least one pair.</summary>
    public static bool LooksLikeLibSvm(ReadOnlySpan<char> line)
    {
        var content = StripComment(line);
        int pairs = 0;
        bool first = true;
        foreach (var range in content.SplitAny(" \t\r\v\f"))
        {
            var token = content[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (first)
            {
                if (!IsNumber(token))
                {
                    return false;
                }

                first = false;
                continue;
            }

            int colon = token.IndexOf(':');
            if (colon <= 0 || !IsNumber(token[(colon + 1)..]))
            {
                return false;
            }

            var key = token[..colon];
            if (key.SequenceEqual("qid") && pairs == 0)
            {
                continue;
            }

            if (key.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            pairs++;
        }

        return pairs > 0;
    }

    /// <summary>Reads the start of line <paramref name="lineNumber"/> (1-based), or <see langword="null"/> past the end.</summary>
    public static string? ReadLine(string path, int lineNumber)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[1 << 16];
        int toSkip = lineNumber - 1;
        int start = 0;
        int length = 0;
        while (toSkip > 0)
        {
            length = reader.Read(buffer, 0, buffer.Length);
            if (length == 0)
            {
                return null;
            }

            start = 0;
            int newline;
            while (toSkip > 0 && (newline = buffer.AsSpan(start, length - start).IndexOf('\n')) >= 0)
            {
                start += newline + 1;
                toSkip--;
            }
        }

        // The rest of the buffer starts the line; read the remainder from the reader.
        using var rest = new StringReader(new string(buffer, start, length - start));
        string head = ReadLinePrefix(rest) ?? string.Empty;
        bool lineEnded = buffer.AsSpan(start, length - start).Contains('\n');
        if (lineEnded || head.Length >= MaxLinePrefix)
        {
            return head;
        }

        return head + ReadLinePrefix(reader);
    }

    /// <summary>Reads one line and keeps its first characters, so a huge line costs no memory.</summary>
    private static string? ReadLinePrefix(TextReader reader)
    {
        var prefix = new StringBuilder();
        bool any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (c == '\n')
            {
                break;
            }

            if (prefix.Length < MaxLinePrefix)
            {
                prefix.Append((char)c);
            }
        }

        // A cut line may end inside a token: drop the part token.
        if (prefix.Length == MaxLinePrefix && prefix.ToString().LastIndexOfAny([' ', '\t']) is int blank and > 0)
        {
            prefix.Length = blank;
        }

        return any ? prefix.ToString() : null;
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        int hash = line.IndexOf('#');
        return hash >= 0 ? line[..hash] : line;
    }

    private static bool IsNumber(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);
}
