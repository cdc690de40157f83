using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Kernels.LossGradient;

/// <summary>The argument checks shared by every form of the loss-and-gradient pass; they run once, before any work.</summary>
internal static partial class LossGradientArguments
{
    public static void Validate<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T lambda,
        Span<T> weightGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ValidateShapes(x.Rows, x.Columns, y, sampleWeights, weights, lambda, weightGradient);
        if (weightGradient.Overlaps(x.Span))
        {
            ThrowHelper.ThrowOverlap(nameof(weightGradient), nameof(x));
        }
    }

    // The checks that do not depend on how X is stored: lengths against m and n, lambda, the sample weights, and
    // the gradient apart from y, s and w.
    private static void ValidateShapes<T>(
        int m,
        int n,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T lambda,
        Span<T> weightGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        if (y.Length != m)
        {
            ThrowHelper.ThrowArgument(nameof(y), $"'{nameof(y)}':{y.Length} must have the same length as 'x.Rows':{m}.");
        }

        if (!sampleWeights.IsEmpty && sampleWeights.Length != m)
        {
            ThrowHelper.ThrowArgument(nameof(sampleWeights), $"'{nameof(sampleWeights)}':{sampleWeights.Length} must be empty or have the same length as 'x.Rows':{m}.");
        }

        if (weights.Length != n)
        {
            ThrowHelper.ThrowArgument(nameof(weights), $"'{nameof(weights)}':{weights.Length} must have the same length as 'x.Columns':{n}.");
        }

        if (weightGradient.Length != n)
        {
            ThrowHelper.ThrowArgument(nameof(weightGradient), $"'{nameof(weightGradient)}':{weightGradient.Length} must have the same length as 'x.Columns':{n}.");
        }

        if (n == 0 && m > 0)
        {
            ThrowHelper.ThrowArgument("x", $"'x' has {m} rows but no columns; there must be at least one feature.");
        }

        if (!T.IsFinite(lambda) || lambda < T.Zero)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(lambda), $"'{nameof(lambda)}':{lambda} must be a finite number >= 0.");
        }

        if (!sampleWeights.IsEmpty)
        {
            ValidateSampleWeights(sampleWeights);
        }

        if (weightGradient.Overlaps(y))
        {
            ThrowHelper.ThrowOverlap(nameof(weightGradient), nameof(y));
        }

        if (weightGradient.Overlaps(sampleWeights))
        {
            ThrowHelper.ThrowOverlap(nameof(weightGradient), nameof(sampleWeights));
        }

        if (weightGradient.Overlaps(weights))
        {
            ThrowHelper.ThrowOverlap(nameof(weightGradient), nameof(weights));
        }
    }

    /// <summary>Checks caller scratch for the vectorized form: long enough and apart from every other span.</summary>
    public static void ValidateScratch<T>(
        Span<T> scratch,
        int required,
        ReadOnlyMatrixSpan<T> x,
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
        if (used.Overlaps(x.Span) || used.Overlaps(y) || used.Overlaps(sampleWeights) || used.Overlaps(weights) || used.Overlaps(weightGradient))
        {
            ThrowHelper.ThrowArgument(nameof(scratch), $"'{nameof(scratch)}' must not overlap 'x', 'y', 'sampleWeights', 'weights' or 'weightGradient'.");
        }
    }

    // One vectorized pass over m weights, cheap next to the m x n pass it guards.
    private static void ValidateSampleWeights<T>(ReadOnlySpan<T> sampleWeights)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lowest = TensorPrimitives.IndexOfMin(sampleWeights);
        T min = sampleWeights[lowest];
        if (T.IsNaN(min) || min < T.Zero)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(sampleWeights), $"'{nameof(sampleWeights)}[{lowest}]':{min} must be a finite number >= 0.");
        }

        int highest = TensorPrimitives.IndexOfMax(sampleWeights);
        T max = sampleWeights[highest];
        if (!T.IsFinite(max))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(sampleWeights), $"'{nameof(sampleWeights)}[{highest}]':{max} must be a finite number >= 0.");
        }

        if (max == T.Zero)
        {
            ThrowHelper.ThrowArgument(nameof(sampleWeights), $"'{nameof(sampleWeights)}' are all zero; their sum S divides the loss.");
        }
    }
}
