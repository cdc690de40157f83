using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;

namespace LogReg.Simd.Kernels.Reference;

/// <summary>The per-example loop over a CSR X: the oracle of the sparse forms.</summary>
public static partial class LoopedLossGradient
{
    /// <summary>Computes the objective J and its gradient with the seed's per-example loop, reading only the stored entries of each row.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, compressed sparse rows.</param>
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
    /// <remarks>
    /// The operations are those of the dense loop with the zero products left out; a skipped product adds
    /// a zero, so with finite weights the result equals the dense loop's on the densified X, bit for bit.
    /// </remarks>
    public static T Compute<T>(
        ReadOnlyCsrMatrixSpan<T> x,
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
        ReadOnlySpan<int> offsets = x.RowOffsets;
        ReadOnlySpan<int> indices = x.ColumnIndices;
        ReadOnlySpan<T> values = x.Values;
        T loss = T.Zero;
        T db = T.Zero;
        T totalWeight = T.Zero;
        weightGradient.Clear();

        for (int i = 0; i < m; i++)
        {
            int start = offsets[i], end = offsets[i + 1];
            T z = bias;
            for (int k = start; k < end; k++)
            {
                z += weights[indices[k]] * values[k];
            }

            T s = weighted ? sampleWeights[i] : T.One;
            loss += s * LogisticFunctions.LogLoss(z, y[i]);
            T dz = s * LogisticFunctions.Residual(z, y[i]);
            for (int k = start; k < end; k++)
            {
                weightGradient[indices[k]] += values[k] * dz;
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
