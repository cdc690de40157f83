using System.Numerics;
using System.Text;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public abstract class CsvReaderTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly string BreastCancerPath = TestText.DataFile("breast_cancer.csv");

    private static T V(string text) => TestText.Parse<T>(text);

    [Fact]
    public void ReadCsv_BreastCancer_ByName_MatchesSplitParse()
    {
        var data = DatasetReader.ReadCsv<T>(BreastCancerPath, new CsvReadOptions { Label = LabelColumn.Named("malignant") });

        AssertMatchesSplitParse(data, labelIndex: 30);
        Assert.Equal(569, data.Rows);
        Assert.Equal(30, data.Columns);
    }

    [Fact]
    public void ReadCsv_BreastCancer_ByIndex_EqualsByName()
    {
        var byName = DatasetReader.ReadCsv<T>(BreastCancerPath, new CsvReadOptions { Label = LabelColumn.Named("malignant") });
        var byIndex = DatasetReader.ReadCsv<T>(BreastCancerPath, new CsvReadOptions { Label = LabelColumn.At(30) });
        var byDefault = DatasetReader.ReadCsv<T>(BreastCancerPath);

        foreach (var other in new[] { byIndex, byDefault })
        {
            Assert.Equal(byName.Features.Span.ToArray(), other.Features.Span.ToArray());
            Assert.Equal(byName.Labels.ToArray(), other.Labels.ToArray());
            Assert.Equal(byName.FeatureNames, other.FeatureNames);
        }
    }

    [Fact]
    public void ReadCsv_BreastCancer_LabelInTheMiddle_KeepsOtherColumnsInOrder()
    {
        // 'mean_radius' (column 0) holds no 0/1 labels, so use a rewritten copy with the label moved to column 2.
        var (header, rows) = TestText.SplitCsv(BreastCancerPath);
        static string[] Move(string[] fields) => [.. fields[..2], fields[^1], .. fields[2..^1]];
        var text = new StringBuilder().AppendJoin(',', Move(header)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', Move(row)).Append('\n');
        }

        var data = DatasetReader.ReadCsv<T>(new StringReader(text.ToString()), "moved.csv", new CsvReadOptions { Label = LabelColumn.At(2) });

        AssertMatchesSplitParse(data, labelIndex: 30);
    }

    [Fact]
    public void ReadCsv_Stream_EqualsPath()
    {
        using var stream = File.OpenRead(BreastCancerPath);

        var fromStream = DatasetReader.ReadCsv<T>(stream, "breast_cancer.csv");
        var fromPath = DatasetReader.ReadCsv<T>(BreastCancerPath);

        Assert.Equal(fromPath.Features.Span.ToArray(), fromStream.Features.Span.ToArray());
        Assert.Equal(fromPath.Labels.ToArray(), fromStream.Labels.ToArray());
        Assert.True(stream.CanRead, "the stream is left open");
    }

    [Fact]
    public void ReadCsv_TextReader_IsLeftOpen()
    {
        using var reader = new StringReader("a,y\n1,0\n");

        DatasetReader.ReadCsv<T>(reader, "t.csv");

        Assert.Equal(-1, reader.Peek()); // would throw ObjectDisposedException if disposed
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void ReadCsv_Delimiter_SplitsOnIt(char delimiter)
    {
        var text = $"a{delimiter}b{delimiter}y\n1.5{delimiter}-2{delimiter}1\n3{delimiter}4e-3{delimiter}0\n";

        var data = DatasetReader.ReadCsv<T>(new StringReader(text), "d.csv", new CsvReadOptions { Delimiter = delimiter });

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([TestText.Parse<T>("1.5"), TestText.Parse<T>("-2"), TestText.Parse<T>("3"), TestText.Parse<T>("4e-3")], data.Features.Span.ToArray());
        Assert.Equal([T.One, T.Zero], data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_NoHeader_KeepsEveryRow_AndNamesColumnsByIndex()
    {
        // The first row repeats a value, which a header could not: it must still be read as data.
        var text = "\n0.5,0.5,1\n-1,2,0\n\n3,4,1\n";

        var data = DatasetReader.ReadCsv<T>(new StringReader(text), "d.csv", new CsvReadOptions { HasHeader = false });

        Assert.Equal(3, data.Rows);
        Assert.Equal(["0", "1"], data.FeatureNames);
        Assert.Equal([V("0.5"), V("0.5"), V("-1"), V("2"), V("3"), V("4")], data.Features.Span.ToArray());
        Assert.Equal([T.One, T.Zero, T.One], data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_NoHeader_LabelByIndex_NamesTheOtherColumnsByTheirIndex()
    {
        var data = DatasetReader.ReadCsv<T>(new StringReader("1,7,8\n0,9,10\n"), "d.csv", new CsvReadOptions { HasHeader = false, Label = LabelColumn.At(0), Delimiter = ',' });

        Assert.Equal(["1", "2"], data.FeatureNames);
        Assert.Equal([V("7"), V("8"), V("9"), V("10")], data.Features.Span.ToArray());
        Assert.Equal([T.One, T.Zero], data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_NoHeader_Unlabelled_ReadsEveryColumn()
    {
        var data = DatasetReader.ReadCsv<T>(new StringReader("1;2\n3;4\n"), "d.csv", new CsvReadOptions { HasHeader = false, Label = LabelColumn.None, Delimiter = ';' });

        Assert.Equal(2, data.Rows);
        Assert.Equal(["0", "1"], data.FeatureNames);
        Assert.False(data.HasLabels);
    }

    [Fact]
    public void ReadCsv_HeaderWithSomeNumericNames_IsAHeader()
    {
        var data = DatasetReader.ReadCsv<T>(new StringReader("1,2,label\n5,6,1\n"), "d.csv");

        Assert.Equal(["1", "2"], data.FeatureNames);
        Assert.Equal(1, data.Rows);
    }

    [Theory]
    [InlineData("0,1,2\n5,6,1\n7,8,0\n")]
    [InlineData("1,2,3\n5,6,1\n7,8,0\n")]
    public void ReadCsv_HeaderOfColumnPositions_IsAHeader_AsPandasWritesUnnamedColumns(string text)
    {
        var data = DatasetReader.ReadCsv<T>(new StringReader(text), "d.csv");

        Assert.Equal(2, data.Rows);
        Assert.Equal(text[..3].Split(',')[..2], data.FeatureNames);
    }

    [Fact]
    public void ReadCsv_CommaFileWithSemicolonDelimiter_IsOneColumnAndFailsOnTheNumber()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            DatasetReader.ReadCsv<T>(new StringReader("a,y\n1,0\n"), "d.csv", new CsvReadOptions { Delimiter = ';' }));

        Assert.Equal(2, e.Line);
        Assert.Equal("1,0", e.Text);
    }

    [Fact]
    public void ReadCsv_DecimalLabelsAndCrLfAndQuotesAndBlankLines_AreAccepted()
    {
        var text = "\"x 1\",x2,y\r\n\"0.25\",1e3,1.0\r\n\r\n-0.5,2,0.0\r\n\r\n";

        var data = DatasetReader.ReadCsv<T>(new StringReader(text), "q.csv");

        Assert.Equal(["x 1", "x2"], data.FeatureNames);
        Assert.Equal(2, data.Rows);
        Assert.Equal([TestText.Parse<T>("0.25"), TestText.Parse<T>("1e3"), TestText.Parse<T>("-0.5"), TestText.Parse<T>("2")], data.Features.Span.ToArray());
        Assert.Equal([T.One, T.Zero], data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_SmallReads_GiveTheSameResultAsOneRead()
    {
        var text = File.ReadAllText(BreastCancerPath);

        var trickled = DatasetReader.ReadCsv<T>(new TrickleReader(text, 7), "b.csv");
        var whole = DatasetReader.ReadCsv<T>(new StringReader(text), "b.csv");

        Assert.Equal(whole.Features.Span.ToArray(), trickled.Features.Span.ToArray());
        Assert.Equal(whole.Labels.ToArray(), trickled.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_OnlyALabelColumn_GivesZeroFeatures()
    {
        var data = DatasetReader.ReadCsv<T>(new StringReader("y\n1\n0\n1\n"), "y.csv");

        Assert.Equal(3, data.Rows);
        Assert.Equal(0, data.Columns);
        Assert.Equal([T.One, T.Zero, T.One], data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_NoLabelColumn_ReadsEveryColumnAsAFeatureAndHasNoLabels()
    {
        var data = DatasetReader.ReadCsv<T>(new StringReader("a,b,c\n1,2,3\n4,5,6.5\n"), "u.csv", new CsvReadOptions { Label = LabelColumn.None });

        Assert.False(data.HasLabels);
        Assert.True(data.Labels.IsEmpty);
        Assert.Equal((2, 3), (data.Rows, data.Columns));
        Assert.Equal(["a", "b", "c"], data.FeatureNames);
        Assert.Equal(T.CreateTruncating(6.5), data.Features[1, 2]);
        Assert.Equal(T.CreateTruncating(4), data.Features[1, 0]);
    }

    [Fact]
    public void ReadCsv_NoLabelColumn_StillRejectsBadNumbersWithTheirColumn()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            DatasetReader.ReadCsv<T>(new StringReader("a,b\n1,2\n3,x\n"), "u.csv", new CsvReadOptions { Label = LabelColumn.None }));

        Assert.Equal("u.csv:3: column 'b': 'x' is not a number", e.Message);
    }

    private static void AssertMatchesSplitParse(Dataset<T> data, int labelIndex)
    {
        var (header, rows) = TestText.SplitCsv(BreastCancerPath);
        Assert.Equal(header.Where((_, i) => i != labelIndex), data.FeatureNames);
        Assert.Equal(rows.Length, data.Rows);
        Assert.Equal(header.Length - 1, data.Columns);
        for (int r = 0; r < rows.Length; r++)
        {
            var expected = rows[r].Where((_, i) => i != labelIndex).Select(TestText.Parse<T>).ToArray();
            Assert.Equal(expected, data.Features.GetRow(r).ToArray());
            Assert.Equal(TestText.Parse<T>(rows[r][labelIndex]), data.Labels[r]);
        }
    }
}

public sealed class CsvReaderTestsDouble : CsvReaderTests<double>;

public sealed class CsvReaderTestsSingle : CsvReaderTests<float>;
