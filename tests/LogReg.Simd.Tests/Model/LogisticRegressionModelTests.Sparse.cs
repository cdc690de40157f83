using System.Runtime.InteropServices;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Model;

public abstract partial class LogisticRegressionModelTests<T>
{
    /// <summary>The stored entries of a row: its nonzeros, after zeroing about half of them.</summary>
    private static (int[] Indices, T[] Values, T[] Dense) Sparsify(T[] row, Random rng)
    {
        var dense = row.Select(v => rng.Next(2) == 0 ? T.Zero : v).ToArray();
        int[] indices = [.. Enumerable.Range(0, dense.Length).Where(j => dense[j] != T.Zero)];
        return (indices, [.. indices.Select(j => dense[j])], dense);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SparseRow_Predictions_MatchThePlainDoubleComputation_AndTheDenseRow(bool withScaler)
    {
        var rng = new Random(3);
        for (int n = 1; n <= 70; n++)
        {
            (LogisticRegressionModel<T> model, T[][] rows) = Case(n, withScaler, seed: 100 + n);
            foreach (T[] row in rows)
            {
                var (indices, values, dense) = Sparsify(row, rng);
                (double z, double size) = Reference(model, dense);
                double zSparse = double.CreateTruncating(model.DecisionFunction(indices, values));
                Assert.True(Math.Abs(zSparse - z) <= LogitUlps * UnitRoundoff * size, $"n={n}, {indices.Length} entries: sparse logit {zSparse:R} vs reference {z:R}");

                double zDense = double.CreateTruncating(model.DecisionFunction(dense));
                Assert.True(Math.Abs(zSparse - zDense) <= 2 * LogitUlps * UnitRoundoff * size, $"n={n}: sparse {zSparse:R} vs dense {zDense:R}");
                double p = double.CreateTruncating(model.PredictProbability(indices, values));
                Assert.Equal(double.CreateTruncating(LogReg.Simd.Kernels.LogisticFunctions.Sigmoid(model.DecisionFunction(indices, values))), p);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SparseBatch_EqualsSingleRows_BitForBit(bool withScaler)
    {
        var rng = new Random(8);
        (LogisticRegressionModel<T> model, T[][] rows) = Case(57, withScaler, seed: 9, rowCount: 40);
        var offsets = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<T>();
        foreach (T[] row in rows)
        {
            // Rows of 0 to 57 entries cross every width the kernel fits to a row.
            var (rowIndices, rowValues, _) = Sparsify(row.Select(v => rng.Next(3) == 0 ? T.Zero : v).ToArray(), rng);
            indices.AddRange(rowIndices.Take(rng.Next(rowIndices.Length + 1)));
            values.AddRange(rowValues.Take(indices.Count - values.Count));
            offsets.Add(indices.Count);
        }

        var x = new CsrMatrix<T>([.. offsets], [.. indices], [.. values], 57);
        var batch = new T[x.Rows];
        model.PredictProbabilities(x, batch);
        for (int i = 0; i < x.Rows; i++)
        {
            T single = model.PredictProbability(x.Span.GetRowIndices(i), x.Span.GetRowValues(i));
            Assert.True(single.Equals(batch[i]), $"row {i}: single {single:R}, batch {batch[i]:R}");
        }

        // A view of later rows scores them the same.
        var tail = new T[10];
        model.PredictProbabilities(x.Span.SliceRows(30, 10), tail);
        Assert.True(MemoryMarshal.AsBytes(tail.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(batch.AsSpan(30, 10))));
    }

    [Fact]
    public void SparseBatch_WithFewerColumnsThanTheModel_ScoresTheMissingOnesAsZero()
    {
        (LogisticRegressionModel<T> model, _) = Case(6, withScaler: true, seed: 4);
        var x = new CsrMatrix<T>([0, 2, 2], [0, 3], [T.One, T.CreateTruncating(2)], 4);
        var probabilities = new T[2];
        model.PredictProbabilities(x, probabilities);

        var dense = new T[6];
        dense[0] = T.One;
        dense[3] = T.CreateTruncating(2);
        double expected = double.CreateTruncating(model.PredictProbability(dense));
        Assert.True(Math.Abs(double.CreateTruncating(probabilities[0]) - expected) <= 1e-5 * Math.Max(expected, 1e-30) + (4 * UnitRoundoff));
        Assert.Equal(model.PredictProbability(new T[6]), probabilities[1]);
    }

    [Fact]
    public void SparseRow_ThrowsFor_BadIndices_NamingPositionAndValue()
    {
        (LogisticRegressionModel<T> model, _) = Case(5, withScaler: false, seed: 1);
        T[] two = [T.One, T.One];

        var unsorted = Assert.Throws<ArgumentException>(() => model.DecisionFunction([3, 1], two));
        Assert.Equal("indices", unsorted.ParamName);
        Assert.StartsWith("'indices[1]':1 is not above 'indices[0]':3; indices must strictly increase.", unsorted.Message, StringComparison.Ordinal);

        var repeated = Assert.Throws<ArgumentException>(() => model.PredictProbability(new[] { 0, 1, 2, 3, 4, 4 }.AsSpan(2), [.. two, .. two]));
        Assert.StartsWith("'indices[3]':4 is not above 'indices[2]':4", repeated.Message, StringComparison.Ordinal);

        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => model.DecisionFunction([1, 5], two));
        Assert.StartsWith("'indices[1]':5 must be in [0, 5) (the model's features).", tooLarge.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => model.DecisionFunction([-1, 2], two));
        Assert.StartsWith("'indices[0]':-1 must be in [0, 5)", negative.Message, StringComparison.Ordinal);

        var lengths = Assert.Throws<ArgumentException>(() => model.DecisionFunction([1, 2, 3], two));
        Assert.StartsWith("'indices':3 must have the same length as 'values':2.", lengths.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SparseRow_ThrowsFor_UnsortedIndices_InALongRow()
    {
        // 40 entries: the vectorized check, with the swap in the last, overlapped vector.
        (LogisticRegressionModel<T> model, _) = Case(100, withScaler: false, seed: 1);
        int[] indices = [.. Enumerable.Range(0, 40).Select(k => 2 * k)];
        (indices[38], indices[39]) = (indices[39], indices[38]);
        var e = Assert.Throws<ArgumentException>(() => model.DecisionFunction(indices, new T[40]));
        Assert.StartsWith("'indices[39]':76 is not above 'indices[38]':78", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SparseBatch_ThrowsFor_MoreColumnsThanFeatures_OrAShortDestination()
    {
        (LogisticRegressionModel<T> model, _) = Case(3, withScaler: false, seed: 1);
        var wide = new CsrMatrix<T>([0, 1], [3], [T.One], 4);
        var e = Assert.Throws<ArgumentException>(() => model.PredictProbabilities(wide, new T[1]));
        Assert.Equal("'x' has 4 columns; the model has 3 features. (Parameter 'x')", e.Message);

        var narrow = new CsrMatrix<T>([0, 1, 1], [2], [T.One], 3);
        var shortDestination = Assert.Throws<ArgumentException>(() => model.PredictProbabilities(narrow, new T[1]));
        Assert.Equal("destination", shortDestination.ParamName);
    }

    [Fact]
    public void SparseRow_Scoring_DoesNotAllocate()
    {
        (LogisticRegressionModel<T> model, T[][] rows) = Case(64, withScaler: true, seed: 2);
        var (indices, values, _) = Sparsify(rows[0], new Random(1));
        T sink = T.Zero;
        Assert.Equal(0, Allocations.PerCall(() => sink += model.PredictProbability(indices, values)));
        Assert.Equal(0, Allocations.PerCall(() => sink += model.DecisionFunction(indices, values)));
        Assert.True(T.IsFinite(sink));
    }
}
