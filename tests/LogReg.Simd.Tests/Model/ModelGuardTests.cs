using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Model;

public class ModelGuardTests
{
    [Fact]
    public void Constructor_ThrowsWhenFoldingTheScalerOverflows()
    {
        var scaler = StandardScaler<float>.Create([1f], [1e-10f]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionModel<float>([1e30f], 0f, scaler));

        Assert.Equal("scaler", e.ParamName);
        Assert.Contains("Weight 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("Infinity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ThrowsWhenTheFoldedBiasOverflows()
    {
        var scaler = StandardScaler<double>.Create([1e300, 1e300], [1.0, 1.0]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionModel<double>([1e10, 1e10], 0.0, scaler));

        Assert.Contains("bias on raw features", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Predict_ThrowsForThresholdOutsideZeroToOne(double threshold)
    {
        var model = new LogisticRegressionModel<double>([1.0], 0.0);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict([0.5], threshold));

        Assert.Equal("threshold", e.ParamName);
    }

    [Fact]
    public void DefaultClassWeight_IsNone_AndWeighsBothClassesOne()
    {
        ClassWeight weight = default;

        Assert.Equal(ClassWeight.None, weight);
        Assert.Equal((1.0, 1.0), weight.Resolve(3, 7));
        Assert.Equal(1.0, weight.Negative);
        Assert.Equal(1.0, weight.Positive);
    }

    [Fact]
    public void StandardScaler_Fit_HugeValuesWhoseSquaresOverflow_GivesFiniteMomentsOfTheScaledColumn()
    {
        double[] x = [1e200, 1.0, -1e200, 2.0, 3e200, 3.0, -3e200, 4.0];

        var scaler = StandardScaler<double>.Fit(new ReadOnlyMatrixSpan<double>(x, 4, 2));

        // Column 0: mean 0, population std sqrt((1 + 1 + 9 + 9) / 4) * 1e200 = sqrt(5) * 1e200.
        Assert.Equal(0.0, scaler.Means[0], 1e185);
        Assert.Equal(Math.Sqrt(5) * 1e200, scaler.Scales[0], 1e186);
        Assert.Equal(2.5, scaler.Means[1], 12);
        Assert.Equal(Math.Sqrt(1.25), scaler.Scales[1], 12);
    }
}

public class RoundTripTextTests
{
    /// <summary>.NET 10 formats these two powers of two ("R") as text that parses to the neighbouring double.</summary>
    [Theory]
    [InlineData(-25)]
    [InlineData(-958)]
    public void Json_RoundTripsPowersOfTwoThatShortestFormattingGetsWrong(int exponent)
    {
        double tricky = -Math.ScaleB(1.0, exponent);
        var model = new LogReg.Simd.Model.LogisticRegressionModel<double>([tricky, 0.5], tricky);

        var back = LogReg.Simd.Model.Persistence.ModelJson.Deserialize<double>(LogReg.Simd.Model.Persistence.ModelJson.Serialize(model));

        Assert.Equal(BitConverter.DoubleToInt64Bits(tricky), BitConverter.DoubleToInt64Bits(back.Weights[0]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(tricky), BitConverter.DoubleToInt64Bits(back.Bias));
        Assert.Equal("0.5", LogReg.Simd.Internal.RoundTripText.Of(0.5));
        Assert.Equal(tricky, double.Parse(LogReg.Simd.Internal.RoundTripText.Of(tricky), System.Globalization.CultureInfo.InvariantCulture));
    }
}
