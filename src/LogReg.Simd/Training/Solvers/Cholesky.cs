namespace LogReg.Simd.Training.Solvers;

/// <summary>The Cholesky factorization A = L L^T of a small symmetric positive definite matrix, and solves with it.</summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of the row-major <paramref name="size"/> x <paramref name="size"/> matrix with L; false if A is not positive definite.</summary>
    public static bool TryFactor(Span<double> a, int size)
    {
        for (int j = 0; j < size; j++)
        {
            Span<double> rowJ = a.Slice(j * size, size);
            double diagonal = rowJ[j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= rowJ[k] * rowJ[k];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            double root = Math.Sqrt(diagonal);
            rowJ[j] = root;
            for (int i = j + 1; i < size; i++)
            {
                Span<double> rowI = a.Slice(i * size, size);
                double sum = rowI[j];
                for (int k = 0; k < j; k++)
                {
                    sum -= rowI[k] * rowJ[k];
                }

                rowI[j] = sum / root;
            }
        }

        return true;
    }

    /// <summary>Solves L L^T x = b in place, with L from <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int size, Span<double> b)
    {
        for (int i = 0; i < size; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= factor[(i * size) + k] * b[k];
            }

            b[i] = sum / factor[(i * size) + i];
        }

        for (int i = size - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < size; k++)
            {
                sum -= factor[(k * size) + i] * b[k];
            }

            b[i] = sum / factor[(i * size) + i];
        }
    }
}
