using System.Numerics;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.TestSupport;

/// <summary>The inputs of one loss-and-gradient pass, held in arrays so tests can rebuild spans anywhere.</summary>
internal sealed class Problem<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public required T[] X { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public required int RowStride { get; init; }

    public required T[] Y { get; init; }

    /// <summary>Empty for all ones.</summary>
    public required T[] SampleWeights { get; init; }

    public required T[] Weights { get; init; }

    public required T Bias { get; init; }

    public required T Lambda { get; init; }

    public ReadOnlyMatrixSpan<T> Matrix => new(X, Rows, Columns, RowStride);

    public T this[int row, int column] => X[(row * RowStride) + column];

    /// <summary>The same problem widened to double; every value is exactly representable, so it is the same mathematical problem.</summary>
    public Problem<double> ToDouble() => new()
    {
        X = Widen(X),
        Rows = Rows,
        Columns = Columns,
        RowStride = RowStride,
        Y = Widen(Y),
        SampleWeights = Widen(SampleWeights),
        Weights = Widen(Weights),
        Bias = double.CreateTruncating(Bias),
        Lambda = double.CreateTruncating(Lambda),
    };

    /// <summary>The same problem with each row padded by <paramref name="padding"/> elements of garbage.</summary>
    public Problem<T> Padded(int padding, T garbage)
    {
        int stride = Columns + padding;
        var x = new T[Rows == 0 ? 0 : ((Rows - 1) * stride) + Columns + padding];
        Array.Fill(x, garbage);
        for (int i = 0; i < Rows; i++)
        {
            Array.Copy(X, i * RowStride, x, i * stride, Columns);
        }

        return new Problem<T>
        {
            X = x,
            Rows = Rows,
            Columns = Columns,
            RowStride = stride,
            Y = Y,
            SampleWeights = SampleWeights,
            Weights = Weights,
            Bias = Bias,
            Lambda = Lambda,
        };
    }

    public override string ToString() =>
        $"m={Rows} n={Columns} stride={RowStride} weighted={SampleWeights.Length != 0} b={Bias} lambda={Lambda}";

    private static double[] Widen(T[] values) => values.Select(double.CreateTruncating).ToArray();
}

/// <summary>How the labels of a generated problem are drawn.</summary>
internal enum LabelKind
{
    /// <summary>0 or 1.</summary>
    Hard,

    /// <summary>Uniform in [0, 1].</summary>
    Soft,

    /// <summary>Half hard, half soft.</summary>
    Mixed,
}

/// <summary>Seeded random problems: x ~ U(-1, 1), w ~ U(-1, 1), b ~ U(-1, 1), values rounded to <c>T</c>.</summary>
internal static class Problems
{
    public static Problem<T> Random<T>(
        int seed,
        int rows,
        int columns,
        LabelKind labels = LabelKind.Mixed,
        bool weighted = false,
        double lambda = 0.25,
        double weightScale = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T Uniform(double low, double high) => T.CreateTruncating(low + ((high - low) * random.NextDouble()));

        var x = new T[rows * columns];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = Uniform(-1, 1);
        }

        var y = new T[rows];
        for (int i = 0; i < rows; i++)
        {
            bool hard = labels == LabelKind.Hard || (labels == LabelKind.Mixed && random.Next(2) == 0);
            y[i] = hard ? (random.Next(2) == 0 ? T.Zero : T.One) : Uniform(0, 1);
        }

        T[] s = [];
        if (weighted && rows > 0)
        {
            // Weights in (0, 2], with about one in ten exactly zero (allowed: s_i >= 0, not all zero).
            s = new T[rows];
            for (int i = 0; i < rows; i++)
            {
                s[i] = random.Next(10) == 0 ? T.Zero : Uniform(2, 0);
            }

            s[random.Next(rows)] = T.One;
        }

        var w = new T[columns];
        for (int j = 0; j < columns; j++)
        {
            w[j] = Uniform(-weightScale, weightScale);
        }

        return new Problem<T>
        {
            X = x,
            Rows = rows,
            Columns = columns,
            RowStride = columns,
            Y = y,
            SampleWeights = s,
            Weights = w,
            Bias = Uniform(-1, 1),
            Lambda = T.CreateTruncating(lambda),
        };
    }
}
