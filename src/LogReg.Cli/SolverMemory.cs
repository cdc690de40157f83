using System.Globalization;
using LogReg.Simd.Model;
using LogReg.Simd.Training;

namespace LogReg.Cli;

/// <summary>
/// The solver's state grows with the feature count, which a sparse file sets with one large index: a 26-byte LIBSVM
/// line naming feature 100,000,000 would ask L-BFGS for about 20 GB. The CLI checks the estimate before fitting.
/// </summary>
internal static class SolverMemory
{
    /// <summary>The most solver state a CLI fit may allocate: url-shaped data (3.2 million features) needs about 0.7 GB.</summary>
    public const long MaxBytes = 2L << 30;

    /// <summary>Throws <see cref="InvalidDataException"/> (exit 3) when fitting <paramref name="features"/> features would pass <see cref="MaxBytes"/>.</summary>
    public static void Check(string source, int features, LogisticRegressionOptions options)
    {
        long bytes = Estimate(features, options);
        if (bytes > MaxBytes)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source}: {features:N0} features (the largest index) need about {bytes:N0} bytes of solver state, above the limit of {MaxBytes:N0} bytes; check the file's indices, or train through the library API."));
        }
    }

    /// <summary>
    /// Doubles per feature: theta, the gradient and the pass's weight buffers, plus the solver's own vectors (L-BFGS: two
    /// per history pair; Newton's trust region: about six; Auto counts as L-BFGS, the larger).
    /// </summary>
    public static long Estimate(int features, LogisticRegressionOptions options)
    {
        long vectors = options.Solver switch
        {
            Solver.Newton => 12,
            Solver.GradientDescent or Solver.MiniBatchSgd => 8,
            _ => (2L * options.HistorySize) + 8,
        };

        return (features + 1L) * sizeof(double) * vectors;
    }
}
