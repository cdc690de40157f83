using System.Text.Json;

namespace LogReg.Simd.Tests.Cli;

/// <summary>Every --json output is valid JSON (non-finite numbers are null) and spells names as `train --json` does.</summary>
public sealed class CliJsonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TrainJson_WithNonFiniteNumbers_IsValidJson_WithNulls_AndTheModelIsSaved()
    {
        // Float features near 3e38, raw: the gradient overflows float, so max |gradient| is infinite.
        string data = _folder.File("huge.csv");
        File.WriteAllText(data, "a,b,y\n3e38,1,0\n-3e38,2,1\n2.9e38,3,0\n-2.8e38,4,1\n");
        string model = _folder.File("model.lrsm");

        CliResult result = CliRunner.Run("train", "--quiet", "--json", "--precision", "float", "--no-standardize", "--data", data, "--out", model);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("gradientNorm").ValueKind);
        Assert.DoesNotContain("Infinity", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(model));

        CliResult inspect = CliRunner.Run("inspect", "--model", model, "--json");
        Assert.Equal(0, inspect.ExitCode);
        using JsonDocument inspected = JsonDocument.Parse(inspect.Output);
        Assert.Equal(JsonValueKind.Null, inspected.RootElement.GetProperty("gradientNorm").ValueKind);
    }

    [Theory]
    [InlineData("lbfgs", "none")]
    [InlineData("gd", "balanced")]
    [InlineData("sgd", "none")]
    [InlineData("newton", "balanced")]
    public void InspectJson_SpellsSolverReasonAndClassWeight_AsTrainJson(string solver, string classWeight)
    {
        string model = _folder.File("model.lrsm");
        CliResult train = CliRunner.Run("train", "--quiet", "--json", "--solver", solver, "--class-weight", classWeight, "--max-iter", "5", "--out", model);
        CliResult inspect = CliRunner.Run("inspect", "--model", model, "--json");

        Assert.Equal(0, train.ExitCode);
        Assert.Equal(0, inspect.ExitCode);
        using JsonDocument trained = JsonDocument.Parse(train.Output);
        using JsonDocument inspected = JsonDocument.Parse(inspect.Output);
        JsonElement t = trained.RootElement, i = inspected.RootElement;
        Assert.Equal(solver, i.GetProperty("solver").GetString());
        Assert.Equal(classWeight, i.GetProperty("options").GetProperty("classWeight").GetString());
        foreach (string name in new[] { "solver", "reason", "iterations", "converged", "objective", "gradientNorm", "precision" })
        {
            Assert.Equal(t.GetProperty(name).GetRawText(), i.GetProperty(name).GetRawText());
        }

        foreach (string name in new[] { "c", "lambda", "classWeight", "standardize", "fitIntercept", "tol", "maxIter" })
        {
            Assert.Equal(t.GetProperty("options").GetProperty(name).GetRawText(), i.GetProperty("options").GetProperty(name).GetRawText());
        }

        foreach (string name in new[] { "weights", "bias", "scaler" })
        {
            Assert.Equal(t.GetProperty(name).GetRawText(), i.GetProperty(name).GetRawText());
        }
    }

    [Fact]
    public void EvaluateJson_SingleClassData_WritesNullRocAuc()
    {
        string model = _folder.File("model.lrsm");
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--out", model).ExitCode);
        string data = _folder.File("ones.csv");
        string header = string.Join(',', Enumerable.Range(0, 30).Select(j => $"f{j}")) + ",y\n";
        File.WriteAllText(data, header + string.Join(',', Enumerable.Repeat("1", 30)) + ",1\n");

        CliResult result = CliRunner.Run("evaluate", "--model", model, "--data", data, "--json", "--ignore-feature-names");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.Output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("rocAuc").ValueKind);
    }
}
