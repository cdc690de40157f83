using LogReg.Cli;

namespace LogReg.Simd.Tests.Cli;

/// <summary>Runs `logreg` in-process with captured stdout and stderr.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = CliApplication.Run(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The CLI's error contract: one line on stderr starting with "error:", the documented exit code, no stack trace.</summary>
internal static class CliAssert
{
    public static void OneLineError(CliResult result, int exitCode, string expected)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "logreg-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
