using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Kernels;

/// <summary>
/// The numerically stable building blocks of logistic regression: the sigmoid, the residual
/// sigma(z) - y and the log-loss computed from logits, as scalars and over spans.
/// </summary>
/// <remarks>
/// <para>
/// sigma(z) = 1 / (1 + e^-z) for z &gt;= 0 and e^z / (1 + e^z) for z &lt; 0, so the exponential
/// never overflows: no finite z gives NaN, sigma(+inf) = 1, sigma(-inf) = 0, and NaN gives NaN.
/// Tiny results stay subnormal instead of flushing to zero.
/// </para>
/// <para>
/// loss(z, y) = max(z, 0) - y z + log1p(e^-|z|) = -[y log sigma(z) + (1 - y) log(1 - sigma(z))].
/// It is never computed as log(sigma(z)), which overflows and loses every digit once sigma
/// saturates; log1p is evaluated accurately (log of the rounded 1 + e, corrected by the rounding error),
/// because .NET's <c>LogP1</c> is plain log(1 + x) and returns 0 for tiny x.
/// </para>
/// <para>
/// residual(z, y) = sigma(z) - y = ((1 - y) - y e) / (1 + e) for z &gt;= 0 and ((1 - y) e - y) / (1 + e) for
/// z &lt; 0, with e = e^-|z|. Subtracting y from a rounded sigma(z) cancels for a correctly classified row:
/// for y = 1 it keeps 3 digits at z = 30 and gives exactly 0 from z = 37, where the true residual is -8.5e-17;
/// this form errs by less than 2 eps relative (eps = 2^-52) for labels 0 and 1 (tested against a double-double
/// reference to |z| = 800), and for a soft label by less than 2 eps of the size of its terms,
/// ((1 - y) + y e) / (1 + e) for z &gt;= 0 and ((1 - y) e + y) / (1 + e) for z &lt; 0, as any correct subtraction.
/// </para>
/// <para>
/// All run in double; a float result is the rounded double result, within 1 ulp. The span forms
/// use the widest vector width the CPU accelerates and do not allocate. Unlike
/// <c>TensorPrimitives.Sigmoid</c>, whose vector path flushes results below about 1e-38 (float)
/// and 1e-308 (double) to zero, these keep the subnormal range.
/// </para>
/// </remarks>
public static class LogisticFunctions
{
    /// <summary>Computes the logistic sigmoid 1 / (1 + e^-z), stably.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="z">The logit.</param>
    /// <returns>sigma(z), in [0, 1]; NaN only when <paramref name="z"/> is NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        return SimdScalar<T>.Sigmoid(z);
    }

    /// <summary>Computes the log-loss of a logit against a label, stably.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="z">The logit w.x + b.</param>
    /// <param name="y">The label, 0 or 1, or a soft label in [0, 1].</param>
    /// <returns>max(z, 0) - y z + log1p(e^-|z|); finite for every finite <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogLoss<T>(T z, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        _ = SimdScalar<T>.ResidualAndLogLoss(z, y, out T loss);
        return loss;
    }

    /// <summary>Computes the residual sigma(z) - y, the derivative of the log-loss by z, without cancellation.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="z">The logit w.x + b.</param>
    /// <param name="y">The label, 0 or 1, or a soft label in [0, 1].</param>
    /// <returns>sigma(z) - y, in [-1, 1]; NaN only when an argument is NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Residual<T>(T z, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        return SimdScalar<T>.ResidualAndLogLoss(z, y, out _);
    }

    /// <summary>Computes the sigmoid of every element of <paramref name="z"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="destination">Receives sigma(z[i]); it may be <paramref name="z"/> itself.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="z"/>, or overlaps it other than exactly.</exception>
    public static void Sigmoid<T>(ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        CheckDestination(z, destination, nameof(z), nameof(destination));
        Sigmoid(z, destination, SimdWidths.Widest);
    }

    /// <summary>Computes the log-loss of every logit against its label.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="y">The labels in [0, 1], as many as <paramref name="z"/>.</param>
    /// <param name="destination">Receives loss(z[i], y[i]); it may be <paramref name="z"/> or <paramref name="y"/> itself.</param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="destination"/> overlaps an input other than exactly.</exception>
    public static void LogLoss<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        if (y.Length != z.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(y), y.Length, nameof(z), z.Length);
        }

        CheckDestination(z, destination, nameof(z), nameof(destination));
        CheckDestination(y, destination, nameof(y), nameof(destination));
        LogLoss(z, y, destination, SimdWidths.Widest);
    }

    /// <summary>Computes the residual sigma(z[i]) - y[i] of every logit against its label.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="y">The labels in [0, 1], as many as <paramref name="z"/>.</param>
    /// <param name="destination">Receives residual(z[i], y[i]); it may be <paramref name="z"/> or <paramref name="y"/> itself.</param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="destination"/> overlaps an input other than exactly.</exception>
    public static void Residual<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        if (y.Length != z.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(y), y.Length, nameof(z), z.Length);
        }

        CheckDestination(z, destination, nameof(z), nameof(destination));
        CheckDestination(y, destination, nameof(y), nameof(destination));
        Residual(z, y, destination, SimdWidths.Widest, inLaneType: false);
    }

    internal static void Sigmoid<T>(ReadOnlySpan<T> z, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var action = new SigmoidAction<T>(z, destination);
        SimdDispatch.Run<T, SigmoidAction<T>>(width, ref action);
    }

    internal static void LogLoss<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var action = new ElementAction<T>(z, y, destination, residualInLaneType: null);
        SimdDispatch.Run<T, ElementAction<T>>(width, ref action);
    }

    /// <summary>The residuals at one width; <paramref name="inLaneType"/> takes the fused pass's float-lane math.</summary>
    internal static void Residual<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, SimdWidth width, bool inLaneType)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var action = new ElementAction<T>(z, y, destination, inLaneType);
        SimdDispatch.Run<T, ElementAction<T>>(width, ref action);
    }

    // Element-wise; the tail runs one lane at a time, so an in-place call never reads a lane it has written. The
    // scalar width runs the same vector math, so an element gets the same value wherever it sits in the span.
    private static void SigmoidCore<TSimd, TVec, T>(ReadOnlySpan<T> z, Span<T> destination)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T zRef = ref MemoryMarshal.GetReference(z);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)z.Length;
        nuint i = 0;
        if (TSimd.Count > 1)
        {
            nuint count = (nuint)TSimd.Count;
            for (; i + count <= length; i += count)
            {
                TSimd.Store(TSimd.Sigmoid(TSimd.Load(in zRef, i)), ref dRef, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dRef, i) = SimdScalar<T>.Sigmoid(Unsafe.Add(ref zRef, i));
        }
    }

    private static void LogLossCore<TSimd, TVec, T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T zRef = ref MemoryMarshal.GetReference(z);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)z.Length;
        nuint i = 0;
        if (TSimd.Count > 1)
        {
            nuint count = (nuint)TSimd.Count;
            for (; i + count <= length; i += count)
            {
                _ = TSimd.ResidualAndLogLoss(TSimd.Load(in zRef, i), TSimd.Load(in yRef, i), out TVec loss);
                TSimd.Store(loss, ref dRef, i);
            }
        }

        for (; i < length; i++)
        {
            _ = SimdScalar<T>.ResidualAndLogLoss(Unsafe.Add(ref zRef, i), Unsafe.Add(ref yRef, i), out T loss);
            Unsafe.Add(ref dRef, i) = loss;
        }
    }

    // The loss is not used, so the JIT drops its logarithm.
    private static void ResidualCore<TSimd, TVec, T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, bool inLaneType)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T zRef = ref MemoryMarshal.GetReference(z);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)z.Length;
        nuint i = 0;
        if (TSimd.Count > 1)
        {
            nuint count = (nuint)TSimd.Count;
            for (; i + count <= length; i += count)
            {
                TVec zv = TSimd.Load(in zRef, i), yv = TSimd.Load(in yRef, i);
                TSimd.Store(inLaneType ? VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(zv, yv, out _) : TSimd.ResidualAndLogLoss(zv, yv, out _), ref dRef, i);
            }
        }

        for (; i < length; i++)
        {
            T zi = Unsafe.Add(ref zRef, i), yi = Unsafe.Add(ref yRef, i);
            Unsafe.Add(ref dRef, i) = inLaneType ? VectorMath<SimdScalar<T>, T, T>.ResidualAndLogLoss(zi, yi, out _) : SimdScalar<T>.ResidualAndLogLoss(zi, yi, out _);
        }
    }

    private readonly ref struct SigmoidAction<T>(ReadOnlySpan<T> z, Span<T> destination) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _z = z;
        private readonly Span<T> _destination = destination;

        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged => SigmoidCore<TSimd, TVec, T>(_z, _destination);
    }

    // The log-loss (residual null) or the residual (in the lane type or in double) of each element.
    private readonly ref struct ElementAction<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, bool? residualInLaneType) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ReadOnlySpan<T> _z = z;
        private readonly ReadOnlySpan<T> _y = y;
        private readonly Span<T> _destination = destination;

        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged
        {
            if (residualInLaneType is bool inLaneType)
            {
                ResidualCore<TSimd, TVec, T>(_z, _y, _destination, inLaneType);
            }
            else
            {
                LogLossCore<TSimd, TVec, T>(_z, _y, _destination);
            }
        }
    }

    private static void CheckDestination<T>(ReadOnlySpan<T> source, Span<T> destination, string sourceName, string destinationName)
    {
        if (destination.Length < source.Length)
        {
            ThrowHelper.ThrowArgument(destinationName, $"'{destinationName}':{destination.Length} is shorter than '{sourceName}':{source.Length}.");
        }

        if (source.Overlaps(destination, out int offset) && offset != 0)
        {
            ThrowHelper.ThrowOverlap(destinationName, sourceName);
        }
    }
}
