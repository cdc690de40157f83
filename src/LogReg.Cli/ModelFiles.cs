using System.CommandLine;
using System.Numerics;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;

namespace LogReg.Cli;

/// <summary>The --model flag and the model file operations behind it.</summary>
internal static class ModelFiles
{
    public static Option<string> ModelOption() => new("--model")
    {
        Description = "The model file, as written by 'logreg train --out'.",
        Required = true,
        HelpName = "MODEL",
    };

    /// <summary>Loads a model of either precision; the file says which.</summary>
    public static object Load(string path)
    {
        DataOptions.CheckFile(path);
        return ModelSerializer.LoadAny(path);
    }

    /// <summary>Saves atomically: a failed save leaves any previous file intact.</summary>
    public static void Save<T>(LogisticRegressionModel<T> model, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a directory; --out needs a file path.");
        }

        ModelSerializer.Save(model, path);
    }

    public static string ToJson<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => ModelJson.Serialize(model);

    /// <summary>
    /// Checks that the data has the model's features, in the same words for predict and evaluate;
    /// <paramref name="labelNote"/> says what else the file holds, such as " plus the label column 'y'".
    /// </summary>
    public static void CheckFeatureCount(int modelFeatures, int dataFeatures, string dataPath, string labelNote)
    {
        if (modelFeatures != dataFeatures)
        {
            throw new InvalidDataException($"the model has {modelFeatures} features; '{dataPath}' has {dataFeatures} feature columns{labelNote}.");
        }
    }

    /// <summary>
    /// Checks an output path before any work: it must be a file path in a folder that exists, and not one of
    /// the inputs, which writing would destroy.
    /// </summary>
    public static void CheckOutputPath(string? path, string flag, params ReadOnlySpan<(string Flag, string? Path)> inputs)
    {
        if (path is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException($"{flag} '{path}' is empty; give a file path.");
        }

        if (Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new UsageException($"{flag} '{path}' is a folder; give a file path.");
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"{flag} '{path}' is not a valid path.");
        }

        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"{flag} '{path}': the folder '{folder}' does not exist.");
        }

        foreach (var (inputFlag, inputPath) in inputs)
        {
            if (inputPath is not null && string.Equals(Path.GetFullPath(inputPath), fullPath, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"{flag} '{path}' is the {inputFlag} file; writing it would destroy the input. Give another path.");
            }
        }
    }
}
