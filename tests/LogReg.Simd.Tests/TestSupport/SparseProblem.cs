using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;
using LogReg.Simd.Kernels.Sparse;
using LogReg.Simd.Kernels.Simd;

namespace LogReg.Simd.Tests.TestSupport;

/// <summary>
/// A sparse problem: CSR arrays whose rows of interest start after <see cref="LeadingRows"/> other rows (so the
/// view's offsets do not start at 0), and <see cref="Dense"/>, the same problem densified.
/// </summary>
internal sealed class SparseProblem<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public required Problem<T> Dense { get; init; }

    public required int[] RowOffsets { get; init; }

    public required int[] ColumnIndices { get; init; }

    public required T[] Values { get; init; }

    public required int LeadingRows { get; init; }

    /// <summary>The rows of the problem, a slice of the stored rows.</summary>
    public ReadOnlyCsrMatrixSpan<T> Matrix =>
        new ReadOnlyCsrMatrixSpan<T>(RowOffsets, ColumnIndices, Values, Dense.Columns).SliceRows(LeadingRows, Dense.Rows);

    public int StoredZeros { get; init; }

    public override string ToString() => $"{Dense} nnz={Matrix.NonZeroCount} storedZeros={StoredZeros} leadingRows={LeadingRows}";
}

internal static class SparseProblems
{
    /// <summary>
    /// A random problem with about <paramref name="density"/> of its elements stored, one row in five empty, some
    /// stored entries explicitly zero, and <paramref name="leadingRows"/> rows of other data before its rows.
    /// Column frequencies follow a power law when <paramref name="powerLaw"/> is set (low columns are common).
    /// </summary>
    public static SparseProblem<T> Random<T>(int seed, int rows, int columns, double density, bool weighted, double lambda, int leadingRows = 3, bool powerLaw = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> source = Problems.Random<T>(seed, rows, columns, LabelKind.Mixed, weighted, lambda);
        var random = new Random(seed ^ 0x5A5A);
        var x = new T[rows * columns];
        var offsets = new List<int> { 0 };
        var indices = new List<int>();
        var values = new List<T>();
        int storedZeros = 0;
        for (int i = 0; i < leadingRows; i++)
        {
            // Garbage rows before the problem's: large values that would show if read.
            indices.Add(i % Math.Max(columns, 1));
            values.Add(T.CreateTruncating(1e6));
            offsets.Add(indices.Count);
        }

        if (columns == 0)
        {
            indices.Clear();
            values.Clear();
            offsets.Clear();
            offsets.AddRange(Enumerable.Repeat(0, leadingRows + 1));
        }

        for (int i = 0; i < rows; i++)
        {
            bool empty = random.Next(5) == 0;
            for (int j = 0; j < columns; j++)
            {
                double p = powerLaw ? Math.Min(1, density * 3 / Math.Sqrt(j + 1)) : density;
                if (empty || random.NextDouble() >= p)
                {
                    continue;
                }

                bool explicitZero = random.Next(12) == 0;
                T value = explicitZero ? T.Zero : source[i, j];
                storedZeros += explicitZero ? 1 : 0;
                x[(i * columns) + j] = value;
                indices.Add(j);
                values.Add(value);
            }

            offsets.Add(indices.Count);
        }

        Problem<T> dense = new()
        {
            X = x,
            Rows = rows,
            Columns = columns,
            RowStride = columns,
            Y = source.Y,
            SampleWeights = source.SampleWeights,
            Weights = source.Weights,
            Bias = source.Bias,
            Lambda = source.Lambda,
        };
        return new SparseProblem<T>
        {
            Dense = dense,
            RowOffsets = [.. offsets],
            ColumnIndices = [.. indices],
            Values = [.. values],
            LeadingRows = leadingRows,
            StoredZeros = storedZeros,
        };
    }
}

/// <summary>Runs every form of the sparse loss-and-gradient pass on a <see cref="SparseProblem{T}"/>.</summary>
internal static class SparseForms
{
    public static Result<T> Looped<T>(SparseProblem<T> sp)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> p = sp.Dense;
        var dw = new T[p.Columns];
        T loss = LoopedLossGradient.Compute(sp.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Vectorized<T>(SparseProblem<T> sp)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> p = sp.Dense;
        var dw = new T[p.Columns];
        var scratch = new T[VectorizedLossGradient.GetScratchLength(p.Rows)];
        T loss = VectorizedLossGradient.Compute(sp.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, scratch, out T db);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Fused<T>(SparseProblem<T> sp, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> p = sp.Dense;
        var dw = new T[p.Columns];
        T loss = SparsePass.Run(sp.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, width, threads: 1);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Parallel<T>(SparseProblem<T> sp, int threads, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> p = sp.Dense;
        var dw = new T[p.Columns];
        T loss = SparsePass.Run(sp.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, width, threads);
        return new Result<T>(loss, dw, db);
    }

    /// <summary>The public entry points, at the widest width; <paramref name="maxDegreeOfParallelism"/> -1 is automatic.</summary>
    public static Result<T> PublicParallel<T>(SparseProblem<T> sp, int maxDegreeOfParallelism)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Problem<T> p = sp.Dense;
        var dw = new T[p.Columns];
        T loss = ParallelLossGradient.Compute(sp.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, maxDegreeOfParallelism);
        return new Result<T>(loss, dw, db);
    }

    /// <summary>Looped, Vectorized, Fused at every width (accelerated or not), Parallel with 1 to 4 threads at every width.</summary>
    public static IReadOnlyList<(string Name, Func<SparseProblem<T>, Result<T>> Run)> AllVariants<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var variants = new List<(string, Func<SparseProblem<T>, Result<T>>)>
        {
            ("SparseLooped", Looped),
            ("SparseVectorized", Vectorized),
        };
        foreach (SimdWidth width in SimdWidths.All)
        {
            variants.Add(($"SparseFused[{width}]", p => Fused(p, width)));
            for (int threads = 1; threads <= 4; threads++)
            {
                int t = threads;
                variants.Add(($"SparseParallel[{width}, {t} threads]", p => Parallel(p, t, width)));
            }
        }

        return variants;
    }
}
