using System.CommandLine;
using System.Globalization;
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

    public static Option<bool> IgnoreFeatureNamesOption() => new("--ignore-feature-names")
    {
        Description = "Score even when the data's feature columns have other names than the model's (by default a data error, exit 3).",
    };

    /// <summary>
    /// Fails on the first feature whose column name differs from the model's, such as columns shifted by one.
    /// Names that are only positions ("1".."n" of LIBSVM, "0".."n-1"), or a model that does not know its
    /// names (format version 1, built from coefficients), are not compared: they say nothing about the columns.
    /// </summary>
    public static void CheckFeatureNames(IReadOnlyList<string> modelNames, IReadOnlyList<string> dataNames, string dataPath)
    {
        if (IsPositional(modelNames, modelNames.Count) || IsPositional(dataNames, modelNames.Count))
        {
            return;
        }

        for (int j = 0; j < modelNames.Count; j++)
        {
            if (!string.Equals(modelNames[j], dataNames[j], StringComparison.Ordinal))
            {
                throw new InvalidDataException(
                    $"'{dataPath}': feature {j + 1} is column '{dataNames[j]}', but the model's feature {j + 1} is '{modelNames[j]}': the columns differ from the training data's (--ignore-feature-names skips this check).");
            }
        }
    }

    private static bool IsPositional(IReadOnlyList<string> names, int count)
    {
        bool fromZero = true, fromOne = true;
        for (int j = 0; j < count && (fromZero || fromOne); j++)
        {
            fromZero &= names[j] == j.ToString(CultureInfo.InvariantCulture);
            fromOne &= names[j] == (j + 1).ToString(CultureInfo.InvariantCulture);
        }

        return fromZero || fromOne;
    }

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
