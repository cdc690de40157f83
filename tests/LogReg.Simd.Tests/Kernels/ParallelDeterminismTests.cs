using System.Numerics;
using System.Runtime.InteropServices;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The parallel pass reduces chunk partial sums in chunk order, so J, dJ/dw and dJ/db are bit-identical
/// for any thread count, across repeated runs, and equal to the fused pass at the same width.
/// </summary>
public abstract class ParallelDeterminismTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int Rows = 20_000;
    private const int Columns = 37;

    public static TheoryData<bool> Weighting() => new(false, true);

    public static TheoryData<int, bool> WidthsAndWeighting()
    {
        var data = new TheoryData<int, bool>();
        foreach (SimdWidth width in SimdWidths.All)
        {
            data.Add((int)width, false);
            data.Add((int)width, true);
        }

        return data;
    }

    [Fact]
    public void Problem_HasManyChunks()
    {
        Assert.True(LossGradientLayout.For<T>(Columns).ChunkCount(Rows) >= 8, "the determinism problem must span many chunks");
    }

    [Theory]
    [MemberData(nameof(Weighting))]
    public void Public_IsBitIdentical_ForOneToFourThreads_AndEqualsFused(bool weighted)
    {
        Problem<T> p = Problems.Random<T>(seed: 2024, Rows, Columns, LabelKind.Mixed, weighted, lambda: 0.01);
        Result<T> fused = Forms.Fused(p);
        for (int threads = 1; threads <= 4; threads++)
        {
            AssertBitIdentical(fused, Forms.Parallel(p, threads), $"{threads} threads vs fused");
        }

        AssertBitIdentical(fused, Forms.Parallel(p, -1), "automatic thread count vs fused");
        AssertBitIdentical(Forms.Parallel(p, 4), Forms.Parallel(p, 4), "two runs with 4 threads");
    }

    [Theory]
    [MemberData(nameof(WidthsAndWeighting))]
    public void EveryWidth_IsBitIdentical_ForOneToFourThreads_AndEqualsFusedAtThatWidth(int width, bool weighted)
    {
        var w = (SimdWidth)width;
        Problem<T> p = Problems.Random<T>(seed: 7 + width, Rows, Columns, LabelKind.Mixed, weighted, lambda: 0.5);
        Result<T> fused = Forms.Fused(p, w);
        for (int threads = 1; threads <= 4; threads++)
        {
            AssertBitIdentical(fused, Forms.Parallel(p, threads, w), $"{w}, {threads} threads vs fused");
        }
    }

    public static TheoryData<int, int> WidthsAndRowShapes()
    {
        var data = new TheoryData<int, int>();
        foreach (SimdWidth width in SimdWidths.All)
        {
            data.Add((int)width, 7);
            data.Add((int)width, 300);
        }

        return data;
    }

    /// <summary>7 columns: rows copied chunk by chunk into columns; 300: rows over 1 KB, in blocks of a few rows.</summary>
    [Theory]
    [MemberData(nameof(WidthsAndRowShapes))]
    public void NarrowAndWideRows_AreBitIdentical_ForOneToFourThreads_AndEqualFused(int width, int columns)
    {
        var w = (SimdWidth)width;
        int rows = columns > 100 ? 1_003 : Rows + 5;
        Problem<T> p = Problems.Random<T>(seed: 31 + width + columns, rows, columns, LabelKind.Mixed, weighted: true, lambda: 0.5);
        Result<T> fused = Forms.Fused(p, w);
        for (int threads = 1; threads <= 4; threads++)
        {
            AssertBitIdentical(fused, Forms.Parallel(p, threads, w), $"{columns} columns, {w}, {threads} threads vs fused");
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndWeighting))]
    public void ColumnMajor_IsBitIdentical_ForOneToFourThreads(int width, bool weighted)
    {
        var w = (SimdWidth)width;
        const int Narrow = 7;
        Assert.True(LossGradientLayout.For<T>(Narrow, XLayout.ColumnMajor).ChunkCount(Rows) >= 4, "the problem must span several column-major chunks");
        Problem<T> p = Problems.Random<T>(seed: 11 + width, Rows + 5, Narrow, LabelKind.Mixed, weighted, lambda: 0.5);
        Result<T> serial = Forms.ColumnMajor(p, 1, w);
        for (int threads = 2; threads <= 4; threads++)
        {
            AssertBitIdentical(serial, Forms.ColumnMajor(p, threads, w), $"column-major {w}, {threads} threads vs 1");
        }
    }

    private static void AssertBitIdentical(Result<T> expected, Result<T> actual, string what)
    {
        T[] e = [expected.Loss, expected.BiasGradient, .. expected.WeightGradient];
        T[] a = [actual.Loss, actual.BiasGradient, .. actual.WeightGradient];
        if (!MemoryMarshal.AsBytes(e.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(a.AsSpan())))
        {
            int k = Enumerable.Range(0, e.Length).First(i => !MemoryMarshal.AsBytes(e.AsSpan(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(a.AsSpan(i, 1))));
            string name = k == 0 ? "J" : k == 1 ? "db" : $"dw[{k - 2}]";
            Assert.Fail($"{what}: {name} differs: {e[k]:R} vs {a[k]:R}");
        }
    }
}

public sealed class ParallelDeterminismTests_Single : ParallelDeterminismTests<float>;

public sealed class ParallelDeterminismTests_Double : ParallelDeterminismTests<double>;
