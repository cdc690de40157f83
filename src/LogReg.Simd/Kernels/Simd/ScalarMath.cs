using System.Runtime.CompilerServices;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The scalar forms of the stable sigmoid, residual and log-loss, in double; the vector widths compute the same formulas.</summary>
internal static class ScalarMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        double r = 1.0 / (1.0 + e);
        return z >= 0 ? r : e * r;
    }

    /// <summary>The residual sigma(z) - y, without cancellation, and the log-loss, sharing one exponential.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ResidualAndLogLoss(double z, double y, out double loss)
    {
        double absZ = Math.Abs(z);
        double e = Math.Exp(-absZ);
        double onePlusE = 1.0 + e;
        double r = 1.0 / onePlusE;
        double log1pE = Math.Log(onePlusE) - (((onePlusE - 1.0) - e) * r);
        bool nonNegative = z >= 0;
        double oneMinusY = 1.0 - y;
        double t = nonNegative ? oneMinusY : y;
        double linear = t == 0 ? 0 : t * absZ;
        loss = linear + log1pE;
        double numerator = nonNegative ? oneMinusY - (y * e) : (oneMinusY * e) - y;
        return numerator * r;
    }
}
