using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// Newton's method on theta = [w..., b] in double, in one of two forms picked by the feature count: for at most
/// <see cref="MaxCholeskyFeatures"/> (64) features the exact Newton step through the (n + 1) x (n + 1) Hessian, built in
/// one pass over X and solved by Cholesky, with a backtracking line search (as scikit-learn's newton-cholesky);
/// above it, trust-region Newton-CG with Hessian-vector products (as liblinear's TRON).
/// </summary>
/// <remarks>
/// <para>
/// Both stop on max |dJ/dtheta| &lt;= tolerance, like the other solvers. The curvature D = s sigma (1 - sigma) is
/// stored by the loss-and-gradient pass at each accepted point, so a Hessian or a Hessian-vector product costs one
/// more pass over X and no sigmoid.
/// </para>
/// <para>
/// Acceptance near the optimum: J's decrease falls below its rounding (about 1e-16 J) long before the gradient is
/// at a tight tolerance. J is convex, so phi(t) - phi(0) &lt;= t phi'(t) along a line, and a step with
/// phi'(t) &lt;= c1 phi'(0) is certified to decrease J by the Armijo amount whatever the rounding of J says; TRON
/// likewise accepts a step whose change of J is within rounding when it lowers max |g|.
/// </para>
/// <para>
/// TRON (Lin, Weng and Keerthi, 2008; liblinear's tron.cpp): the CG iteration on H s = -g stops at the
/// trust-region boundary or at ||r|| &lt;= min(0.1, sqrt(||g||)) ||g|| (a forcing term that makes the last
/// iterations superlinear); the radius follows liblinear's rules (eta 1e-4, 0.25, 0.75; sigma 0.25, 0.5, 4).
/// </para>
/// </remarks>
internal sealed class NewtonSolver
{
    /// <summary>The most features for which the exact Hessian and Cholesky are used.</summary>
    /// <remarks>
    /// The Hessian pass costs n^2/2 multiply-adds per row, measured at 12 to 20 gradient passes for n = 100 (Xeon,
    /// HessianVectorBenchmarks), while TRON needed 10 Hessian-vector products in all on 100,000 x 100 (139 ms
    /// against 516 ms for the Cholesky form, tol 1e-8). On badly conditioned data CG needs many more products
    /// (raw digits, n = 64, C = 1e4: 6,069 in 71 iterations against 14 Hessians), which is where the exact
    /// step pays; 64 features keeps the Hessian pass near ten gradient passes.
    /// </remarks>
    public const int MaxCholeskyFeatures = 64;

    private const double C1 = 1e-4;
    private const int MaxHalvings = 40;
    private const double Eta0 = 1e-4, Eta1 = 0.25, Eta2 = 0.75;
    private const double Sigma1 = 0.25, Sigma2 = 0.5, Sigma3 = 4;
    private const int MaxRejections = 60;

    private readonly int _length;
    private readonly double[] _gradient;
    private readonly double[] _step;
    private readonly double[] _trialTheta;
    private readonly double[] _trialGradient;
    private readonly double[]? _hessian;
    private readonly double[]? _residual;
    private readonly double[]? _direction;
    private readonly double[]? _product;

    /// <param name="features">n.</param>
    /// <param name="exactHessian">Whether to take the Cholesky form; null picks it by <see cref="UsesCholesky"/> (tests force each form).</param>
    public NewtonSolver(int features, bool? exactHessian = null)
    {
        _length = features + 1;
        _gradient = new double[_length];
        _step = new double[_length];
        _trialTheta = new double[_length];
        _trialGradient = new double[_length];
        if (exactHessian ?? UsesCholesky(features))
        {
            _hessian = new double[checked(_length * _length)];
        }
        else
        {
            _residual = new double[_length];
            _direction = new double[_length];
            _product = new double[_length];
        }
    }

    /// <summary>Whether n features take the exact-Hessian (Cholesky) form rather than TRON.</summary>
    public static bool UsesCholesky(int features) => features <= MaxCholeskyFeatures;

    public SolverOutcome Minimize<T>(ref LossFunction<T> loss, Span<double> theta, SolverRun run)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        _hessian is not null ? MinimizeCholesky(ref loss, theta, run) : MinimizeTrustRegion(ref loss, theta, run);

    private SolverOutcome MinimizeCholesky<T>(ref LossFunction<T> loss, Span<double> theta, SolverRun run)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double f = loss.EvaluateWithCurvature(theta, _gradient);
        loss.AcceptCurvature();
        double gradientNorm = LossFunction<T>.MaxAbs(_gradient);
        run.Start(f);
        ConvergenceReason? stop = run.StopReason(0, gradientNorm, toleranceStops: true);
        int iteration = 0;
        while (stop is null)
        {
            loss.Hessian(_hessian);
            NewtonStep(_hessian!, _gradient, _step);
            double slope = TensorPrimitives.Dot(_step, _gradient);
            if (!(slope < 0))
            {
                // H lost positive definiteness to rounding: fall back to steepest descent for this step.
                TensorPrimitives.Negate(_gradient, _step);
                slope = -TensorPrimitives.Dot(_gradient, _gradient);
            }

            double t = 1.0;
            bool accepted = false;
            double trialF = f;
            for (int k = 0; k < MaxHalvings && !accepted; k++, t *= 0.5)
            {
                TensorPrimitives.MultiplyAdd(_step, t, theta, _trialTheta);
                trialF = loss.EvaluateWithCurvature(_trialTheta, _trialGradient);
                accepted = trialF <= f + (C1 * t * slope) || TensorPrimitives.Dot(_trialGradient, _step) <= C1 * slope;
                if (accepted)
                {
                    break;
                }
            }

            if (!accepted)
            {
                stop = ConvergenceReason.LineSearchFailed;
                break;
            }

            iteration++;
            Accept(ref loss, theta, ref f, trialF);
            gradientNorm = LossFunction<T>.MaxAbs(_gradient);
            run.Record(iteration, f, gradientNorm, t);
            stop = run.StopReason(iteration, gradientNorm, toleranceStops: true);
        }

        return new SolverOutcome(iteration, f, gradientNorm, stop.Value);
    }

    private SolverOutcome MinimizeTrustRegion<T>(ref LossFunction<T> loss, Span<double> theta, SolverRun run)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double f = loss.EvaluateWithCurvature(theta, _gradient);
        loss.AcceptCurvature();
        double gradientNorm = LossFunction<T>.MaxAbs(_gradient);
        double delta = TensorPrimitives.Norm(_gradient);
        run.Start(f);
        ConvergenceReason? stop = run.StopReason(0, gradientNorm, toleranceStops: true);
        int iteration = 0, rejections = 0;
        bool first = true;
        while (stop is null)
        {
            ConjugateGradient(ref loss, delta, run);
            TensorPrimitives.Add(theta, _step, _trialTheta);
            double gs = TensorPrimitives.Dot(_gradient, _step);
            double predicted = -0.5 * (gs - TensorPrimitives.Dot(_step, _residual!));
            double trialF = loss.EvaluateWithCurvature(_trialTheta, _trialGradient);
            double actual = f - trialF;
            double stepNorm = TensorPrimitives.Norm(_step);
            if (first)
            {
                delta = Math.Min(delta, stepNorm);
                first = false;
            }

            double alpha = trialF - f - gs <= 0 ? Sigma3 : Math.Max(Sigma1, -0.5 * (gs / (trialF - f - gs)));
            if (actual < Eta0 * predicted)
            {
                delta = Math.Min(Math.Max(alpha, Sigma1) * stepNorm, Sigma2 * delta);
            }
            else if (actual < Eta1 * predicted)
            {
                delta = Math.Max(Sigma1 * delta, Math.Min(alpha * stepNorm, Sigma2 * delta));
            }
            else if (actual < Eta2 * predicted)
            {
                delta = Math.Max(Sigma1 * delta, Math.Min(alpha * stepNorm, Sigma3 * delta));
            }
            else
            {
                delta = Math.Max(delta, Math.Min(alpha * stepNorm, Sigma3 * delta));
            }

            // Within J's rounding, the gradient decides.
            bool withinRounding = Math.Abs(actual) <= 1e-12 * Math.Abs(f) && LossFunction<T>.MaxAbs(_trialGradient) < gradientNorm;
            if (actual > Eta0 * predicted || withinRounding)
            {
                iteration++;
                rejections = 0;
                Accept(ref loss, theta, ref f, trialF);
                gradientNorm = LossFunction<T>.MaxAbs(_gradient);
                run.Record(iteration, f, gradientNorm, stepNorm);
                stop = run.StopReason(iteration, gradientNorm, toleranceStops: true);
            }
            else if (++rejections >= MaxRejections || !(delta > 0))
            {
                stop = ConvergenceReason.LineSearchFailed;
            }
            else
            {
                stop = run.StopReason(iteration, gradientNorm, toleranceStops: true);
            }
        }

        return new SolverOutcome(iteration, f, gradientNorm, stop.Value);
    }

    // The trial point becomes the current one, with its gradient and curvature.
    private void Accept<T>(ref LossFunction<T> loss, Span<double> theta, ref double f, double trialF)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        _trialTheta.CopyTo(theta);
        _trialGradient.CopyTo(_gradient);
        loss.AcceptCurvature();
        f = trialF;
    }

    /// <summary>
    /// CG on H s = -g inside ||s|| &lt;= delta (tron.cpp's trcg); leaves s in the step buffer and the residual
    /// r = -g - H s in the residual buffer.
    /// </summary>
    private void ConjugateGradient<T>(ref LossFunction<T> loss, double delta, SolverRun run)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double[] s = _step, r = _residual!, d = _direction!, hd = _product!;
        Array.Clear(s);
        TensorPrimitives.Negate(_gradient, r);
        r.CopyTo(d);
        double gradientNorm = TensorPrimitives.Norm(_gradient);
        double tolerance = Math.Min(0.1, Math.Sqrt(gradientNorm)) * gradientNorm;
        double rr = TensorPrimitives.Dot(r, r);
        for (int k = 0; k < 2 * _length && Math.Sqrt(rr) > tolerance && !run.IsCancellationRequested; k++)
        {
            loss.HessianVector(d, hd);
            double alpha = rr / TensorPrimitives.Dot(d, hd);
            TensorPrimitives.MultiplyAdd(d, alpha, s, s);
            if (TensorPrimitives.Norm(s) > delta)
            {
                // Back to the previous s, then along d to the boundary.
                TensorPrimitives.MultiplyAdd(d, -alpha, s, s);
                double std = TensorPrimitives.Dot(s, d), sts = TensorPrimitives.Dot(s, s), dtd = TensorPrimitives.Dot(d, d);
                double dsq = delta * delta;
                double rad = Math.Sqrt((std * std) + (dtd * (dsq - sts)));
                alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd;
                TensorPrimitives.MultiplyAdd(d, alpha, s, s);
                TensorPrimitives.MultiplyAdd(hd, -alpha, r, r);
                return;
            }

            TensorPrimitives.MultiplyAdd(hd, -alpha, r, r);
            double rrNew = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(d, rrNew / rr, r, d);
            rr = rrNew;
        }
    }

    /// <summary>
    /// step = -H^-1 g by Cholesky (H is overwritten by its factor). If rounding leaves H not positive definite,
    /// a ridge of 1e-12 times the largest diagonal entry, growing tenfold, is added until it factors.
    /// </summary>
    internal static void NewtonStep(double[] hessian, ReadOnlySpan<double> gradient, Span<double> step)
    {
        int size = gradient.Length;
        double maxDiagonal = 0;
        for (int i = 0; i < size; i++)
        {
            maxDiagonal = Math.Max(maxDiagonal, hessian[(i * size) + i]);
        }

        double ridge = 0;
        double[]? original = null;
        while (!Cholesky.TryFactor(hessian, size))
        {
            original ??= [.. hessian];
            ridge = ridge == 0 ? 1e-12 * Math.Max(maxDiagonal, double.Epsilon) : 10 * ridge;
            original.CopyTo(hessian, 0);
            for (int i = 0; i < size; i++)
            {
                hessian[(i * size) + i] += ridge;
            }
        }

        TensorPrimitives.Negate(gradient, step);
        Cholesky.Solve(hessian, size, step);
    }
}
