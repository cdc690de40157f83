using LogReg.Compare;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

// ML.NET on the shared data: LbfgsLogisticRegression fits on the main set at 1 and all threads, and
// PredictionEngine single-row latency and allocation on a 30-feature model.
//
// ML.NET's L-BFGS minimizes (sum_i s_i l_i + (L2/2) ||w||^2) / sum_i s_i with the same l_i (natural log,
// bias not penalized; LbfgsTrainerBase.DifferentiableFunction, LogisticRegression.AccumulateOneGradient).
// That is J with lambda = L2 / S, so C = 1 (lambda = 1 / S) is L2Regularization = 1 / C = 1.
// Its stop is not a gradient test: MeanRelativeImprovementCriterion(OptimizationTolerance, 5, ...) stops when
// the mean relative decrease of the objective over the last 5 iterations is below the tolerance.
// Usage: MlNetPeer DATA_DIR OUT_JSON [--quick]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MlNetPeer DATA_DIR OUT_JSON [--quick]");
    return 2;
}

string dataDir = args[0];
bool quick = args.Contains("--quick");
int fitRepeats = quick ? 1 : 5;
_ = PeerData.Shapes(dataDir, out (int M, int N) main);
(float[] x, float[] labels) = PeerData.Load(dataDir, main.M, main.N);
int all = Environment.ProcessorCount;
var ml = new MLContext(seed: 1);

string mlNetVersion = typeof(MLContext).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false) is [System.Reflection.AssemblyInformationalVersionAttribute v, ..] ? v.InformationalVersion.Split('+')[0] : "?";
using var json = new PeerJson(args[1], $"ML.NET {mlNetVersion}");
System.Text.Json.Utf8JsonWriter writer = json.Writer;

IDataView data = ml.Data.Cache(MlNetRows.Load(ml, x, labels, main.M, main.N, out _));
writer.WriteStartArray("fits");
foreach (double tol in new[] { 1e-4, 1e-6 })
{
    foreach ((string threads, int degree) in new[] { ("1", 1), ("all", all) })
    {
        LbfgsLogisticRegressionBinaryTrainer trainer = MlNetRows.Trainer(ml, tol, degree);
        (double ms, LinearBinaryModelParameters model) = PeerTiming.BestOf(() => trainer.Fit(data).Model.SubModel, fitRepeats, warmUp: true);
        string name = $"LbfgsLogisticRegression OptimizationTolerance={tol.ToString("0e0", System.Globalization.CultureInfo.InvariantCulture)}, L2=1 (stop: mean relative decrease)";
        Console.WriteLine($"ML.NET {name} [{threads} thr]: {ms:F1} ms");
        json.WriteFit(name, tol, threads, ms, -1, model.Weights.ToArray(), model.Bias);
    }
}

writer.WriteEndArray();

// Single-row latency: a 30-feature model trained on the first 30 columns of the first 20,000 rows.
const int PredictFeatures = 30, PredictRows = 20_000, Cycle = 1024;
float[] slice = PeerData.Slice(x, main.N, PredictRows, PredictFeatures);
IDataView small = MlNetRows.Load(ml, slice, labels.AsSpan(0, PredictRows).ToArray(), PredictRows, PredictFeatures, out SchemaDefinition smallSchema);
var smallModel = MlNetRows.Trainer(ml, 1e-7, all).Fit(small);
using PredictionEngine<MlNetRow, MlNetPrediction> engine =
    ml.Model.CreatePredictionEngine<MlNetRow, MlNetPrediction>(smallModel, inputSchemaDefinition: smallSchema);
var inputs = new MlNetRow[Cycle];
for (int i = 0; i < Cycle; i++)
{
    inputs[i] = new MlNetRow { Features = slice.AsSpan(i * PredictFeatures, PredictFeatures).ToArray() };
}

int calls = quick ? 200_000 : 1_000_000;
int repeats = quick ? 3 : 10;
writer.WriteStartObject("predict");
(double ns, double bytes) = Measure(() => PredictLoop(engine, inputs, 10_000), count => PredictLoop(engine, inputs, count), calls, repeats);
Console.WriteLine($"ML.NET PredictionEngine.Predict(row) (30 features): {ns:F1} ns/op, {bytes:F1} B/op");
writer.WriteString("name", "PredictionEngine<TSrc,TDst>.Predict(TSrc)");
writer.WriteNumber("ns", ns);
writer.WriteNumber("bytes", bytes);
writer.WriteNumber("features", PredictFeatures);
var reused = new MlNetPrediction();
(double nsRef, double bytesRef) = Measure(() => PredictRefLoop(engine, inputs, reused, 10_000), count => PredictRefLoop(engine, inputs, reused, count), calls, repeats);
Console.WriteLine($"ML.NET PredictionEngine.Predict(row, ref prediction) (30 features): {nsRef:F1} ns/op, {bytesRef:F1} B/op");
writer.WriteString("name_ref", "PredictionEngine<TSrc,TDst>.Predict(TSrc, ref TDst)");
writer.WriteNumber("ns_ref", nsRef);
writer.WriteNumber("bytes_ref", bytesRef);
writer.WriteEndObject();
return 0;

// Best ns per call over repeats after a timed warm-up; bytes allocated per call on this thread.
static (double Ns, double Bytes) Measure(Action warmUp, Func<int, float> loop, int calls, int repeats)
{
    PeerTiming.WarmUp(warmUp, seconds: 1.0);
    double best = double.PositiveInfinity, bytes = 0;
    float sink = 0;
    for (int r = 0; r < repeats; r++)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        sink += loop(calls);
        best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls);
        bytes = Math.Max(bytes, (double)(GC.GetAllocatedBytesForCurrentThread() - before) / calls);
    }

    return sink == -1 ? (double.NaN, double.NaN) : (best, bytes);
}

static float PredictLoop(PredictionEngine<MlNetRow, MlNetPrediction> engine, MlNetRow[] inputs, int calls)
{
    float sum = 0;
    for (int i = 0; i < calls; i++)
    {
        sum += engine.Predict(inputs[i % inputs.Length]).Probability;
    }

    return sum;
}

static float PredictRefLoop(PredictionEngine<MlNetRow, MlNetPrediction> engine, MlNetRow[] inputs, MlNetPrediction reused, int calls)
{
    float sum = 0;
    for (int i = 0; i < calls; i++)
    {
        engine.Predict(inputs[i % inputs.Length], ref reused);
        sum += reused.Probability;
    }

    return sum;
}
