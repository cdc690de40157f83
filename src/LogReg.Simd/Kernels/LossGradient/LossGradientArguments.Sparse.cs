using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>The same checks for a CSR X; its structure was checked when the view was made.</summary>
internal static partial class LossGradientArguments
{
    public static void Validate<T>(
        ReadOnlyCsrMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T lambda,
        Span<T> weightGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ValidateShapes(x.Rows, x.Columns, y, sampleWeights, weights, lambda, weightGradient);
        if (weightGradient.Overlaps(x.Values))
        {
            ThrowHelper.ThrowOverlap(nameof(weightGradient), nameof(x));
        }
    }

    /// <summary>Checks caller scratch for the sparse vectorized form: long enough and apart from every other span.</summary>
    public static void ValidateScratch<T>(
        Span<T> scratch,
        int required,
        ReadOnlyCsrMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        Span<T> weightGradient)
    {
        if (scratch.Length < required)
        {
            ThrowHelper.ThrowArgument(nameof(scratch), $"'{nameof(scratch)}':{scratch.Length} must hold at least 2 * 'x.Rows' = {required} elements.");
        }

        Span<T> used = scratch[..required];
        if (used.Overlaps(x.Values) || used.Overlaps(y) || used.Overlaps(sampleWeights) || used.Overlaps(weights) || used.Overlaps(weightGradient))
        {
            ThrowHelper.ThrowArgument(nameof(scratch), $"'{nameof(scratch)}' must not overlap 'x', 'y', 'sampleWeights', 'weights' or 'weightGradient'.");
        }
    }
}
