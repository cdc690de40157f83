using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public abstract class SparseLibSvmReaderTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static SparseDataset<T> Read(string text, LibSvmReadOptions? options = null) =>
        DatasetReader.ReadLibSvmSparse<T>(new StringReader(text), "t.libsvm", options);

    private static T V(string text) => TestText.Parse<T>(text);

    [Fact]
    public void ReadLibSvmSparse_HeartScale_EqualsTheDenseReader()
    {
        string path = TestText.DataFile("heart_scale.libsvm");
        var dense = DatasetReader.ReadLibSvm<T>(path);
        var sparse = DatasetReader.ReadLibSvmSparse<T>(path);

        int pairs = File.ReadAllLines(path).Sum(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.Equal(270, sparse.Rows);
        Assert.Equal(13, sparse.Columns);
        Assert.Equal(pairs, sparse.Features.NonZeroCount);
        Assert.Equal(dense.Labels.ToArray(), sparse.Labels.ToArray());
        Assert.Equal(dense.ClassLabels, sparse.ClassLabels);
        Assert.Equal(dense.FeatureNames, sparse.FeatureNames);
        Assert.Equal(dense.Features.Span.ToArray(), sparse.ToDense().Features.Span.ToArray());
    }

    [Fact]
    public void ReadLibSvmSparse_PathStreamAndReader_ReadTheSame()
    {
        string path = TestText.DataFile("heart_scale.libsvm");
        var fromPath = DatasetReader.ReadLibSvmSparse<T>(path);
        using var stream = File.OpenRead(path);
        var fromStream = DatasetReader.ReadLibSvmSparse<T>(stream, "heart");
        var fromReader = DatasetReader.ReadLibSvmSparse<T>(new TrickleReader(File.ReadAllText(path), 7), "heart");

        foreach (var other in new[] { fromStream, fromReader })
        {
            AssertSameCsr(fromPath.Features.Span, other.Features.Span);
            Assert.Equal(fromPath.Labels.ToArray(), other.Labels.ToArray());
        }
    }

    [Fact]
    public void ReadLibSvmSparse_KeepsRowsWithoutFeatures_AndSkipsBlankLinesCommentsAndQids()
    {
        var data = Read("# header comment\n+1 qid:4 2:0.5 5:-1\n\n-1\n   \n+1 qid:4 # only a label\n-1 1:3 # tail\n");

        Assert.Equal(4, data.Rows);
        Assert.Equal(5, data.Columns);
        var x = data.Features.Span;
        Assert.Equal([0, 2, 2, 2, 3], x.RowOffsets.ToArray());
        Assert.Equal([1, 4, 0], x.ColumnIndices.ToArray());
        Assert.Equal([V("0.5"), V("-1"), V("3")], x.Values.ToArray());
        Assert.Equal([T.One, T.Zero, T.One, T.Zero], data.Labels.ToArray());
        Assert.Equal(new ClassLabels("-1", "+1"), data.ClassLabels);
    }

    [Fact]
    public void ReadLibSvmSparse_FeatureCount_WidensTheMatrix()
    {
        var data = Read("1 2:1\n0 1:1\n", new LibSvmReadOptions { FeatureCount = 10 });

        Assert.Equal(10, data.Columns);
        Assert.Equal(2, data.Features.NonZeroCount);
    }

    [Fact]
    public void ReadLibSvmSparse_IndexAtIntMax_IsTheLastColumn_WithoutDenseMemory()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = Read("1 5:1 2147483647:2.5\n-1 3000000:1\n");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(int.MaxValue, data.Columns);
        Assert.Equal([4, int.MaxValue - 1, 2999999], data.Features.Span.ColumnIndices.ToArray());
        Assert.Equal(V("2.5"), data.Features.Span.GetRowValues(0)[1]);
        Assert.True(allocated < 2 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ReadLibSvmSparse_ThrowsFor_IndexPastInt_NamingTheLimit()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("1 1:1\n1 2147483648:1\n"));

        Assert.Equal(2, e.Line);
        Assert.Equal("2147483648:1", e.Text);
        Assert.Equal("t.libsvm:2: '2147483648:1' has feature index 2147483648, above the largest supported index 2147483647", e.Message);
    }

    [Theory]
    [InlineData("+1 3:1 2:1\n", 1, "2:1", "has feature index 2, not above the previous index 3; indices must increase")]
    [InlineData("+1 1:1\n\n-1 4:1 4:2\n", 3, "4:2", "has feature index 4, not above the previous index 4; indices must increase")]
    [InlineData("+1 1:1\n-1 0:1\n", 2, "0:1", "has feature index 0; indices start at 1")]
    [InlineData("+1 1:1\n-1 7:1\n", 2, "7:1", "has feature index 7, above the feature count 6")]
    [InlineData("+1 1:1\n-1 2:abc\n", 2, "abc", "is not a number")]
    [InlineData("+1 1:1\n-1 2:1e999\n", 2, "1e999", "is not finite")]
    [InlineData("+1 1:1\n2 2:1\n", 2, "2", "is not a binary label; expected +1/-1 or 1/0")]
    [InlineData("+1 qid:x 1:1\n", 1, "qid:x", "is not a qid:<integer> token")]
    [InlineData("+1 1:1 3\n", 1, "3", "is not an <index>:<value> pair with an integer index")]
    public void ReadLibSvmSparse_ThrowsTheDenseReadersErrors_AtTheSameLine(string text, int line, string token, string problem)
    {
        var options = new LibSvmReadOptions { FeatureCount = 6 };
        var sparse = Assert.Throws<DataFormatException>(() => Read(text, options));
        var dense = Assert.Throws<DataFormatException>(() => DatasetReader.ReadLibSvm<T>(new StringReader(text), "t.libsvm", options));

        Assert.Equal(dense.Message, sparse.Message);
        Assert.Equal(line, sparse.Line);
        Assert.Equal(token, sparse.Text);
        Assert.EndsWith(problem, sparse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLibSvmSparse_ThrowsFor_NoRows()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("# nothing\n\n"));

        Assert.Equal("t.libsvm:3: no data rows; expected lines of '<label> <index>:<value> ...'", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadLibSvmSparse_Arrays_EndWithinAFifthOfTheEntries(bool lengthKnown)
    {
        // 6,000 rows of 1 to 60 entries: past the first allocation, with and without the text's length to project from.
        var text = new StringBuilder();
        var random = new Random(5);
        long entries = 0;
        for (int i = 0; i < 6000; i++)
        {
            text.Append(i % 2 == 0 ? "+1" : "-1");
            int count = random.Next(1, 61);
            for (int k = 1; k <= count; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $" {k * 3}:{random.Next(1, 1000) / 8.0}");
            }

            entries += count;
            text.Append('\n');
        }

        var data = lengthKnown
            ? DatasetReader.ReadLibSvmSparse<T>(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "m")
            : Read(text.ToString());

        long exact = (4L * (6001 + entries)) + ((long)Unsafe.SizeOf<T>() * entries);
        Assert.Equal(entries, data.Features.NonZeroCount);
        Assert.True(data.Features.ByteCount <= exact * 1.2, $"{data.Features.ByteCount} bytes for {exact} needed");
    }

    [Fact]
    public void ReadLibSvmSparse_FromASeekableStream_AllocatesAboutTheFinalArraysOnce()
    {
        // The projection from the stream's length sizes the arrays once: no doubling, no chain of copies.
        var text = new StringBuilder();
        var random = new Random(9);
        for (int i = 0; i < 20_000; i++)
        {
            text.Append(i % 2 == 0 ? "+1" : "-1");
            int count = random.Next(20, 41);
            for (int k = 1; k <= count; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $" {k * 7}:{random.Next(1, 100)}");
            }

            text.Append('\n');
        }

        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = DatasetReader.ReadLibSvmSparse<T>(stream, "m");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Fixed costs: the text buffers (64 Ki chars in the reader and the line splitter) and the first 16 Ki entries.
        long fixedCost = (1 << 20) + (16 * 1024 * (4 + Unsafe.SizeOf<T>()));
        Assert.True(allocated <= (data.Features.ByteCount * 1.1) + fixedCost, $"allocated {allocated} bytes for arrays of {data.Features.ByteCount}");
    }

    [Property(MaxTest = 60)]
    public Property RandomCsr_RoundTrips_ThroughLibSvmText() =>
        Prop.ForAll(Arb.From(RandomCsr()), c =>
        {
            var (matrix, labels) = c;
            var read = Read(ToLibSvm(matrix, labels), new LibSvmReadOptions { FeatureCount = matrix.Columns });
            AssertSameCsr(matrix.Span, read.Features.Span);
            Assert.Equal(labels.Select(l => l ? T.One : T.Zero), read.Labels.ToArray());
        });

    private static Gen<(CsrMatrix<T> Matrix, bool[] Labels)> RandomCsr() =>
        from rows in Gen.Choose(1, 20)
        from columns in Gen.Choose(1, 3000)
        from density in Gen.Choose(0, 100)
        from seed in Gen.Choose(0, int.MaxValue)
        from labels in Gen.Elements(false, true).ArrayOf(rows)
        select (MakeCsr(rows, columns, density / 1000.0 * 40 / columns * 10, seed), labels);

    private static CsrMatrix<T> MakeCsr(int rows, int columns, double density, int seed)
    {
        var random = new Random(seed);
        var offsets = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<T>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                if (random.NextDouble() < density || (j == columns - 1 && random.Next(4) == 0))
                {
                    indices.Add(j);
                    double bits = random.Next(3) switch { 0 => random.Next(-9, 10), 1 => (random.NextDouble() - 0.5) * 1e6, _ => BitConverter.Int64BitsToDouble(random.NextInt64()) };
                    T value = T.CreateTruncating(bits);
                    values.Add(T.IsFinite(value) ? value : T.One);
                }
            }

            offsets.Add(indices.Count);
        }

        return new CsrMatrix<T>([.. offsets], [.. indices], [.. values], columns);
    }

    private static string ToLibSvm(CsrMatrix<T> matrix, bool[] labels)
    {
        var text = new StringBuilder();
        var x = matrix.Span;
        for (int i = 0; i < x.Rows; i++)
        {
            text.Append(labels[i] ? "+1" : "-1");
            var indices = x.GetRowIndices(i);
            var values = x.GetRowValues(i);
            for (int k = 0; k < indices.Length; k++)
            {
                text.Append(i % 3 == 0 ? '\t' : ' ').Append(indices[k] + 1).Append(':').Append(values[k].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append(i % 2 == 0 ? "\n" : "\r\n");
        }

        return text.ToString();
    }

    private static void AssertSameCsr(ReadOnlyCsrMatrixSpan<T> expected, ReadOnlyCsrMatrixSpan<T> actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.RowOffsets.ToArray(), actual.RowOffsets.ToArray());
        Assert.Equal(expected.ColumnIndices.ToArray(), actual.ColumnIndices.ToArray());
        Assert.True(
            MemoryMarshal.AsBytes(expected.Values).SequenceEqual(MemoryMarshal.AsBytes(actual.Values)),
            "values differ bit for bit");
    }
}

public sealed class SparseLibSvmReaderTestsSingle : SparseLibSvmReaderTests<float>;

public sealed class SparseLibSvmReaderTestsDouble : SparseLibSvmReaderTests<double>;

public sealed class ProjectedGrowthTests
{
    [Fact]
    public void NextCapacity_ProjectsTheWholeText_WhenItsLengthIsKnown()
    {
        // A tenth of the text held 16,384 entries: the whole holds about ten times that, plus the margin.
        Assert.Equal((int)(16_384 * 10.0 * 1.04) + 1024, ProjectedGrowth.NextCapacity(16_384, 100_000, 1_000_000));
    }

    [Fact]
    public void NextCapacity_GrowsByAnEighth_WithoutALength_OrPastIt()
    {
        Assert.Equal(16_384 + 2048, ProjectedGrowth.NextCapacity(16_384, 100_000, null));
        Assert.Equal(16_384 + 2048, ProjectedGrowth.NextCapacity(16_384, 100_000, 100_000));
        Assert.Equal(Array.MaxLength, ProjectedGrowth.NextCapacity(Array.MaxLength - 10, 5, null));
    }
}
