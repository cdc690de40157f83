namespace LogReg.Simd.Bench;

/// <summary>
/// CI's smoke run (LOGREG_BENCH_SMOKE=1 with --job dry) uses the smallest parameters, so every class runs
/// once in seconds and the suite cannot rot.
/// </summary>
public static class Smoke
{
    public static bool IsOn { get; } = Environment.GetEnvironmentVariable("LOGREG_BENCH_SMOKE") == "1";

    public static IEnumerable<T> Pick<T>(IEnumerable<T> full, T smallest) => IsOn ? [smallest] : full;
}
