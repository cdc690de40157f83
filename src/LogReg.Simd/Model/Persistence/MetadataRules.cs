using System.Globalization;

namespace LogReg.Simd.Model.Persistence;

/// <summary>
/// The ranges a loaded <see cref="TrainingMetadata"/> must respect: the values a fit can produce. A file
/// whose checksum is right but whose metadata is out of range was written by something else, and is
/// refused rather than shown as if it were fine.
/// </summary>
internal static class MetadataRules
{
    /// <summary>Finds the first field out of range.</summary>
    /// <returns>The field (by its JSON name), its value and the rule it breaks, or null when every field is in range.</returns>
    public static (string Field, string Value, string Rule)? FindViolation(TrainingMetadata m)
    {
        // Auto is resolved before a fit starts; a model records the solver that ran.
        if (m.Solver == Solver.Auto)
        {
            return ("solver", "Auto", "the solver that ran (Auto is resolved before training)");
        }

        if (m.Iterations < 0)
        {
            return ("iterations", Text(m.Iterations), ">= 0");
        }

        // A float fit on data near float's range can overflow to an infinite or NaN objective or gradient; that
        // is a training outcome the file records, not a defect. Neither can be negative.
        if (m.Objective < 0 || double.IsNegativeInfinity(m.Objective))
        {
            return ("objective", Text(m.Objective), ">= 0 (or infinite or NaN after an overflow)");
        }

        if (m.GradientNorm < 0 || double.IsNegativeInfinity(m.GradientNorm))
        {
            return ("gradientNorm", Text(m.GradientNorm), ">= 0 (or infinite or NaN after an overflow)");
        }

        if (!IsFiniteNonNegative(m.Lambda))
        {
            return ("lambda", Text(m.Lambda), "finite and >= 0");
        }

        if (m.C is double c && !(double.IsFinite(c) && c > 0))
        {
            return ("c", Text(c), "finite and > 0, or absent");
        }

        if (!IsFiniteNonNegative(m.Tolerance))
        {
            return ("tolerance", Text(m.Tolerance), "finite and >= 0");
        }

        if (m.MaxIterations < 1)
        {
            return ("maxIterations", Text(m.MaxIterations), ">= 1");
        }

        if (m.TrainingRows < 1)
        {
            return ("trainingRows", Text(m.TrainingRows), ">= 1");
        }

        return null;
    }

    private static bool IsFiniteNonNegative(double value) => double.IsFinite(value) && value >= 0;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
