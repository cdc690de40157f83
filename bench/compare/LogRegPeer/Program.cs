using LogReg.Compare;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

// LogReg.Simd on the shared data: the fused step (1 thread) and the parallel step (all threads) on every
// shape, L-BFGS fits on the main set (C = 1, no standardization) at 1 and all threads, and single-row
// PredictProbability latency and allocation on a 30-feature model.
// Usage: LogRegPeer DATA_DIR OUT_JSON [--quick], or LogRegPeer --newton DATA_DIR OUT_JSON REPEATS (see NewtonFits).
if (args.Length == 4 && args[0] == "--newton")
{
    return NewtonFits.Run(args[1..]);
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: LogRegPeer DATA_DIR OUT_JSON [--quick]");
    return 2;
}

string dataDir = args[0];
bool quick = args.Contains("--quick");
int stepRepeats = quick ? 5 : 15;
int fitRepeats = quick ? 1 : 5;
List<(int M, int N)> shapes = PeerData.Shapes(dataDir, out (int M, int N) main);
int all = Environment.ProcessorCount;

using var json = new PeerJson(args[1], "LogReg.Simd");
System.Text.Json.Utf8JsonWriter writer = json.Writer;

writer.WriteStartArray("steps");
foreach ((int m, int n) in shapes)
{
    (float[] xData, float[] y) = PeerData.Load(dataDir, m, n);
    float[] w = new float[n];
    for (int j = 0; j < n; j++)
    {
        w[j] = 0.01f * ((j % 7) - 3);
    }

    float b = 0.1f, lambda = 1f / m;
    float[] dw = new float[n];
    float loss = FusedLossGradient.Compute(new ReadOnlyMatrixSpan<float>(xData, m, n), y, default, w, b, lambda, dw, out float db);
    double fused = PeerTiming.BestMs(() => FusedLossGradient.Compute(new ReadOnlyMatrixSpan<float>(xData, m, n), y, default, w, b, lambda, dw, out _), stepRepeats);
    double parallel = PeerTiming.BestMs(() => ParallelLossGradient.Compute(new ReadOnlyMatrixSpan<float>(xData, m, n), y, default, w, b, lambda, dw, out _, all), stepRepeats);
    Console.WriteLine($"LogReg.Simd step {m}x{n}: fused {fused:F3} ms, parallel ({all} thr) {parallel:F3} ms; loss={loss:F7}");
    writer.WriteStartObject();
    writer.WriteString("shape", $"{m}x{n}");
    writer.WriteNumber("ms", fused);
    writer.WriteNumber("ms_parallel", parallel);
    writer.WriteNumber("loss", loss);
    writer.WriteNumber("db", db);
    writer.WriteNumber("dw0", dw[0]);
    writer.WriteEndObject();
}

writer.WriteEndArray();

(float[] x, float[] labels) = PeerData.Load(dataDir, main.M, main.N);
writer.WriteStartArray("fits");
foreach (double tol in new[] { 1e-4, 1e-6 })
{
    foreach ((string threads, int degree) in new[] { ("1", 1), ("all", all) })
    {
        var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions
        {
            Regularization = Regularization.FromC(1.0),
            Tolerance = tol,
            MaxIterations = 100_000,
            MaxDegreeOfParallelism = degree,
        });
        (double ms, TrainingResult<float> result) = PeerTiming.BestOf(
            () => trainer.Fit(new ReadOnlyMatrixSpan<float>(x, main.M, main.N), labels), fitRepeats, warmUp: true);
        TrainingReport report = result.Report;
        string name = $"L-BFGS tol={tol.ToString("0e0", System.Globalization.CultureInfo.InvariantCulture)} (stop: max abs grad J <= tol)";
        Console.WriteLine($"LogReg.Simd {name} [{threads} thr]: {ms:F1} ms, {report.Iterations} iterations, {report.Reason}");
        json.WriteFit(name, tol, threads, ms, report.Iterations, result.Model.Weights, result.Model.Bias);
    }
}

writer.WriteEndArray();

// Single-row latency: a 30-feature model trained on the first 30 columns of the first 20,000 rows.
const int PredictFeatures = 30, PredictRows = 20_000;
float[] slice = PeerData.Slice(x, main.N, PredictRows, PredictFeatures);
LogisticRegressionModel<float> model = new LogisticRegressionTrainer(new LogisticRegressionOptions { MaxDegreeOfParallelism = 1 })
    .Fit(new ReadOnlyMatrixSpan<float>(slice, PredictRows, PredictFeatures), labels.AsSpan(0, PredictRows)).Model;
int calls = quick ? 1_000_000 : 5_000_000;
PeerTiming.WarmUp(() => PredictLoop(model, slice, 100_000), seconds: 1.0);
double bestNs = double.PositiveInfinity;
long allocated = 0;
float sink = 0;
for (int r = 0; r < (quick ? 3 : 10); r++)
{
    long before = GC.GetAllocatedBytesForCurrentThread();
    long start = System.Diagnostics.Stopwatch.GetTimestamp();
    sink += PredictLoop(model, slice, calls);
    double ns = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
    allocated = Math.Max(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
    bestNs = Math.Min(bestNs, ns);
}

double bytesPerCall = (double)allocated / calls;
Console.WriteLine($"LogReg.Simd PredictProbability (30 features): {bestNs:F1} ns/op, {bytesPerCall:F2} B/op (checksum {sink:G4})");
writer.WriteStartObject("predict");
writer.WriteString("name", "LogisticRegressionModel<float>.PredictProbability(ReadOnlySpan<float>)");
writer.WriteNumber("ns", bestNs);
writer.WriteNumber("bytes", bytesPerCall);
writer.WriteNumber("features", PredictFeatures);
writer.WriteEndObject();
return 0;

// Scores rows of the slice in turn (1024 distinct rows), one PredictProbability call each.
static float PredictLoop(LogisticRegressionModel<float> model, float[] rows, int calls)
{
    const int Features = 30, Cycle = 1024;
    float sum = 0;
    for (int i = 0; i < calls; i++)
    {
        sum += model.PredictProbability(rows.AsSpan((i % Cycle) * Features, Features));
    }

    return sum;
}
