using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels.HessianVector;

namespace LogReg.Simd.Kernels.Reference;

/// <summary>
/// The looped form of the Hessian-vector product and of the curvature it needs: scalar, one example at a time,
/// in double. It is the oracle of the fused and parallel forms in tests.
/// </summary>
/// <remarks>
/// <para>For theta = [w..., b] and a direction v = [v_w..., v_b]:</para>
/// <code>
/// D_i = s_i sigma(z_i) (1 - sigma(z_i)),   z_i = w . x_i + b
/// u_i = v_w . x_i + v_b
/// H v = [ (1/S) sum_i D_i u_i x_i + lambda v_w ,  (1/S) sum_i D_i u_i ]
/// </code>
/// <para>The bias is not penalized, so lambda does not touch the last component.</para>
/// </remarks>
public static class LoopedHessianVector
{
    /// <summary>Computes D_i = s_i sigma(z_i) (1 - sigma(z_i)) at (w, b), in double.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the storage of X and the sample weights.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="sampleWeights">The m sample weights, or empty for all ones.</param>
    /// <param name="weights">The n weights w.</param>
    /// <param name="bias">The bias b.</param>
    /// <param name="curvature">Receives the m values D_i.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public static void ComputeCurvature<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> sampleWeights, ReadOnlySpan<double> weights, double bias, Span<double> curvature)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        HessianVectorArguments.ValidateCurvature(x, sampleWeights, weights, curvature);
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<T> row = x.GetRow(i);
            double z = bias;
            for (int j = 0; j < row.Length; j++)
            {
                z += weights[j] * double.CreateTruncating(row[j]);
            }

            double sigma = LogisticFunctions.Sigmoid(z);
            double s = sampleWeights.IsEmpty ? 1.0 : double.CreateTruncating(sampleWeights[i]);
            curvature[i] = s * sigma * (1 - sigma);
        }
    }

    /// <summary>Computes H v with a per-example loop.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the storage of X; the arithmetic is double.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="curvature">The m values D_i (see <see cref="ComputeCurvature{T}"/>).</param>
    /// <param name="totalWeight">S, the sum of the sample weights (m without them); finite and &gt; 0.</param>
    /// <param name="direction">v_w, n elements.</param>
    /// <param name="directionBias">v_b.</param>
    /// <param name="lambda">The L2 strength, finite and &gt;= 0.</param>
    /// <param name="product">Receives the first n components of H v; must not overlap an input.</param>
    /// <param name="productBias">Receives the bias component of H v.</param>
    /// <exception cref="ArgumentException">A length does not match, or <paramref name="product"/> overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="totalWeight"/> or <paramref name="lambda"/> is out of range.</exception>
    public static void Compute<T>(ReadOnlyMatrixSpan<T> x, ReadOnlySpan<double> curvature, double totalWeight, ReadOnlySpan<double> direction, double directionBias, double lambda, Span<double> product, out double productBias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        HessianVectorArguments.Validate(x, curvature, totalWeight, direction, lambda, product);
        product.Clear();
        double biasSum = 0;
        for (int i = 0; i < x.Rows; i++)
        {
            ReadOnlySpan<T> row = x.GetRow(i);
            double u = directionBias;
            for (int j = 0; j < row.Length; j++)
            {
                u += direction[j] * double.CreateTruncating(row[j]);
            }

            double t = curvature[i] * u;
            for (int j = 0; j < row.Length; j++)
            {
                product[j] += t * double.CreateTruncating(row[j]);
            }

            biasSum += t;
        }

        for (int j = 0; j < product.Length; j++)
        {
            product[j] = (product[j] / totalWeight) + (lambda * direction[j]);
        }

        productBias = biasSum / totalWeight;
    }
}
