using LogReg.Simd.Data;
using LogReg.Simd.Tests.TestSupport;
using LogReg.Simd.Training;
using R = LogReg.Simd.Tests.Training.ReferenceLogisticRegression;

namespace LogReg.Simd.Tests.Training;

/// <summary>
/// A real data set with a penalty, and the independent reference solution of the project's objective on it:
/// Newton's method on the (optionally standardized) features, J* computed by the test's own code.
/// </summary>
public sealed class ReferenceProblem
{
    private static readonly Dictionary<string, ReferenceProblem> s_cache = [];

    private ReferenceProblem(string name, LabeledData data, bool standardize, double c)
    {
        Name = name;
        Data = data;
        Standardize = standardize;
        C = c;
        Features = standardize ? R.Standardize(data.X, data.Rows, data.Columns) : data.X;
        Lambda = 1.0 / (c * data.Rows);
        (Theta, NewtonIterations) = R.Newton(Features, data.Y, null, data.Rows, data.Columns, Lambda);
        Objective = ObjectiveAt(Theta.AsSpan(0, data.Columns), Theta[data.Columns]);
    }

    public string Name { get; }

    public LabeledData Data { get; }

    public bool Standardize { get; }

    public double C { get; }

    /// <summary>Gets the features the objective is defined on (standardized by the test's own code when <see cref="Standardize"/>).</summary>
    public double[] Features { get; }

    public double Lambda { get; }

    /// <summary>Gets Newton's minimizer [w..., b] on <see cref="Features"/>.</summary>
    public double[] Theta { get; }

    public int NewtonIterations { get; }

    /// <summary>Gets J* = J(Newton's minimizer).</summary>
    public double Objective { get; }

    public ReadOnlyMatrixSpan<double> X => new(Data.X, Data.Rows, Data.Columns);

    /// <summary>Breast cancer, standardized, at the given C.</summary>
    public static ReferenceProblem BreastCancer(double c) => Get($"breast_cancer C={c}", () => new("breast_cancer", SharedData.BreastCancer, standardize: true, c));

    /// <summary>Heart, raw features, at C = 1.</summary>
    public static ReferenceProblem Heart() => Get("heart C=1", () => new("heart", SharedData.Heart, standardize: false, 1.0));

    /// <summary>Any data set, raw or standardized, at any C (cached by name).</summary>
    public static ReferenceProblem For(string name, LabeledData data, bool standardize, double c) =>
        Get($"{name} standardize={standardize} C={c}", () => new(name, data, standardize, c));

    public static ReferenceProblem ByName(string name, double c) => name == "heart" ? Heart() : BreastCancer(c);

    /// <summary>The test's own J at (w, b) on <see cref="Features"/>.</summary>
    public double ObjectiveAt(ReadOnlySpan<double> w, double b) =>
        R.Objective(Features, Data.Y, null, Data.Rows, Data.Columns, Lambda, w, b);

    public LogisticRegressionOptions Options(LogisticRegressionOptions options) =>
        options with { Standardize = Standardize, Regularization = Regularization.FromC(C) };

    private static ReferenceProblem Get(string key, Func<ReferenceProblem> create)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(key, out ReferenceProblem? problem))
            {
                problem = create();
                s_cache[key] = problem;
            }

            return problem;
        }
    }
}
