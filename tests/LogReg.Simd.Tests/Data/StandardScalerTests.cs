using System.Numerics;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

public sealed class StandardScalerFloatTests : StandardScalerTests<float>
{
    protected override (double Low, double High) HugeRange => (1e30, 3e38);

    protected override double Tolerance => 1e-5;
}

public sealed class StandardScalerDoubleTests : StandardScalerTests<double>
{
    protected override (double Low, double High) HugeRange => (1e300, 1.7e308);

    protected override double Tolerance => 1e-12;
}

/// <summary>Columns whose moments overflow (squares, sums) are scaled as any other; constant columns keep scale 1.</summary>
public abstract class StandardScalerTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    protected abstract (double Low, double High) HugeRange { get; }

    protected abstract double Tolerance { get; }

    [Fact]
    public void HugeColumn_GetsItsStandardDeviation_AndStandardizesToMean0Std1()
    {
        const int Rows = 50;
        (double low, double high) = HugeRange;
        var random = new Random(7);
        var x = new T[Rows * 3];
        for (int i = 0; i < Rows; i++)
        {
            x[(i * 3) + 0] = T.CreateTruncating(low + (random.NextDouble() * (high - low)));
            x[(i * 3) + 1] = T.CreateTruncating(5.0);
            x[(i * 3) + 2] = T.CreateTruncating(high);
        }

        x[0] = T.CreateTruncating(high);
        var matrix = new ReadOnlyMatrixSpan<T>(x, Rows, 3);

        StandardScaler<T> scaler = StandardScaler<T>.Fit(matrix);
        var standardized = new T[x.Length];
        scaler.Transform(matrix, standardized);

        double scale = double.CreateTruncating(scaler.Scales[0]);
        Assert.True(double.IsFinite(scale) && scale > high / 100, $"scale {scale}");
        double mean = 0, squares = 0;
        for (int i = 0; i < Rows; i++)
        {
            double z = double.CreateTruncating(standardized[i * 3]);
            mean += z / Rows;
            squares += z * z / Rows;
        }

        Assert.InRange(mean, -Tolerance, Tolerance);
        Assert.InRange(Math.Sqrt(squares - (mean * mean)), 1 - Tolerance, 1 + Tolerance);
        Assert.Equal(T.One, scaler.Scales[1]);
        Assert.Equal(T.One, scaler.Scales[2]);
        Assert.Equal(T.CreateTruncating(high), scaler.Means[2]);
    }
}
