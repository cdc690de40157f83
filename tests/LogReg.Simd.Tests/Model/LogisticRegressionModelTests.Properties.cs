using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

/// <summary>A random model and rows to score, as doubles that every float and double model can hold.</summary>
/// <param name="Weights">n weights.</param>
/// <param name="Bias">The bias.</param>
/// <param name="Scales">n positive scales, or null for no scaler (the means are then unused).</param>
/// <param name="Means">n means.</param>
/// <param name="MetadataSeed">A seed for random metadata, or null for none.</param>
/// <param name="Rows">Rows of n features.</param>
public sealed record ModelSpec(double[] Weights, double Bias, double[]? Scales, double[] Means, int? MetadataSeed, double[][] Rows)
{
    public LogisticRegressionModel<T> Build<T>()
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T> =>
        new(
            Of<T>(Weights),
            T.CreateTruncating(Bias),
            Scales is null ? null : StandardScaler<T>.Create(Of<T>(Means), Of<T>(Scales)),
            MetadataSeed is { } seed ? RandomMetadata(new Random(seed)) : null);

    public override string ToString() =>
        $"w [{string.Join(", ", Weights)}], b {Bias}, scales {(Scales is null ? "none" : $"[{string.Join(", ", Scales)}]")}, means [{string.Join(", ", Means)}], metadata {MetadataSeed}, {Rows.Length} rows";
}

public static class ModelArbitraries
{
    // m * 2^e: from tiny to large, exact in float, never overflowing a float logit of 40 terms.
    private static Gen<double> Number(int minExponent, int maxExponent) =>
        Gen.Zip(Gen.Choose(-(1 << 20), 1 << 20), Gen.Choose(minExponent, maxExponent)).Select(t => Math.ScaleB(t.Item1, t.Item2 - 20));

    public static Arbitrary<ModelSpec> ModelSpec() =>
        Gen.Choose(0, 40).SelectMany(n =>
            from weights in Number(-12, 6).ArrayOf(n)
            from bias in Number(-12, 6)
            from scales in Gen.OneOf(Gen.Constant<double[]?>(null), Number(-6, 6).Select(Math.Abs).Where(s => s > 0).ArrayOf(n).Select(a => (double[]?)a))
            from means in Number(-6, 8).ArrayOf(n)
            from metadataSeed in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 1000).Select(s => (int?)s))
            from rows in Number(-6, 8).ArrayOf(n).ArrayOf(5)
            select new ModelSpec(weights, bias, scales, means, metadataSeed, rows))
        .ToArbitrary();
}

public abstract partial class LogisticRegressionModelTests<T>
{
    private static void AssertSamePredictions(LogisticRegressionModel<T> expected, LogisticRegressionModel<T> actual, ModelSpec spec)
    {
        int n = spec.Weights.Length;
        foreach (double[] values in spec.Rows)
        {
            T[] row = Of<T>(values);
            AssertBitsEqual<T>([expected.DecisionFunction(row)], [actual.DecisionFunction(row)], "logit");
            AssertBitsEqual<T>([expected.PredictProbability(row)], [actual.PredictProbability(row)], "probability");
        }

        T[] x = Of<T>(spec.Rows.SelectMany(r => r).ToArray());
        var p = new T[spec.Rows.Length];
        var q = new T[spec.Rows.Length];
        expected.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, spec.Rows.Length, n), p);
        actual.PredictProbabilities(new ReadOnlyMatrixSpan<T>(x, spec.Rows.Length, n), q);
        AssertBitsEqual<T>(p, q, "batch probabilities");
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(ModelArbitraries)])]
    public void SaveThenLoad_PredictsBitForBitAsTheOriginal(ModelSpec spec)
    {
        LogisticRegressionModel<T> model = spec.Build<T>();
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        stream.Position = 0;
        LogisticRegressionModel<T> loaded = ModelSerializer.Load<T>(stream);
        AssertModelsBitEqual(model, loaded);
        AssertSamePredictions(model, loaded, spec);
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(ModelArbitraries)])]
    public void JsonRoundTrip_PredictsBitForBitAsTheOriginal(ModelSpec spec)
    {
        LogisticRegressionModel<T> model = spec.Build<T>();
        LogisticRegressionModel<T> loaded = ModelJson.Deserialize<T>(ModelJson.Serialize(model));
        AssertModelsBitEqual(model, loaded);
        AssertSamePredictions(model, loaded, spec);
    }
}
