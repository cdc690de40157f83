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
        double r = 1.0 / onePlusE;
        double log1pE = Math.Log(onePlusE) - (((onePlusE - 1.0) - e) * r);
        bool nonNegative = z >= 0;
        double t = nonNegative ? 1.0 - y : y;
        double linear = t == 0 ? 0 : t * absZ;
        loss = linear + log1pE;
        return nonNegative ? r : e * r;
    }
}
