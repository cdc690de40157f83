using BenchmarkDotNet.Attributes;
using LogReg.Simd.Data;
using LogReg.Simd.Training;

namespace LogReg.Simd.Bench;

/// <summary>
/// Time to convergence of L-BFGS at C = 1, tol 1e-4, single thread: float32 on the synthetic
/// 100,000 x 100 set (standard-normal features, logistic ground truth, fixed seed), and double on
/// standardized breast cancer to max |gradient| &lt;= 1e-8.
/// </summary>
[MemoryDiagnoser]
public class TrainBenchmarks
{
    private Dataset<float> _synthetic = null!;
    private Dataset<double> _breastCancer = null!;
    private LogisticRegressionTrainer _lbfgs = null!;
    private LogisticRegressionTrainer _lbfgsTight = null!;

    [GlobalSetup]
    public void Setup()
    {
        _synthetic = SyntheticData.Logistic<float>(100_000, 100, seed: 20261128);
        _breastCancer = DatasetReader.ReadCsv<double>(BenchData.Path("breast_cancer.csv"));
        _lbfgs = new LogisticRegressionTrainer(new LogisticRegressionOptions { MaxDegreeOfParallelism = 1 });
        _lbfgsTight = new LogisticRegressionTrainer(new LogisticRegressionOptions
        {
            Standardize = true,
            Tolerance = 1e-8,
            MaxIterations = 1000,
            MaxDegreeOfParallelism = 1,
        });
    }

    [Benchmark]
    public int LbfgsSynthetic100kx100Float() => _lbfgs.Fit(_synthetic.Features, _synthetic.Labels).Report.Iterations;

    [Benchmark]
    public int LbfgsBreastCancerDoubleTight() => _lbfgsTight.Fit(_breastCancer.Features, _breastCancer.Labels).Report.Iterations;
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
