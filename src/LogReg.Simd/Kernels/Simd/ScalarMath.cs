using System.Runtime.CompilerServices;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The scalar forms of the stable sigmoid and log-loss, in double; the vector widths compute the same formulas.</summary>
internal static class ScalarMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        double r = 1.0 / (1.0 + e);
        return z >= 0 ? r : e * r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidAndLogLoss(double z, double y, out double loss)
    {
        double absZ = Math.Abs(z);
        double e = Math.Exp(-absZ);
        double onePlusE = 1.0 + e;
        double log1pE = onePlusE == 1.0 ? e : Math.Log(onePlusE) * (e / (onePlusE - 1.0));
        bool nonNegative = z >= 0;
        double t = nonNegative ? 1.0 - y : y;
        double linear = t == 0 ? 0 : t * absZ;
        loss = linear + log1pE;
        double r = 1.0 / onePlusE;
        return nonNegative ? r : e * r;
    }
}
