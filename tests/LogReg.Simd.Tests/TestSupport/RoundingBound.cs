using System.Numerics;

namespace LogReg.Simd.Tests.TestSupport;

/// <summary>
/// A first-order bound on the rounding error of any correct implementation of the pass, per output.
/// </summary>
/// <remarks>
/// <para>
/// With unit roundoff u (2^-24 for float, 2^-53 for double), Z_i = |b| + sum_j |w_j x_ij| and S = sum_i s_i:
/// </para>
/// <list type="bullet">
/// <item><description>a dot product of n terms plus b, in any order and with or without FMA, has
/// |dz_i| &lt;= (n + 1) u Z_i; since |sigma'| &lt;= 1/4 and |dl/dz| = |sigma - y| &lt;= 1, z's error moves a_i by at
/// most (n + 1) u Z_i / 4 and l_i by at most (n + 1) u Z_i;</description></item>
/// <item><description>sigma and the loss are evaluated to a few ulps (at most 6 u) and the residual s (a - y)
/// costs two more roundings, with |a - y| &lt;= 1;</description></item>
/// <item><description>a sum of m terms in any order (blocked, chunked, pairwise or sequential) errs by at most
/// (m - 1) u times the sum of their magnitudes; S is such a sum of non-negative terms, so dividing by it
/// adds at most (m + 1) u relative;</description></item>
/// <item><description>the L2 term adds 2 u lambda |w_j| (gradient) and (n + 2) u (lambda / 2) ||w||^2 (loss).</description></item>
/// </list>
/// <para>
/// Summing these (first order) gives |error| &lt;= 2 u (m + n + 8) scale, with
/// scale(dw_j) = (1/S) sum_i s_i |x_ij| (1 + Z_i) + lambda |w_j|,
/// scale(db) = (1/S) sum_i s_i (1 + Z_i) and
/// scale(J) = (1/S) sum_i s_i (1 + 2 Z_i) + (lambda / 2) ||w||^2, using |l_i| &lt;= |z_i| + log 2 &lt;= Z_i + 1.
/// It is a worst-case bound: the observed error is usually far smaller (errors of a long sum grow like the
/// square root of m). A wrong result (a row counted twice or dropped, a lane not masked) is off by about
/// scale / m or more, far outside the bound at the sizes tested.
/// </para>
/// </remarks>
internal sealed class RoundingBound
{
    private RoundingBound(double[] weightScale, double biasScale, double lossScale, int rows, int columns)
    {
        WeightScale = weightScale;
        BiasScale = biasScale;
        LossScale = lossScale;
        Rows = rows;
        Columns = columns;
    }

    public double[] WeightScale { get; }

    public double BiasScale { get; }

    public double LossScale { get; }

    public int Rows { get; }

    public int Columns { get; }

    public static double UnitRoundoff<T>()
        where T : IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);

    /// <summary>The factor 2 u (m + n + 8) for element type <typeparamref name="T"/>.</summary>
    public double Factor<T>()
        where T : IBinaryFloatingPointIeee754<T> => 2 * UnitRoundoff<T>() * (Rows + Columns + 8);

    public static RoundingBound For(Problem<double> p)
    {
        int m = p.Rows, n = p.Columns;
        double totalWeight = 0, biasSum = 0, lossSum = 0;
        var weightSums = new double[n];
        for (int i = 0; i < m; i++)
        {
            double s = p.SampleWeights.Length == 0 ? 1 : p.SampleWeights[i];
            double zAbs = Math.Abs(p.Bias);
            for (int j = 0; j < n; j++)
            {
                zAbs += Math.Abs(p.Weights[j] * p[i, j]);
            }

            totalWeight += s;
            biasSum += s * (1 + zAbs);
            lossSum += s * (1 + (2 * zAbs));
            for (int j = 0; j < n; j++)
            {
                weightSums[j] += s * Math.Abs(p[i, j]) * (1 + zAbs);
            }
        }

        double inverse = m == 0 ? 0 : 1 / totalWeight;
        double squares = p.Weights.Sum(w => w * w);
        var weightScale = new double[n];
        for (int j = 0; j < n; j++)
        {
            weightScale[j] = (weightSums[j] * inverse) + (p.Lambda * Math.Abs(p.Weights[j]));
        }

        return new RoundingBound(weightScale, biasSum * inverse, (lossSum * inverse) + (0.5 * p.Lambda * squares), m, n);
    }
}
