using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;

namespace LogReg.Simd.Kernels.Reference;

/// <summary>
/// Form 1 of the loss-and-gradient pass: the seed document's per-example loop, scalar, one example
/// at a time, with its errata fixed. It is the oracle in tests and the baseline in benchmarks.
/// </summary>
/// <remarks>
/// <para>Computes, for m rows x_i, labels y_i, sample weights s_i (all 1 when none are given) and S = sum s_i:</para>
/// <code>
/// z_i   = w . x_i + b
/// J     = (1/S) sum_i s_i [max(z_i,0) - y_i z_i + log1p(e^-|z_i|)] + (lambda/2) ||w||^2
/// dJ/dw = (1/S) sum_i s_i (sigma(z_i) - y_i) x_i + lambda w
/// dJ/db = (1/S) sum_i s_i (sigma(z_i) - y_i)
/// </code>
/// <para>The residual sigma(z_i) - y_i is <see cref="LogisticFunctions.Residual{T}(T, T)"/>, which does not cancel at saturated logits.</para>
/// <para>The seed's code has seven errata, fixed here (the README lists them too):</para>
/// <list type="number">
/// <item><description><c>dz += a - y</c> is a running sum across examples (and <c>dz</c> is never initialised); the per-example residual <c>dz = a - y</c> is meant.</description></item>
/// <item><description><c>dw_1 += x[1]*dz</c> and <c>dw_2 += x[1]*dz</c> both read <c>x[1]</c>; each weight reads its own feature, <c>dw_j += x[j]*dz</c>.</description></item>
/// <item><description>The update <c>b = b - alpha * b</c> shrinks the bias by itself; it uses the gradient, <c>b = b - alpha * db</c> (see the gradient-descent solver).</description></item>
/// <item><description><c>db</c> is never divided by m; it is averaged like <c>J</c> and <c>dw</c> (by S, which is m without sample weights).</description></item>
/// <item><description>The loop never indexes the example: <c>np.dot(w, x)</c>, <c>cost(y, a)</c> and <c>a - y</c> use x^(i) and y^(i).</description></item>
/// <item><description><c>J, dw_1, dw_2, db = 0</c> is not valid Python, and these are accumulators reset at every iteration, not parameters.</description></item>
/// <item><description>The vectorized form's <c>np.zeros(n_x, 1)</c> needs a tuple, <c>np.zeros((n_x, 1))</c>.</description></item>
/// </list>
/// <para>
/// Sums accumulate in the element type, in row order, as the seed's loop does; a float sum over
/// many rows therefore loses digits that the fused and parallel forms keep. NaN in X, y, w or b
/// propagates to the results; the trainer rejects such data before it gets here.
/// </para>
/// </remarks>
public static partial class LoopedLossGradient
{
    /// <summary>Computes the objective J and its gradient with the seed's per-example loop.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="y">The m labels, in [0, 1].</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0, not all zero), or empty for all ones.</param>
    /// <param name="weights">The n weights w.</param>
    /// <param name="bias">The bias b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="weightGradient">Receives dJ/dw (n elements); must not overlap any input.</param>
    /// <param name="biasGradient">Receives dJ/db.</param>
    /// <returns>The objective J.</returns>
    /// <exception cref="ArgumentException">A length does not match, n = 0 while m &gt; 0, the sample weights are all zero, or <paramref name="weightGradient"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> or a sample weight is negative, NaN or infinite.</exception>
    public static T Compute<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        Span<T> weightGradient,
        out T biasGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossGradientArguments.Validate(x, y, sampleWeights, weights, lambda, weightGradient);

        int m = x.Rows;
        int n = x.Columns;
        bool weighted = !sampleWeights.IsEmpty;
        T loss = T.Zero;
        T db = T.Zero;
        T totalWeight = T.Zero;
        weightGradient.Clear();

        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> row = x.GetRow(i);
            T z = bias;
            for (int j = 0; j < n; j++)
            {
                z += weights[j] * row[j];
            }

            T s = weighted ? sampleWeights[i] : T.One;
            loss += s * LogisticFunctions.LogLoss(z, y[i]);
            T dz = s * LogisticFunctions.Residual(z, y[i]);
            for (int j = 0; j < n; j++)
            {
                weightGradient[j] += row[j] * dz;
            }

            db += dz;
            totalWeight += s;
        }

        if (m > 0)
        {
            loss /= totalWeight;
            db /= totalWeight;
            for (int j = 0; j < n; j++)
            {
                weightGradient[j] /= totalWeight;
            }
        }

        // Skipped at lambda = 0, so an infinite weight does not turn 0 * inf into NaN.
        if (lambda != T.Zero)
        {
            T squares = T.Zero;
            for (int j = 0; j < n; j++)
            {
                squares += weights[j] * weights[j];
                weightGradient[j] += lambda * weights[j];
            }

            loss += lambda / (T.One + T.One) * squares;
        }

        biasGradient = db;
        return loss;
    }
}
