using System.Numerics;
using System.Runtime.Intrinsics;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The width structs and the math written once over them: every width, accelerated on this machine or not,
/// gives each element the value the scalar function gives it, wherever the element sits in a span.
/// </summary>
public abstract class WidthTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static T[] Logits(int length, int seed)
    {
        var random = new Random(seed);
        double[] special = [0, -0.0, 1e-300, -1e-300, 36.7, -36.7, 88.7, -88.7, 103.9, -103.9, 709.7, -709.7, 745.1, -745.1, 800, -800, double.MaxValue, double.MinValue];
        var z = new T[length];
        for (int i = 0; i < length; i++)
        {
            z[i] = T.CreateSaturating(i % 3 == 0 ? special[random.Next(special.Length)] : (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-10, 11)));
        }

        return z;
    }

    [Theory]
    [MemberData(nameof(TestData.AllWidthsAndLengths), MemberType = typeof(TestData))]
    public void Sigmoid_EveryWidthAndPosition_EqualsTheScalarFunctionBitForBit(int width, int length)
    {
        T[] z = Logits(length, seed: length);
        var a = new T[length];
        LogisticFunctions.Sigmoid(z, a, (SimdWidth)width);
        for (int i = 0; i < length; i++)
        {
            T expected = LogisticFunctions.Sigmoid(z[i]);
            Assert.True(a[i].Equals(expected), $"{(SimdWidth)width}, length {length}, index {i}: sigma({z[i]:R}) = {a[i]:R}, scalar {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(TestData.AllWidthsAndLengths), MemberType = typeof(TestData))]
    public void LogLoss_EveryWidthAndPosition_EqualsTheScalarFunctionBitForBit(int width, int length)
    {
        T[] z = Logits(length, seed: 1000 + length);
        var y = new T[length];
        for (int i = 0; i < length; i++)
        {
            y[i] = T.CreateTruncating((i % 4) / 3.0);
        }

        var loss = new T[length];
        LogisticFunctions.LogLoss(z, y, loss, (SimdWidth)width);
        for (int i = 0; i < length; i++)
        {
            T expected = LogisticFunctions.LogLoss(z[i], y[i]);
            Assert.True(loss[i].Equals(expected), $"{(SimdWidth)width}, length {length}, index {i}: loss({z[i]:R}, {y[i]:R}) = {loss[i]:R}, scalar {expected:R}");
        }
    }

    [Fact]
    public void ScalarAnd_KeepsTheValueUnderASetMask_AndClearsItUnderAnEmptyOne()
    {
        T value = T.CreateTruncating(-3.25);
        Assert.Equal(value, SimdScalar<T>.And(value, VectorMath<SimdScalar<T>, T, T>.LastLanesMask(1)));
        Assert.Equal(value, SimdScalar<T>.And(value, SimdScalar<T>.CompareEqual(value, value)));
        Assert.Equal(T.Zero, SimdScalar<T>.And(value, VectorMath<SimdScalar<T>, T, T>.LastLanesMask(0)));
    }

    [Fact]
    public void Sum4_PortablePath_EqualsTheHorizontalAddPathBitForBit()
    {
        var random = new Random(7);
        Span<T> fast = stackalloc T[4];
        Span<T> portable = stackalloc T[4];
        for (int trial = 0; trial < 1000; trial++)
        {
            var s = new Vector128<T>[4];
            for (int k = 0; k < 4; k++)
            {
                var lanes = new T[Vector128<T>.Count];
                for (int l = 0; l < lanes.Length; l++)
                {
                    lanes[l] = T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)));
                }

                s[k] = Vector128.Create<T>(lanes);
            }

            T addend = T.CreateTruncating(random.NextDouble());
            Simd128<T>.Sum4(s[0], s[1], s[2], s[3], addend, ref fast[0]);
            Simd128<T>.Sum4Portable(s[0], s[1], s[2], s[3], addend, ref portable[0]);
            for (int k = 0; k < 4; k++)
            {
                Assert.True(fast[k].Equals(portable[k]), $"trial {trial}, sum {k}: {fast[k]:R} vs {portable[k]:R}");
            }
        }
    }
}

public sealed class WidthTestsSingle : WidthTests<float>;

public sealed class WidthTestsDouble : WidthTests<double>;
