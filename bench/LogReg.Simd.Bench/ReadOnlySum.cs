using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LogReg.Simd.Bench;

/// <summary>
/// The read-only line of the throughput tables: a sum of X with four independent accumulators at the widest
/// vector width, so it is limited by how fast X can be read, not by add latency (TensorPrimitives.Sum is up
/// to 2.5x slower than this in L2).
/// </summary>
public static class ReadOnlySum
{
    public static T Compute<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(x);
        nuint length = (nuint)x.Length;
        nuint i = 0;
        T total = T.Zero;
        if (Vector512.IsHardwareAccelerated)
        {
            nuint count = (nuint)Vector512<T>.Count;
            Vector512<T> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i + (4 * count) <= length; i += 4 * count)
            {
                a0 += Vector512.LoadUnsafe(ref start, i);
                a1 += Vector512.LoadUnsafe(ref start, i + count);
                a2 += Vector512.LoadUnsafe(ref start, i + (2 * count));
                a3 += Vector512.LoadUnsafe(ref start, i + (3 * count));
            }

            total = Vector512.Sum((a0 + a1) + (a2 + a3));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            nuint count = (nuint)Vector256<T>.Count;
            Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i + (4 * count) <= length; i += 4 * count)
            {
                a0 += Vector256.LoadUnsafe(ref start, i);
                a1 += Vector256.LoadUnsafe(ref start, i + count);
                a2 += Vector256.LoadUnsafe(ref start, i + (2 * count));
                a3 += Vector256.LoadUnsafe(ref start, i + (3 * count));
            }

            total = Vector256.Sum((a0 + a1) + (a2 + a3));
        }

        for (; i < length; i++)
        {
            total += Unsafe.Add(ref start, i);
        }

        return total;
    }
}
