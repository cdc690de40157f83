using System.Globalization;
using System.Numerics;

namespace LogReg.Simd.Tests.Data;

/// <summary>Paths of the bundled data files, and independent parsers used as oracles.</summary>
internal static class TestText
{
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static T Parse<T>(string text)
        where T : IBinaryFloatingPointIeee754<T> =>
        T.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Splits a simple CSV file (no quotes) with string.Split: a second, simpler reader to check against.</summary>
    public static (string[] Header, string[][] Rows) SplitCsv(string path, char delimiter = ',')
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        return (lines[0].Split(delimiter), lines.Skip(1).Select(l => l.Split(delimiter)).ToArray());
    }
}

/// <summary>Hands out at most a few characters per read, so every buffer boundary case is hit.</summary>
internal sealed class TrickleReader(string text, int charsPerRead) : TextReader
{
    private int _position;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, charsPerRead), text.Length - _position);
        text.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override int Peek() => _position < text.Length ? text[_position] : -1;

    public override int Read() => _position < text.Length ? text[_position++] : -1;
}
