using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;

namespace LogReg.Simd.Kernels.Reference;

/// <summary>The seed's vectorized form over a CSR X.</summary>
public static partial class VectorizedLossGradient
{
    /// <summary>Computes the objective J and its gradient with the seed's vectorized form over a CSR X.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, compressed sparse rows.</param>
    /// <param name="y">The m labels, in [0, 1].</param>
    /// <param name="sampleWeights">The m sample weights (finite, &gt;= 0, not all zero), or empty for all ones.</param>
    /// <param name="weights">The n weights w.</param>
    /// <param name="bias">The bias b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0; the bias is not penalized.</param>
    /// <param name="weightGradient">Receives dJ/dw (n elements); must not overlap any input.</param>
    /// <param name="scratch">At least <see cref="GetScratchLength"/>(m) elements, apart from every other span; its contents are overwritten.</param>
    /// <param name="biasGradient">Receives dJ/db.</param>
    /// <returns>The objective J.</returns>
    /// <exception cref="ArgumentException">A length does not match, n = 0 while m &gt; 0, the sample weights are all zero, the scratch is too short, or an output overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> or a sample weight is negative, NaN or infinite.</exception>
    /// <remarks>
    /// The same steps as the dense overload: Z = X w + b as one sparse dot per row (pass 1), then the losses
    /// and residuals with <see cref="TensorPrimitives"/>-shaped calls over all rows, then dw = X^T dZ as one
    /// scatter per row (pass 2). Sums accumulate in the element type.
    /// </remarks>
    public static T Compute<T>(
        ReadOnlyCsrMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        Span<T> weightGradient,
        Span<T> scratch,
        out T biasGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        LossGradientArguments.Validate(x, y, sampleWeights, weights, lambda, weightGradient);
        int m = x.Rows;
        LossGradientArguments.ValidateScratch(scratch, GetScratchLength(m), x, y, sampleWeights, weights, weightGradient);

        Span<T> z = scratch[..m];
        Span<T> losses = scratch.Slice(m, m);
        bool weighted = !sampleWeights.IsEmpty;
        ReadOnlySpan<int> offsets = x.RowOffsets;
        ReadOnlySpan<int> indices = x.ColumnIndices;
        ReadOnlySpan<T> values = x.Values;

        for (int i = 0; i < m; i++)
        {
            T dot = T.Zero;
            for (int k = offsets[i]; k < offsets[i + 1]; k++)
            {
                dot += weights[indices[k]] * values[k];
            }

            z[i] = dot + bias;
        }

        LogisticFunctions.LogLoss(z, y, losses);
        T loss = weighted ? TensorPrimitives.Dot(sampleWeights, losses) : TensorPrimitives.Sum<T>(losses);
        T totalWeight = weighted ? TensorPrimitives.Sum(sampleWeights) : T.CreateTruncating(m);

        LogisticFunctions.Residual(z, y, z);
        if (weighted)
        {
            TensorPrimitives.Multiply(z, sampleWeights, z);
        }

        T db = TensorPrimitives.Sum<T>(z);
        weightGradient.Clear();
        for (int i = 0; i < m; i++)
        {
            T dz = z[i];
            for (int k = offsets[i]; k < offsets[i + 1]; k++)
            {
                weightGradient[indices[k]] += values[k] * dz;
            }
        }

        if (m > 0)
        {
            loss /= totalWeight;
            db /= totalWeight;
            TensorPrimitives.Divide(weightGradient, totalWeight, weightGradient);
        }

        if (lambda != T.Zero)
        {
            loss += lambda / (T.One + T.One) * TensorPrimitives.SumOfSquares(weights);
            TensorPrimitives.MultiplyAdd(weights, lambda, weightGradient, weightGradient);
        }

        biasGradient = db;
        return loss;
    }
}
