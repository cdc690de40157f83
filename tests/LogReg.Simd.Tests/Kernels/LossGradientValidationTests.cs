using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// One test per argument rule of the loss-and-gradient pass, for each public form: the exception type,
/// its ParamName, and a message that names the values involved. Each test breaks exactly one rule.
/// </summary>
public abstract class LossGradientValidationTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int M = 4;
    private const int N = 3;

    public static TheoryData<LossGradientForm> AllForms() =>
        new(LossGradientForm.Looped, LossGradientForm.Vectorized, LossGradientForm.Fused, LossGradientForm.Parallel);

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Valid_Arguments_DoNotThrow(LossGradientForm form)
    {
        T loss = Call(form, new Args());
        Assert.True(T.IsFinite(loss));
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_LabelLengthMismatch(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentException>(form, new Args { Y = new T[M + 1] }, "y");
        AssertNames(ex, "'y':5", "'x.Rows':4");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_SampleWeightLengthMismatch(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentException>(form, new Args { S = Ones(M - 1) }, "sampleWeights");
        AssertNames(ex, "'sampleWeights':3", "'x.Rows':4");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_WeightLengthMismatch(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentException>(form, new Args { W = new T[N - 1] }, "weights");
        AssertNames(ex, "'weights':2", "'x.Columns':3");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_WeightGradientLengthMismatch(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentException>(form, new Args { Dw = new T[N + 2] }, "weightGradient");
        AssertNames(ex, "'weightGradient':5", "'x.Columns':3");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_NoColumnsWithRows(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentException>(form, new Args { X = Memory<T>.Empty, Columns = 0, W = Memory<T>.Empty, Dw = Memory<T>.Empty }, "x");
        AssertNames(ex, "4 rows", "no columns");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_NegativeLambda(LossGradientForm form)
    {
        T lambda = -T.One;
        var ex = AssertThrows<ArgumentOutOfRangeException>(form, new Args { Lambda = lambda }, "lambda");
        AssertNames(ex, $"'lambda':{lambda}");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_NaNLambda(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentOutOfRangeException>(form, new Args { Lambda = T.NaN }, "lambda");
        AssertNames(ex, $"'lambda':{T.NaN}");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_InfiniteLambda(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentOutOfRangeException>(form, new Args { Lambda = T.PositiveInfinity }, "lambda");
        AssertNames(ex, $"'lambda':{T.PositiveInfinity}");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_NegativeSampleWeight(LossGradientForm form)
    {
        T[] s = Ones(M);
        s[2] = T.CreateTruncating(-0.5);
        var ex = AssertThrows<ArgumentOutOfRangeException>(form, new Args { S = s }, "sampleWeights");
        AssertNames(ex, $"'sampleWeights[2]':{s[2]}");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_NaNSampleWeight(LossGradientForm form)
    {
        T[] s = Ones(M);
        s[1] = T.NaN;
        var ex = AssertThrows<ArgumentOutOfRangeException>(form, new Args { S = s }, "sampleWeights");
        AssertNames(ex, $"'sampleWeights[1]':{T.NaN}");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_InfiniteSampleWeight(LossGradientForm form)
    {
        T[] s = Ones(M);
        s[3] = T.PositiveInfinity;
        var ex = AssertThrows<ArgumentOutOfRangeException>(form, new Args { S = s }, "sampleWeights");
        AssertNames(ex, $"'sampleWeights[3]':{T.PositiveInfinity}");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_AllZeroSampleWeights(LossGradientForm form)
    {
        var ex = AssertThrows<ArgumentException>(form, new Args { S = new T[M] }, "sampleWeights");
        AssertNames(ex, "all zero");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_WeightGradientOverlappingWeights(LossGradientForm form)
    {
        var buffer = new T[N + 1];
        var ex = AssertThrows<ArgumentException>(form, new Args { W = buffer.AsMemory(0, N), Dw = buffer.AsMemory(1, N) }, "weightGradient");
        AssertNames(ex, "'weights'");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_WeightGradientOverlappingX(LossGradientForm form)
    {
        var buffer = new T[(M * N) + N];
        var ex = AssertThrows<ArgumentException>(form, new Args { X = buffer.AsMemory(0, M * N), Dw = buffer.AsMemory((M * N) - 1, N) }, "weightGradient");
        AssertNames(ex, "'x'");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_WeightGradientOverlappingLabels(LossGradientForm form)
    {
        var buffer = new T[M + N];
        var ex = AssertThrows<ArgumentException>(form, new Args { Y = buffer.AsMemory(0, M), Dw = buffer.AsMemory(M - 1, N) }, "weightGradient");
        AssertNames(ex, "'y'");
    }

    [Theory]
    [MemberData(nameof(AllForms))]
    public void Compute_ThrowsFor_WeightGradientOverlappingSampleWeights(LossGradientForm form)
    {
        T[] buffer = Ones(M + N);
        var ex = AssertThrows<ArgumentException>(form, new Args { S = buffer.AsMemory(0, M), Dw = buffer.AsMemory(2, N) }, "weightGradient");
        AssertNames(ex, "'sampleWeights'");
    }

    [Fact]
    public void Vectorized_ThrowsFor_ScratchTooShort()
    {
        var ex = AssertThrows<ArgumentException>(LossGradientForm.Vectorized, new Args { Scratch = new T[(2 * M) - 1] }, "scratch");
        AssertNames(ex, "'scratch':7", "8");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("y")]
    [InlineData("sampleWeights")]
    [InlineData("weights")]
    [InlineData("weightGradient")]
    public void Vectorized_ThrowsFor_ScratchOverlapping(string input)
    {
        T[] buffer = Ones(100);
        Memory<T> scratch = buffer.AsMemory(50, 2 * M);
        Memory<T> overlapping(int length) => buffer.AsMemory(50 + (2 * M) - 1, length);
        Args args = input switch
        {
            "x" => new Args { X = overlapping(M * N) },
            "y" => new Args { Y = overlapping(M) },
            "sampleWeights" => new Args { S = overlapping(M) },
            "weights" => new Args { W = overlapping(N) },
            _ => new Args { Dw = overlapping(N) },
        };
        var ex = AssertThrows<ArgumentException>(LossGradientForm.Vectorized, args with { Scratch = scratch }, "scratch");
        AssertNames(ex, "must not overlap", $"'{input}'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Parallel_ThrowsFor_InvalidMaxDegreeOfParallelism(int maxDegreeOfParallelism)
    {
        var a = new Args();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ParallelLossGradient.Compute(new ReadOnlyMatrixSpan<T>(a.X.Span, M, N), a.Y.Span, a.S.Span, a.W.Span, T.Zero, a.Lambda, a.Dw.Span, out _, maxDegreeOfParallelism));
        Assert.Equal("maxDegreeOfParallelism", ex.ParamName);
        AssertNames(ex, $"'maxDegreeOfParallelism':{maxDegreeOfParallelism}");
    }

    [Fact]
    public void VectorizedScratchLength_ThrowsFor_NegativeRows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VectorizedLossGradient.GetScratchLength(-1));
        Assert.Equal("rows", ex.ParamName);
    }

    private static TException AssertThrows<TException>(LossGradientForm form, Args args, string paramName)
        where TException : ArgumentException
    {
        TException ex = Assert.Throws<TException>(() => Call(form, args));
        Assert.Equal(paramName, ex.ParamName);
        return ex;
    }

    private static void AssertNames(ArgumentException ex, params string[] parts)
    {
        foreach (string part in parts)
        {
            Assert.Contains(part, ex.Message, StringComparison.Ordinal);
        }
    }

    private static T[] Ones(int length)
    {
        var values = new T[length];
        Array.Fill(values, T.One);
        return values;
    }

    private static T Call(LossGradientForm form, Args a)
    {
        var x = new ReadOnlyMatrixSpan<T>(a.X.Span, M, a.Columns);
        T bias = T.CreateTruncating(0.1);
        return form switch
        {
            LossGradientForm.Looped => LoopedLossGradient.Compute(x, a.Y.Span, a.S.Span, a.W.Span, bias, a.Lambda, a.Dw.Span, out _),
            LossGradientForm.Vectorized => VectorizedLossGradient.Compute(x, a.Y.Span, a.S.Span, a.W.Span, bias, a.Lambda, a.Dw.Span, a.Scratch is { } scratch ? scratch.Span : new T[2 * M], out _),
            LossGradientForm.Fused => FusedLossGradient.Compute(x, a.Y.Span, a.S.Span, a.W.Span, bias, a.Lambda, a.Dw.Span, out _),
            _ => ParallelLossGradient.Compute(x, a.Y.Span, a.S.Span, a.W.Span, bias, a.Lambda, a.Dw.Span, out _, 2),
        };
    }

    /// <summary>A valid 4 x 3 problem; each test replaces one argument.</summary>
    private sealed record Args
    {
        public Memory<T> X { get; init; } = Enumerable.Range(0, M * N).Select(i => T.CreateTruncating(i % 5) / T.CreateTruncating(5)).ToArray();

        public int Columns { get; init; } = N;

        public Memory<T> Y { get; init; } = new T[] { T.Zero, T.One, T.One, T.CreateTruncating(0.5) };

        public Memory<T> S { get; init; } = Memory<T>.Empty;

        public Memory<T> W { get; init; } = new T[] { T.One, -T.One, T.CreateTruncating(0.5) };

        public Memory<T> Dw { get; init; } = new T[N];

        public T Lambda { get; init; } = T.CreateTruncating(0.1);

        public Memory<T>? Scratch { get; init; }
    }
}

public sealed class LossGradientValidationTests_Single : LossGradientValidationTests<float>;

public sealed class LossGradientValidationTests_Double : LossGradientValidationTests<double>;
