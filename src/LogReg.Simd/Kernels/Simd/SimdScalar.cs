using System.Numerics;
using System.Runtime.CompilerServices;

namespace LogReg.Simd.Kernels.Simd;

/// <summary>The one-lane width: plain <typeparamref name="T"/>, the fallback and the reference for the vector widths.</summary>
internal readonly struct SimdScalar<T> : ISimd<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static bool IsHardwareAccelerated => true;

    public static int Count => 1;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref readonly T source, nuint elementOffset) => Unsafe.Add(ref Unsafe.AsRef(in source), elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nuint elementOffset) => Unsafe.Add(ref destination, elementOffset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Subtract(T left, T right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T left, T right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T left, T right, T addend) => T.MultiplyAddEstimate(left, right, addend);

    // A one-lane width never has a partial tail.
    public static T LastLanesMask(int count) => T.Zero;

    public static T And(T value, T mask) => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sum4(T a0, T a1, T a2, T a3, T addend, ref T destination)
    {
        destination = a0 + addend;
        Unsafe.Add(ref destination, 1) = a1 + addend;
        Unsafe.Add(ref destination, 2) = a2 + addend;
        Unsafe.Add(ref destination, 3) = a3 + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid(T z) => T.CreateTruncating(ScalarMath.Sigmoid(double.CreateTruncating(z)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ResidualAndLogLossInLaneType(T z, T y, out T loss) => ResidualAndLogLoss(z, y, out loss);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ResidualAndLogLoss(T z, T y, out T loss)
    {
        double residual = ScalarMath.ResidualAndLogLoss(double.CreateTruncating(z), double.CreateTruncating(y), out double lossDouble);
        loss = T.CreateTruncating(lossDouble);
        return T.CreateTruncating(residual);
    }
}
