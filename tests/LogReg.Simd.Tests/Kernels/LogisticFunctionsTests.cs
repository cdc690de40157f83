using System.Numerics;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The stable sigmoid and log-loss, scalar and span forms, at every supported width: no NaN for finite
/// input, the infinities and NaN handled as documented, every span length from 0 to 70 (so every vector
/// tail), in place and out of place, and the span validation rules.
/// </summary>
public abstract class LogisticFunctionsTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly T[] Labels = [T.Zero, T.CreateTruncating(0.25), T.CreateTruncating(0.5), T.One];

    /// <summary>The largest error of sigma, in ulps, that <see cref="SigmoidError"/> may report.</summary>
    protected abstract double SigmoidUlpBound { get; }

    public static TheoryData<int> Widths() => TestData.AllWidths();

    public static TheoryData<int, int> WidthsAndLengths() => TestData.AllWidthsAndLengths();

    [Fact]
    public void Sigmoid_Scalar_IsInUnitIntervalAndNotNaN_ForEveryFiniteInput()
    {
        foreach (T z in TestData.FiniteSweep<T>())
        {
            T a = LogisticFunctions.Sigmoid(z);
            if (T.IsNaN(a))
            {
                Assert.Fail($"sigma({z}) is NaN");
            }
            Assert.InRange(a, T.Zero, T.One);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sigmoid_Span_IsInUnitIntervalAndNotNaN_ForEveryFiniteInput(int width)
    {
        T[] z = TestData.FiniteSweep<T>();
        var a = new T[z.Length];
        LogisticFunctions.Sigmoid(z, a, (SimdWidth)width);
        for (int i = 0; i < z.Length; i++)
        {
            if (T.IsNaN(a[i]))
            {
                Assert.Fail($"sigma({z[i]}) is NaN at width {(SimdWidth)width}");
            }
            Assert.InRange(a[i], T.Zero, T.One);
        }
    }

    [Fact]
    public void Sigmoid_Scalar_SpecialValues()
    {
        Assert.Equal(T.One, LogisticFunctions.Sigmoid(T.PositiveInfinity));
        Assert.Equal(T.Zero, LogisticFunctions.Sigmoid(T.NegativeInfinity));
        Assert.True(T.IsNaN(LogisticFunctions.Sigmoid(T.NaN)));
        Assert.Equal(T.CreateTruncating(0.5), LogisticFunctions.Sigmoid(T.Zero));
        Assert.Equal(T.CreateTruncating(0.5), LogisticFunctions.Sigmoid(T.NegativeZero));
        Assert.Equal(T.One, LogisticFunctions.Sigmoid(TestData.MaxValue<T>()));
        Assert.Equal(T.Zero, LogisticFunctions.Sigmoid(-TestData.MaxValue<T>()));
    }

    /// <summary>Each span length at each width, with ±inf, NaN and ±MaxValue placed in the vector body and the tail.</summary>
    [Theory]
    [MemberData(nameof(WidthsAndLengths))]
    public void Sigmoid_Span_EveryLength_MatchesReferenceAndLeavesTheRestAlone(int width, int length)
    {
        T[] z = SpanInput(length, seed: length);
        var destination = new T[length + 3];
        T sentinel = T.CreateTruncating(42);
        Array.Fill(destination, sentinel);

        LogisticFunctions.Sigmoid(z, destination, (SimdWidth)width);

        for (int i = 0; i < length; i++)
        {
            AssertSigmoid(z[i], destination[i], $"width {(SimdWidth)width}, length {length}, index {i}");
        }

        Assert.All(destination[length..], d => Assert.Equal(sentinel, d));

        // In place gives the same result.
        T[] inPlace = (T[])z.Clone();
        LogisticFunctions.Sigmoid(inPlace, inPlace, (SimdWidth)width);
        Assert.Equal(destination[..length], inPlace);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(70)]
    public void Sigmoid_Span_Public_MatchesReference(int length)
    {
        T[] z = SpanInput(length, seed: 100 + length);
        var a = new T[length];
        LogisticFunctions.Sigmoid(z, a);
        for (int i = 0; i < length; i++)
        {
            AssertSigmoid(z[i], a[i], $"index {i}");
        }
    }

    [Fact]
    public void LogLoss_Scalar_IsFiniteAndNonNegative_ForEveryFiniteInput()
    {
        foreach (T z in TestData.FiniteSweep<T>())
        {
            foreach (T y in Labels)
            {
                T loss = LogisticFunctions.LogLoss(z, y);
                if (!T.IsFinite(loss) || loss < T.Zero)
                {
                    Assert.Fail($"loss({z}, {y}) = {loss}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void LogLoss_Span_IsFiniteAndNonNegative_ForEveryFiniteInput(int width)
    {
        T[] z = TestData.FiniteSweep<T>();
        var y = new T[z.Length];
        var loss = new T[z.Length];
        foreach (T label in Labels)
        {
            Array.Fill(y, label);
            LogisticFunctions.LogLoss(z, y, loss, (SimdWidth)width);
            for (int i = 0; i < z.Length; i++)
            {
                if (!(T.IsFinite(loss[i]) && loss[i] >= T.Zero))
                {
                    Assert.Fail($"loss({z[i]}, {label}) = {loss[i]} at width {(SimdWidth)width}");
                }
            }
        }
    }

    [Fact]
    public void LogLoss_Scalar_SpecialValues()
    {
        // A correctly labelled infinite logit costs nothing; a wrongly labelled one costs infinity.
        Assert.Equal(T.Zero, LogisticFunctions.LogLoss(T.PositiveInfinity, T.One));
        Assert.Equal(T.Zero, LogisticFunctions.LogLoss(T.NegativeInfinity, T.Zero));
        Assert.Equal(T.PositiveInfinity, LogisticFunctions.LogLoss(T.PositiveInfinity, T.Zero));
        Assert.Equal(T.PositiveInfinity, LogisticFunctions.LogLoss(T.NegativeInfinity, T.One));
        Assert.True(T.IsNaN(LogisticFunctions.LogLoss(T.NaN, T.One)));
        Assert.Equal(T.CreateTruncating(Math.Log(2)), LogisticFunctions.LogLoss(T.Zero, T.CreateTruncating(0.3)));
        Assert.Equal(TestData.MaxValue<T>(), LogisticFunctions.LogLoss(TestData.MaxValue<T>(), T.Zero));
        Assert.Equal(TestData.MaxValue<T>(), LogisticFunctions.LogLoss(-TestData.MaxValue<T>(), T.One));
    }

    /// <summary>
    /// The span log-loss at each width and length against a double reference computed here with
    /// Math.Log/Math.Exp in the stable form; both round a double result, so they agree to 4 ulps of T
    /// plus a few double ulps (absolute 1e-15) where the loss is near zero.
    /// </summary>
    [Theory]
    [MemberData(nameof(WidthsAndLengths))]
    public void LogLoss_Span_EveryLength_MatchesReferenceAndLeavesTheRestAlone(int width, int length)
    {
        T[] z = SpanInput(length, seed: 1000 + length, withNaN: false);
        var random = new Random(length);
        T[] y = Enumerable.Range(0, length).Select(_ => Labels[random.Next(Labels.Length)]).ToArray();
        var destination = new T[length + 3];
        T sentinel = T.CreateTruncating(-42);
        Array.Fill(destination, sentinel);

        LogisticFunctions.LogLoss(z, y, destination, (SimdWidth)width);

        for (int i = 0; i < length; i++)
        {
            double zi = double.CreateTruncating(z[i]), yi = double.CreateTruncating(y[i]);
            double expected = ReferenceLogLoss(zi, yi);
            double actual = double.CreateTruncating(destination[i]);
            if (double.IsInfinity(expected))
            {
                Assert.Equal(expected, actual);
                continue;
            }

            double tolerance = (8 * RoundingBound.UnitRoundoff<T>() * Math.Abs(expected)) + 1e-15;
            if (!(Math.Abs(actual - expected) <= tolerance))
            {
                Assert.Fail($"loss({zi}, {yi}) = {actual}, expected {expected}, width {(SimdWidth)width}");
            }
        }

        Assert.All(destination[length..], d => Assert.Equal(sentinel, d));

        T[] inPlace = (T[])z.Clone();
        LogisticFunctions.LogLoss(inPlace, y, inPlace, (SimdWidth)width);
        Assert.Equal(destination[..length], inPlace);
    }

    [Fact]
    public void Sigmoid_Span_ThrowsFor_DestinationTooShort()
    {
        var ex = Assert.Throws<ArgumentException>(() => LogisticFunctions.Sigmoid<T>(new T[5], new T[4]));
        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("'destination':4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'z':5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sigmoid_Span_ThrowsFor_DestinationOverlappingInputAtAnOffset()
    {
        var buffer = new T[10];
        var ex = Assert.Throws<ArgumentException>(() => LogisticFunctions.Sigmoid<T>(buffer.AsSpan(0, 8), buffer.AsSpan(1, 8)));
        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("'z'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogLoss_Span_ThrowsFor_LabelLengthMismatch()
    {
        var ex = Assert.Throws<ArgumentException>(() => LogisticFunctions.LogLoss<T>(new T[5], new T[6], new T[5]));
        Assert.Equal("y", ex.ParamName);
        Assert.Contains("'y':6", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'z':5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogLoss_Span_ThrowsFor_DestinationTooShort()
    {
        var ex = Assert.Throws<ArgumentException>(() => LogisticFunctions.LogLoss<T>(new T[5], new T[5], new T[3]));
        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("'destination':3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogLoss_Span_ThrowsFor_DestinationOverlappingLabelsAtAnOffset()
    {
        var buffer = new T[12];
        var ex = Assert.Throws<ArgumentException>(() => LogisticFunctions.LogLoss<T>(new T[6], buffer.AsSpan(0, 6), buffer.AsSpan(3, 6)));
        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("'y'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The error of sigma(z) in ulps of T, against an independent reference.</summary>
    internal abstract double SigmoidError(T z, T value);

    private void AssertSigmoid(T z, T value, string where)
    {
        if (T.IsNaN(z))
        {
            if (!T.IsNaN(value))
            {
                Assert.Fail($"sigma(NaN) = {value}, {where}");
            }
            return;
        }

        Assert.InRange(value, T.Zero, T.One);
        double error = SigmoidError(z, value);
        if (!(error <= SigmoidUlpBound))
        {
            Assert.Fail($"sigma({z:R}) = {value:R} is {error} ulps off, {where}");
        }
    }

    private static double ReferenceLogLoss(double z, double y)
    {
        double e = Math.Exp(-Math.Abs(z));
        double log1p = e < 1e-10 ? e - (e * e / 2) : Math.Log(1 + e) * (e / ((1 + e) - 1));
        double t = z >= 0 ? 1 - y : y;
        return (t == 0 ? 0 : t * Math.Abs(z)) + log1p;
    }

    // A mix of logits from -800 to 800, with the special values at fixed places in body and tail.
    private static T[] SpanInput(int length, int seed, bool withNaN = true)
    {
        var random = new Random(seed);
        var z = new T[length];
        for (int i = 0; i < length; i++)
        {
            double magnitude = Math.Pow(10, (random.NextDouble() * 5) - 2);
            z[i] = T.CreateTruncating(random.Next(2) == 0 ? magnitude : -magnitude);
        }

        T[] specials = withNaN
            ? [T.PositiveInfinity, T.NegativeInfinity, T.NaN, TestData.MaxValue<T>(), -TestData.MaxValue<T>(), T.Zero, T.NegativeZero, T.Epsilon]
            : [TestData.MaxValue<T>(), -TestData.MaxValue<T>(), T.Zero, T.NegativeZero, T.Epsilon, -T.Epsilon];
        for (int k = 0; k < specials.Length && length > 0; k++)
        {
            z[(k * 7) % length] = specials[k];
        }

        if (length > 0)
        {
            z[length - 1] = specials[(length / 3) % specials.Length];
        }

        return z;
    }
}

public sealed class LogisticFunctionsTests_Single : LogisticFunctionsTests<float>
{
    /// <summary>A float sigma is a double sigma rounded once, so it is within 1 ulp of the rounded reference.</summary>
    protected override double SigmoidUlpBound => 1;

    internal override double SigmoidError(float z, float value) =>
        Ulps.Between(value, (float)SigmoidAccuracyTests.StableDoubleSigmoid(z));
}

public sealed class LogisticFunctionsTests_Double : LogisticFunctionsTests<double>
{
    protected override double SigmoidUlpBound => SigmoidAccuracyTests.DoubleUlpBound;

    internal override double SigmoidError(double z, double value) => SigmoidAccuracyTests.DoubleUlpError(z, value);
}
