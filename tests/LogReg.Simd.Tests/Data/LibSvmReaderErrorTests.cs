using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public sealed class LibSvmReaderErrorTests
{
    private const string GoodLines = "+1 1:0.5 3:1\n-1 2:0.25\n";

    private static DataFormatException ReadError(string text, LibSvmReadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => DatasetReader.ReadLibSvm<double>(new StringReader(text), "data.libsvm", options));

    private static void AssertAt(DataFormatException e, int line, string? column, string? text)
    {
        Assert.Equal("data.libsvm", e.SourceName);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(text, e.Text);
        Assert.StartsWith($"data.libsvm:{line}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_ZeroIndex()
    {
        var e = ReadError(GoodLines + "+1 0:1.5\n");

        AssertAt(e, 3, null, "0:1.5");
        Assert.Equal("data.libsvm:3: '0:1.5' has feature index 0; indices start at 1", e.Message);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_NegativeIndex()
    {
        var e = ReadError(GoodLines + "# comment\n+1 -2:1\n");

        AssertAt(e, 4, null, "-2:1");
        Assert.Contains("feature index -2; indices start at 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_DecreasingIndex()
    {
        var e = ReadError(GoodLines + "+1 3:1 2:1\n");

        AssertAt(e, 3, null, "2:1");
        Assert.Contains("feature index 2, not above the previous index 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_DuplicateIndex()
    {
        var e = ReadError("\n\n-1 4:1 4:2\n");

        AssertAt(e, 3, null, "4:2");
        Assert.Contains("feature index 4, not above the previous index 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_IndexAboveExplicitFeatureCount()
    {
        var e = ReadError(GoodLines + "+1 2:1 4:1\n", new LibSvmReadOptions { FeatureCount = 3 });

        AssertAt(e, 3, null, "4:1");
        Assert.Contains("feature index 4, above the feature count 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("3:")]
    [InlineData(":3")]
    [InlineData("a:1")]
    [InlineData("1.5:2")]
    [InlineData("99999999999:1")]
    public void ReadLibSvm_ThrowsFor_MalformedPair(string token)
    {
        var e = ReadError(GoodLines + $"+1 1:1 {token}\n");

        AssertAt(e, 3, null, token);
        Assert.EndsWith("is not an <index>:<value> pair with an integer index", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "is not a number")]
    [InlineData("1:2", "is not a number")]
    [InlineData("NaN", "is not finite")]
    [InlineData("-Infinity", "is not finite")]
    public void ReadLibSvm_ThrowsFor_BadValue(string value, string problem)
    {
        var e = ReadError(GoodLines + $"-1 2:1 7:{value}\n");

        AssertAt(e, 3, "7", value);
        Assert.Equal($"data.libsvm:3: column '7': '{value}' {problem}", e.Message);
    }

    [Theory]
    [InlineData("2", "is not a binary label; expected +1/-1 or 1/0")]
    [InlineData("0.5", "is not a binary label; expected +1/-1 or 1/0")]
    [InlineData("-2", "is not a binary label; expected +1/-1 or 1/0")]
    [InlineData("NaN", "is not finite")]
    [InlineData("Infinity", "is not finite")]
    [InlineData("1:0.5", "is not a number")]
    public void ReadLibSvm_ThrowsFor_BadLabel(string label, string problem)
    {
        var e = ReadError(GoodLines + $"{label} 3:1\n");

        AssertAt(e, 3, "label", label);
        Assert.Equal($"data.libsvm:3: column 'label': '{label}' {problem}", e.Message);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("# only a comment\n\n", 3)]
    public void ReadLibSvm_ThrowsFor_NoRows(string text, int line)
    {
        var e = ReadError(text);

        AssertAt(e, line, null, null);
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_MissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".libsvm");

        Assert.Throws<FileNotFoundException>(() => DatasetReader.ReadLibSvm<double>(path));
    }

    [Fact]
    public void LibSvmReadOptions_ThrowsFor_NegativeFeatureCount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LibSvmReadOptions { FeatureCount = -1 });

    [Fact]
    public void ReadLibSvm_ThrowsFor_UnsupportedElementType() =>
        Assert.Throws<NotSupportedException>(() => DatasetReader.ReadLibSvm<Half>(new StringReader(GoodLines), "data.libsvm"));
}
