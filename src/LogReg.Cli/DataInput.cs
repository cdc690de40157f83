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
    }

    public Option<string?> Data { get; }

    public Option<string?> Format { get; }

    public Option<string?> Label { get; }

    public Option<char> Delimiter { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Format);
        command.Options.Add(Label);
        command.Options.Add(Delimiter);
    }

    /// <summary>Describes where the data came from, for reports.</summary>
    public static string SourceName(ParseResult parse, DataOptions options) =>
        parse.GetValue(options.Data) is { } path ? path : EmbeddedName;

    /// <summary>Loads labelled data: the given file, or the embedded data set.</summary>
    public Dataset<T> LoadLabelled<T>(ParseResult parse, int? featureCount = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string? path = parse.GetValue(Data);
        string? label = parse.GetValue(Label);
        if (path is null)
        {
            using Stream stream = typeof(DataOptions).Assembly.GetManifestResourceStream("LogReg.Cli.breast_cancer.csv")
                ?? throw new InvalidOperationException("The embedded data set is missing from this build.");
            var embedded = new CsvReadOptions { Label = label is null ? LabelColumn.Named("malignant") : ParseLabel(label) };
            return DatasetReader.ReadCsv<T>(stream, EmbeddedName, embedded);
        }

        CheckFile(path);
        if (ResolveFormat(parse, path) == DataFormat.Libsvm)
        {
            if (label is not null)
            {
                throw new UsageException("--label applies to CSV files; a LIBSVM file's label is the first field of each line.");
            }

            return DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
        }

        var options = new CsvReadOptions { Delimiter = parse.GetValue(Delimiter), Label = label is null ? LabelColumn.Last : ParseLabel(label) };
        return DatasetReader.ReadCsv<T>(path, options);
    }

    /// <summary>
    /// Loads rows to score with <paramref name="featureCount"/> features. A CSV label column is dropped:
    /// the one named by --label, or the last column when the file has one column more than the model.
    /// </summary>
    public (Dataset<T> Data, ReadOnlyMatrixSpanShape Shape) LoadForScoring<T>(ParseResult parse, int featureCount)
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

        char delimiter = parse.GetValue(Delimiter);
        if (parse.GetValue(Label) is { } label)
        {
            var labelled = DatasetReader.ReadCsv<T>(path, new CsvReadOptions { Delimiter = delimiter, Label = ParseLabel(label) });
            return (labelled, new ReadOnlyMatrixSpanShape(labelled.Rows, labelled.Columns, labelled.Columns));
        }

        var data = DatasetReader.ReadCsv<T>(path, new CsvReadOptions { Delimiter = delimiter, Label = LabelColumn.None });
        if (data.Columns == featureCount + 1)
        {
            // The last column is the label: skip it by striding over it, without a copy.
            return (data, new ReadOnlyMatrixSpanShape(data.Rows, featureCount, data.Columns));
        }

        return (data, new ReadOnlyMatrixSpanShape(data.Rows, data.Columns, data.Columns));
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
