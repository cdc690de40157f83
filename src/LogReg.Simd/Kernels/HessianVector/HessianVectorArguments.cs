using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Kernels.HessianVector;

/// <summary>The argument checks shared by every form of the Hessian-vector product; they run once, before any work.</summary>
internal static class HessianVectorArguments
{
    public static void Validate<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<double> curvature, double totalWeight, ReadOnlySpan<double> direction, double lambda, Span<double> product)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        int m = x.Rows;
        int n = x.Columns;
        if (curvature.Length != m)
        {
            ThrowHelper.ThrowArgument(nameof(curvature), $"'{nameof(curvature)}':{curvature.Length} must have the same length as 'x.Rows':{m}.");
        }

        if (direction.Length != n)
        {
            ThrowHelper.ThrowArgument(nameof(direction), $"'{nameof(direction)}':{direction.Length} must have the same length as 'x.Columns':{n}.");
        }

        if (product.Length != n)
        {
            ThrowHelper.ThrowArgument(nameof(product), $"'{nameof(product)}':{product.Length} must have the same length as 'x.Columns':{n}.");
        }

        if (!(totalWeight > 0) || !double.IsFinite(totalWeight))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(totalWeight), $"'{nameof(totalWeight)}':{totalWeight} must be finite and greater than 0.");
        }

        if (!(lambda >= 0) || !double.IsFinite(lambda))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(lambda), $"'{nameof(lambda)}':{lambda} must be finite and at least 0.");
        }

        if (product.Overlaps(direction) || product.Overlaps(curvature))
        {
            ThrowHelper.ThrowOverlap(nameof(product), product.Overlaps(direction) ? nameof(direction) : nameof(curvature));
        }
    }

    public static void ValidateCurvature<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> sampleWeights, ReadOnlySpan<double> weights, Span<double> curvature)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        if (!sampleWeights.IsEmpty && sampleWeights.Length != x.Rows)
        {
            ThrowHelper.ThrowArgument(nameof(sampleWeights), $"'{nameof(sampleWeights)}':{sampleWeights.Length} must be empty or have the same length as 'x.Rows':{x.Rows}.");
        }

        if (weights.Length != x.Columns)
        {
            ThrowHelper.ThrowArgument(nameof(weights), $"'{nameof(weights)}':{weights.Length} must have the same length as 'x.Columns':{x.Columns}.");
        }

        if (curvature.Length != x.Rows)
        {
            ThrowHelper.ThrowArgument(nameof(curvature), $"'{nameof(curvature)}':{curvature.Length} must have the same length as 'x.Rows':{x.Rows}.");
        }
    }
}
