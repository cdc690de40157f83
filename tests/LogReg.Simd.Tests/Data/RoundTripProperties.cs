using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

/// <summary>Random matrices written as CSV and LIBSVM text with "R" formatting must read back bit for bit.</summary>
public sealed class RoundTripProperties
{
    public sealed record MatrixCase<T>(int Rows, int Columns, T[] Features, bool[] Labels, int LabelIndex, char Delimiter)
    {
        public override string ToString() =>
            $"{Rows}x{Columns}, label at {LabelIndex}, delimiter '{Delimiter}': [{string.Join(' ', Features.Select(Format))}] labels [{string.Join(' ', Labels.Select(l => l ? 1 : 0))}]";
    }

    [Property(MaxTest = 50)]
    public Property Double_RoundTrips_ThroughCsvAndLibSvm() =>
        Prop.ForAll(Arb.From(CaseOf(DoubleValues())), c => AssertRoundTrips(c));

    [Property(MaxTest = 50)]
    public Property Single_RoundTrips_ThroughCsvAndLibSvm() =>
        Prop.ForAll(Arb.From(CaseOf(SingleValues())), c => AssertRoundTrips(c));

    /// <summary>Any finite bit pattern, plus the values at the edges and short decimals.</summary>
    private static Gen<double> DoubleValues()
    {
        var anyBits = Gen.Choose(int.MinValue, int.MaxValue).Two()
            .Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2))
            .Where(double.IsFinite);
        var edges = Gen.Elements(0.0, -0.0, 1.0, -1.0, 0.1, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 2.2250738585072014E-308, 9007199254740993.0);
        var decimals = Gen.Choose(-100_000, 100_000).Select(i => i / 1000.0);
        return Gen.Frequency((4, anyBits), (1, edges), (2, decimals));
    }

    private static Gen<float> SingleValues()
    {
        var anyBits = Gen.Choose(int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle).Where(float.IsFinite);
        var edges = Gen.Elements(0f, -0f, 1f, -1f, 0.1f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 16777217f);
        var decimals = Gen.Choose(-100_000, 100_000).Select(i => i / 1000f);
        return Gen.Frequency((4, anyBits), (1, edges), (2, decimals));
    }

    private static Gen<MatrixCase<T>> CaseOf<T>(Gen<T> values) =>
        from rows in Gen.Choose(1, 12)
        from columns in Gen.Choose(0, 8)
        from features in values.ArrayOf(rows * columns)
        from labels in Gen.Elements(false, true).ArrayOf(rows)
        from labelIndex in Gen.Choose(0, columns)
        from delimiter in Gen.Elements(',', ';', '\t')
        select new MatrixCase<T>(rows, columns, features, labels, labelIndex, delimiter);

    private static void AssertRoundTrips<T>(MatrixCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var fromCsv = DatasetReader.ReadCsv<T>(new StringReader(ToCsv(c)), "p.csv", new CsvReadOptions { Delimiter = c.Delimiter, Label = LabelColumn.At(c.LabelIndex) });
        var fromLibSvm = DatasetReader.ReadLibSvm<T>(new StringReader(ToLibSvm(c)), "p.libsvm", new LibSvmReadOptions { FeatureCount = c.Columns });

        var labels = c.Labels.Select(l => l ? T.One : T.Zero).ToArray();
        foreach (var data in new[] { fromCsv, fromLibSvm })
        {
            Assert.Equal(c.Rows, data.Rows);
            Assert.Equal(c.Columns, data.Columns);
            Assert.True(
                MemoryMarshal.AsBytes(data.Features.Span).SequenceEqual(MemoryMarshal.AsBytes(c.Features.AsSpan())),
                $"features differ: read [{string.Join(' ', data.Features.Span.ToArray().Select(Format))}]");
            Assert.Equal(labels, data.Labels.ToArray());
        }

        Assert.Equal(Enumerable.Range(0, c.Columns).Select(j => "f" + j), fromCsv.FeatureNames);
    }

    private static string ToCsv<T>(MatrixCase<T> c)
    {
        var text = new StringBuilder();
        for (int j = 0; j <= c.Columns; j++)
        {
            text.Append(j == 0 ? "" : c.Delimiter).Append(j == c.LabelIndex ? "label" : "f" + (j < c.LabelIndex ? j : j - 1));
        }

        text.Append('\n');
        for (int r = 0; r < c.Rows; r++)
        {
            for (int j = 0; j <= c.Columns; j++)
            {
                text.Append(j == 0 ? "" : c.Delimiter);
                text.Append(j == c.LabelIndex ? (c.Labels[r] ? "1" : "0") : Format(c.Features[(r * c.Columns) + (j < c.LabelIndex ? j : j - 1)]));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes only the nonzero values (negative zero included), with both label conventions.</summary>
    private static string ToLibSvm<T>(MatrixCase<T> c)
        where T : unmanaged
    {
        var text = new StringBuilder();
        for (int r = 0; r < c.Rows; r++)
        {
            text.Append(c.Labels[r] ? (r % 2 == 0 ? "+1" : "1") : (r % 2 == 0 ? "-1" : "0"));
            for (int j = 0; j < c.Columns; j++)
            {
                var value = c.Features[(r * c.Columns) + j];
                if (!MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)).ContainsAnyExcept((byte)0))
                {
                    continue;
                }

                text.Append(' ').Append(j + 1).Append(':').Append(Format(value));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Format<T>(T value) => ((IFormattable)value!).ToString("R", CultureInfo.InvariantCulture);
}
