using System.Text.Json;

namespace LogReg.Simd.Tests.Cli;

/// <summary>`train --solver newton`: converges at a tight tolerance and reports its second-order passes.</summary>
public sealed class CliNewtonTests
{
    [Fact]
    public void TrainNewton_ConvergesAtTol1e10_AndReportsHessians()
    {
        CliResult json = CliRunner.Run("train", "--quiet", "--json", "--solver", "newton", "--tol", "1e-10");
        CliResult text = CliRunner.Run("train", "--quiet", "--solver", "newton", "--tol", "1e-10");

        Assert.Equal(0, json.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        JsonElement root = doc.RootElement;
        Assert.Equal("newton", root.GetProperty("solver").GetString());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.True(root.GetProperty("gradientNorm").GetDouble() <= 1e-10);
        int hessians = root.GetProperty("hessians").GetInt32();
        Assert.InRange(hessians, 1, 30);
        Assert.Equal(0, root.GetProperty("hessianVectorProducts").GetInt32());
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($", {hessians} Hessians", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainNewton_OnLibSvm_TrainsSparse_AndReachesTheDenseObjective()
    {
        string heart = CliRunner.DataFile("heart_scale.libsvm");
        CliResult sparse = CliRunner.Run("train", "--quiet", "--json", "--data", heart, "--solver", "newton", "--tol", "1e-10", "--precision", "double");
        CliResult dense = CliRunner.Run("train", "--quiet", "--json", "--data", heart, "--layout", "dense", "--solver", "newton", "--tol", "1e-10", "--precision", "double");

        Assert.Equal(0, sparse.ExitCode);
        Assert.Equal(0, dense.ExitCode);
        using JsonDocument sparseDoc = JsonDocument.Parse(sparse.Output);
        using JsonDocument denseDoc = JsonDocument.Parse(dense.Output);
        JsonElement a = sparseDoc.RootElement, b = denseDoc.RootElement;
        Assert.Equal("sparse", a.GetProperty("data").GetProperty("layout").GetString());
        Assert.Equal("dense", b.GetProperty("data").GetProperty("layout").GetString());
        Assert.True(a.GetProperty("converged").GetBoolean());
        Assert.InRange(a.GetProperty("hessians").GetInt32(), 1, 30);
        double objective = a.GetProperty("objective").GetDouble(), denseObjective = b.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(objective - denseObjective) <= 1e-13, $"sparse J {objective:R}, dense J {denseObjective:R}");
    }

    [Fact]
    public void TrainLbfgs_ReportsNoSecondOrderPasses()
    {
        CliResult json = CliRunner.Run("train", "--quiet", "--json");

        using JsonDocument doc = JsonDocument.Parse(json.Output);
        Assert.Equal(0, doc.RootElement.GetProperty("hessians").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("hessianVectorProducts").GetInt32());
    }
}
