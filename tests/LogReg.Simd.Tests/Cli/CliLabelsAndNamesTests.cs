using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;

namespace LogReg.Simd.Tests.Cli;

/// <summary>Class labels through train, inspect, predict and evaluate, and the feature-name check of predict and evaluate.</summary>
public sealed class CliLabelsAndNamesTests : IDisposable
{
    private const string YesNo = "size,weight,buy\n1,2,yes\n2,1,no\n3,3.5,yes\n0.5,0.1,no\n2.5,2.9,yes\n1.2,0.3,no\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string text)
    {
        string path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Train(string data, params string[] extra)
    {
        string model = _folder.File(Path.GetFileNameWithoutExtension(data) + ".lrsm");
        CliResult result = CliRunner.Run(["train", "--quiet", "--data", data, "--out", model, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return model;
    }

    [Fact]
    public void YesNoLabels_TrainInspectAndPredictWithLabels()
    {
        string data = Write("yn.csv", YesNo);
        string model = Train(data);

        CliResult inspect = CliRunner.Run("inspect", "--model", model);
        CliResult plain = CliRunner.Run("predict", "--model", model, "--data", data);
        CliResult labelled = CliRunner.Run("predict", "--model", model, "--data", data, "--output-labels");

        Assert.Contains("classes    negative (0) 'no', positive (1) 'yes'", inspect.Output, StringComparison.Ordinal);
        Assert.Contains("[  1]  weight", inspect.Output, StringComparison.Ordinal);
        Assert.Equal("probability", plain.OutputLines[0]);
        Assert.Equal("probability,label", labelled.OutputLines[0]);
        string[] predicted = [.. labelled.OutputLines.Skip(1).Select(line => line.Split(',')[1])];
        Assert.Equal(["yes", "no", "yes", "no", "yes", "no"], predicted);
        double[] probabilities = [.. labelled.OutputLines.Skip(1).Select(line => double.Parse(line.Split(',')[0], CultureInfo.InvariantCulture))];
        Assert.Equal(plain.OutputLines.Skip(1).Select(line => double.Parse(line, CultureInfo.InvariantCulture)), probabilities);
        Assert.All(probabilities.Where((_, i) => predicted[i] == "yes"), p => Assert.True(p > 0.5));
    }

    [Fact]
    public void InspectJson_CarriesClassLabelsAndFeatureNames_OrNullWhenTheModelHasNone()
    {
        string model = Train(Write("yn.csv", YesNo));
        string bare = _folder.File("bare.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>([1.0, 2.0], 0), bare);

        using JsonDocument named = JsonDocument.Parse(CliRunner.Run("inspect", "--model", model, "--json").Output);
        using JsonDocument unnamed = JsonDocument.Parse(CliRunner.Run("inspect", "--model", bare, "--json").Output);

        Assert.Equal(["no", "yes"], named.RootElement.GetProperty("classLabels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["size", "weight"], named.RootElement.GetProperty("featureNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, unnamed.RootElement.GetProperty("classLabels").ValueKind);
        Assert.Equal(JsonValueKind.Null, unnamed.RootElement.GetProperty("featureNames").ValueKind);
    }

    [Fact]
    public void MinusOnePlusOneLabels_AreTheClasses_AndPositiveIsPlusOne()
    {
        string data = Write("pm.csv", YesNo.Replace(",yes", ",+1", StringComparison.Ordinal).Replace(",no", ",-1", StringComparison.Ordinal));
        string model = Train(data);

        var loaded = (LogisticRegressionModel<double>)ModelSerializer.LoadAny(model);
        CliResult labelled = CliRunner.Run("predict", "--model", model, "--data", data, "--output-labels");

        Assert.Equal(new Simd.Data.ClassLabels("-1", "+1"), loaded.ClassLabels);
        Assert.Equal(["size", "weight"], loaded.FeatureNames);
        Assert.Equal(["+1", "-1", "+1", "-1", "+1", "-1"], labelled.OutputLines.Skip(1).Select(line => line.Split(',')[1]));
    }

    [Fact]
    public void PredictOutputLabels_QuotesALabelWithACommaOrQuote()
    {
        string data = Write("q.csv", "x,y\n0,\"a,b\"\n5,\"say \"\"hi\"\"\"\n1,\"a,b\"\n6,\"say \"\"hi\"\"\"\n");
        string model = Train(data, "--positive-label", "say \"hi\"");

        CliResult labelled = CliRunner.Run("predict", "--model", model, "--data", data, "--output-labels");

        Assert.Equal(0, labelled.ExitCode);
        Assert.EndsWith(",\"a,b\"", labelled.OutputLines[1], StringComparison.Ordinal);
        Assert.EndsWith(",\"say \"\"hi\"\"\"", labelled.OutputLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TwoUnconventionalLabels_WithoutPositiveLabel_IsAUsageError_NamingBoth()
    {
        string data = Write("cd.csv", "x,y\n1,cat\n2,dog\n3,cat\n");

        CliAssert.OneLineError(CliRunner.Run("train", "--data", data), 2, "label column 'y' holds 'cat' and 'dog'; choose the positive class with --positive-label cat or --positive-label dog");
        Assert.Equal(0, CliRunner.Run("train", "--quiet", "--data", data, "--positive-label", "dog").ExitCode);
    }

    [Fact]
    public void PositiveLabel_NotAmongTheValues_IsAUsageError_NamingItAndTheValues()
    {
        string data = Write("cd.csv", "x,y\n1,cat\n2,dog\n");

        CliAssert.OneLineError(CliRunner.Run("train", "--data", data, "--positive-label", "bird"), 2, "--positive-label 'bird' is not among the labels: ");
        CliAssert.OneLineError(CliRunner.Run("train", "--data", data, "--positive-label", "bird"), 2, "holds 'cat' and 'dog'");
        CliAssert.OneLineError(CliRunner.Run("train", "--data", data, "--positive-label", " "), 2, "--positive-label ' ' is empty");
    }

    [Fact]
    public void ThreeLabelValues_IsADataError_NamingTheRowAndValues()
    {
        string data = Write("three.csv", "x,y\n1,cat\n2,dog\n3,bird\n");

        CliAssert.OneLineError(CliRunner.Run("train", "--data", data), 3, "three.csv:4: column 'y': 'bird' is a third label value; binary labels take two values (before it: 'cat' and 'dog')");
    }

    [Fact]
    public void PositiveLabel_OnLibSvm_IsAUsageError()
    {
        CliAssert.OneLineError(CliRunner.Run("train", "--data", CliRunner.DataFile("heart_scale.libsvm"), "--positive-label", "1"), 2, "--positive-label applies to CSV files");
    }

    [Fact]
    public void Evaluate_UsesTheModelsPositiveClass_AndNamesItWhenTheDataLacksIt()
    {
        string data = Write("cd.csv", "x,y\n1,cat\n2,cat\n3,dog\n4,dog\n");
        string model = Train(data, "--positive-label", "dog");
        string reordered = Write("cd2.csv", "x,y\n4,dog\n1,cat\n");
        string other = Write("ab.csv", "x,y\n1,a\n2,b\n");

        CliResult evaluated = CliRunner.Run("evaluate", "--model", model, "--data", reordered, "--json");

        Assert.Equal(0, evaluated.ExitCode);
        Assert.Contains("\"truePositives\": 1", evaluated.Output, StringComparison.Ordinal);
        Assert.Contains("\"trueNegatives\": 1", evaluated.Output, StringComparison.Ordinal);
        CliAssert.OneLineError(CliRunner.Run("evaluate", "--model", model, "--data", other), 3, "the model's classes are 'cat' and 'dog' (positive)");
    }

    [Fact]
    public void Predict_OnShiftedColumns_IsADataError_NamingTheFirstMismatch()
    {
        string model = Train(Write("yn.csv", YesNo));
        string shifted = Write("shifted.csv", "buy,size,weight\nyes,1,2\nno,2,1\n");
        string shiftedNumeric = Write("shifted01.csv", "buy,size,weight\n1,1,2\n0,2,1\n");

        CliAssert.OneLineError(CliRunner.Run("predict", "--model", model, "--data", shifted), 3, "'" + shifted + "': feature 1 is column 'buy', but the model's feature 1 is 'size'");
        CliAssert.OneLineError(CliRunner.Run("predict", "--model", model, "--data", shiftedNumeric), 3, "feature 1 is column 'buy', but the model's feature 1 is 'size'");
        CliAssert.OneLineError(CliRunner.Run("evaluate", "--model", model, "--data", shifted), 3, "feature 1 is column 'buy', but the model's feature 1 is 'size'");
    }

    [Fact]
    public void Predict_OnRenamedColumns_NamesTheFirstMismatchByPosition_AndTheFlagSkipsTheCheck()
    {
        string model = Train(Write("yn.csv", YesNo));
        string renamed = Write("renamed.csv", "size,mass\n1,2\n2,1\n");

        CliAssert.OneLineError(CliRunner.Run("predict", "--model", model, "--data", renamed), 3, "feature 2 is column 'mass', but the model's feature 2 is 'weight'");
        CliResult skipped = CliRunner.Run("predict", "--model", model, "--data", renamed, "--ignore-feature-names");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Equal(3, skipped.OutputLines.Length);
        Assert.Equal(0, CliRunner.Run("evaluate", "--model", model, "--data", Write("e.csv", "size,mass,buy\n1,2,yes\n2,1,no\n"), "--ignore-feature-names").ExitCode);
    }

    [Fact]
    public void Predict_WithALabelColumnElsewhere_NamedByLabel_ChecksTheOtherColumns()
    {
        string model = Train(Write("yn.csv", YesNo));
        string labelFirst = Write("first.csv", "buy,size,weight\nyes,1,2\nno,2,1\n");

        CliResult result = CliRunner.Run("predict", "--model", model, "--data", labelFirst, "--label", "buy");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Length);
    }

    [Fact]
    public void ModelsWithoutNames_OrWithPositionalNames_AreNotChecked()
    {
        string data = Write("d.csv", "a,b\n1,2\n");
        string coefficients = _folder.File("c.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>([1.0, 2.0], 0), coefficients);
        string libsvm = _folder.File("l.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>([1.0, 2.0], 0, featureNames: ["1", "2"]), libsvm);
        string named = _folder.File("n.lrsm");
        ModelSerializer.Save(new LogisticRegressionModel<double>([1.0, 2.0], 0, featureNames: ["x", "y"]), named);

        Assert.Equal(0, CliRunner.Run("predict", "--model", coefficients, "--data", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--model", libsvm, "--data", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--model", named, "--data", Write("p.csv", "0,1\n1,2\n")).ExitCode);
        Assert.Equal(0, CliRunner.Run("predict", "--model", named, "--data", Write("p.svm", "1 1:1 2:2\n"), "--format", "libsvm").ExitCode);
        Assert.Equal(3, CliRunner.Run("predict", "--model", named, "--data", data).ExitCode);
    }

    [Fact]
    public void Inspect_OfAModelWithNonsenseMetadataAndAValidChecksum_IsADataError()
    {
        string model = Train(Write("yn.csv", YesNo));
        byte[] file = File.ReadAllBytes(model);
        const int metadata = 12 + (3 * 8) + (2 * 2 * 8); // header, 2 weights and the bias, 2 means and 2 scales (double)
        BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(metadata + 22), -1.0);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(file.Length - 8), XxHash64.HashToUInt64(file.AsSpan(0, file.Length - 8)));
        File.WriteAllBytes(model, file);

        CliAssert.OneLineError(CliRunner.Run("inspect", "--model", model), 3, "Invalid metadata: lambda is -1; it must be finite and >= 0.");
    }
}
