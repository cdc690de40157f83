using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;

namespace LogReg.Cli.Commands;

/// <summary>`logreg gradcheck`: every kernel form's gradient against central differences on random data.</summary>
internal static class GradCheckCommand
{
    // Central differences cost 2n + 2 passes over m x n values per form: a million elements is already slow.
    private const int MaxElements = 1_000_000;
    private const string SizeRange = "a whole number from 1 to 1000000";

    public static Command Create(CliConsole console)
    {
        var rows = new Option<int>("--rows") { Description = "Rows m of the random problem.", DefaultValueFactory = _ => 64, HelpName = "M", CustomParser = OptionValues.Whole(SizeRange, v => v >= 1 && v <= MaxElements) };
        var features = new Option<int>("--features") { Description = "Features n of the random problem.", DefaultValueFactory = _ => 13, HelpName = "N", CustomParser = OptionValues.Whole(SizeRange, v => v >= 1 && v <= MaxElements) };
        var seed = new Option<int>("--seed") { Description = "Seed of the random problem.", DefaultValueFactory = _ => 1, HelpName = "S", CustomParser = OptionValues.Whole(OptionValues.AnyWhole, _ => true) };
        var command = new Command("gradcheck", "Check the analytic gradient of every kernel form (float and double) against central finite differences; exits 1 on a failure.");
        command.Options.Add(rows);
        command.Options.Add(features);
        command.Options.Add(seed);
        command.SetAction(parse =>
        {
            int m = parse.GetValue(rows), n = parse.GetValue(features);
            if ((long)m * n > MaxElements)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--rows {m} x --features {n} must be at most {MaxElements} elements; got {(long)m * n}"));
            }

            return Run(m, n, parse.GetValue(seed), console);
        });
        return command;
    }

    private static int Run(int m, int n, int seed, CliConsole console)
    {
        var random = new Random(seed);
        double[] x = Fill(random, m * n, 1.0);
        double[] y = new double[m];
        double[] s = new double[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = random.Next(2);
            s[i] = 0.5 + random.NextDouble();
        }

        double[] w = Fill(random, n, 0.5);
        double b = (random.NextDouble() - 0.5) * 0.5;
        const double Lambda = 0.1;
        var options = GradientCheckOptions.Default;

        var inv = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Create(inv, $"gradient check: {m} rows x {n} features, seed {seed}, lambda {Lambda}, step {options.Step:G}, atol {options.AbsoluteTolerance:G}, rtol {options.RelativeTolerance:G}"));
        console.Out.WriteLine($"{"form",-11} {"precision",-9} {"max rel. error",14}  result");
        bool allPassed = true;
        foreach (LossGradientForm form in Enum.GetValues<LossGradientForm>())
        {
            allPassed &= Row<double>(form, x, y, s, w, b, Lambda, m, n, options, console);
            allPassed &= Row<float>(form, x, y, s, w, b, Lambda, m, n, options, console);
        }

        console.Out.WriteLine(allPassed ? "all passed" : "FAILED");
        return allPassed ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static bool Row<T>(LossGradientForm form, double[] x, double[] y, double[] s, double[] w, double b, double lambda, int m, int n, GradientCheckOptions options, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] xt = Narrow<T>(x);
        var report = GradientCheck.CheckLogisticLoss(
            new ReadOnlyMatrixSpan<T>(xt, m, n), Narrow<T>(y), Narrow<T>(s), Narrow<T>(w), T.CreateTruncating(b), T.CreateTruncating(lambda), form, options);
        string name = form.ToString().ToLowerInvariant();
        string precision = typeof(T) == typeof(float) ? "float" : "double";
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-11} {precision,-9} {report.RelativeError,14:E3}  {(report.Passed ? "pass" : $"FAIL (worst coordinate {report.WorstIndex}: analytic {report.Analytic:R}, numerical {report.Numerical:R})")}"));
        return report.Passed;
    }

    private static double[] Fill(Random random, int count, double scale)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ((random.NextDouble() * 2) - 1) * scale;
        }

        return values;
    }

    private static T[] Narrow<T>(double[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateTruncating(values[i]);
        }

        return result;
    }
}
