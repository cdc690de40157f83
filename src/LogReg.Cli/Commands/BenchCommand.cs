using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;

namespace LogReg.Cli.Commands;

/// <summary>
/// `logreg bench`: an in-process sanity timing of the four loss-and-gradient forms and a read-only
/// pass over the same X, float32, one size in cache and one out of cache. BenchmarkDotNet
/// (bench/LogReg.Simd.Bench) is the real measurement; this is the quick look.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes and shorter timing (finishes in well under 30 s)." };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON document." };
        var command = new Command("bench", "Time the looped, vectorized, fused and parallel gradient passes and a read-only pass over X (float32), in cache and out of cache.");
        command.Options.Add(quick);
        command.Options.Add(json);
        command.SetAction(parse => Run(parse.GetValue(quick), parse.GetValue(json), console));
        return command;
    }

    private static int Run(bool quick, bool asJson, CliConsole console)
    {
        (int Rows, int Columns)[] sizes = quick ? [(10_000, 100), (200_000, 100)] : [(10_000, 100), (1_000_000, 100)];
        return Run(sizes, TimeSpan.FromMilliseconds(quick ? 250 : 1000), asJson, console);
    }

    /// <summary>Runs at the given sizes and time budget per form; tests use tiny ones.</summary>
    internal static int Run(IReadOnlyList<(int Rows, int Columns)> sizes, TimeSpan budget, bool asJson, CliConsole console)
    {
        var results = new List<SizeResult>();
        foreach (var (rows, columns) in sizes)
        {
            results.Add(Measure(rows, columns, budget));
        }

        if (asJson)
        {
            WriteJson(results, console.Out);
        }
        else
        {
            WriteText(results, console.Out);
        }

        return ExitCodes.Success;
    }

    private static SizeResult Measure(int m, int n, TimeSpan budget)
    {
        var random = new Random(42);
        var x = new float[m * n];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var y = new float[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = random.Next(2);
        }

        var w = new float[n];
        for (int j = 0; j < n; j++)
        {
            w[j] = (float)((random.NextDouble() - 0.5) * 0.2);
        }

        var dw = new float[n];
        var scratch = new float[VectorizedLossGradient.GetScratchLength(m)];
        int threads = Environment.ProcessorCount;
        var forms = new (string Name, Action Run)[]
        {
            ("looped", () => LoopedLossGradient.Compute(new ReadOnlyMatrixSpan<float>(x, m, n), y, default, w, 0.1f, 0.01f, dw, out _)),
            ("vectorized", () => VectorizedLossGradient.Compute(new ReadOnlyMatrixSpan<float>(x, m, n), y, default, w, 0.1f, 0.01f, dw, scratch, out _)),
            ("fused", () => FusedLossGradient.Compute(new ReadOnlyMatrixSpan<float>(x, m, n), y, default, w, 0.1f, 0.01f, dw, out _)),
            ($"parallel ({threads} threads)", () => ParallelLossGradient.Compute(new ReadOnlyMatrixSpan<float>(x, m, n), y, default, w, 0.1f, 0.01f, dw, out _, threads)),
            ("read-only pass", () => TensorPrimitives.Sum<float>(x)),
        };

        var timings = forms.Select(f => new FormResult(f.Name, BestMilliseconds(f.Run, budget))).ToList();
        return new SizeResult(m, n, (long)m * n * sizeof(float), timings);
    }

    // The fastest batch within the budget, per call: on a shared machine the minimum is the least noisy
    // estimate. Batches last at least 50 us, so a call shorter than the timer's tick still gets a time.
    private static double BestMilliseconds(Action run, TimeSpan budget)
    {
        run();
        int batch = 1;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                run();
            }

            if (Stopwatch.GetElapsedTime(start).TotalMicroseconds >= 50 || batch >= 1 << 20)
            {
                break;
            }

            batch *= 2;
        }

        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        int batches = 0;
        while (batches < 3 || (total.Elapsed < budget && batches < 10_000))
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                run();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds / batch);
            batches++;
        }

        return best;
    }

    private static void WriteText(List<SizeResult> results, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"logreg bench: float32, one loss-and-gradient pass, best of repeated calls; {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "on" : "off")}"));
        foreach (SizeResult size in results)
        {
            o.WriteLine();
            o.WriteLine(string.Create(inv, $"{size.Rows} x {size.Columns} ({size.Bytes / 1e6:F1} MB of X, {(size.Bytes <= 32L << 20 ? "fits in L3" : "out of cache")})"));
            o.WriteLine($"  {"form",-22} {"ms",10} {"GB/s",8} {"x looped",9} {"of read-only",13}");
            double looped = size.Forms[0].Milliseconds;
            double readOnly = size.Forms[^1].Milliseconds;
            foreach (FormResult form in size.Forms)
            {
                o.WriteLine(string.Create(inv, $"  {form.Name,-22} {form.Milliseconds,10:F3} {size.Bytes / (form.Milliseconds * 1e6),8:F2} {looped / form.Milliseconds,9:F2} {readOnly / form.Milliseconds,12:P0}"));
            }
        }
    }

    private static void WriteJson(List<SizeResult> results, TextWriter writer) => CliJson.WriteDocument(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("precision", "float");
        json.WriteNumber("processorCount", Environment.ProcessorCount);
        json.WriteBoolean("vector512", System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated);
        json.WriteStartArray("sizes");
        foreach (SizeResult size in results)
        {
            double looped = size.Forms[0].Milliseconds;
            double readOnly = size.Forms[^1].Milliseconds;
            json.WriteStartObject();
            json.WriteNumber("rows", size.Rows);
            json.WriteNumber("columns", size.Columns);
            json.WriteNumber("bytes", size.Bytes);
            json.WriteStartArray("forms");
            foreach (FormResult form in size.Forms)
            {
                json.WriteStartObject();
                json.WriteString("form", form.Name);
                CliJson.WriteNumber(json, "milliseconds", form.Milliseconds);
                CliJson.WriteNumber(json, "gigabytesPerSecond", size.Bytes / (form.Milliseconds * 1e6));
                CliJson.WriteNumber(json, "speedupOverLooped", looped / form.Milliseconds);
                CliJson.WriteNumber(json, "fractionOfReadOnly", readOnly / form.Milliseconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private sealed record FormResult(string Name, double Milliseconds);

    private sealed record SizeResult(int Rows, int Columns, long Bytes, List<FormResult> Forms);
}
