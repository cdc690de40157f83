using System.Numerics;
using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Kernels.Sparse;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The sparse forms compute the dense function on the densified data: every form and width (accelerated or not) and
/// Parallel with 1 to 4 threads agree with the dense Looped form run in double, within the rounding bound of
/// <see cref="LossGradientEquivalenceTests{T}"/>; the sparse Looped form equals the dense Looped form bit for bit;
/// the parallel form is bit-identical to the fused form at its width for any thread count. The problems slice rows
/// out of larger CSR arrays (offsets not starting at 0), have empty rows and explicit zeros.
/// </summary>
public abstract class SparseLossGradientTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly Gen<(int Seed, int Rows, int Columns, double Density, bool Weighted, double Lambda, int LeadingRows)> Shapes =
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from m in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 300)))
        from n in Gen.Choose(1, 60)
        from density in Gen.Elements(0.02, 0.1, 0.3, 0.7, 1.0)
        from weighted in Gen.Elements(false, true)
        from lambda in Gen.Elements(0.0, 0.05, 0.7)
        from leading in Gen.Choose(0, 3)
        select (seed, m, n, density, weighted, lambda, leading);

    [Property(MaxTest = 60)]
    public Property EveryForm_AgreesWithDenseLoopedDouble_AndLoopedEqualsDenseLooped() =>
        Prop.ForAll(Arb.From(Shapes), s =>
        {
            SparseProblem<T> p = SparseProblems.Random<T>(s.Seed, s.Rows, s.Columns, s.Density, s.Weighted, s.Lambda, s.LeadingRows);
            AssertAllFormsAgree(p);
            AssertBitIdentical(Forms.Looped(p.Dense), SparseForms.Looped(p), $"sparse vs dense Looped on {p}");
        });

    /// <summary>Two chunks of rows and more, so the loss sums combine several chunk partials and the gradient phase splits columns.</summary>
    [Theory]
    [InlineData(5, 0.5)]
    [InlineData(300, 0.05)]
    public void EveryForm_AgreesWithDenseLoopedDouble_OverSeveralChunks(int n, double density)
    {
        int m = (2 * SparseLayout.ChunkRows) + 37;
        foreach (bool weighted in (bool[])[false, true])
        {
            AssertAllFormsAgree(SparseProblems.Random<T>(seed: n + m, m, n, density, weighted, lambda: 0.1, powerLaw: true));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parallel_IsBitIdenticalToFused_ForOneToFourThreads_AtEveryWidth(bool weighted)
    {
        SparseProblem<T> p = SparseProblems.Random<T>(seed: 99, (3 * SparseLayout.ChunkRows) + 11, 2000, 0.01, weighted, lambda: 0.01, powerLaw: true);
        Assert.True(p.Matrix.NonZeroCount > 10_000, "the problem must have many entries");
        foreach (SimdWidth width in SimdWidths.All)
        {
            Result<T> fused = SparseForms.Fused(p, width);
            for (int threads = 1; threads <= 4; threads++)
            {
                AssertBitIdentical(fused, SparseForms.Parallel(p, threads, width), $"{width}, {threads} threads vs fused");
            }
        }

        Result<T> widest = SparseForms.Fused(p, SimdWidths.Widest);
        AssertBitIdentical(widest, SparseForms.PublicParallel(p, -1), "automatic thread count vs fused");
        AssertBitIdentical(widest, SparseForms.PublicParallel(p, 3), "3 threads (public) vs fused");
    }

    /// <summary>
    /// Both ways of summing the gradient, at the column count where they meet: narrow data in per-group partials
    /// (here with two chunks a group, the partials' memory cap binding), wide data by column ranges. Each is
    /// bit-identical across 1 to 4 threads at every width and agrees with the Looped form run in double.
    /// </summary>
    [Theory]
    [InlineData(SparseLayout.RowGroupMaxColumns, (SparseLayout.MinRowGroups + 2) * SparseLayout.ChunkRows)]
    [InlineData(SparseLayout.RowGroupMaxColumns + 1, (3 * SparseLayout.ChunkRows) + 11)]
    public void Parallel_IsBitIdenticalToFused_OnBothSidesOfTheRowGroupLimit(int columns, int rows)
    {
        (CsrMatrix<T> x, T[] y, T[] s, T[] w) = WideProblem(columns, rows, seed: columns);
        if (columns <= SparseLayout.RowGroupMaxColumns)
        {
            Assert.True(SparseLayout.RowGroups(columns, SparseLayout.ChunkCount(rows)).ChunksPerGroup > 1, "groups must hold several chunks");
        }

        T bias = T.CreateTruncating(0.3), lambda = T.CreateTruncating(0.01);
        var dw = new T[columns];
        var expected = new T[columns];
        double[] oracle = LoopedInDouble(x, y, s, w, double.CreateTruncating(bias), double.CreateTruncating(lambda), out double oracleLoss);
        foreach (SimdWidth width in SimdWidths.All)
        {
            T loss = SparsePass.Run(x.Span, y, s, w, bias, lambda, expected, out T db, width, threads: 1);
            var fused = new Result<T>(loss, [.. expected], db);
            Assert.True(Math.Abs(double.CreateTruncating(loss) - oracleLoss) <= 1e-5 * Math.Abs(oracleLoss), $"{width}: J = {loss} vs {oracleLoss}");
            double scale = oracle.Max(Math.Abs);
            for (int j = 0; j < columns; j++)
            {
                if (!(Math.Abs(double.CreateTruncating(expected[j]) - oracle[j]) <= 1e-5 * scale))
                {
                    Assert.Fail($"{width}: dw[{j}] = {expected[j]} vs {oracle[j]}");
                }
            }

            for (int threads = 1; threads <= 4; threads++)
            {
                loss = SparsePass.Run(x.Span, y, s, w, bias, lambda, dw, out db, width, threads);
                AssertBitIdentical(fused, new Result<T>(loss, [.. dw], db), $"{columns} columns, {width}, {threads} threads vs fused");
            }
        }
    }

    [Fact]
    public void FusedAndParallel_AllocateNothingPerCall()
    {
        SparseProblem<T> p = SparseProblems.Random<T>(seed: 5, (2 * SparseLayout.ChunkRows) + 1, 400, 0.05, weighted: true, lambda: 0.1);
        Problem<T> d = p.Dense;
        var dw = new T[d.Columns];
        Assert.Equal(0, Allocations.PerCall(() => FusedLossGradient.Compute(p.Matrix, d.Y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, dw, out _)));
        Assert.Equal(0, Allocations.PerCall(() => ParallelLossGradient.Compute(p.Matrix, d.Y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, dw, out _, 2)));
    }

    /// <summary>
    /// At url's width (3 million features, column ranges) and at the widest data summed in row groups (three partials
    /// of 2 MB), the pooled arrays still come back from the pool: no call allocates.
    /// </summary>
    [Theory]
    [InlineData(3_000_000)]
    [InlineData(SparseLayout.RowGroupMaxColumns)]
    public void FusedAndParallel_AllocateNothingPerCall_AtManyFeatures(int columns)
    {
        const int Rows = (2 * SparseLayout.ChunkRows) + 5;
        var random = new Random(8);
        var offsets = new int[Rows + 1];
        var indices = new int[Rows * 4];
        var values = new T[Rows * 4];
        for (int i = 0; i < Rows; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                indices[(4 * i) + k] = (k * (columns / 4)) + random.Next(columns / 4);
                values[(4 * i) + k] = T.CreateTruncating(random.NextDouble());
            }

            offsets[i + 1] = 4 * (i + 1);
        }

        var x = new CsrMatrix<T>(offsets, indices, values, columns);
        T[] y = [.. Enumerable.Range(0, Rows).Select(i => T.CreateTruncating(i % 2))];
        var w = new T[columns];
        var dw = new T[columns];
        Assert.Equal(0, Allocations.PerCall(() => FusedLossGradient.Compute(x.Span, y, default, w, T.Zero, T.Zero, dw, out _)));
        Assert.Equal(0, Allocations.PerCall(() => ParallelLossGradient.Compute(x.Span, y, default, w, T.Zero, T.Zero, dw, out _, 2)));
    }

    [Fact]
    public void EveryForm_ThrowsForMismatchedLabels_NamingTheArgument()
    {
        SparseProblem<T> p = SparseProblems.Random<T>(seed: 1, 10, 4, 0.5, weighted: false, lambda: 0);
        Problem<T> d = p.Dense;
        var dw = new T[d.Columns];
        T[] y = d.Y[..9];
        var scratch = new T[20];
        foreach (Action call in (Action[])[
            () => LoopedLossGradient.Compute(p.Matrix, y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, dw, out _),
            () => VectorizedLossGradient.Compute(p.Matrix, y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, dw, scratch, out _),
            () => FusedLossGradient.Compute(p.Matrix, y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, dw, out _),
            () => ParallelLossGradient.Compute(p.Matrix, y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, dw, out _)])
        {
            ArgumentException ex = Assert.Throws<ArgumentException>(call);
            Assert.Equal("y", ex.ParamName);
            Assert.Contains("'y':9", ex.Message, StringComparison.Ordinal);
            Assert.Contains("'x.Rows':10", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryForm_ThrowsWhenTheGradientOverlapsTheValues()
    {
        SparseProblem<T> p = SparseProblems.Random<T>(seed: 2, 10, 4, 1.0, weighted: false, lambda: 0, leadingRows: 0);
        Problem<T> d = p.Dense;
        T[] values = p.Values;
        ArgumentException ex = Assert.Throws<ArgumentException>(() => FusedLossGradient.Compute(p.Matrix, d.Y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, values.AsSpan(0, d.Columns), out _));
        Assert.Equal("weightGradient", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => ParallelLossGradient.Compute(p.Matrix, d.Y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, values.AsSpan(0, d.Columns), out _));
        Assert.Equal("weightGradient", ex.ParamName);
    }

    [Fact]
    public void Vectorized_ThrowsForShortScratch()
    {
        SparseProblem<T> p = SparseProblems.Random<T>(seed: 3, 10, 4, 0.5, weighted: false, lambda: 0);
        Problem<T> d = p.Dense;
        ArgumentException ex = Assert.Throws<ArgumentException>(() => VectorizedLossGradient.Compute(p.Matrix, d.Y, d.SampleWeights, d.Weights, d.Bias, d.Lambda, new T[4], new T[19], out _));
        Assert.Equal("scratch", ex.ParamName);
        Assert.Contains("20", ex.Message, StringComparison.Ordinal);
    }

    // Rows of 2 to 9 entries whose columns follow a power law over all of [0, columns) (column c about as likely as
    // 1/(c + 1), as in text: the first columns receive entries from many rows, the last few), with sample weights.
    private static (CsrMatrix<T> X, T[] Y, T[] SampleWeights, T[] Weights) WideProblem(int columns, int rows, int seed)
    {
        var random = new Random(seed);
        var offsets = new int[rows + 1];
        var indices = new List<int>();
        var values = new List<T>();
        var row = new SortedSet<int>();
        for (int i = 0; i < rows; i++)
        {
            row.Clear();
            int count = 2 + random.Next(8);
            while (row.Count < count)
            {
                row.Add(Math.Min(columns - 1, (int)Math.Exp(random.NextDouble() * Math.Log(columns + 1.0)) - 1));
            }

            foreach (int j in row)
            {
                indices.Add(j);
                values.Add(T.CreateTruncating(random.NextDouble() - 0.3));
            }

            offsets[i + 1] = indices.Count;
        }

        T[] y = [.. Enumerable.Range(0, rows).Select(_ => T.CreateTruncating(random.Next(2)))];
        T[] s = [.. Enumerable.Range(0, rows).Select(_ => T.CreateTruncating(random.NextDouble() * 2))];
        T[] w = [.. Enumerable.Range(0, columns).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5))];
        return (new CsrMatrix<T>(offsets, [.. indices], [.. values], columns), y, s, w);
    }

    private static double[] LoopedInDouble(CsrMatrix<T> x, T[] y, T[] s, T[] w, double bias, double lambda, out double loss)
    {
        ReadOnlyCsrMatrixSpan<T> span = x.Span;
        double[] values = [.. span.Values.ToArray().Select(v => double.CreateTruncating(v))];
        var xd = new CsrMatrix<double>(span.RowOffsets.ToArray(), span.ColumnIndices.ToArray(), values, x.Columns);
        var dw = new double[x.Columns];
        loss = LoopedLossGradient.Compute(
            xd.Span,
            [.. y.Select(v => double.CreateTruncating(v))],
            [.. s.Select(v => double.CreateTruncating(v))],
            [.. w.Select(v => double.CreateTruncating(v))],
            bias,
            lambda,
            dw,
            out _);
        return dw;
    }

    private static void AssertAllFormsAgree(SparseProblem<T> p)
    {
        Problem<double> pd = p.Dense.ToDouble();
        Result<double> oracle = Forms.Looped(pd);
        RoundingBound bound = RoundingBound.For(pd);
        double factor = bound.Factor<T>() + bound.Factor<double>();
        foreach ((string name, Func<SparseProblem<T>, Result<T>> run) in SparseForms.AllVariants<T>())
        {
            Result<T> r = run(p);
            string where = $"{name} on {p}";
            AssertClose("J", double.CreateTruncating(r.Loss), oracle.Loss, factor * bound.LossScale, where);
            AssertClose("db", double.CreateTruncating(r.BiasGradient), oracle.BiasGradient, factor * bound.BiasScale, where);
            for (int j = 0; j < p.Dense.Columns; j++)
            {
                AssertClose($"dw[{j}]", double.CreateTruncating(r.WeightGradient[j]), oracle.WeightGradient[j], factor * bound.WeightScale[j], where);
            }
        }
    }

    private static void AssertClose(string what, double actual, double expected, double tolerance, string where)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            Assert.Fail($"{what} = {actual:R}, expected {expected:R} (difference {Math.Abs(actual - expected):E2}, tolerance {tolerance:E2}) in {where}");
        }
    }

    private static void AssertBitIdentical(Result<T> expected, Result<T> actual, string what)
    {
        T[] e = [expected.Loss, expected.BiasGradient, .. expected.WeightGradient];
        T[] a = [actual.Loss, actual.BiasGradient, .. actual.WeightGradient];
        if (!MemoryMarshal.AsBytes(e.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(a.AsSpan())))
        {
            int k = Enumerable.Range(0, e.Length).First(i => !MemoryMarshal.AsBytes(e.AsSpan(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(a.AsSpan(i, 1))));
            string name = k == 0 ? "J" : k == 1 ? "db" : $"dw[{k - 2}]";
            Assert.Fail($"{what}: {name} differs: {e[k]:R} vs {a[k]:R}");
        }
    }
}

public sealed class SparseLossGradientTests_Single : SparseLossGradientTests<float>;

public sealed class SparseLossGradientTests_Double : SparseLossGradientTests<double>;
