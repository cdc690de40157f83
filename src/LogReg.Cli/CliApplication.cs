using System.CommandLine;
using LogReg.Cli.Commands;
using LogReg.Simd.Data;
using LogReg.Simd.Training;

namespace LogReg.Cli;

/// <summary>
/// The `logreg` command line. Every error is one line on stderr that starts with "error:", and the
/// exit code says what kind it was (see <see cref="ExitCodes"/>); no stack trace is printed.
/// </summary>
internal static class CliApplication
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("logreg: fast binary logistic regression (LogReg.Simd).")
        {
            TrainCommand.Create(console),
            PredictCommand.Create(console),
            EvaluateCommand.Create(console),
            InspectCommand.Create(console),
            GradCheckCommand.Create(console),
            BenchCommand.Create(console),
            OnnxCommands.CreateExport(console),
            OnnxCommands.CreateImport(console),
        };

        ParseResult parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            // "Required command was not provided" accompanies an unknown command; the other error names it.
            var first = parse.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parse.Errors[0];
            error.WriteLine($"error: {OneLine(first.Message)} (see 'logreg {CommandPath(parse)}--help')");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(configuration);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (TrainingDivergedException e)
        {
            error.WriteLine($"error: {OneLine(TrainCommand.DivergedMessage(e))}");
            return ExitCodes.TrainingFailed;
        }
        catch (Exception e) when (IsDataOrModelError(e))
        {
            error.WriteLine($"error: {OneLine(MessageOf(e))}");
            return ExitCodes.DataError;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    private static bool IsDataOrModelError(Exception e) => e is DataFormatException
        or InvalidDataException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or IOException
        or ArgumentException
        or FormatException;

    private static string CommandPath(ParseResult parse)
    {
        string name = parse.CommandResult.Command.Name;
        return parse.CommandResult.Command is RootCommand ? string.Empty : name + " ";
    }

    /// <summary>The message without what .NET appends to an argument exception's: " (Parameter 'x')" and "Actual value was ...".</summary>
    internal static string MessageOf(Exception e)
    {
        // The appended text is localized, so learn it from an exception with the same parameter and an empty message.
        Exception? bare = e switch
        {
            ArgumentOutOfRangeException range => new ArgumentOutOfRangeException(range.ParamName, range.ActualValue, string.Empty),
            ArgumentException argument => new ArgumentException(string.Empty, argument.ParamName),
            _ => null,
        };
        string message = e.Message;
        return bare is not null && bare.Message.Length > 0 && message.EndsWith(bare.Message, StringComparison.Ordinal)
            ? message[..^bare.Message.Length]
            : message;
    }

    internal static string OneLine(string message) => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Where a command writes: stdout for results, stderr for progress and errors.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Gets a value indicating whether stderr is an interactive terminal (and not a test's writer).</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
}
