using System.CommandLine;
using System.CommandLine.Parsing;
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

    private const string LibSvmLabelHint = "--label applies to CSV files; a LIBSVM file's label is the first field of each line.";

    /// <summary>
    /// Creates the flags. <paramref name="labelOptional"/> is for predict, whose data may have no label column,
    /// which changes the --label default.
    /// </summary>
    public DataOptions(bool dataRequired, bool labelOptional = false)
    {
        Data = new Option<string?>("--data")
        {
            Description = dataRequired
                ? "The data file (CSV or LIBSVM)."
                : "The data file (CSV or LIBSVM). Default: the embedded breast-cancer data set (569 x 30, label 'malignant').",
            Required = dataRequired,
            HelpName = "PATH",
        };
        Format = new Option<string?>("--format")
        {
            Description = "The file format. Default: csv for .csv, libsvm for .libsvm/.svm/.svmlight; any other file is libsvm when its first lines are '<label> <index>:<value> ...', else csv.",
            HelpName = "csv|libsvm",
        };
        Format.AcceptOnlyFromAmong("csv", "libsvm");
        Label = new Option<string?>("--label")
        {
            Description = labelOptional
                ? "The CSV label column to ignore, by header name or zero-based index. Default: the last column when the file has one column more than the model has features, else none."
                : "The CSV label column, by header name or zero-based index (an index with --no-header). Default: the last column.",
            HelpName = "NAME|INDEX",
        };
        Delimiter = new Option<char>("--delimiter")
        {
            Description = "The CSV field delimiter: one character such as ';' or '|', or 'tab' (or '\\t') for a tab.",
            HelpName = "CHAR|tab",
            DefaultValueFactory = _ => ',',
            CustomParser = ParseDelimiter,
        };
        NoHeader = new Option<bool>("--no-header")
        {
            Description = "The CSV file has no header row: every row is data, and columns are named by zero-based index (0, 1, ...).",
        };
    }

    public Option<string?> Data { get; }

    public Option<string?> Format { get; }

    public Option<string?> Label { get; }

    public Option<char> Delimiter { get; }

    public Option<bool> NoHeader { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Format);
        command.Options.Add(Label);
        command.Options.Add(Delimiter);
        command.Options.Add(NoHeader);
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
            RefuseCsvFlagsWithoutFile(parse);
            using Stream stream = typeof(DataOptions).Assembly.GetManifestResourceStream("LogReg.Cli.breast_cancer.csv")
                ?? throw new InvalidOperationException("The embedded data set is missing from this build.");
            var embedded = new CsvReadOptions { Label = label is null ? LabelColumn.Named("malignant") : ParseLabel(label) };
            return DatasetReader.ReadCsv<T>(stream, EmbeddedName, embedded);
        }

        CheckFile(path);
        if (ResolveFormat(parse, path) == DataFormat.Libsvm)
        {
            RefuseCsvFlags(parse);
            return DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
        }

        return ReadCsv<T>(parse, path, label is null ? LabelColumn.Last : ParseLabel(label));
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
            RefuseCsvFlags(parse);
            var libsvm = DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
            return (libsvm, new ReadOnlyMatrixSpanShape(libsvm.Rows, libsvm.Columns, libsvm.Columns));
        }

        if (parse.GetValue(Label) is { } label)
        {
            var labelled = ReadCsv<T>(parse, path, ParseLabel(label));
            ModelFiles.CheckFeatureCount(featureCount, labelled.Columns, path, $" plus the label column '{label}'");
            return (labelled, new ReadOnlyMatrixSpanShape(labelled.Rows, labelled.Columns, labelled.Columns));
        }

        var data = ReadCsv<T>(parse, path, LabelColumn.None);
        if (data.Columns == featureCount + 1)
        {
            // The last column is the label: skip it by striding over it, without a copy.
            return (data, new ReadOnlyMatrixSpanShape(data.Rows, featureCount, data.Columns));
        }

        ModelFiles.CheckFeatureCount(featureCount, data.Columns, path, $" and no label column (the last column is ignored as the label only when there are {featureCount + 1} columns, or --label names it)");
        return (data, new ReadOnlyMatrixSpanShape(data.Rows, data.Columns, data.Columns));
    }

    /// <summary>Reads a CSV file, and turns the errors a user can fix with a flag into advice to use it.</summary>
    private Dataset<T> ReadCsv<T>(ParseResult parse, string path, LabelColumn label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var options = new CsvReadOptions { Delimiter = parse.GetValue(Delimiter), Label = label, HasHeader = !parse.GetValue(NoHeader) };
        try
        {
            return DatasetReader.ReadCsv<T>(path, options);
        }
        catch (DataFormatException e) when (e.IsNumericHeader)
        {
            throw new DataFormatException(e.SourceName, e.Line, null, e.Text, "is all numbers, so it is data, not a header row; if the file has no header, add --no-header", e);
        }
        catch (DataFormatException e) when (e.Line > 0 && parse.GetValue(Format) is null && FormatDetection.ReadLine(path, e.Line) is { } line && FormatDetection.LooksLikeLibSvm(line))
        {
            throw new DataFormatException($"{e.Message} (line {e.Line} looks like LIBSVM: add --format libsvm)", e);
        }
        catch (DataFormatException e) when (e.Line > 1 && DelimiterHint(path, options.Delimiter) is { } hint)
        {
            throw new DataFormatException($"{e.Message} ({hint})", e);
        }
    }

    /// <summary>Advice when the first line has no delimiter but another common one, as a semicolon file read with ','.</summary>
    private static string? DelimiterHint(string path, char delimiter)
    {
        string? first = FormatDetection.ReadLine(path, 1);
        if (first is null || first.Contains(delimiter, StringComparison.Ordinal))
        {
            return null;
        }

        int found = first.AsSpan().IndexOfAny(";\t|,");
        return found < 0 ? null : first[found] == '\t'
            ? $"line 1 has no '{delimiter}' but has tabs: add --delimiter tab"
            : $"line 1 has no '{delimiter}' but has '{first[found]}': add --delimiter '{first[found]}'";
    }

    private DataFormat ResolveFormat(ParseResult parse, string path) => parse.GetValue(Format) switch
    {
        "libsvm" => DataFormat.Libsvm,
        "csv" => DataFormat.Csv,
        _ => FormatDetection.Detect(path),
    };

    private void RefuseCsvFlags(ParseResult parse)
    {
        if (parse.GetValue(Label) is not null)
        {
            throw new UsageException(LibSvmLabelHint);
        }

        if (parse.GetResult(NoHeader) is { Implicit: false } || parse.GetResult(Delimiter) is { Implicit: false })
        {
            throw new UsageException("--no-header and --delimiter apply to CSV files; this file is read as LIBSVM (see --format).");
        }
    }

    private void RefuseCsvFlagsWithoutFile(ParseResult parse)
    {
        if (parse.GetResult(NoHeader) is { Implicit: false } || parse.GetResult(Delimiter) is { Implicit: false } || parse.GetResult(Format) is { Implicit: false })
        {
            throw new UsageException("--format, --no-header and --delimiter describe a --data file; give --data, or drop them to use the embedded data set.");
        }
    }

    /// <summary>Parses --delimiter: one character, or 'tab' / '\t' for a tab.</summary>
    private static char ParseDelimiter(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "," : result.Tokens[0].Value;
        char? delimiter = text.Equals("tab", StringComparison.OrdinalIgnoreCase) || text == "\\t" ? '\t' : text.Length == 1 ? text[0] : null;
        if (delimiter is not char c)
        {
            result.AddError($"--delimiter '{text}' is not one character; give one character such as ';' or '|', or 'tab' for a tab.");
            return default;
        }

        try
        {
            CsvDatasetParser.CreateSep(new CsvReadOptions { Delimiter = c });
        }
        catch (ArgumentException)
        {
            result.AddError($"--delimiter '{(char.IsControl(c) ? $"U+{(int)c:X4}" : text)}' cannot separate CSV fields; give a printable character other than '\"', or 'tab'.");
            return default;
        }

        return c;
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
