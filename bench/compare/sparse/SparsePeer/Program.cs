using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

// LogReg.Simd on a generated sparse set (gen_sparse.py): one fit (L-BFGS, or SOLVER) from CSR arrays in float32, no intercept, no
// standardization, C given, to max |dJ/dw| <= TOL, on THREADS threads. Prints one JSON line (fit seconds, iterations,
// the solver's J, the CSR bytes, the resident memory once loaded and the process's peak resident memory) and writes w as float64 to OUT_WEIGHTS.
// Usage: SparsePeer PREFIX C TOL THREADS OUT_WEIGHTS [SOLVER]
if (args.Length is not (5 or 6))
{
    Console.Error.WriteLine("usage: SparsePeer PREFIX C TOL THREADS OUT_WEIGHTS [SOLVER]");
    return 2;
}

string prefix = args[0];
double c = double.Parse(args[1], CultureInfo.InvariantCulture);
double tolerance = double.Parse(args[2], CultureInfo.InvariantCulture);
int threads = int.Parse(args[3], CultureInfo.InvariantCulture);
Solver solver = args.Length == 6 ? Enum.Parse<Solver>(args[5], ignoreCase: true) : Solver.Lbfgs;
int columns = System.Text.Json.JsonDocument.Parse(File.ReadAllText(prefix + ".json")).RootElement.GetProperty("columns").GetInt32();
int[] offsets = Read<int>(prefix + ".indptr.i32");
int[] indices = Read<int>(prefix + ".indices.i32");
float[] values = Read<float>(prefix + ".data.f32");
float[] y = Read<float>(prefix + ".y.f32");
var x = new CsrMatrix<float>(offsets, indices, values, columns);

var options = new LogisticRegressionOptions
{
    Solver = solver,
    Regularization = Regularization.FromC(c),
    FitIntercept = false,
    Tolerance = tolerance,
    MaxIterations = 2000,
    MaxDegreeOfParallelism = threads,
};
using var process = Process.GetCurrentProcess();
GC.Collect();
process.Refresh();
long beforeFit = process.WorkingSet64;
var stopwatch = Stopwatch.StartNew();
TrainingResult<float> result = new LogisticRegressionTrainer(options).Fit(x.Span, y);
double seconds = stopwatch.Elapsed.TotalSeconds;

double[] weights = [.. result.Model.Weights.ToArray().Select(v => (double)v)];
File.WriteAllBytes(args[4], MemoryMarshal.AsBytes(weights.AsSpan()).ToArray());
process.Refresh();
Console.WriteLine(FormattableString.Invariant(
    $"{{\"fit_s\": {seconds:R}, \"iterations\": {result.Report.Iterations}, \"hessian_vector_products\": {result.Report.HessianVectorProducts}, \"reason\": \"{result.Report.Reason}\", \"objective\": {result.Report.Objective:R}, \"csr_bytes\": {x.ByteCount}, \"rss_before_fit\": {beforeFit}, \"peak_rss\": {process.PeakWorkingSet64}}}"));
return 0;

// Reads the file straight into the typed array, so loading holds no second copy.
static T[] Read<T>(string path)
    where T : unmanaged
{
    using FileStream stream = File.OpenRead(path);
    var array = new T[stream.Length / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()];
    stream.ReadExactly(MemoryMarshal.AsBytes(array.AsSpan()));
    return array;
}
