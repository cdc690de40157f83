using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The sparse row dot at every width, accelerated on this machine or not, against the dense row dot of the
/// same row and the exact sum in double: within (entries + 2) unit roundoffs of the sum of |w_j x_j|.
/// </summary>
public abstract class SparseRowDotTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static double UnitRoundoff => typeof(T) == typeof(float) ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);

    [Property(MaxTest = 200)]
    public Property EveryWidth_EqualsTheDenseDot_OnTheSameRow() =>
        Prop.ForAll(Arb.From(from c in Gen.Choose(1, 300) from p in Gen.Choose(0, 100) from s in Gen.Choose(0, int.MaxValue) select (c, p, s)), t =>
        {
            var (columns, percent, seed) = t;
            var random = new Random(seed);
            var w = new T[columns];
            var dense = new T[columns];
            var indices = new List<int>();
            for (int j = 0; j < columns; j++)
            {
                w[j] = T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-8, 9)));
                if (random.Next(100) < percent)
                {
                    dense[j] = T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-8, 9)));
                    indices.Add(j);
                }
            }

            T[] values = [.. indices.Select(j => dense[j])];
            double exact = 0, size = 0;
            foreach (int j in indices)
            {
                double term = double.CreateTruncating(w[j]) * double.CreateTruncating(dense[j]);
                exact += term;
                size += Math.Abs(term);
            }

            double tolerance = (indices.Count + 2) * UnitRoundoff * size;
            foreach (SimdWidth width in SimdWidths.All)
            {
                double sparse = double.CreateTruncating(SparseRowDot.Compute<T>(indices.ToArray(), values, w, width));
                double denseDot = double.CreateTruncating(RowDot.Compute<T>(dense, w, SimdDispatch.Fit<T>(width, columns)));
                Assert.True(Math.Abs(sparse - exact) <= tolerance, $"{width}: {indices.Count} of {columns}: sparse {sparse:R}, exact {exact:R}");
                Assert.True(Math.Abs(sparse - denseDot) <= 2 * tolerance, $"{width}: sparse {sparse:R}, dense {denseDot:R}");
            }
        });

    [Theory]
    [MemberData(nameof(TestSupport.TestData.AllWidthsAndLengths), MemberType = typeof(TestSupport.TestData))]
    public void EveryWidthAndLength_CountsEachEntryOnce(int width, int length)
    {
        // Integer products: every width must give the exact sum, so an entry counted twice or missed shows.
        var w = Enumerable.Range(0, 200).Select(j => T.CreateTruncating((j % 7) - 3)).ToArray();
        int[] indices = [.. Enumerable.Range(0, length).Select(k => (k * 2) + (k % 2))];
        T[] values = [.. Enumerable.Range(0, length).Select(k => T.CreateTruncating((k % 5) + 1))];
        long exact = 0;
        for (int k = 0; k < length; k++)
        {
            exact += (((indices[k] % 7) - 3) * ((k % 5) + 1));
        }

        Assert.Equal(T.CreateTruncating(exact), SparseRowDot.Compute<T>(indices, values, w, (SimdWidth)width));
    }
}

public sealed class SparseRowDotTestsSingle : SparseRowDotTests<float>;

public sealed class SparseRowDotTestsDouble : SparseRowDotTests<double>;
