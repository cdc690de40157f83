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
    [InlineData("99999999999999999999:1")]
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
    public void ReadLibSvm_ThrowsFor_IndexWhoseDenseMatrixPassesTheDefaultLimit_BeforeAllocatingIt()
    {
        // The 26-byte file of the issue: 800 MB of doubles, and a string per column, before the fix.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ReadError("1 100000000:1\n-1 1:1 2:1\n");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AssertAt(e, 1, null, null);
        Assert.Equal("data.libsvm:1: the data needs a dense matrix of 1 x 100000000 doubles (800,000,000 bytes), above the limit of 268,435,456 bytes (MaxDenseBytes); LIBSVM files are read into a dense matrix", e.Message);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData("2000000000", "1 x 2000000000 doubles (16,000,000,000 bytes)")]
    [InlineData("3000000000", "2 x 3000000000 doubles (48,000,000,000 bytes)")]
    [InlineData("99999999999", "2 x 99999999999 doubles (1,599,999,999,984 bytes)")]
    public void ReadLibSvm_ThrowsFor_IndexPastInt_WithTheSizeItWouldNeed(string index, string size)
    {
        // 2e9 fits an int and is caught after its line; larger indices are caught at their token.
        string text = index == "2000000000" ? $"1 {index}:1\n" : $"-1 1:1\n1 {index}:1\n";

        var e = ReadError(text);

        Assert.Equal(text.Count(c => c == '\n'), e.Line);
        Assert.Contains($"needs a dense matrix of {size}, above the limit of 268,435,456 bytes", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Overflow", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_RowsThatPassTheLimit_AtTheFirstLineThatDoes()
    {
        // 3 features of float: 12 bytes a row, so 40 bytes hold 3 rows and the 4th passes the limit.
        var options = new LibSvmReadOptions { MaxDenseBytes = 40 };
        string text = "1 3:1\n-1 1:1\n# comment\n1 2:1\n-1 1:2\n1 1:3\n";

        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadLibSvm<float>(new StringReader(text), "data.libsvm", options));

        Assert.Equal(5, e.Line);
        Assert.Equal("data.libsvm:5: the data needs a dense matrix of 4 x 3 floats (48 bytes), above the limit of 40 bytes (MaxDenseBytes); LIBSVM files are read into a dense matrix", e.Message);
        Assert.Equal(3, DatasetReader.ReadLibSvm<float>(new StringReader(text[..text.IndexOf("-1 1:2", StringComparison.Ordinal)]), "data.libsvm", options).Rows);
    }

    [Fact]
    public void ReadLibSvm_ThrowsFor_HugeIndexAboveAnExplicitFeatureCount_NamingTheIndex()
    {
        var e = ReadError(GoodLines + "+1 3000000000:1\n", new LibSvmReadOptions { FeatureCount = 3 });

        AssertAt(e, 3, null, "3000000000:1");
        Assert.Contains("feature index 3000000000, above the feature count 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void LibSvmReadOptions_ThrowsFor_MaxDenseBytesNotPositive(long value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LibSvmReadOptions { MaxDenseBytes = value });

    [Theory]
    [InlineData("qid:x")]
    [InlineData("qid:")]
    public void ReadLibSvm_ThrowsFor_MalformedQueryId(string token)
    {
        var e = ReadError(GoodLines + $"+1 {token} 1:1\n");

        AssertAt(e, 3, null, token);
        Assert.EndsWith("is not a qid:<integer> token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LibSvmReadOptions_ThrowsFor_NegativeFeatureCount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LibSvmReadOptions { FeatureCount = -1 });

    [Fact]
    public void ReadLibSvm_ThrowsFor_UnsupportedElementType() =>
        Assert.Throws<NotSupportedException>(() => DatasetReader.ReadLibSvm<Half>(new StringReader(GoodLines), "data.libsvm"));
}
