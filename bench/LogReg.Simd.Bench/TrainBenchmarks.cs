using BenchmarkDotNet.Attributes;
using LogReg.Simd.Data;
using LogReg.Simd.Training;
using LogReg.Simd.Model;

namespace LogReg.Simd.Bench;

/// <summary>A training problem and solver, named so the summary reads "breast-cancer/lbfgs".</summary>
public sealed record TrainCase(string Data, Solver Solver)
{
    public override string ToString() => $"{Data}/{Solver switch { Solver.GradientDescent => "gd", Solver.MiniBatchSgd => "sgd", _ => "lbfgs" }}";
}

/// <summary>
/// Time to convergence (tol 1e-4 on max |gradient|, C = 1, single thread) of L-BFGS, gradient descent
/// and mini-batch SGD: on standardized breast cancer in double, and on the synthetic 100,000 x 100 set
/// (standard-normal features, logistic ground truth, fixed seed) in float32. Plus L-BFGS on breast
/// cancer to max |gradient| &lt;= 1e-8. The returned value is the iteration count.
/// </summary>
[MemoryDiagnoser]
public class TrainBenchmarks
{
    private Dataset<float> _synthetic = null!;
    private Dataset<double> _breastCancer = null!;
    private LogisticRegressionTrainer _trainer = null!;
    private LogisticRegressionTrainer _lbfgsTight = null!;

    public static IEnumerable<TrainCase> Cases => Smoke.Pick(
        [
            new("breast-cancer", Solver.Lbfgs), new("breast-cancer", Solver.GradientDescent), new("breast-cancer", Solver.MiniBatchSgd),
            new("synthetic-100kx100", Solver.Lbfgs), new("synthetic-100kx100", Solver.GradientDescent), new("synthetic-100kx100", Solver.MiniBatchSgd),
        ],
        new TrainCase("breast-cancer", Solver.Lbfgs));

    [ParamsSource(nameof(Cases))]
    public TrainCase Case { get; set; } = new("breast-cancer", Solver.Lbfgs);

    [GlobalSetup]
    public void Setup()
    {
        _breastCancer = DatasetReader.ReadCsv<double>(BenchData.Path("breast_cancer.csv"));
        if (Case.Data != "breast-cancer")
        {
            _synthetic = SyntheticData.Logistic<float>(100_000, 100, seed: 20261128);
        }

        // Documented settings: GD at alpha = 1 (features are standardized or standard normal); SGD with
        // batch 256, Nesterov momentum 0.9 and eta0 0.1 / sqrt(t). Both may stop at their iteration limit.
        _trainer = new LogisticRegressionTrainer(new LogisticRegressionOptions
        {
            Solver = Case.Solver,
            Standardize = Case.Data == "breast-cancer",
            MaxDegreeOfParallelism = 1,
            MaxIterations = Case.Solver == Solver.Lbfgs ? 100 : 2000,
            LearningRate = Case.Solver == Solver.GradientDescent ? 1.0 : 0.1,
            BatchSize = 256,
            Momentum = Case.Solver == Solver.MiniBatchSgd ? 0.9 : 0,
            Nesterov = true,
        });
        _lbfgsTight = new LogisticRegressionTrainer(new LogisticRegressionOptions
        {
            Standardize = true,
            Tolerance = 1e-8,
            MaxIterations = 1000,
            MaxDegreeOfParallelism = 1,
        });
    }

    [Benchmark]
    public int ToTolerance() => Case.Data == "breast-cancer"
        ? _trainer.Fit(_breastCancer.Features, _breastCancer.Labels).Report.Iterations
        : _trainer.Fit(_synthetic.Features, _synthetic.Labels).Report.Iterations;

    [Benchmark]
    public int LbfgsBreastCancerToTolerance1e8() => _lbfgsTight.Fit(_breastCancer.Features, _breastCancer.Labels).Report.Iterations;
}

/// <summary>The synthetic benchmark data: x ~ N(0, 1), y ~ Bernoulli(sigma(w* . x + b*)) with w* ~ N(0, 1/n).</summary>
public static class SyntheticData
{
    public static Dataset<T> Logistic<T>(int rows, int columns, int seed)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        double[] truth = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            truth[j] = Gaussian(random) / Math.Sqrt(columns) * 2;
        }

        var x = new T[rows * columns];
        var y = new T[rows];
        for (int i = 0; i < rows; i++)
        {
            double z = 0.25;
            for (int j = 0; j < columns; j++)
            {
                double v = Gaussian(random);
                x[(i * columns) + j] = T.CreateTruncating(v);
                z += truth[j] * v;
            }

            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? T.One : T.Zero;
        }

        return new Dataset<T>(x, rows, columns, y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>Finds the repository's data folder from wherever BenchmarkDotNet runs the build.</summary>
public static class BenchData
{
    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "data", file);
            if (File.Exists(candidate) && File.Exists(System.IO.Path.Combine(dir.FullName, "LogReg.Simd.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Could not find data/{file} above {AppContext.BaseDirectory}.");
    }
}
