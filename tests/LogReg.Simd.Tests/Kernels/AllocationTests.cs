using System.Numerics;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Tests.TestSupport;
using Xunit.Abstractions;

namespace LogReg.Simd.Tests.Kernels;

/// <summary>
/// The serial kernels allocate nothing per call once warm: the span functions, Looped, Vectorized with
/// caller scratch, and Fused, at 5 x 3, 3000 x 100 and 10 x 3000 (whose n + 3 partial sums outgrow the
/// stack and come from the array pool).
/// </summary>
/// <remarks>
/// Bytes are counted on the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) around
/// a call after one warm-up call. The smallest of three measured calls is taken: other tests run in
/// parallel, and a gen-2 collection they trigger may trim the shared array pool between two calls, which
/// makes the next call rent afresh. A kernel that allocates on every call still fails.
/// </remarks>
public abstract class AllocationTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static TheoryData<int, int> Sizes() => new() { { 5, 3 }, { 3000, 100 }, { 10, 3000 } };

    [Theory]
    [InlineData(5)]
    [InlineData(3000)]
    public void LogisticFunctions_Spans_DoNotAllocate(int length)
    {
        T[] z = Enumerable.Range(0, length).Select(i => T.CreateTruncating((i % 41) - 20)).ToArray();
        T[] y = Enumerable.Range(0, length).Select(i => T.CreateTruncating(i % 2)).ToArray();
        var destination = new T[length];
        Assert.Equal(0, Allocations.PerCall(() => LogisticFunctions.Sigmoid<T>(z, destination)));
        Assert.Equal(0, Allocations.PerCall(() => LogisticFunctions.LogLoss<T>(z, y, destination)));
        Assert.Equal(0, Allocations.PerCall(() => LogisticFunctions.Sigmoid<T>(destination, destination)));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Looped_DoesNotAllocate(int m, int n)
    {
        Problem<T> p = Problems.Random<T>(seed: m, m, n, weighted: true);
        var dw = new T[n];
        Assert.Equal(0, Allocations.PerCall(() => LoopedLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out _)));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Vectorized_WithCallerScratch_DoesNotAllocate(int m, int n)
    {
        Problem<T> p = Problems.Random<T>(seed: m, m, n, weighted: true);
        var dw = new T[n];
        var scratch = new T[VectorizedLossGradient.GetScratchLength(m)];
        Assert.Equal(0, Allocations.PerCall(() => VectorizedLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, scratch, out _)));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Fused_DoesNotAllocate(int m, int n)
    {
        foreach (bool weighted in (bool[])[false, true])
        {
            Problem<T> p = Problems.Random<T>(seed: m, m, n, weighted: weighted);
            var dw = new T[n];
            Assert.Equal(0, Allocations.PerCall(() => FusedLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out _)));
        }
    }

    [Fact]
    public void Parallel_WithOneThread_DoesNotAllocate()
    {
        Problem<T> p = Problems.Random<T>(seed: 1, 3000, 100);
        var dw = new T[100];
        Assert.Equal(0, Allocations.PerCall(() => ParallelLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out _, 1)));
    }
}

public sealed class AllocationTests_Single : AllocationTests<float>;

public sealed class AllocationTests_Double : AllocationTests<double>;

/// <summary>Marks tests that measure process-wide allocation: xunit runs this collection alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideAllocationTests
{
    public const string Name = "Process-wide allocation";
}

/// <summary>
/// The parallel pass allocates nothing per call: its workers are long-lived, its job object is reused and its
/// partial sums come from the pool. Workers allocate on other threads, so bytes are counted process-wide
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) in a collection that runs alone; the smallest of several
/// calls after warm-up is kept, to drop the test runner's own background allocations.
/// </summary>
[Collection(ProcessWideAllocationTests.Name)]
public sealed class ParallelAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Parallel_DoesNotAllocate_Single() => Measure<float>();

    [Fact]
    public void Parallel_DoesNotAllocate_Double() => Measure<double>();

    private void Measure<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        long small = BytesPerCall(Problems.Random<T>(seed: 1, 20_000, 10));
        long large = BytesPerCall(Problems.Random<T>(seed: 2, 100_000, 100));
        output.WriteLine($"{typeof(T).Name}: Parallel, 2 threads: {small} B per call at 20,000 x 10, {large} B per call at 100,000 x 100");
        Assert.Equal(0, small);
        Assert.Equal(0, large);
    }

    private static long BytesPerCall<T>(Problem<T> p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        void Call() => ParallelLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out _, 2);
        for (int i = 0; i < 5; i++)
        {
            Call();
        }

        long best = long.MaxValue;
        for (int i = 0; i < 10; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Call();
            best = Math.Min(best, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return best;
    }
}
