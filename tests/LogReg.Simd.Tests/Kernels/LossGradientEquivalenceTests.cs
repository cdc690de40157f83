using System.Numerics;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Tests.TestSupport;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The four forms compute the same function: Looped, Vectorized, Fused at every supported width and
/// Parallel with 1 to 4 threads, for every n from 0 to 70 and row counts that are not multiples of the
/// 4-row register block, the row block or the lane count, plus two chunks and a bit.
/// </summary>
/// <remarks>
/// <para>
/// The oracle is the Looped form run in double on the same data (every <typeparamref name="T"/> value is
/// exact in double). Each output may differ from it by the first-order rounding bound of
/// <see cref="RoundingBound"/>: |error| &lt;= 2 u (m + n + 8) scale, u = 2^-24 (float) or 2^-53 (double),
/// where the scale sums the magnitudes that enter that output, including the |z_i|-dependent term.
/// The oracle's own error (its bound with u = 2^-53) is added to the tolerance, so the double tolerance
/// is twice the double bound: from 4e-15 (m = 1) to 4e-12 (m = 8195) of the scale at these sizes.
/// </para>
/// </remarks>
public abstract class LossGradientEquivalenceTests<T>(ITestOutputHelper output)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // The largest |error| / tolerance seen in a test, printed so the margin is visible.
    private double _worstRatio;

    private static readonly int[] RowCounts = [0, 1, 3, 5, 17, 63, 257, 1031];

    public static TheoryData<int> Columns() => new(Enumerable.Range(0, 71));

    // 300 and 1100 columns: rows over 1 KB, whose blocks of 4 to 12 rows end their residual sweep in the scalar tail.
    public static TheoryData<int> ChunkColumns() => new(1, 8, 33, 70, 300, 1100);

    [Theory]
    [MemberData(nameof(Columns))]
    public void AllForms_AgreeWithLoopedDouble_WithinRoundingBound(int n)
    {
        foreach (int m in n == 0 ? [0] : RowCounts)
        {
            foreach (bool weighted in (bool[])[false, true])
            {
                Problem<T> p = Problems.Random<T>(seed: (n * 7919) + m, m, n, LabelKind.Mixed, weighted, lambda: n % 3 == 0 ? 0 : 0.3);
                AssertAllFormsAgree(p);
            }
        }

        output.WriteLine($"n = {n}: largest error / tolerance {_worstRatio:F4}");
    }

    /// <summary>m = 2 chunks + 3 rows, so the serial and parallel runs combine several chunk partial sums.</summary>
    [Theory]
    [MemberData(nameof(ChunkColumns))]
    public void AllForms_AgreeWithLoopedDouble_OverSeveralChunks(int n)
    {
        int m = (2 * LossGradientLayout.For<T>(n).ChunkRows) + 3;
        foreach (bool weighted in (bool[])[false, true])
        {
            Problem<T> p = Problems.Random<T>(seed: n + m, m, n, LabelKind.Mixed, weighted, lambda: 0.1);
            AssertAllFormsAgree(p);
        }

        output.WriteLine($"n = {n}, m = {m}: largest error / tolerance {_worstRatio:F4}");
    }

    private void AssertAllFormsAgree(Problem<T> p)
    {
        Problem<double> pd = p.ToDouble();
        Result<double> oracle = Forms.Looped(pd);
        RoundingBound bound = RoundingBound.For(pd);
        double factor = bound.Factor<T>() + bound.Factor<double>();

        foreach ((string name, Func<Problem<T>, Result<T>> run) in Forms.AllVariants<T>())
        {
            Result<T> r = run(p);
            string where = $"{name} on {p}";
            AssertClose("J", double.CreateTruncating(r.Loss), oracle.Loss, factor * bound.LossScale, where);
            AssertClose("db", double.CreateTruncating(r.BiasGradient), oracle.BiasGradient, factor * bound.BiasScale, where);
            Assert.Equal(p.Columns, r.WeightGradient.Length);
            for (int j = 0; j < p.Columns; j++)
            {
                AssertClose($"dw[{j}]", double.CreateTruncating(r.WeightGradient[j]), oracle.WeightGradient[j], factor * bound.WeightScale[j], where);
            }
        }
    }

    private void AssertClose(string what, double actual, double expected, double tolerance, string where)
    {
        _worstRatio = Math.Max(_worstRatio, tolerance > 0 ? Math.Abs(actual - expected) / tolerance : 0);
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            Assert.Fail($"{what} = {actual:R}, expected {expected:R} (difference {Math.Abs(actual - expected):E2}, tolerance {tolerance:E2}) in {where}");
        }
    }
}

public sealed class LossGradientEquivalenceTests_Single(ITestOutputHelper output) : LossGradientEquivalenceTests<float>(output);

public sealed class LossGradientEquivalenceTests_Double(ITestOutputHelper output) : LossGradientEquivalenceTests<double>(output);
