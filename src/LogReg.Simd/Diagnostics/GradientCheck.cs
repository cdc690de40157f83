using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Internal;
using LogReg.Simd.Kernels;
using LogReg.Simd.Kernels.Reference;

namespace LogReg.Simd.Diagnostics;

/// <summary>
/// Compares an analytic gradient with central finite differences, coordinate by coordinate, in the
/// manner of <c>torch.autograd.gradcheck</c>.
/// </summary>
public static class GradientCheck
{
    /// <summary>Checks <paramref name="analyticGradient"/> against central differences of <paramref name="function"/> at <paramref name="point"/>.</summary>
    /// <param name="function">The scalar function f; it must not keep the span it is given.</param>
    /// <param name="point">The point x at which to check.</param>
    /// <param name="analyticGradient">The claimed gradient of f at x, one element per coordinate.</param>
    /// <param name="options">The step and tolerances; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <returns>The report: pass or fail, and the worst coordinate.</returns>
    /// <exception cref="ArgumentException">The gradient and point lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static GradientCheckReport Check(
        Func<ReadOnlySpan<double>, double> function,
        ReadOnlySpan<double> point,
        ReadOnlySpan<double> analyticGradient,
        GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (analyticGradient.Length != point.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(analyticGradient), analyticGradient.Length, nameof(point), point.Length);
        }

        options ??= GradientCheckOptions.Default;
        options.Validate();
        double h = options.Step;
        double atol = options.AbsoluteTolerance;
        double rtol = options.RelativeTolerance;
        double floor = rtol == 0 ? double.PositiveInfinity : atol / rtol;

        double[] probe = point.ToArray();
        int failed = 0;
        int worst = -1;
        double worstRatio = 0, worstAnalytic = 0, worstNumerical = 0, worstAbsolute = 0, maxRelative = 0;
        for (int i = 0; i < probe.Length; i++)
        {
            double original = probe[i];
            probe[i] = original + h;
            double plus = function(probe);
            probe[i] = original - h;
            double minus = function(probe);
            probe[i] = original;

            double numerical = (plus - minus) / (2 * h);
            double analytic = analyticGradient[i];
            double absolute = Math.Abs(analytic - numerical);
            double allowed = atol + (rtol * Math.Abs(numerical));

            // NaN anywhere fails the coordinate and ranks it worst.
            bool ok = absolute <= allowed;
            double ratio = double.IsNaN(absolute) ? double.PositiveInfinity
                : allowed > 0 ? absolute / allowed
                : absolute == 0 ? 0 : double.PositiveInfinity;
            double relative = absolute == 0 ? 0 : absolute / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numerical)), floor);
            if (!ok)
            {
                failed++;
            }

            if (double.IsNaN(relative) || relative > maxRelative)
            {
                maxRelative = relative;
            }

            if (worst < 0 || ratio > worstRatio)
            {
                worstRatio = ratio;
                worst = i;
                worstAnalytic = analytic;
                worstNumerical = numerical;
                worstAbsolute = absolute;
            }
        }

        return new GradientCheckReport(failed == 0, probe.Length, failed, worst, worstAnalytic, worstNumerical, worstAbsolute, maxRelative);
    }

    /// <summary>
    /// Checks this library's loss-and-gradient pass: the gradient of one <paramref name="form"/> over
    /// the parameters (w_0 ... w_{n-1}, b) against central differences of J evaluated in double.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; the form runs in this type, the differences in double.</typeparam>
    /// <param name="x">The m x n examples, row-major.</param>
    /// <param name="y">The m labels, in [0, 1].</param>
    /// <param name="sampleWeights">The m sample weights, or empty for all ones.</param>
    /// <param name="weights">The n weights w at which to check.</param>
    /// <param name="bias">The bias b at which to check.</param>
    /// <param name="lambda">The L2 strength.</param>
    /// <param name="form">The form whose analytic gradient is checked. Default <see cref="LossGradientForm.Fused"/>.</param>
    /// <param name="options">The step and tolerances; <see cref="GradientCheckOptions.Default"/> when null.</param>
    /// <returns>The report over n + 1 coordinates; the last is the bias.</returns>
    /// <exception cref="ArgumentException">The arguments fail the loss-and-gradient pass's checks.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument or option is out of range.</exception>
    public static GradientCheckReport CheckLogisticLoss<T>(
        ReadOnlyMatrixSpan<T> x,
        ReadOnlySpan<T> y,
        ReadOnlySpan<T> sampleWeights,
        ReadOnlySpan<T> weights,
        T bias,
        T lambda,
        LossGradientForm form = LossGradientForm.Fused,
        GradientCheckOptions? options = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = weights.Length;
        var gradient = new T[n];
        T db = ComputeForm(form, x, y, sampleWeights, weights, bias, lambda, gradient);

        double[] analytic = new double[n + 1];
        for (int j = 0; j < n; j++)
        {
            analytic[j] = double.CreateTruncating(gradient[j]);
        }

        analytic[n] = double.CreateTruncating(db);
        double[] point = new double[n + 1];
        for (int j = 0; j < n; j++)
        {
            point[j] = double.CreateTruncating(weights[j]);
        }

        point[n] = double.CreateTruncating(bias);

        // J is evaluated in double on a widened copy, so the numerical side is exact to double precision whatever T is.
        double[] xs = Widen(x.Span);
        int rows = x.Rows, columns = x.Columns, rowStride = x.RowStride;
        double[] yd = Widen(y);
        double[] sd = Widen(sampleWeights);
        double lambdaD = double.CreateTruncating(lambda);
        double[] scratch = new double[n];
        double Objective(ReadOnlySpan<double> theta)
        {
            var xd = new ReadOnlyMatrixSpan<double>(xs, rows, columns, rowStride);
            return FusedLossGradient.Compute(xd, yd, sd, theta[..n], theta[n], lambdaD, scratch, out _);
        }

        return Check(Objective, point, analytic, options);
    }

    private static double[] Widen<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double[] result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    private static T ComputeForm<T>(LossGradientForm form, ReadOnlyMatrixSpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> s, ReadOnlySpan<T> w, T b, T lambda, Span<T> dw)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T db;
        switch (form)
        {
            case LossGradientForm.Looped:
                _ = LoopedLossGradient.Compute(x, y, s, w, b, lambda, dw, out db);
                break;
            case LossGradientForm.Vectorized:
                _ = VectorizedLossGradient.Compute(x, y, s, w, b, lambda, dw, new T[VectorizedLossGradient.GetScratchLength(x.Rows)], out db);
                break;
            case LossGradientForm.Fused:
                _ = FusedLossGradient.Compute(x, y, s, w, b, lambda, dw, out db);
                break;
            case LossGradientForm.Parallel:
                _ = ParallelLossGradient.Compute(x, y, s, w, b, lambda, dw, out db);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, $"'{nameof(form)}':{form} is not a loss-gradient form.");
        }

        return db;
    }
}
