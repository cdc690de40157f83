namespace LogReg.Simd.Tests.TestSupport;

internal static class Allocations
{
    /// <summary>Bytes the calling thread allocates in one call of <paramref name="action"/> after a warm-up call: the least of three calls.</summary>
    public static long PerCall(Action action)
    {
        action();
        long best = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return best;
    }
}
