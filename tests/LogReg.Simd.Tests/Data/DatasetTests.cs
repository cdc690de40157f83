using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void Constructor_CopiesTheInputs()
    {
        double[] features = [1, 2, 3, 4, 5, 6];
        double[] labels = [0, 1];

        var data = new Dataset<double>(features, 2, 3, labels, ["a", "b", "c"]);
        features[0] = 99;
        labels[0] = 1;

        Assert.Equal(1, data.Features[0, 0]);
        Assert.Equal(6, data.Features[1, 2]);
        Assert.Equal(0, data.Labels[0]);
        Assert.Equal(2, data.Rows);
        Assert.Equal(3, data.Columns);
        Assert.Equal(["a", "b", "c"], data.FeatureNames);
    }

    [Fact]
    public void Constructor_WithoutNames_NamesColumnsByOneBasedIndex()
    {
        var data = new Dataset<float>(new float[6], 3, 2, new float[3]);

        Assert.Equal(["1", "2"], data.FeatureNames);
    }

    [Fact]
    public void Constructor_ThrowsFor_FeatureLengthMismatch() =>
        Assert.Throws<ArgumentException>("features", () => new Dataset<double>(new double[5], 2, 3, new double[2]));

    [Fact]
    public void Constructor_ThrowsFor_LabelLengthMismatch() =>
        Assert.Throws<ArgumentException>("labels", () => new Dataset<double>(new double[6], 2, 3, new double[3]));

    [Fact]
    public void Constructor_ThrowsFor_NameCountMismatch() =>
        Assert.Throws<ArgumentException>("featureNames", () => new Dataset<double>(new double[6], 2, 3, new double[2], ["a", "b"]));

    [Fact]
    public void Constructor_ThrowsFor_NegativeRows() =>
        Assert.Throws<ArgumentOutOfRangeException>("rows", () => new Dataset<double>([], -1, 3, []));

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Constructor_ThrowsFor_NonBinaryLabel(double label)
    {
        var e = Assert.Throws<ArgumentException>("labels", () => new Dataset<double>(new double[2], 2, 1, [1, label]));

        Assert.Contains("[1]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_ThrowsFor_NonFiniteFeature(double value)
    {
        var e = Assert.Throws<ArgumentException>("features", () => new Dataset<double>([0, 0, 0, value], 2, 2, [0, 1]));

        Assert.Contains("row 1, column 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ThrowsFor_UnsupportedElementType() =>
        Assert.Throws<NotSupportedException>(() => new Dataset<Half>([], 0, 0, []));
}
