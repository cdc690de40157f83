using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LogReg.Simd.Model;
using LogReg.Simd.Onnx;

namespace LogReg.Cli.Commands;

/// <summary>`logreg export` and `logreg import`: a model to and from ONNX (see <see cref="OnnxModel"/>).</summary>
internal static class OnnxCommands
{
    public static Command CreateExport(CliConsole console)
    {
        var model = ModelFiles.ModelOption();
        var output = new Option<string>("--out") { Description = "The ONNX file to write.", Required = true, HelpName = "PATH", CustomParser = OptionValues.FilePath() };
        var command = new Command("export", "Write a model as ONNX (float: LinearClassifier with LOGISTIC after a Scaler, as skl2onnx writes a LogisticRegression; double: MatMul, Add, Sigmoid in double) for any ONNX runtime.");
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!, outPath = parse.GetValue(output)!;
            ModelFiles.CheckOutputPath(outPath, "--out", ("--model", modelPath));
            object loaded = ModelFiles.Load(modelPath);
            switch (loaded)
            {
                case LogisticRegressionModel<float> f: Export(f, outPath, console); break;
                case LogisticRegressionModel<double> d: Export(d, outPath, console); break;
                default: throw new InvalidDataException("The model file holds an unsupported element type.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateImport(CliConsole console)
    {
        var onnx = new Option<string>("--onnx")
        {
            Description = "The ONNX file: a binary logistic regression as skl2onnx writes it (LogisticRegression or Pipeline(StandardScaler, LogisticRegression)) or as 'logreg export' writes it.",
            Required = true,
            HelpName = "PATH",
        };
        var output = new Option<string>("--out") { Description = "The model file to write.", Required = true, HelpName = "MODEL", CustomParser = OptionValues.FilePath() };
        var command = new Command("import", "Read a binary logistic regression from ONNX and save it as a model file; any other graph is refused, naming the node or attribute (exit 3).");
        command.Options.Add(onnx);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            string onnxPath = parse.GetValue(onnx)!, outPath = parse.GetValue(output)!;
            ModelFiles.CheckOutputPath(outPath, "--out", ("--onnx", onnxPath));
            DataOptions.CheckFile(onnxPath);
            switch (OnnxModel.ImportAny(onnxPath))
            {
                case LogisticRegressionModel<float> f: Save(f, outPath, console); break;
                case LogisticRegressionModel<double> d: Save(d, outPath, console); break;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Export<T>(LogisticRegressionModel<T> model, string path, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        OnnxModel.Export(model, path);
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {Describe(model)} to {path}"));
    }

    private static void Save<T>(LogisticRegressionModel<T> model, string path, CliConsole console)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ModelFiles.Save(model, path);
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {Describe(model)} to {path}"));
    }

    private static string Describe<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        string.Create(CultureInfo.InvariantCulture, $"a {(typeof(T) == typeof(float) ? "float" : "double")} model of {model.FeatureCount} features{(model.Scaler is null ? string.Empty : " with a scaler")}");
}
