namespace LogReg.Cli;

/// <summary>The process exit codes, the same on every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found a failure it reports (for example a gradient check that failed).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown or conflicting flags, a bad value.</summary>
    public const int Usage = 2;

    /// <summary>The data or the model is missing, unreadable or does not fit.</summary>
    public const int DataError = 3;

    /// <summary>Training failed: gradient descent or SGD diverged (the learning rate is too large).</summary>
    public const int TrainingFailed = 4;
}

/// <summary>A command line that parses but does not make sense (conflicting flags), reported with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
