namespace LogReg.Simd.Diagnostics;

/// <summary>The outcome of a <see cref="GradientCheck"/>: whether every coordinate passed, and the worst one.</summary>
/// <param name="Passed">True when every coordinate is within tolerance.</param>
/// <param name="Coordinates">The number of coordinates checked.</param>
/// <param name="FailedCoordinates">The number of coordinates outside tolerance.</param>
/// <param name="WorstIndex">The coordinate furthest outside (or least inside) tolerance, or -1 when there are none.</param>
/// <param name="Analytic">The analytic derivative at <paramref name="WorstIndex"/>.</param>
/// <param name="Numerical">The central-difference derivative at <paramref name="WorstIndex"/>.</param>
/// <param name="AbsoluteError">|analytic - numerical| at <paramref name="WorstIndex"/>.</param>
/// <param name="RelativeError">
/// The largest relative error over all coordinates: |analytic - numerical| / max(|analytic|, |numerical|, atol / rtol).
/// The floor atol / rtol is where the two tolerances weigh the same, so a derivative that is
/// nearly zero is judged on the absolute scale instead of dividing by almost nothing.
/// </param>
public sealed record GradientCheckReport(
    bool Passed,
    int Coordinates,
    int FailedCoordinates,
    int WorstIndex,
    double Analytic,
    double Numerical,
    double AbsoluteError,
    double RelativeError)
{
    /// <summary>Describes the result in one line.</summary>
    /// <returns>For example "passed: 31 coordinates, worst [4] analytic 0.1 numerical 0.1 relative error 2.1E-09".</returns>
    public override string ToString() =>
        $"{(Passed ? "passed" : $"FAILED ({FailedCoordinates} of {Coordinates})")}: {Coordinates} coordinates, worst [{WorstIndex}] analytic {Analytic:R} numerical {Numerical:R} relative error {RelativeError:E2}";
}
