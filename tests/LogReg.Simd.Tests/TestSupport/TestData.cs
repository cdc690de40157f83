using System.Numerics;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Tests.TestSupport;

/// <summary>Theory data and value sweeps shared by the test classes.</summary>
internal static class TestData
{
    /// <summary>Every width, accelerated on this machine or not (as int, because <see cref="SimdWidth"/> is internal).</summary>
    public static TheoryData<int> AllWidths() => new(SimdWidths.All.Select(w => (int)w));

    /// <summary>Every width with every span length from 0 to 70, to cross every vector tail.</summary>
    public static TheoryData<int, int> AllWidthsAndLengths()
    {
        var data = new TheoryData<int, int>();
        foreach (SimdWidth width in SimdWidths.All)
        {
            for (int length = 0; length <= 70; length++)
            {
                data.Add((int)width, length);
            }
        }

        return data;
    }

    /// <summary>
    /// Finite values from every binade: every 4099th float bit pattern, or about 500,000 double bit
    /// patterns evenly spaced, of both signs, plus ±0, the smallest subnormals and ±MaxValue.
    /// </summary>
    public static T[] FiniteSweep<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = new List<T>();
        if (typeof(T) == typeof(float))
        {
            for (ulong bits = 0; bits <= uint.MaxValue; bits += 4099)
            {
                float f = BitConverter.UInt32BitsToSingle((uint)bits);
                if (float.IsFinite(f))
                {
                    values.Add(T.CreateTruncating(f));
                }
            }
        }
        else
        {
            const ulong Step = ulong.MaxValue / 500_000;
            for (ulong k = 0; k < 500_000; k++)
            {
                double d = BitConverter.UInt64BitsToDouble(k * Step);
                if (double.IsFinite(d))
                {
                    values.Add(T.CreateTruncating(d));
                }
            }
        }

        values.AddRange(Specials<T>());
        return values.ToArray();
    }

    /// <summary>±0, ±Epsilon, ±the largest subnormal, ±the smallest normal, ±1, ±MaxValue.</summary>
    public static IEnumerable<T> Specials<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T largestSubnormal = T.BitDecrement(SmallestNormal<T>());
        T[] magnitudes = [T.Zero, T.Epsilon, largestSubnormal, SmallestNormal<T>(), T.One, T.CreateTruncating(40), T.CreateTruncating(800), TestData.MaxValue<T>()];
        foreach (T v in magnitudes)
        {
            yield return v;
            yield return -v;
        }
    }

    public static T SmallestNormal<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? T.CreateTruncating(BitConverter.Int32BitsToSingle(0x0080_0000))
            : T.CreateTruncating(BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000));

    public static T MaxValue<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateTruncating(float.MaxValue) : T.CreateTruncating(double.MaxValue);
}
