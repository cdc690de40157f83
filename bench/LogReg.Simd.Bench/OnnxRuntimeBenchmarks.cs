using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LogReg.Simd.Bench;

/// <summary>
/// The same standardized model served two ways: this library's predictor against ONNX Runtime running the model's
/// ONNX export (<see cref="OnnxModel.Export{T}(LogisticRegressionModel{T}, Stream)"/>: Scaler + LinearClassifier for
/// float, Sub/Div + MatMul/Add/Sigmoid for double) through <c>InferenceSession.Run</c> with preallocated
/// <see cref="OrtValue"/>s for the inputs and both outputs. One row per call (each call copies the next row of a pool
/// into the pinned input, as a service would), and a batch of rows per call. Bytes/call count managed memory only.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet's [GlobalCleanup] disposes the sessions.")]
public class OnnxRuntimeBenchmarks
{
    private const int Pool = 1024;
    private LogisticRegressionModel<float> _floatModel = null!;
    private LogisticRegressionModel<double> _doubleModel = null!;
    private float[] _floatRows = [];
    private double[] _doubleRows = [];
    private float[] _floatProbabilities = [];
    private int _next;
    private OrtSession<float> _floatSingle = null!;
    private OrtSession<double> _doubleSingle = null!;
    private OrtSession<float> _floatBatch = null!;

    public static IEnumerable<int> FeatureCounts => Smoke.Pick([30, 1000], 30);

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; } = 30;

    /// <summary>Gets the rows of one batch call.</summary>
    public static int BatchRows => Smoke.IsOn ? 64 : 1000;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        double[] w = [.. Enumerable.Range(0, Features).Select(_ => random.NextDouble() - 0.5)];
        double[] means = [.. Enumerable.Range(0, Features).Select(_ => random.NextDouble() * 10)];
        double[] scales = [.. Enumerable.Range(0, Features).Select(_ => 0.5 + random.NextDouble())];
        _doubleModel = new LogisticRegressionModel<double>(w, 0.25, StandardScaler<double>.Create(means, scales));
        _floatModel = new LogisticRegressionModel<float>(
            [.. w.Select(v => (float)v)], 0.25f, StandardScaler<float>.Create([.. means.Select(v => (float)v)], [.. scales.Select(v => (float)v)]));
        _doubleRows = [.. Enumerable.Range(0, Pool * Features).Select(i => means[i % Features] + ((random.NextDouble() * 2) - 1))];
        _floatRows = [.. _doubleRows.Select(v => (float)v)];
        _floatProbabilities = new float[BatchRows];
        _floatSingle = new OrtSession<float>(_floatModel, rows: 1);
        _doubleSingle = new OrtSession<double>(_doubleModel, rows: 1);
        _floatBatch = new OrtSession<float>(_floatModel, BatchRows);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _floatSingle.Dispose();
        _doubleSingle.Dispose();
        _floatBatch.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("row-float")]
    public float LibraryRowFloat() => _floatModel.PredictProbability(NextRow(_floatRows));

    [Benchmark]
    [BenchmarkCategory("row-float")]
    public float OnnxRuntimeRowFloat()
    {
        NextRow(_floatRows).CopyTo(_floatSingle.Input);
        _floatSingle.Run();
        return _floatSingle.Probabilities[1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("row-double")]
    public double LibraryRowDouble() => _doubleModel.PredictProbability(NextRow(_doubleRows));

    [Benchmark]
    [BenchmarkCategory("row-double")]
    public double OnnxRuntimeRowDouble()
    {
        NextRow(_doubleRows).CopyTo(_doubleSingle.Input);
        _doubleSingle.Run();
        return _doubleSingle.Probabilities[1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("batch-float")]
    public float LibraryBatchFloat()
    {
        _floatModel.PredictProbabilities(new ReadOnlyMatrixSpan<float>(_floatRows.AsSpan(0, BatchRows * Features), BatchRows, Features), _floatProbabilities);
        return _floatProbabilities[0];
    }

    [Benchmark]
    [BenchmarkCategory("batch-float")]
    public float OnnxRuntimeBatchFloat()
    {
        _floatRows.AsSpan(0, BatchRows * Features).CopyTo(_floatBatch.Input);
        _floatBatch.Run();
        return _floatBatch.Probabilities[1];
    }

    private ReadOnlySpan<T> NextRow<T>(T[] rows)
    {
        int row = _next;
        _next = row + 1 == Pool ? 0 : row + 1;
        return rows.AsSpan(row * Features, Features);
    }

    /// <summary>An inference session over a model's ONNX export with the input and both outputs preallocated.</summary>
    private sealed class OrtSession<T> : IDisposable
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        private readonly InferenceSession _session;
        private readonly RunOptions _runOptions = new();
        private readonly T[] _input;
        private readonly T[] _probabilities;
        private readonly long[] _labels;
        private readonly OrtValue[] _inputValues;
        private readonly OrtValue[] _outputValues;
        private readonly string[] _inputNames = ["X"];
        private readonly string[] _outputNames = ["label", "probabilities"];

        public OrtSession(LogisticRegressionModel<T> model, int rows)
        {
            using var onnx = new MemoryStream();
            OnnxModel.Export(model, onnx);
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
            _session = new InferenceSession(onnx.ToArray(), options);
            _input = new T[rows * model.FeatureCount];
            _probabilities = new T[rows * 2];
            _labels = new long[rows];
            _inputValues = [OrtValue.CreateTensorValueFromMemory(_input, [rows, model.FeatureCount])];
            _outputValues = [OrtValue.CreateTensorValueFromMemory(_labels, [rows]), OrtValue.CreateTensorValueFromMemory(_probabilities, [rows, 2])];
        }

        public Span<T> Input => _input;

        public ReadOnlySpan<T> Probabilities => _probabilities;

        public void Run() => _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);

        public void Dispose()
        {
            foreach (OrtValue value in _inputValues.Concat(_outputValues))
            {
                value.Dispose();
            }

            _runOptions.Dispose();
            _session.Dispose();
        }
    }
}
