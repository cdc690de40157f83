using LogReg.Simd.Data;
using LogReg.Simd.Model;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

/// <summary>
/// Batch prediction against single-row prediction: both run the same row dot product and the same
/// sigmoid arithmetic (the scalar width runs the vector math), so they agree bit for bit.
/// </summary>
public abstract partial class LogisticRegressionModelTests<T>
{
    private static (T[] Matrix, int Rows) Stack(T[][] rows, int n)
    {
        var x = new T[rows.Length * n];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i].CopyTo(x, i * n);
        }

        return (x, rows.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batch_EqualsSingleRow_BitForBit_ForEveryShape(bool withScaler)
    {
        foreach (int m in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17 })
        {
            for (int n = 1; n <= 70; n++)
            {
                (LogisticRegressionModel<T> model, T[][] rows) = Case(n, withScaler, seed: (m * 100) + n, rowCount: m);
                (T[] x, _) = Stack(rows, n);
                var batch = new T[m + 3];
                Array.Fill(batch, T.CreateTruncating(-7));
                model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, m, n), batch);
                for (int i = 0; i < m; i++)
                {
                    T single = model.PredictProbability(rows[i]);
                    Assert.True(single.Equals(batch[i]), $"m={m} n={n} row {i}: batch {batch[i]:R} vs single {single:R}");
                }

                // Rows past x.Rows are left alone.
                Assert.All(batch[m..], p => Assert.Equal(T.CreateTruncating(-7), p));
            }
        }
    }

    [Fact]
    public void Batch_OnPaddedRows_EqualsBatchOnPackedRows()
    {
        (LogisticRegressionModel<T> model, T[][] rows) = Case(11, withScaler: true, seed: 3, rowCount: 9);
        (T[] packed, int m) = Stack(rows, 11);
        const int Stride = 16;
        var padded = new T[((m - 1) * Stride) + 11];
        for (int i = 0; i < m; i++)
        {
            rows[i].CopyTo(padded, i * Stride);
        }

        var expected = new T[m];
        var actual = new T[m];
        model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(packed, m, 11), expected);
        model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(padded, m, 11, Stride), actual);
        AssertBitsEqual<T>(expected, actual, "padded batch");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(-1)]
    public void ParallelBatch_EqualsSerialBatch_BitForBit(int maxDegreeOfParallelism)
    {
        const int N = 13;
        const int M = (3 * 4096) + 5;
        var rng = new Random(5);
        LogisticRegressionModel<T> model = RandomModel<T>(rng, N, withScaler: true, withMetadata: false);
        T[] x = RandomValues<T>(rng, M * N, scale: 10);
        var serial = new T[M];
        var parallel = new T[M];
        model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, M, N), serial);
        model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, M, N), parallel, maxDegreeOfParallelism);
        AssertBitsEqual<T>(serial, parallel, "parallel batch");
    }

    [Fact]
    public void Batch_ValidatesItsArguments()
    {
        var model = new LogisticRegressionModel<T>(Of<T>(1, 2, 3), T.One);
        var x = new T[12];
        Assert.StartsWith("'x' has 4 columns; the model has 3 features.", Assert.Throws<ArgumentException>(() => model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, 3, 4), new T[3])).Message, StringComparison.Ordinal);
        Assert.StartsWith("'destination':3 is shorter than 'x.Rows':4.", Assert.Throws<ArgumentException>(() => model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, 4, 3), new T[3])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x.AsSpan(0, 9), 3, 3), x.AsSpan(6, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, 4, 3), new T[4], 0));
    }

    [Fact]
    public void Predictions_DoNotAllocate_AfterWarmUp()
    {
        (LogisticRegressionModel<T> model, T[][] rows) = Case(29, withScaler: true, seed: 9, rowCount: 7);
        (T[] x, int m) = Stack(rows, 29);
        var destination = new T[m];
        T[] row = rows[3];
        double sink = 0;

        void Run()
        {
            for (int k = 0; k < 100; k++)
            {
                sink += double.CreateTruncating(model.PredictProbability(row));
                sink += double.CreateTruncating(model.DecisionFunction(row));
                sink += model.Predict(row);
                sink += model.Predict(row, 0.3);
                model.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, m, 29), destination);
            }
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));
    }
}
