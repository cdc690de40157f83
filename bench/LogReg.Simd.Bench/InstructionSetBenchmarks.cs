using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;

namespace LogReg.Simd.Bench;

/// <summary>
/// The fused float32 pass with the JIT limited by environment variables: AVX-512 on (the default),
/// AVX-512 off (DOTNET_EnableAVX512F=0, so Vector256 is the widest path) and AVX2 off as well
/// (DOTNET_EnableAVX2=0, so Vector128 is the widest). The job names say which.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class InstructionSetBenchmarks : IThroughput
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _w = [];
    private float[] _dw = [];

    public static IEnumerable<Shape> Shapes => Smoke.Pick([new(10_000, 100), new(100_000, 100)], new Shape(2_000, 32));

    [ParamsSource(nameof(Shapes))]
    public Shape Shape { get; set; } = new(10_000, 100);

    public long BytesPerOperation => (long)Shape.Rows * Shape.Columns * sizeof(float);

    public long RowsPerOperation => Shape.Rows;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Enumerable.Range(0, Shape.Rows * Shape.Columns).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        _y = Enumerable.Range(0, Shape.Rows).Select(_ => (float)random.Next(2)).ToArray();
        _w = Enumerable.Range(0, Shape.Columns).Select(_ => (float)((random.NextDouble() - 0.5) * 0.2)).ToArray();
        _dw = new float[Shape.Columns];
    }

    [Benchmark]
    public float Fused() => FusedLossGradient.Compute(new ReadOnlyMatrixSpan<float>(_x, Shape.Rows, Shape.Columns), _y, default, _w, 0.1f, 0.01f, _dw, out _);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            Job baseJob = Smoke.IsOn ? Job.Dry : Job.ShortRun;
            AddJob(baseJob.WithId("AVX-512"));
            AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX512F", "0").WithId("AVX2 (no AVX-512)"));
            AddJob(baseJob.WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_EnableAVX512F", "0"),
                new EnvironmentVariable("DOTNET_EnableAVX2", "0")).WithId("SSE-AVX (no AVX2)"));
            AddColumn(ThroughputColumn.GigabytesPerSecond, ThroughputColumn.NanosecondsPerRow);
        }
    }
}
