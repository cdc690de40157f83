using System.Text.RegularExpressions;

namespace LogReg.Simd.Tests.Cli;

/// <summary>
/// Every bad option value is exit 2 and one line in the CLI's words: the flag, the accepted range and the value
/// as typed, with no .NET type or parameter names (System.CommandLine's "Cannot parse argument ... as expected type
/// 'System.Nullable`1[System.Double]'" or the library's "(Parameter 'c') Actual value was 0.").
/// </summary>
public sealed class CliOptionValueErrorTests
{
    private const string C = "a finite number > 0 whose inverse 1/C is finite (C >= 5.6e-309)";
    private const string Positive = "a finite number > 0";
    private const string NonNegative = "a finite number >= 0";
    private const string AtLeast1 = "a whole number from 1 to 2147483647";

    public static TheoryData<string[], string> BadValues() => new()
    {
        { ["train", "--c", "0"], $"--c must be {C}; got 0" },
        { ["train", "--c", "inf"], $"--c must be {C}; got inf" },
        { ["train", "--c", "1e-320"], $"--c must be {C}; got 1e-320" },
        { ["train", "--c", "-1"], $"--c must be {C}; got -1" },
        { ["train", "--c", "NaN"], $"--c must be {C}; got NaN" },
        { ["train", "--c", "abc"], $"--c must be {C}; got abc" },
        { ["train", "--lambda", "-1"], $"--lambda must be {NonNegative}; got -1" },
        { ["train", "--lambda", "nan"], $"--lambda must be {NonNegative}; got nan" },
        { ["train", "--lambda", "Infinity"], $"--lambda must be {NonNegative}; got Infinity" },
        { ["train", "--max-iter", "1e3"], $"--max-iter must be {AtLeast1}; got 1e3" },
        { ["train", "--max-iter", "0"], $"--max-iter must be {AtLeast1}; got 0" },
        { ["train", "--max-iter", "99999999999"], $"--max-iter must be {AtLeast1}; got 99999999999" },
        { ["train", "--tol", "-1e-4"], $"--tol must be {NonNegative}; got -1e-4" },
        { ["train", "--tol", "NaN"], $"--tol must be {NonNegative}; got NaN" },
        { ["train", "--tol", "inf"], $"--tol must be {NonNegative}; got inf" },
        { ["train", "--learning-rate", "0"], $"--learning-rate must be {Positive}; got 0" },
        { ["train", "--learning-rate", "-0.1"], $"--learning-rate must be {Positive}; got -0.1" },
        { ["train", "--learning-rate", "nan"], $"--learning-rate must be {Positive}; got nan" },
        { ["train", "--batch-size", "0"], $"--batch-size must be {AtLeast1}; got 0" },
        { ["train", "--batch-size", "2.5"], $"--batch-size must be {AtLeast1}; got 2.5" },
        { ["train", "--threads", "0"], "--threads must be -1 (automatic) or a whole number from 1 to 2147483647; got 0" },
        { ["train", "--threads", "-2"], "--threads must be -1 (automatic) or a whole number from 1 to 2147483647; got -2" },
        { ["train", "--seed", "x"], "--seed must be a whole number from -2147483648 to 2147483647; got x" },
        { ["train", "--out", string.Empty], "--out must be a file path; got ''" },
        { ["train", "--out", " "], "--out must be a file path; got ' '" },
        { ["predict", "--model", "m.lrsm", "--data", "d.csv", "--out", string.Empty], "--out must be a file path; got ''" },
        { ["evaluate", "--model", "m.lrsm", "--data", "d.csv", "--threshold", "2"], "--threshold must be a number in [0, 1]; got 2" },
        { ["evaluate", "--model", "m.lrsm", "--data", "d.csv", "--threshold", "nan"], "--threshold must be a number in [0, 1]; got nan" },
        { ["gradcheck", "--rows", "0"], "--rows must be a whole number from 1 to 1000000; got 0" },
        { ["gradcheck", "--rows", "1e3"], "--rows must be a whole number from 1 to 1000000; got 1e3" },
        { ["gradcheck", "--features", "-3"], "--features must be a whole number from 1 to 1000000; got -3" },
        { ["gradcheck", "--features", "2000000"], "--features must be a whole number from 1 to 1000000; got 2000000" },
        { ["gradcheck", "--seed", "1.5"], "--seed must be a whole number from -2147483648 to 2147483647; got 1.5" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadOptionValue_IsOneUsageErrorLine_NamingFlagRangeAndValue(string[] args, string expected)
    {
        CliResult result = CliRunner.Run(args);

        AssertUsageLine(result, $"error: {expected} (see 'logreg {args[0]} --help')");
    }

    [Fact]
    public void GradCheck_TooManyElements_IsAUsageError_BeforeAllocating()
    {
        CliResult result = CliRunner.Run("gradcheck", "--rows", "100000", "--features", "1000");

        AssertUsageLine(result, "error: --rows 100000 x --features 1000 must be at most 1000000 elements; got 100000000");
    }

    [Fact]
    public void TolZero_IsAccepted()
    {
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--solver", "gd", "--tol", "0", "--max-iter", "3").ExitCode);
    }

    [Fact]
    public void DataErrorFromTheLibrary_HasNoParameterSuffix()
    {
        using var folder = new TempFolder();
        string data = folder.File("one.csv");
        File.WriteAllText(data, "a,y\n1,1\n2,1\n");

        CliResult result = CliRunner.Run("train", "--data", data);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("error: 'y' holds only class 1 (all 2 rows); a fit needs both classes 0 and 1.", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("gd", "gradient descent \\(--solver gd\\) diverged at iteration \\d+")]
    [InlineData("sgd", "mini-batch SGD \\(--solver sgd\\) diverged at epoch \\d+")]
    public void Divergence_IsATrainingFailure_WithExitCode4_AndAdvice(string solver, string what)
    {
        using var folder = new TempFolder();
        string model = folder.File("model.lrsm");

        CliResult result = CliRunner.Run("train", "--quiet", "--solver", solver, "--learning-rate", "1e6", "--out", model);

        Assert.Equal(4, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Matches(new Regex($"^error: {what} \\(objective became infinite\\) with --learning-rate 1000000; lower --learning-rate or use --solver lbfgs$"), line);
        Assert.False(File.Exists(model));
    }

    private static void AssertUsageLine(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
