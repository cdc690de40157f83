using System.Text.Json;
using LogReg.Compare;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

/// <summary>
/// The time-to-objective fits of time_to_objective.py: L-BFGS and Newton at tol 1e-8 on one thread, on the main
/// set (float32, raw) and on standardized breast cancer (float64, standardized by the script), C = 1.
/// Usage: LogRegPeer --newton DATA_DIR OUT_JSON REPEATS
/// </summary>
internal static class NewtonFits
{
    public static int Run(string[] args)
    {
        string dataDir = args[0];
        int repeats = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        using var stream = File.Create(args[1]);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartArray("fits");

        _ = PeerData.Shapes(dataDir, out (int M, int N) main);
        (float[] x, float[] y) = PeerData.Load(dataDir, main.M, main.N);
        Fit(writer, $"{main.M}x{main.N} float32", new ReadOnlyMatrixSpan<float>(x, main.M, main.N), y, repeats);

        string[] shape = File.ReadAllText(Path.Combine(dataDir, "breast_cancer_std.shape")).Split('x');
        int m = int.Parse(shape[0], System.Globalization.CultureInfo.InvariantCulture), n = int.Parse(shape[1], System.Globalization.CultureInfo.InvariantCulture);
        double[] bx = ReadDoubles(Path.Combine(dataDir, "breast_cancer_std_x.f64"), m * n);
        double[] by = ReadDoubles(Path.Combine(dataDir, "breast_cancer_std_y.f64"), m);
        Fit(writer, $"breast cancer {m}x{n} float64 standardized", new ReadOnlyMatrixSpan<double>(bx, m, n), by, repeats * 20);

        writer.WriteEndArray();
        writer.WriteEndObject();
        return 0;
    }

    private static void Fit<T>(Utf8JsonWriter writer, string data, ReadOnlyMatrixSpan<T> x, T[] y, int repeats)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        foreach (Solver solver in new[] { Solver.Lbfgs, Solver.Newton })
        {
            var trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions
            {
                Solver = solver,
                Regularization = Regularization.FromC(1.0),
                Standardize = false,
                Tolerance = 1e-8,
                MaxIterations = 100_000,
                MaxDegreeOfParallelism = 1,
            });
            T[] xCopy = x.Span.ToArray();
            int rows = x.Rows, columns = x.Columns;
            (double ms, TrainingResult<T> result) = PeerTiming.BestOf(() => trainer.Fit(new ReadOnlyMatrixSpan<T>(xCopy, rows, columns), y), repeats, warmUp: true);
            TrainingReport report = result.Report;
            Console.WriteLine($"LogReg.Simd {solver} tol=1e-8 on {data} [1 thr]: {ms:F3} ms, {report.Iterations} iterations, {report.FunctionEvaluations} gradient passes, {report.Hessians} Hessians, {report.HessianVectorProducts} Hv, {report.Reason}");
            writer.WriteStartObject();
            writer.WriteString("system", "LogReg.Simd");
            writer.WriteString("solver", solver == Solver.Newton ? "newton" : "lbfgs");
            writer.WriteString("data", data);
            writer.WriteNumber("ms", ms);
            writer.WriteNumber("iterations", report.Iterations);
            writer.WriteString("reason", report.Reason.ToString());
            writer.WriteStartArray("w");
            foreach (T v in result.Model.Weights)
            {
                writer.WriteNumberValue(double.CreateTruncating(v));
            }

            writer.WriteEndArray();
            writer.WriteNumber("b", double.CreateTruncating(result.Model.Bias));
            writer.WriteEndObject();
        }
    }

    private static double[] ReadDoubles(string path, int count)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length != count * sizeof(double))
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, expected {count * sizeof(double)}.");
        }

        var values = new double[count];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
