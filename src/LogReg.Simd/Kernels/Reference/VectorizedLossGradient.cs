using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.LossGradient;

namespace LogReg.Simd.Kernels.Reference;

/// <summary>
/// Form 2 of the loss-and-gradient pass: the seed document's vectorized form, composed from
/// <see cref="TensorPrimitives"/> calls, in two passes over X with caller-provided scratch.
/// </summary>
/// <remarks>
/// <para>The seed's steps, with sample weights s and their sum S:</para>
/// <code>
/// Z  = X w + b                  (pass 1: one TensorPrimitives.Dot per row)
/// dZ = s (sigma(Z) - Y)         (LogisticFunctions.Residual, which does not cancel)
/// dw = X^T dZ / S + lambda w    (pass 2: one TensorPrimitives.MultiplyAdd per row)
/// db = sum(dZ) / S
/// J  = sum(s loss(Z, Y)) / S + (lambda/2) ||w||^2
/// </code>
/// <para>
/// The function is that of <see cref="LoopedLossGradient"/>. Sums accumulate in the element type;
/// NaN in the inputs propagates to the results. No call allocates.
/// </para>
/// </remarks>
public static partial class VectorizedLossGradient
{
    /// <summary>Gets the scratch length, in elements, that the Compute overloads need for <paramref name="rows"/> rows.</summary>
    /// <param name="rows">The number of rows m.</param>
    /// <returns>2 * <paramref name="rows"/>: the logits, then the per-row losses.</returns>
    public static int GetScratchLength(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return checked(2 * rows);
    }

    /// <summary>Computes the objective J and its gradient with the seed's vectorized form.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
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
    public static T Compute<T>(
        ReadOnlyMatrixSpan<T> x,
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

        for (int i = 0; i < m; i++)
        {
            z[i] = TensorPrimitives.Dot(x.GetRow(i), weights) + bias;
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
            TensorPrimitives.MultiplyAdd(x.GetRow(i), z[i], weightGradient, weightGradient);
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
