using System.Numerics;
using System.Numerics.Tensors;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training.Solvers;

/// <summary>
/// Limited-memory BFGS: the two-loop recursion over the last <c>HistorySize</c> correction pairs,
/// with a line search that enforces the strong Wolfe conditions.
/// </summary>
/// <remarks>
/// <para>
/// Direction: d = -H g, with H built from pairs (s, y) = (theta_{k+1} - theta_k, g_{k+1} - g_k) on
/// H_0 = gamma I, gamma = s'y / y'y of the newest pair (Nocedal and Wright, Algorithm 7.4). A pair with
/// s'y &lt;= 1e-10 ||s|| ||y|| would break positive definiteness and is skipped.
/// </para>
/// <para>
/// Line search (Nocedal and Wright, Algorithms 3.5 and 3.6): alpha satisfies
/// phi(alpha) &lt;= phi(0) + c1 alpha phi'(0) and |phi'(alpha)| &lt;= c2 |phi'(0)|, c1 = 1e-4, c2 = 0.9.
/// The first trial is 1 / ||g||_2 capped at 1 on the first iteration (no curvature is known yet), 1 after.
/// </para>
/// <para>
/// Sufficient decrease is established from the values, or from the slope: J is convex, so phi' does not
/// decrease along the line and phi(alpha) - phi(0) &lt;= alpha phi'(alpha); a trial with phi'(alpha) &lt;= c1 phi'(0)
/// therefore satisfies phi(alpha) &lt;= phi(0) + c1 alpha phi'(0) exactly. Near the minimum the decrease falls
/// below the rounding of J (about 1e-7 J in float, which the kernel returns as float) while the slope stays
/// accurate, so without this certificate the search would fail long before the gradient is small.
/// </para>
/// <para>
/// All buffers are allocated in the constructor; an iteration allocates nothing.
/// </para>
/// </remarks>
internal sealed class LbfgsSolver
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const int MaxLineSearchEvaluations = 40;
    private const double MaxStep = 1e20;

    private readonly int _length;
    private readonly int _historySize;
    private readonly double[] _gradient;
    private readonly double[] _direction;
    private readonly double[] _trialTheta;
    private readonly double[] _trialGradient;
    private readonly double[] _s;
    private readonly double[] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _pairs;
    private int _newest = -1;

    public LbfgsSolver(int length, int historySize)
    {
        _length = length;
        _historySize = historySize;
        _gradient = new double[length];
        _direction = new double[length];
        _trialTheta = new double[length];
        _trialGradient = new double[length];
        _s = new double[checked(historySize * length)];
        _y = new double[checked(historySize * length)];
        _rho = new double[historySize];
        _alpha = new double[historySize];
    }

    public SolverOutcome Minimize<T>(ref LossFunction<T> loss, Span<double> theta, SolverRun run)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double f = loss.Evaluate(theta, _gradient);
        double gradientNorm = LossFunction<T>.MaxAbs(_gradient);
        run.Start(f);
        ConvergenceReason? stop = run.StopReason(0, gradientNorm, toleranceStops: true);
        int iteration = 0;
        while (stop is null)
        {
            ComputeDirection();
            double slope = TensorPrimitives.Dot(_direction, _gradient);
            if (!(slope < 0))
            {
                // Rounding made H lose positive definiteness: forget the pairs and go downhill.
                _pairs = 0;
                ComputeDirection();
                slope = TensorPrimitives.Dot(_direction, _gradient);
            }

            double initialStep = _pairs == 0 ? Math.Min(1.0, 1.0 / TensorPrimitives.Norm(_gradient)) : 1.0;
            iteration++;
            if (!(slope < 0) || !LineSearch(ref loss, theta, f, slope, initialStep, out double step, out double trialF))
            {
                // theta, f and g stay at the last accepted point. Near the limits of precision the quasi-Newton
                // direction can be too poor for a Wolfe step: forget the pairs and try steepest descent once more.
                iteration--;
                if (_pairs > 0)
                {
                    _pairs = 0;
                    continue;
                }

                stop = ConvergenceReason.LineSearchFailed;
                break;
            }

            // s = alpha d, y = g_new - g; the new point becomes the current one.
            StorePair(step);
            _trialTheta.CopyTo(theta);
            _trialGradient.CopyTo(_gradient);
            f = trialF;
            gradientNorm = LossFunction<T>.MaxAbs(_gradient);
            run.Record(iteration, f, gradientNorm, step);
            stop = run.StopReason(iteration, gradientNorm, toleranceStops: true);
        }

        return new SolverOutcome(iteration, f, gradientNorm, stop.Value);
    }

    /// <summary>d = -H g by the two-loop recursion (steepest descent when no pair is stored).</summary>
    private void ComputeDirection()
    {
        Span<double> q = _direction;
        for (int j = 0; j < q.Length; j++)
        {
            q[j] = -_gradient[j];
        }

        if (_pairs == 0)
        {
            return;
        }

        int index = _newest;
        for (int k = 0; k < _pairs; k++)
        {
            _alpha[index] = _rho[index] * TensorPrimitives.Dot(S(index), q);
            TensorPrimitives.MultiplyAdd(Y(index), -_alpha[index], q, q);
            index = index == 0 ? _historySize - 1 : index - 1;
        }

        ReadOnlySpan<double> newestY = Y(_newest);
        double gamma = 1.0 / (_rho[_newest] * TensorPrimitives.Dot(newestY, newestY));
        TensorPrimitives.Multiply(q, gamma, q);

        index = (_newest - _pairs + 1 + _historySize) % _historySize;
        for (int k = 0; k < _pairs; k++)
        {
            double beta = _rho[index] * TensorPrimitives.Dot(Y(index), q);
            TensorPrimitives.MultiplyAdd(S(index), _alpha[index] - beta, q, q);
            index = index == _historySize - 1 ? 0 : index + 1;
        }
    }

    private void StorePair(double step)
    {
        int slot = _newest == _historySize - 1 ? 0 : _newest + 1;
        Span<double> s = _s.AsSpan(slot * _length, _length);
        Span<double> y = _y.AsSpan(slot * _length, _length);
        TensorPrimitives.Multiply(_direction, step, s);
        TensorPrimitives.Subtract(_trialGradient, _gradient, y);
        double sy = TensorPrimitives.Dot(s, y);
        if (!(sy > 1e-10 * TensorPrimitives.Norm(s) * TensorPrimitives.Norm(y)))
        {
            return;
        }

        _rho[slot] = 1.0 / sy;
        _newest = slot;
        _pairs = Math.Min(_pairs + 1, _historySize);
    }

    private Span<double> S(int index) => _s.AsSpan(index * _length, _length);

    private Span<double> Y(int index) => _y.AsSpan(index * _length, _length);

    /// <summary>phi(alpha) = J(theta + alpha d); leaves theta + alpha d and its gradient in the trial buffers and returns phi'(alpha).</summary>
    private double Probe<T>(ref LossFunction<T> loss, ReadOnlySpan<double> theta, double alpha, out double phi)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.MultiplyAdd(_direction, alpha, theta, _trialTheta);
        phi = loss.Evaluate(_trialTheta, _trialGradient);
        return TensorPrimitives.Dot(_trialGradient, _direction);
    }

    /// <summary>Algorithm 3.5: grow alpha until a step brackets a strong-Wolfe point, then zoom; on success the trial buffers hold the accepted point.</summary>
    private bool LineSearch<T>(ref LossFunction<T> loss, ReadOnlySpan<double> theta, double phi0, double slope0, double initialStep, out double step, out double phi)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double previousAlpha = 0, previousPhi = phi0, previousSlope = slope0;
        double alpha = initialStep;
        int evaluations = 0;
        while (evaluations < MaxLineSearchEvaluations)
        {
            double slope = Probe(ref loss, theta, alpha, out phi);
            evaluations++;
            bool certified = slope <= C1 * slope0;
            if (!(certified || phi <= phi0 + (C1 * alpha * slope0)) || (evaluations > 1 && phi >= previousPhi && !certified))
            {
                return Zoom(ref loss, theta, phi0, slope0, previousAlpha, previousPhi, previousSlope, alpha, phi, slope, evaluations, out step, out phi);
            }

            if (Math.Abs(slope) <= -C2 * slope0)
            {
                step = alpha;
                return true;
            }

            if (slope >= 0)
            {
                return Zoom(ref loss, theta, phi0, slope0, alpha, phi, slope, previousAlpha, previousPhi, previousSlope, evaluations, out step, out phi);
            }

            if (alpha >= MaxStep)
            {
                break;
            }

            (previousAlpha, previousPhi, previousSlope) = (alpha, phi, slope);
            alpha = Math.Min(4 * alpha, MaxStep);
        }

        step = 0;
        phi = phi0;
        return false;
    }

    /// <summary>Algorithm 3.6: shrink [lo, hi] (lo satisfies sufficient decrease with the lowest phi) by safeguarded interpolation.</summary>
    private bool Zoom<T>(
        ref LossFunction<T> loss,
        ReadOnlySpan<double> theta,
        double phi0,
        double slope0,
        double lo,
        double phiLo,
        double slopeLo,
        double hi,
        double phiHi,
        double slopeHi,
        int evaluations,
        out double step,
        out double phi)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        while (evaluations < MaxLineSearchEvaluations)
        {
            double width = Math.Abs(hi - lo);
            if (width <= 1e-16 * Math.Max(Math.Abs(lo), Math.Abs(hi)))
            {
                break;
            }

            double alpha = Interpolate(lo, phiLo, slopeLo, hi, phiHi, slopeHi);
            double slope = Probe(ref loss, theta, alpha, out phi);
            evaluations++;
            bool certified = slope <= C1 * slope0;
            if (!(certified || phi <= phi0 + (C1 * alpha * slope0)) || (phi >= phiLo && !certified))
            {
                (hi, phiHi, slopeHi) = (alpha, phi, slope);
                continue;
            }

            if (Math.Abs(slope) <= -C2 * slope0)
            {
                step = alpha;
                return true;
            }

            if (slope * (hi - lo) >= 0)
            {
                (hi, phiHi, slopeHi) = (lo, phiLo, slopeLo);
            }

            (lo, phiLo, slopeLo) = (alpha, phi, slope);
        }

        step = 0;
        phi = phi0;
        return false;
    }

    /// <summary>
    /// The minimizer of the cubic through (lo, phiLo, slopeLo) and (hi, phiHi, slopeHi) (Nocedal and Wright, eq. 3.59);
    /// else of the quadratic through phiLo, slopeLo and phiHi; else the midpoint. The result keeps 10% of the
    /// interval's width from either end, so the interval shrinks by at least that much each time.
    /// </summary>
    internal static double Interpolate(double lo, double phiLo, double slopeLo, double hi, double phiHi, double slopeHi)
    {
        double low = Math.Min(lo, hi), high = Math.Max(lo, hi);
        double margin = 0.1 * (high - low);
        double safeLow = low + margin, safeHigh = high - margin;

        double d1 = slopeLo + slopeHi - (3 * (phiLo - phiHi) / (lo - hi));
        double discriminant = (d1 * d1) - (slopeLo * slopeHi);
        if (discriminant >= 0)
        {
            double d2 = Math.CopySign(Math.Sqrt(discriminant), hi - lo);
            double cubic = hi - ((hi - lo) * (slopeHi + d2 - d1) / (slopeHi - slopeLo + (2 * d2)));
            if (cubic >= safeLow && cubic <= safeHigh)
            {
                return cubic;
            }
        }

        double delta = hi - lo;
        double curvature = phiHi - phiLo - (slopeLo * delta);
        if (curvature > 0)
        {
            double quadratic = lo - (slopeLo * delta * delta / (2 * curvature));
            if (quadratic >= safeLow && quadratic <= safeHigh)
            {
                return quadratic;
            }
        }

        return 0.5 * (lo + hi);
    }
}
