using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;

namespace LogReg.Simd.Tests.Diagnostics;

/// <summary>The gradient-check helper: it passes a correct gradient, catches a wrong one and points at it, and validates its options.</summary>
public sealed class GradientCheckTests
{
    private static readonly double[] Point = [0.3, -1.2, 2.5, 0.0, -0.7];

    private static double SumOfSines(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += Math.Sin(v);
        }

        return sum;
    }

    [Fact]
    public void Passes_ForAKnownGradient()
    {
        double[] gradient = Point.Select(Math.Cos).ToArray();
        GradientCheckReport report = GradientCheck.Check(SumOfSines, Point, gradient, new GradientCheckOptions { AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-7 });
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(Point.Length, report.Coordinates);
        Assert.Equal(0, report.FailedCoordinates);
        Assert.InRange(report.RelativeError, 0, 1e-7);
        Assert.StartsWith("passed", report.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Fails_ForAWrongGradient_AndPointsAtTheBrokenCoordinate(int broken)
    {
        double[] gradient = Point.Select(Math.Cos).ToArray();
        gradient[broken] += 0.01;
        GradientCheckReport report = GradientCheck.Check(SumOfSines, Point, gradient);
        Assert.False(report.Passed);
        Assert.Equal(1, report.FailedCoordinates);
        Assert.Equal(broken, report.WorstIndex);
        Assert.Equal(gradient[broken], report.Analytic);
        Assert.Equal(Math.Cos(Point[broken]), report.Numerical, 1e-8);
        Assert.Equal(0.01, report.AbsoluteError, 1e-8);
        Assert.StartsWith("FAILED (1 of 5)", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_ForANaNGradient()
    {
        double[] gradient = Point.Select(Math.Cos).ToArray();
        gradient[3] = double.NaN;
        GradientCheckReport report = GradientCheck.Check(SumOfSines, Point, gradient);
        Assert.False(report.Passed);
        Assert.Equal(3, report.WorstIndex);
    }

    [Fact]
    public void RelativeError_UsesTheToleranceFloor_ForTinyDerivatives()
    {
        // f(x) = 1e-9 x: derivative 1e-9; claiming 0 is an absolute error of 1e-9 judged against the floor atol/rtol = 1e-2.
        GradientCheckReport report = GradientCheck.Check(x => 1e-9 * x[0], [1.0], [0.0]);
        Assert.True(report.Passed);
        Assert.Equal(1e-9 / 1e-2, report.RelativeError, 1e-9);
    }

    [Fact]
    public void CheckLogisticLoss_Passes_ForTheLibraryGradient_OnASmallProblem()
    {
        double[] x = [0.5, -1.0, 2.0, 0.25, -0.5, 1.5];
        double[] y = [1, 0, 1];
        double[] w = [0.3, -0.2];
        var matrix = new ReadOnlyMatrixSpan<double>(x, 3, 2);
        GradientCheckReport good = GradientCheck.CheckLogisticLoss(matrix, y, [], w, 0.1, 0.5, LossGradientForm.Looped, new GradientCheckOptions { AbsoluteTolerance = 1e-8, RelativeTolerance = 1e-6 });
        Assert.True(good.Passed, good.ToString());
        Assert.Equal(3, good.Coordinates);
    }

    [Fact]
    public void Check_ThrowsFor_GradientLengthMismatch()
    {
        var ex = Assert.Throws<ArgumentException>(() => GradientCheck.Check(SumOfSines, Point, new double[4]));
        Assert.Equal("analyticGradient", ex.ParamName);
        Assert.Contains("'analyticGradient':4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'point':5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-6)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Check_ThrowsFor_InvalidStep(double step)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Check(SumOfSines, Point, new double[5], new GradientCheckOptions { Step = step }));
        Assert.Equal("Step", ex.ParamName);
        Assert.Contains($"'Step':{step}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Check_ThrowsFor_InvalidAbsoluteTolerance(double tolerance)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Check(SumOfSines, Point, new double[5], new GradientCheckOptions { AbsoluteTolerance = tolerance }));
        Assert.Equal("AbsoluteTolerance", ex.ParamName);
        Assert.Contains($"'AbsoluteTolerance':{tolerance}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Check_ThrowsFor_InvalidRelativeTolerance(double tolerance)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Check(SumOfSines, Point, new double[5], new GradientCheckOptions { RelativeTolerance = tolerance }));
        Assert.Equal("RelativeTolerance", ex.ParamName);
        Assert.Contains($"'RelativeTolerance':{tolerance}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ThrowsFor_BothTolerancesZero()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Check(SumOfSines, Point, new double[5], new GradientCheckOptions { AbsoluteTolerance = 0, RelativeTolerance = 0 }));
        Assert.Equal("RelativeTolerance", ex.ParamName);
        Assert.Contains("'AbsoluteTolerance'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ThrowsFor_NullFunction()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => GradientCheck.Check(null!, Point, new double[5]));
        Assert.Equal("function", ex.ParamName);
    }

    [Fact]
    public void CheckLogisticLoss_ThrowsFor_InvalidArguments()
    {
        var ex = Assert.Throws<ArgumentException>(() => GradientCheck.CheckLogisticLoss(new ReadOnlyMatrixSpan<double>(new double[6], 3, 2), new double[2], [], new double[2], 0.0, 0.0));
        Assert.Equal("y", ex.ParamName);
    }
}
