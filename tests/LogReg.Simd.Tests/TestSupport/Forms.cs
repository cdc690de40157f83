using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.LossGradient;
using LogReg.Simd.Kernels.Simd;
using LogReg.Simd.Kernels.Reference;

namespace LogReg.Simd.Tests.TestSupport;

/// <summary>J, dJ/dw and dJ/db from one pass.</summary>
internal sealed record Result<T>(T Loss, T[] WeightGradient, T BiasGradient)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;

/// <summary>Runs every form of the loss-and-gradient pass on a <see cref="Problem{T}"/>.</summary>
internal static class Forms
{
    public static Result<T> Looped<T>(Problem<T> p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        T loss = LoopedLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Vectorized<T>(Problem<T> p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        var scratch = new T[VectorizedLossGradient.GetScratchLength(p.Rows)];
        T loss = VectorizedLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, scratch, out T db);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Fused<T>(Problem<T> p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        T loss = FusedLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Fused<T>(Problem<T> p, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        T loss = LossGradientPass.Run(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, width, threads: 1);
        return new Result<T>(loss, dw, db);
    }

    /// <summary>The public parallel form; <paramref name="maxDegreeOfParallelism"/> -1 is automatic.</summary>
    public static Result<T> Parallel<T>(Problem<T> p, int maxDegreeOfParallelism = -1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        T loss = ParallelLossGradient.Compute(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, maxDegreeOfParallelism);
        return new Result<T>(loss, dw, db);
    }

    public static Result<T> Parallel<T>(Problem<T> p, int threads, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        T loss = LossGradientPass.Run(p.Matrix, p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, width, threads);
        return new Result<T>(loss, dw, db);
    }

    /// <summary>The pass over a column-major copy of X (the trainer's layout for narrow rows).</summary>
    public static Result<T> ColumnMajor<T>(Problem<T> p, int threads, SimdWidth width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var dw = new T[p.Columns];
        T loss = LossGradientPass.Run(ColumnMajorMatrix<T>.FromRows(p.Matrix), p.Y, p.SampleWeights, p.Weights, p.Bias, p.Lambda, dw, out T db, width, threads);
        return new Result<T>(loss, dw, db);
    }

    /// <summary>A public form, as <see cref="GradientCheck"/> names them.</summary>
    public static Result<T> Run<T>(LossGradientForm form, Problem<T> p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => form switch
        {
            LossGradientForm.Looped => Looped(p),
            LossGradientForm.Vectorized => Vectorized(p),
            LossGradientForm.Fused => Fused(p),
            LossGradientForm.Parallel => Parallel(p),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };

    /// <summary>
    /// Every implementation this machine can run: Looped, Vectorized, Fused at each supported width,
    /// and Parallel with 1 to 4 threads at the widest width.
    /// </summary>
    public static IReadOnlyList<(string Name, Func<Problem<T>, Result<T>> Run)> AllVariants<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var variants = new List<(string, Func<Problem<T>, Result<T>>)>
        {
            ("Looped", Looped),
            ("Vectorized", Vectorized),
        };
        foreach (SimdWidth width in SimdWidths.All)
        {
            variants.Add(($"Fused[{width}]", p => Fused(p, width)));
        }

        for (int threads = 1; threads <= 4; threads++)
        {
            int t = threads;
            variants.Add(($"Parallel[{t} threads]", p => Parallel(p, t, SimdWidths.Widest)));
        }

        foreach (SimdWidth width in SimdWidths.All)
        {
            variants.Add(($"ColumnMajor[{width}]", p => ColumnMajor(p, 1, width)));
        }

        variants.Add(("ColumnMajor[3 threads]", p => ColumnMajor(p, 3, SimdWidths.Widest)));

        return variants;
    }
}
