using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public sealed class CsvReaderErrorTests
{
    private const string Header = "mean_radius,mean_texture,malignant\n";

    private static DataFormatException ReadError(string text, CsvReadOptions? options = null) =>
        Assert.Throws<DataFormatException>(() => DatasetReader.ReadCsv<double>(new StringReader(text), "data.csv", options));

    private static void AssertAt(DataFormatException e, int line, string? column, string? text)
    {
        Assert.Equal("data.csv", e.SourceName);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(text, e.Text);
        Assert.StartsWith($"data.csv:{line}: ", e.Message, StringComparison.Ordinal);
    }

    private static string Rows(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"{i}.5,{i},{i % 2}\n"));

    [Fact]
    public void ReadCsv_ThrowsFor_UnparsableNumber_WithExactMessage()
    {
        var e = ReadError(Header + Rows(15) + "abc,1,0\n");

        AssertAt(e, 17, "mean_radius", "abc");
        Assert.Equal("data.csv:17: column 'mean_radius': 'abc' is not a number", e.Message);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_EmptyField()
    {
        var e = ReadError(Header + "1,,0\n");

        AssertAt(e, 2, "mean_texture", "");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void ReadCsv_ThrowsFor_NonFiniteFeature(string value)
    {
        var e = ReadError(Header + Rows(2) + $"1,{value},1\n");

        AssertAt(e, 4, "mean_texture", value);
        Assert.EndsWith("is not finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_FloatOverflow_WhenReadAsFloat()
    {
        var text = Header + "1e39,1,1\n";

        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadCsv<float>(new StringReader(text), "data.csv"));

        AssertAt(e, 2, "mean_radius", "1e39");
        Assert.Equal(1e39, DatasetReader.ReadCsv<double>(new StringReader(text), "data.csv").Features[0, 0]);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("0.5")]
    [InlineData("-1")]
    public void ReadCsv_ThrowsFor_AThirdLabelValue_NamingTheFirstThree(string label)
    {
        var e = ReadError(Header + Rows(4) + $"1,2,{label}\n");

        AssertAt(e, 6, "malignant", label);
        Assert.Equal($"data.csv:6: column 'malignant': '{label}' is a third label value; binary labels take two values (before it: '0' and '1')", e.Message);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_TooFewFields()
    {
        var e = ReadError(Header + Rows(1) + "1,2\n");

        AssertAt(e, 3, null, "1,2");
        Assert.Contains("has 2 fields; the header has 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_TooManyFields()
    {
        var e = ReadError(Header + Rows(2) + "1,2,1,4\n");

        AssertAt(e, 4, null, "1,2,1,4");
        Assert.Contains("has 4 fields; the header has 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_RaggedRow_CountingSkippedBlankLines()
    {
        var e = ReadError(Header + "1,2,1\n\n\n1,2\n");

        AssertAt(e, 5, null, "1,2");
    }

    [Fact]
    public void ReadCsv_ThrowsFor_LabelNameNotInHeader()
    {
        var e = ReadError(Header + Rows(1), new CsvReadOptions { Label = LabelColumn.Named("Malignant") });

        AssertAt(e, 1, null, null);
        Assert.Contains("label column 'Malignant' is not in the header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_LabelIndexOutOfRange()
    {
        var e = ReadError(Header + Rows(1), new CsvReadOptions { Label = LabelColumn.At(3) });

        AssertAt(e, 1, null, null);
        Assert.Contains("label column index 3 is out of range; the header has 3 columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_DuplicateHeaderName()
    {
        var e = ReadError("a,b,a,y\n1,2,3,0\n");

        AssertAt(e, 1, null, null);
        Assert.Equal("data.csv:1: the header is not valid: column name 'a' appears twice (columns 0 and 2)", e.Message);
    }

    [Theory]
    [InlineData("1.5,2,0\n3,4,1\n", "1.5,2,0")]
    [InlineData("0,0,1\n3,4,1\n", "0,0,1")]
    [InlineData("\"1\",-2e3,1\n", "\"1\",-2e3,1")]
    [InlineData("7\n1\n", "7")]
    public void ReadCsv_ThrowsFor_HeaderOfNumbers_WhichIsAFirstDataRow(string text, string firstRow)
    {
        // Read as a header, the first row of a file without one would be lost silently.
        var e = ReadError(text);

        AssertAt(e, 1, null, firstRow);
        Assert.True(e.IsNumericHeader);
        Assert.Equal($"data.csv:1: '{firstRow}' is all numbers, so it is data, not a header row; to read a file without a header, set HasHeader to false", e.Message);
    }

    [Fact]
    public void ReadCsv_NoHeader_ThrowsFor_LabelName()
    {
        var e = ReadError("1,2,0\n", new CsvReadOptions { HasHeader = false, Label = LabelColumn.Named("y") });

        AssertAt(e, 1, null, null);
        Assert.Contains("label column 'y' does not exist; without a header the columns are named by index, 0 to 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_NoHeader_ThrowsFor_RaggedRow_ComparedWithTheFirstRow()
    {
        var e = ReadError("1,2,0\n1,1\n", new CsvReadOptions { HasHeader = false });

        Assert.Equal(2, e.Line);
        Assert.Contains("has 2 fields; the first row has 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void ReadCsv_NoHeader_ThrowsFor_EmptyFile(string text)
    {
        var e = ReadError(text, new CsvReadOptions { HasHeader = false });

        AssertAt(e, 1, null, null);
        Assert.Contains("the file is empty; expected data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_WideHeader_DoesNotReserveRowsForItUpFront()
    {
        // 100,000 columns: the loader once reserved 1024 rows of them (800 MB) before reading a row.
        const int Columns = 100_000;
        var text = string.Join(',', Enumerable.Range(0, Columns).Select(i => "c" + i)) + "\n" + string.Join(',', Enumerable.Repeat("0", Columns - 1)) + ",1\n";

        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = DatasetReader.ReadCsv<double>(new StringReader(text), "wide.csv");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Columns - 1, data.Columns);
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ReadCsv_ThrowsFor_EmptyFile()
    {
        var e = ReadError("");

        AssertAt(e, 1, null, null);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Header, 2)]
    [InlineData(Header + "\n\n", 4)]
    public void ReadCsv_ThrowsFor_NoDataRows(string text, int line)
    {
        var e = ReadError(text);

        AssertAt(e, line, null, null);
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_MissingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".csv");

        Assert.Throws<FileNotFoundException>(() => DatasetReader.ReadCsv<double>(path));
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    public void ReadCsv_ThrowsFor_InvalidDelimiter(char delimiter)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            DatasetReader.ReadCsv<double>(new StringReader(Header), "data.csv", new CsvReadOptions { Delimiter = delimiter }));

        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_UnsupportedElementType()
    {
        Assert.Throws<NotSupportedException>(() => DatasetReader.ReadCsv<Half>(new StringReader(Header + Rows(1)), "data.csv"));
    }

    [Fact]
    public void ReadCsv_ThrowsFor_BadNumber_InALongNamedColumn_WithTheNameShortened()
    {
        // A semicolon file read with ',' is one column named by the whole header line.
        string header = string.Join(';', Enumerable.Range(0, 20).Select(i => "column_" + i));

        var e = ReadError(header + "\n1;2;3\n");

        Assert.Equal(80, e.Column!.Length);
        Assert.StartsWith("column_0;column_1;", e.Column, StringComparison.Ordinal);
        Assert.EndsWith("...", e.Column, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsFor_LongRow_WithShortenedText()
    {
        var longRow = string.Join(',', Enumerable.Repeat("1.25", 60));

        var e = ReadError(Header + longRow + "\n");

        Assert.Equal(2, e.Line);
        Assert.Equal(80, e.Text!.Length);
        Assert.EndsWith("...", e.Text, StringComparison.Ordinal);
    }
}
