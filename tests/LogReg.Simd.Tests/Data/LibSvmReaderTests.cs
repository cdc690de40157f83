using System.Numerics;
using System.Text;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public abstract class LibSvmReaderTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly string HeartScalePath = TestText.DataFile("heart_scale.libsvm");

    private static Dataset<T> Read(string text, LibSvmReadOptions? options = null) =>
        DatasetReader.ReadLibSvm<T>(new StringReader(text), "t.libsvm", options);

    private static T V(string text) => TestText.Parse<T>(text);

    [Fact]
    public void ReadLibSvm_IgnoresQueryIds_AsScikitLearnDoes()
    {
        var withIds = Read("+1 qid:3 1:0.5 3:1\n-1\tqid:-7   2:0.25\n+1 qid:3\n");
        var without = Read("+1 1:0.5 3:1\n-1 2:0.25\n+1\n");

        Assert.Equal(3, withIds.Rows);
        Assert.Equal(3, withIds.Columns);
        Assert.Equal(without.Features.Span.ToArray(), withIds.Features.Span.ToArray());
        Assert.Equal(without.Labels.ToArray(), withIds.Labels.ToArray());
    }

    [Fact]
    public void ReadLibSvm_WideFile_DoesNotAllocateANamePerColumn()
    {
        // One row of 2,000,000 features is 8 or 16 MB of values; a string per column would add about 100 MB.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = Read("1 2000000:1\n");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2_000_000, data.Columns);
        Assert.True(allocated < (3L * 2_000_000 * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() / 2) + (1 << 20), $"allocated {allocated} bytes");
        Assert.Equal("2000000", data.FeatureNames[^1]);
        Assert.Equal("1", data.FeatureNames[0]);
        Assert.Equal(2_000_000, data.FeatureNames.Count);
    }

    [Fact]
    public void ReadLibSvm_HeartScale_MatchesSplitParse()
    {
        var data = DatasetReader.ReadLibSvm<T>(HeartScalePath);

        var lines = File.ReadAllLines(HeartScalePath).Where(l => l.Trim().Length > 0).ToArray();
        Assert.Equal(270, data.Rows);
        Assert.Equal(13, data.Columns);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), data.FeatureNames);
        Assert.Equal(lines.Length, data.Rows);
        for (int r = 0; r < lines.Length; r++)
        {
            var tokens = lines[r].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(tokens[0] == "+1" ? T.One : T.Zero, data.Labels[r]);
            var expected = new T[13];
            foreach (var pair in tokens.Skip(1))
            {
                var parts = pair.Split(':');
                expected[int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) - 1] = V(parts[1]);
            }

            Assert.Equal(expected, data.Features.GetRow(r).ToArray());
        }
    }

    [Fact]
    public void ReadLibSvm_HeartScale_HasBothClasses()
    {
        var labels = DatasetReader.ReadLibSvm<T>(HeartScalePath).Labels.ToArray();

        Assert.Contains(T.One, labels);
        Assert.Contains(T.Zero, labels);
        Assert.All(labels, l => Assert.True(l == T.Zero || l == T.One));
    }

    [Fact]
    public void ReadLibSvm_Stream_EqualsPath()
    {
        using var stream = File.OpenRead(HeartScalePath);

        var fromStream = DatasetReader.ReadLibSvm<T>(stream, "heart_scale.libsvm");
        var fromPath = DatasetReader.ReadLibSvm<T>(HeartScalePath);

        Assert.Equal(fromPath.Features.Span.ToArray(), fromStream.Features.Span.ToArray());
        Assert.Equal(fromPath.Labels.ToArray(), fromStream.Labels.ToArray());
        Assert.True(stream.CanRead, "the stream is left open");
    }

    [Theory]
    [InlineData("+1", "-1")]
    [InlineData("1", "0")]
    [InlineData("1.0", "-1.0")]
    public void ReadLibSvm_LabelConventions_MapToOneAndZero(string positive, string negative)
    {
        var data = Read($"{positive} 1:2\n{negative} 2:3\n");

        Assert.Equal([T.One, T.Zero], data.Labels.ToArray());
    }

    [Fact]
    public void ReadLibSvm_SparseRows_AreDensifiedWithZeros()
    {
        var data = Read("1 2:0.5 4:-3\n0\n-1 1:7e-2\n");

        Assert.Equal(3, data.Rows);
        Assert.Equal(4, data.Columns);
        Assert.Equal(
            [T.Zero, V("0.5"), T.Zero, V("-3"), T.Zero, T.Zero, T.Zero, T.Zero, V("7e-2"), T.Zero, T.Zero, T.Zero],
            data.Features.Span.ToArray());
    }

    [Fact]
    public void ReadLibSvm_CommentsBlankLinesTabsAndCrLf_AreSkipped()
    {
        var data = Read("# header comment\r\n\r\n+1\t1:1 \t3:2 # trailing comment 9:9\r\n   \r\n-1 2:4\r\n# end");

        Assert.Equal(2, data.Rows);
        Assert.Equal(3, data.Columns);
        Assert.Equal([V("1"), T.Zero, V("2"), T.Zero, V("4"), T.Zero], data.Features.Span.ToArray());
    }

    [Fact]
    public void ReadLibSvm_ExplicitFeatureCount_PadsColumns()
    {
        var data = Read("1 1:1\n0 2:2\n", new LibSvmReadOptions { FeatureCount = 5 });

        Assert.Equal(5, data.Columns);
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, data.FeatureNames);
        Assert.Equal(V("2"), data.Features[1, 1]);
        Assert.Equal(T.Zero, data.Features[1, 4]);
    }

    [Fact]
    public void ReadLibSvm_LineLongerThanTheBuffer_IsRead()
    {
        const int Features = 20_000; // about 200,000 characters, several times the read buffer
        var line = new StringBuilder("1");
        for (int i = 1; i <= Features; i++)
        {
            line.Append(' ').Append(i).Append(":0.").Append(i);
        }

        var data = Read($"0 1:1\n{line}\n-1 {Features}:2\n");

        Assert.Equal(Features, data.Columns);
        Assert.Equal(V("0.1"), data.Features[1, 0]);
        Assert.Equal(V("0." + Features), data.Features[1, Features - 1]);
        Assert.Equal(V("2"), data.Features[2, Features - 1]);
    }

    [Fact]
    public void ReadLibSvm_SmallReads_GiveTheSameResultAsOneRead()
    {
        var text = File.ReadAllText(HeartScalePath);

        var trickled = DatasetReader.ReadLibSvm<T>(new TrickleReader(text, 5), "h.libsvm");
        var whole = Read(text);

        Assert.Equal(whole.Features.Span.ToArray(), trickled.Features.Span.ToArray());
        Assert.Equal(whole.Labels.ToArray(), trickled.Labels.ToArray());
    }

    [Fact]
    public void ReadLibSvm_LastLineWithoutNewline_IsRead()
    {
        var data = Read("1 1:1\n0 1:2");

        Assert.Equal(2, data.Rows);
        Assert.Equal(V("2"), data.Features[1, 0]);
    }
}

public sealed class LibSvmReaderTestsDouble : LibSvmReaderTests<double>;

public sealed class LibSvmReaderTestsSingle : LibSvmReaderTests<float>;
