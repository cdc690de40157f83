using System.Numerics;
using LogReg.Simd.Model;

namespace LogReg.Simd.Training;

/// <summary>The outcome of a <see cref="LogisticRegressionTrainer"/> fit: the fitted model and how the fit went.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="Model">The fitted model; its <see cref="LogisticRegressionModel{T}.Metadata"/> repeats the options and the report.</param>
/// <param name="Report">How the fit went; check <see cref="TrainingReport.Converged"/>.</param>
public sealed record TrainingResult<T>(LogisticRegressionModel<T> Model, TrainingReport Report)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>;
