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

    public static void CheckFeatureCount(int modelFeatures, int dataFeatures, string dataPath)
    {
        if (modelFeatures != dataFeatures)
        {
            throw new InvalidDataException($"'{dataPath}' has {dataFeatures} features; the model expects {modelFeatures}.");
        }
    }
}
