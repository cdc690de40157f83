using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LogReg.Simd.Internal;

/// <summary>Throws out of line, so the guarded fast paths stay small enough to inline.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void ThrowLengthMismatch(string paramName, int length, string otherName, int otherLength) =>
        throw new ArgumentException($"'{paramName}':{length} must have the same length as '{otherName}':{otherLength}.", paramName);

    /// <summary>A thread-count argument is -1 (automatic) or at least 1.</summary>
    public static void ThrowIfInvalidDegreeOfParallelism(int maxDegreeOfParallelism, [CallerArgumentExpression(nameof(maxDegreeOfParallelism))] string paramName = "")
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            ThrowArgumentOutOfRange(paramName, $"'{paramName}':{maxDegreeOfParallelism} must be -1 (automatic) or at least 1.");
        }
    }

    [DoesNotReturn]
    public static void ThrowOverlap(string paramName, string otherName) =>
        throw new ArgumentException($"'{paramName}' must not overlap '{otherName}'.", paramName);
}
