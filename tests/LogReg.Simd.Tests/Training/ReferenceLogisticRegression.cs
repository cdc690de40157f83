namespace LogReg.Simd.Tests.Training;

/// <summary>
/// An independent, straightforward double implementation of the project's objective J and a Newton
/// solver for it (dense Hessian, Cholesky), the oracle the trainer's solvers are checked against.
/// </summary>
public static class ReferenceLogisticRegression
{
    /// <summary>J = (1/S) sum s_i [max(z,0) - y z + log1p(exp(-|z|))] + lambda/2 ||w||^2, z = w . x_i + b.</summary>
    public static double Objective(double[] x, double[] y, double[]? s, int m, int n, double lambda, ReadOnlySpan<double> w, double b)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < m; i++)
        {
            double z = b;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[(i * n) + j];
            }

            double si = s is null ? 1 : s[i];
            sum += si * (Math.Max(z, 0) - (y[i] * z) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
            total += si;
        }

        double norm = 0;
        for (int j = 0; j < n; j++)
        {
            norm += w[j] * w[j];
        }

        return (sum / total) + (0.5 * lambda * norm);
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>
    /// Minimizes J by Newton's method with step halving, until the Newton decrement squared g' H^-1 g (about
    /// 2 (J - J*)) is below 1e-20; returns theta = [w..., b] (b = 0 without an intercept) and the Newton iterations.
    /// </summary>
    public static (double[] Theta, int Iterations) Newton(double[] x, double[] y, double[]? s, int m, int n, double lambda, bool fitIntercept = true)
    {
        int d = fitIntercept ? n + 1 : n;
        var theta = new double[n + 1];
        var gradient = new double[d];
        var hessian = new double[d * d];
        var row = new double[d];
        double total = s is null ? m : s.Sum();
        double previousDecrement = double.PositiveInfinity;
        for (int iteration = 1; iteration <= 100; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    row[j] = x[(i * n) + j];
                }

                if (fitIntercept)
                {
                    row[n] = 1;
                }

                double z = theta[n];
                for (int j = 0; j < n; j++)
                {
                    z += theta[j] * row[j];
                }

                double p = Sigmoid(z);
                double si = (s is null ? 1 : s[i]) / total;
                double r = si * (p - y[i]), h = si * p * (1 - p);
                for (int j = 0; j < d; j++)
                {
                    gradient[j] += r * row[j];
                    for (int k = 0; k <= j; k++)
                    {
                        hessian[(j * d) + k] += h * row[j] * row[k];
                    }
                }
            }

            for (int j = 0; j < n; j++)
            {
                gradient[j] += lambda * theta[j];
                hessian[(j * d) + j] += lambda;
            }

            double[] step = CholeskySolve(hessian, gradient, d);
            double decrement = 0;
            for (int j = 0; j < d; j++)
            {
                decrement += gradient[j] * step[j];
            }

            double before = Objective(x, y, s, m, n, lambda, theta.AsSpan(0, n), theta[n]);
            var trial = new double[n + 1];
            for (double t = 1; ; t *= 0.5)
            {
                for (int j = 0; j < d; j++)
                {
                    trial[j] = theta[j] - (t * step[j]);
                }

                if (Objective(x, y, s, m, n, lambda, trial.AsSpan(0, n), trial[n]) <= before || t < 1e-10)
                {
                    break;
                }
            }

            theta = trial;

            // Or at the rounding floor: a Newton step that no longer shrinks a decrement already below 1e-16.
            bool atFloor = decrement <= 1e-16 && decrement >= 0.25 * previousDecrement;
            previousDecrement = decrement;
            if (decrement <= 1e-20 || atFloor)
            {
                return (theta, iteration);
            }
        }

        throw new InvalidOperationException("Newton did not converge in 100 iterations.");
    }

    /// <summary>Solves A v = b for symmetric positive definite A, given by its lower triangle (row-major d x d).</summary>
    private static double[] CholeskySolve(double[] a, double[] b, int d)
    {
        var l = new double[d * d];
        for (int j = 0; j < d; j++)
        {
            double diagonal = a[(j * d) + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= l[(j * d) + k] * l[(j * d) + k];
            }

            if (diagonal <= 0)
            {
                throw new InvalidOperationException("Hessian is not positive definite.");
            }

            l[(j * d) + j] = Math.Sqrt(diagonal);
            for (int i = j + 1; i < d; i++)
            {
                double sum = a[(i * d) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * d) + k] * l[(j * d) + k];
                }

                l[(i * d) + j] = sum / l[(j * d) + j];
            }
        }

        var v = new double[d];
        for (int i = 0; i < d; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[(i * d) + k] * v[k];
            }

            v[i] = sum / l[(i * d) + i];
        }

        for (int i = d - 1; i >= 0; i--)
        {
            double sum = v[i];
            for (int k = i + 1; k < d; k++)
            {
                sum -= l[(k * d) + i] * v[k];
            }

            v[i] = sum / l[(i * d) + i];
        }

        return v;
    }

    /// <summary>(x - mean) / population standard deviation per column, by two passes in double.</summary>
    public static double[] Standardize(double[] x, int m, int n)
    {
        var result = new double[x.Length];
        for (int j = 0; j < n; j++)
        {
            double mean = 0;
            for (int i = 0; i < m; i++)
            {
                mean += x[(i * n) + j];
            }

            mean /= m;
            double variance = 0;
            for (int i = 0; i < m; i++)
            {
                double c = x[(i * n) + j] - mean;
                variance += c * c;
            }

            double scale = Math.Sqrt(variance / m);
            scale = scale == 0 ? 1 : scale;
            for (int i = 0; i < m; i++)
            {
                result[(i * n) + j] = (x[(i * n) + j] - mean) / scale;
            }
        }

        return result;
    }
}
