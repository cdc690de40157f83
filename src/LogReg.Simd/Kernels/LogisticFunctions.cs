using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels.Simd;
using ScalarMath = LogReg.Simd.Kernels.Simd.VectorMath<LogReg.Simd.Kernels.Simd.SimdScalar<double>, double, double>;

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
        return T.CreateTruncating(ScalarMath.Sigmoid(double.CreateTruncating(z)));
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
        _ = ScalarMath.ResidualAndLogLoss(double.CreateTruncating(z), double.CreateTruncating(y), out double loss);
        return T.CreateTruncating(loss);
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
        return T.CreateTruncating(ScalarMath.ResidualAndLogLoss(double.CreateTruncating(z), double.CreateTruncating(y), out _));
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
        CheckArguments(z, y, destination);
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
        CheckArguments(z, y, destination);
        Residual(z, y, destination, SimdWidths.Widest, inLaneType: false);
    }

    internal static void Sigmoid<T>(ReadOnlySpan<T> z, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => MapInDouble<T, SigmoidOperation>(z, z, destination, width);

    internal static void LogLoss<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => MapInDouble<T, LogLossOperation>(z, y, destination, width);

    /// <summary>The residuals at one width; <paramref name="inLaneType"/> takes the fused pass's float-lane math.</summary>
    internal static void Residual<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, SimdWidth width, bool inLaneType)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (inLaneType)
        {
            Map<T, ResidualOperation>(z, y, destination, width);
        }
        else
        {
            MapInDouble<T, ResidualOperation>(z, y, destination, width);
        }
    }

    // The operation in double lanes, so a float result is the rounded double result: float spans go through double
    // buffers on the stack a block at a time (reading a block before writing it, so in-place calls work).
    [SkipLocalsInit]
    private static void MapInDouble<T, TOperation>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperation : struct
    {
        if (typeof(T) == typeof(double))
        {
            Map<double, TOperation>(MemoryMarshal.Cast<T, double>(z), MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(destination), width);
            return;
        }

        Span<double> zBlock = stackalloc double[256];
        Span<double> yBlock = stackalloc double[256];
        for (int start = 0; start < z.Length; start += zBlock.Length)
        {
            int length = Math.Min(zBlock.Length, z.Length - start);
            TensorPrimitives.ConvertTruncating(z.Slice(start, length), zBlock[..length]);
            bool labelled = typeof(TOperation) != typeof(SigmoidOperation);
            if (labelled)
            {
                TensorPrimitives.ConvertTruncating(y.Slice(start, length), yBlock[..length]);
            }

            Map<double, TOperation>(zBlock[..length], labelled ? yBlock[..length] : zBlock[..length], zBlock[..length], width);
            TensorPrimitives.ConvertTruncating<double, T>(zBlock[..length], destination.Slice(start, length));
        }
    }

    private static void Map<T, TOperation>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperation : struct
    {
        var action = new MapAction<T, TOperation>(z, y, destination);
        SimdDispatch.Run<T, MapAction<T, TOperation>>(width, ref action);
    }

    // Element-wise; the tail runs one lane at a time through the same math, so an element gets the same value
    // wherever it sits in the span, and an in-place call never reads a lane it has written.
    private readonly ref struct MapAction<T, TOperation>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination) : IWidthAction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOperation : struct
    {
        private readonly ReadOnlySpan<T> _z = z;
        private readonly ReadOnlySpan<T> _y = y;
        private readonly Span<T> _destination = destination;

        public void Invoke<TSimd, TVec>()
            where TSimd : ISimd<TVec, T>
            where TVec : unmanaged
        {
            ref T zRef = ref MemoryMarshal.GetReference(_z);
            ref T yRef = ref MemoryMarshal.GetReference(_y);
            ref T dRef = ref MemoryMarshal.GetReference(_destination);
            nuint length = (nuint)_z.Length;
            nuint count = (nuint)TSimd.Count;
            nuint i = 0;
            for (; count > 1 && i + count <= length; i += count)
            {
                TSimd.Store(Apply<TSimd, TVec, T, TOperation>(TSimd.Load(in zRef, i), TSimd.Load(in yRef, i)), ref dRef, i);
            }

            for (; i < length; i++)
            {
                Unsafe.Add(ref dRef, i) = Apply<SimdScalar<T>, T, T, TOperation>(Unsafe.Add(ref zRef, i), Unsafe.Add(ref yRef, i));
            }
        }
    }

    // The element operation, picked by a marker type so the JIT specializes each loop.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Apply<TSimd, TVec, T, TOperation>(TVec z, TVec y)
        where TSimd : ISimd<TVec, T>
        where TVec : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(TOperation) == typeof(SigmoidOperation))
        {
            return VectorMath<TSimd, TVec, T>.Sigmoid(z);
        }

        // The residual's caller drops the loss, and the JIT its logarithm.
        TVec residual = VectorMath<TSimd, TVec, T>.ResidualAndLogLoss(z, y, out TVec loss);
        return typeof(TOperation) == typeof(LogLossOperation) ? loss : residual;
    }

    private readonly struct SigmoidOperation;

    private readonly struct LogLossOperation;

    private readonly struct ResidualOperation;

    private static void CheckArguments<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, Span<T> destination)
    {
        FloatingPoint.ThrowIfNotSupported<T>();
        if (y.Length != z.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(y), y.Length, nameof(z), z.Length);
        }

        CheckDestination(z, destination, nameof(z), nameof(destination));
        CheckDestination(y, destination, nameof(y), nameof(destination));
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
