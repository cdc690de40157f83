using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Reduction;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>The chunk groups (the unit of parallel work and of the ordered reduction) and the worker pool.</summary>
public sealed class ReductionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    [InlineData(6250)]
    [InlineData(1_000_003)]
    public void Groups_CoverEveryChunkOnceInOrder_AndAreBounded(int chunks)
    {
        var groups = ChunkGroups.For(chunks);
        Assert.InRange(groups.Count, chunks == 0 ? 0 : 1, ChunkGroups.MaxGroups);
        int next = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            (int first, int end) = groups.Chunks(g);
            Assert.Equal(next, first);
            Assert.True(end > first, $"group {g} is empty");
            next = end;
        }

        Assert.Equal(chunks, next);
    }

    [Fact]
    public void PartialSums_StayBounded_ForAWidePass()
    {
        // 100,000 x 10,000 floats: 16-row chunks, 6,250 of them. One row of partial sums per chunk was 500 MB.
        LossGradientLayout layout = LossGradientLayout.For<float>(10_000);
        var groups = ChunkGroups.For(layout.ChunkCount(100_000));
        long bytes = (long)groups.Count * (10_000 + 3) * sizeof(double);
        Assert.True(bytes <= 6L * 1024 * 1024, $"{groups.Count} groups of partial sums: {bytes} bytes");
    }

    [Fact]
    public void ConcurrentCallers_GetTheSameBits_AsOneCaller()
    {
        // A second caller finds the pool busy and runs its pass alone; the results must not change.
        Problem<double> p = Problems.Random<double>(seed: 5, 30_000, 23);
        Result<double> expected = Forms.Parallel(p, 1);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            for (int k = 0; k < 5; k++)
            {
                Result<double> actual = Forms.Parallel(p, 2);
                if (!actual.Loss.Equals(expected.Loss) || !actual.WeightGradient.AsSpan().SequenceEqual(expected.WeightGradient) || !actual.BiasGradient.Equals(expected.BiasGradient))
                {
                    failures.Add($"caller {i}, call {k}: J {actual.Loss:R} vs {expected.Loss:R}");
                }
            }
        });
        Assert.Empty(failures);
    }
}
