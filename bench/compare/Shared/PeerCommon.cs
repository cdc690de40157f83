using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LogReg.Compare;

/// <summary>Reads the shared data sets written by gen_data.py: raw little-endian float32, no header.</summary>
internal static class PeerData
{
    public static float[] Read(string path, long count)
    {
        var values = new float[count];
        using FileStream stream = File.OpenRead(path);
        if (stream.Length != count * sizeof(float))
        {
            throw new InvalidDataException($"{path} has {stream.Length} bytes; expected {count * sizeof(float)}.");
        }

        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The data files are little-endian.");
        }

        return values;
    }

    public static (float[] X, float[] Y) Load(string dataDir, int m, int n) =>
        (Read(Path.Combine(dataDir, $"x_{m}x{n}.f32"), (long)m * n), Read(Path.Combine(dataDir, $"y_{m}x{n}.f32"), m));

    public static List<(int M, int N)> Shapes(string dataDir, out (int M, int N) main)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDir, "manifest.json")));
        var shapes = new List<(int, int)>();
        foreach (JsonElement shape in manifest.RootElement.GetProperty("shapes").EnumerateArray())
        {
            shapes.Add((shape[0].GetInt32(), shape[1].GetInt32()));
        }

        JsonElement mainShape = manifest.RootElement.GetProperty("main");
        main = (mainShape[0].GetInt32(), mainShape[1].GetInt32());
        return shapes;
    }

    /// <summary>The first <paramref name="rows"/> rows and <paramref name="columns"/> columns of a row-major matrix, packed.</summary>
    public static float[] Slice(float[] x, int n, int rows, int columns)
    {
        var slice = new float[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            x.AsSpan(i * n, columns).CopyTo(slice.AsSpan(i * columns));
        }

        return slice;
    }
}

/// <summary>The timing method every system uses: best of repeats, each repeat long enough to time.</summary>
internal static class PeerTiming
{
    /// <summary>Milliseconds per call: the best over <paramref name="repeats"/> repeats of enough calls to last about 10 ms.</summary>
    public static double BestMs(Action action, int repeats, double targetSeconds = 0.01)
    {
        WarmUp(action);
        long t0 = Stopwatch.GetTimestamp();
        action();
        double once = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        int inner = Math.Max(1, (int)(targetSeconds / Math.Max(once, 1e-9)));
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int k = 0; k < inner; k++)
            {
                action();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / inner);
        }

        return best * 1e3;
    }

    /// <summary>
    /// Calls <paramref name="action"/> for at least <paramref name="seconds"/> and 50 calls, so the JIT's tiering
    /// (30 calls, then a 100 ms delay that restarts with every new method) has produced optimized code.
    /// </summary>
    public static void WarmUp(Action action, double seconds = 0.5, int minimumCalls = 50)
    {
        long start = Stopwatch.GetTimestamp();
        for (int calls = 0; calls < minimumCalls || Stopwatch.GetElapsedTime(start).TotalSeconds < seconds; calls++)
        {
            action();
            if (calls > 10_000 && Stopwatch.GetElapsedTime(start).TotalSeconds > seconds)
            {
                break;
            }
        }
    }

    /// <summary>
    /// Best wall time of <paramref name="repeats"/> runs, in ms, and the last result; when <paramref name="warmUp"/>, untimed
    /// runs first for at least 1 s (and 3 runs), so every method of the fit has been tiered up by the JIT.
    /// </summary>
    public static (double Ms, TResult Result) BestOf<TResult>(Func<TResult> run, int repeats, bool warmUp)
    {
        if (warmUp)
        {
            WarmUp(() => run(), seconds: 1.0, minimumCalls: 3);
        }

        double best = double.PositiveInfinity;
        TResult result = default!;
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            result = run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (best, result);
    }
}

/// <summary>Writes a peer's results for the common evaluator (compare.py).</summary>
internal sealed class PeerJson : IDisposable
{
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _writer;

    public PeerJson(string path, string system)
    {
        _stream = File.Create(path);
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = true });
        _writer.WriteStartObject();
        _writer.WriteString("system", system);
        _writer.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
        _writer.WriteNumber("processors", Environment.ProcessorCount);
    }

    public Utf8JsonWriter Writer => _writer;

    public void WriteFit(string name, double tol, string threads, double ms, int iterations, ReadOnlySpan<float> w, double b)
    {
        _writer.WriteStartObject();
        _writer.WriteString("name", name);
        _writer.WriteNumber("tol", tol);
        _writer.WriteString("threads", threads);
        _writer.WriteNumber("ms", ms);
        _writer.WriteNumber("iterations", iterations);
        _writer.WriteStartArray("w");
        foreach (float v in w)
        {
            _writer.WriteNumberValue((double)v);
        }

        _writer.WriteEndArray();
        _writer.WriteNumber("b", b);
        _writer.WriteEndObject();
    }

    public void Dispose()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Dispose();
        _stream.Dispose();
    }
}
