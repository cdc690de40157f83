using System.CommandLine;
using System.Globalization;
using System.Numerics;
using LogReg.Simd.Data;

namespace LogReg.Cli;

/// <summary>The file formats `logreg` reads.</summary>
internal enum DataFormat
{
    Csv,
    Libsvm,
}

/// <summary>The element type a command computes in.</summary>
internal enum Precision
{
    Float,
    Double,
}

/// <summary>The data flags shared by train, predict and evaluate, and the loading behind them.</summary>
internal sealed class DataOptions
{
    public const string EmbeddedName = "breast_cancer.csv (embedded)";

    public DataOptions(bool dataRequired)
    {
        Data = new Option<string?>("--data")
        {
            Description = dataRequired
                ? "The data file (CSV with a header row, or LIBSVM)."
                : "The data file (CSV with a header row, or LIBSVM). Default: the embedded breast-cancer data set (569 x 30, label 'malignant').",
            Required = dataRequired,
            HelpName = "PATH",
        };
        Format = new Option<string?>("--format")
        {
            Description = "The file format. Default: libsvm for .libsvm/.svm/.svmlight files, else csv.",
            HelpName = "csv|libsvm",
        };
        Format.AcceptOnlyFromAmong("csv", "libsvm");
        Label = new Option<string?>("--label")
        {
            Description = "The CSV label column, by header name or zero-based index. Default: the last column.",
            HelpName = "NAME|INDEX",
        };
        Delimiter = new Option<char>("--delimiter")
        {
            Description = "The CSV field delimiter.",
            DefaultValueFactory = _ => ',',
        };
        PositiveLabel = new Option<string?>("--positive-label")
        {
            Description = "The CSV label value of the positive class (1). Default: the value that is 1, +1, true or yes (any case); needed when the two labels are other strings.",
            HelpName = "VALUE",
        };
    }

    public Option<string?> Data { get; }

    public Option<string?> Format { get; }

    public Option<string?> Label { get; }

    public Option<char> Delimiter { get; }

    /// <summary>Gets --positive-label, on the commands that read class labels (train, evaluate).</summary>
    public Option<string?> PositiveLabel { get; }

    private bool ReadsClassLabels { get; set; }

    public void AddTo(Command command, bool readsClassLabels = false)
    {
        command.Options.Add(Data);
        command.Options.Add(Format);
        command.Options.Add(Label);
        command.Options.Add(Delimiter);
        if (readsClassLabels)
        {
            command.Options.Add(PositiveLabel);
            ReadsClassLabels = true;
        }
    }

    /// <summary>Describes where the data came from, for reports.</summary>
    public static string SourceName(ParseResult parse, DataOptions options) =>
        parse.GetValue(options.Data) is { } path ? path : EmbeddedName;

    /// <summary>
    /// Loads labelled data: the given file, or the embedded data set. The positive class is --positive-label,
    /// else the positive label of <paramref name="modelClasses"/> (the model being evaluated), else the value
    /// that is 1, +1, true or yes. A CSV file's feature columns must have <paramref name="modelFeatureNames"/>, when given.
    /// </summary>
    public Dataset<T> LoadLabelled<T>(ParseResult parse, int? featureCount = null, ClassLabels? modelClasses = null, IReadOnlyList<string>? modelFeatureNames = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string? path = parse.GetValue(Data);
        string? label = parse.GetValue(Label);
        string? positiveFlag = ReadsClassLabels ? parse.GetValue(PositiveLabel) : null;
        if (positiveFlag is not null && string.IsNullOrWhiteSpace(positiveFlag))
        {
            throw new UsageException($"--positive-label '{positiveFlag}' is empty; give the label value of the positive class.");
        }

        string? positive = positiveFlag ?? modelClasses?.Positive;
        try
        {
            if (path is null)
            {
                using Stream stream = typeof(DataOptions).Assembly.GetManifestResourceStream("LogReg.Cli.breast_cancer.csv")
                    ?? throw new InvalidOperationException("The embedded data set is missing from this build.");
                var embedded = new CsvReadOptions { Label = label is null ? LabelColumn.Named("malignant") : ParseLabel(label), PositiveLabel = positive };
                return DatasetReader.ReadCsv<T>(stream, EmbeddedName, embedded);
            }

            CheckFile(path);
            if (ResolveFormat(parse, path) == DataFormat.Libsvm)
            {
                if (label is not null)
                {
                    throw new UsageException("--label applies to CSV files; a LIBSVM file's label is the first field of each line.");
                }

                if (positiveFlag is not null)
                {
                    throw new UsageException("--positive-label applies to CSV files; a LIBSVM file's positive class is +1 (or 1).");
                }

                return DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
            }

            var options = new CsvReadOptions { Delimiter = parse.GetValue(Delimiter), Label = label is null ? LabelColumn.Last : ParseLabel(label), PositiveLabel = positive };
            CheckFeatureNames(path, options, modelFeatureNames);
            return DatasetReader.ReadCsv<T>(path, options);
        }
        catch (ClassLabelException e)
        {
            throw ClassLabelError(e, positiveFlag is null ? modelClasses : null);
        }
    }

    /// <summary>
    /// A positive class the user must choose, or chose wrongly, is a usage error; a model's positive class
    /// that the data do not hold is a data error.
    /// </summary>
    private static Exception ClassLabelError(ClassLabelException e, ClassLabels? modelClasses)
    {
        string column = $"{e.SourceName}: label column '{e.Column}' holds {e.DescribeValues()}";
        if (modelClasses is not null)
        {
            return new InvalidDataException($"{column}; the model's classes are '{modelClasses.Negative}' and '{modelClasses.Positive}' (positive), and its positive class is not among them; name the data's positive class with --positive-label VALUE.");
        }

        if (e.PositiveLabel is null)
        {
            return new UsageException($"{column}; choose the positive class with --positive-label {string.Join(" or --positive-label ", e.Values)}.");
        }

        return new UsageException($"--positive-label '{e.PositiveLabel}' is not among the labels: {column}.");
    }

    /// <summary>
    /// Loads rows to score with <paramref name="featureCount"/> features. A CSV label column is dropped:
    /// the one named by --label, or the last column when the file has one column more than the model.
    /// A CSV file's feature columns must have <paramref name="modelFeatureNames"/>, when given.
    /// </summary>
    public (Dataset<T> Data, ReadOnlyMatrixSpanShape Shape) LoadForScoring<T>(ParseResult parse, int featureCount, IReadOnlyList<string>? modelFeatureNames = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string path = parse.GetValue(Data)!;
        CheckFile(path);
        if (ResolveFormat(parse, path) == DataFormat.Libsvm)
        {
            if (parse.GetValue(Label) is not null)
            {
                throw new UsageException("--label applies to CSV files; a LIBSVM file's label is the first field of each line.");
            }

            var libsvm = DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
            return (libsvm, new ReadOnlyMatrixSpanShape(libsvm.Rows, libsvm.Columns, libsvm.Columns));
        }

        // The label column, if any, is dropped unread: its values may be any text, and do not matter here.
        var options = new CsvReadOptions { Delimiter = parse.GetValue(Delimiter), DropLabelColumn = true };
        if (parse.GetValue(Label) is { } label)
        {
            options = options with { Label = ParseLabel(label) };
        }
        else
        {
            // A file with one column more than the model has its labels in the last column.
            options = options with { Label = DatasetReader.ReadCsvHeader(path, options).Count == featureCount + 1 ? LabelColumn.Last : LabelColumn.None };
        }

        CheckFeatureNames(path, options, modelFeatureNames);
        var data = DatasetReader.ReadCsv<T>(path, options);
        return (data, new ReadOnlyMatrixSpanShape(data.Rows, data.Columns, data.Columns));
    }

    /// <summary>
    /// Compares the header's feature columns with the model's feature names before any row is read, so
    /// columns shifted onto the label fail as such, not as a label or number error. Other widths are left
    /// to the feature-count check after reading.
    /// </summary>
    private static void CheckFeatureNames(string path, CsvReadOptions options, IReadOnlyList<string>? modelFeatureNames)
    {
        if (modelFeatureNames is null)
        {
            return;
        }

        IReadOnlyList<string> header = DatasetReader.ReadCsvHeader(path, options);
        LabelColumn label = options.Label;
        int labelIndex = label.IsNone ? -1
            : label.Name is { } name ? header.ToList().IndexOf(name)
            : label.Index ?? header.Count - 1;
        List<string> features = [.. header.Where((_, i) => i != labelIndex)];
        if (features.Count == modelFeatureNames.Count)
        {
            ModelFiles.CheckFeatureNames(modelFeatureNames, features, path);
        }
    }

    private DataFormat ResolveFormat(ParseResult parse, string path)
    {
        if (parse.GetValue(Format) is { } format)
        {
            return format == "libsvm" ? DataFormat.Libsvm : DataFormat.Csv;
        }

        string extension = Path.GetExtension(path).ToUpperInvariant();
        return extension is ".LIBSVM" or ".SVM" or ".SVMLIGHT" ? DataFormat.Libsvm : DataFormat.Csv;
    }

    private static LabelColumn ParseLabel(string label) =>
        int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? LabelColumn.At(index) : LabelColumn.Named(label);

    /// <summary>Turns the two ways a path can fail to be a readable file into one clear message.</summary>
    public static void CheckFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a directory, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist.", path);
        }
    }
}

/// <summary>The shape of the feature view over a data set's row-major buffer.</summary>
internal readonly record struct ReadOnlyMatrixSpanShape(int Rows, int Columns, int RowStride)
{
    public ReadOnlyMatrixSpan<T> View<T>(Dataset<T> data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Rows == 0 ? new ReadOnlyMatrixSpan<T>(ReadOnlySpan<T>.Empty, 0, Columns) : new ReadOnlyMatrixSpan<T>(data.Features.Span, Rows, Columns, RowStride);
}
