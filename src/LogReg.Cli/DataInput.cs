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

    private const string LibSvmPositiveLabelHint = "--positive-label applies to CSV files; a LIBSVM file's positive class is +1 (or 1).";

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
        Layout = new Option<DataLayout>("--layout")
        {
            Description = "How rows are held: sparse (CSR, memory per stored entry) or dense (rows x features). Default auto: sparse for LIBSVM files, dense for CSV; CSV files are always dense.",
            HelpName = "dense|sparse|auto",
            DefaultValueFactory = _ => DataLayout.Auto,
            CustomParser = ParseLayout,
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

    public Option<bool> NoHeader { get; }

    /// <summary>Gets --layout: dense, sparse or auto (sparse for LIBSVM, dense for CSV).</summary>
    public Option<DataLayout> Layout { get; }

    /// <summary>Gets --positive-label, on the commands that read class labels (train, evaluate).</summary>
    public Option<string?> PositiveLabel { get; }

    private bool ReadsClassLabels { get; set; }

    public void AddTo(Command command, bool readsClassLabels = false)
    {
        command.Options.Add(Data);
        command.Options.Add(Format);
        command.Options.Add(Label);
        command.Options.Add(Delimiter);
        command.Options.Add(NoHeader);
        command.Options.Add(Layout);
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
    /// Loads labelled data as <see cref="LoadLabelled{T}"/> does, in the layout --layout asks for, timed for the
    /// load report. <paramref name="allowSparse"/> false (a command that can only use dense rows) reads LIBSVM
    /// dense under auto and refuses --layout sparse.
    /// </summary>
    public LabelledData<T> LoadLabelledData<T>(ParseResult parse, bool allowSparse, int? featureCount = null, ClassLabels? modelClasses = null, IReadOnlyList<string>? modelFeatureNames = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string? path = parse.GetValue(Data);
        DataLayout layout = ResolveLayout(parse, path, allowSparse);
        long bytes = path is null ? EmbeddedLength() : new FileInfo(path).Length;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (layout == DataLayout.Sparse)
        {
            RefuseCsvFlags(parse);
            RefusePositiveLabel(parse);
            var sparse = DatasetReader.ReadLibSvmSparse<T>(path!, new LibSvmReadOptions { FeatureCount = featureCount });
            return new LabelledData<T>(sparse, LoadStats.Of(sparse, bytes, clock.Elapsed));
        }

        var dense = LoadLabelled<T>(parse, featureCount, modelClasses, modelFeatureNames);
        TimeSpan elapsed = clock.Elapsed;
        return new LabelledData<T>(dense, LoadStats.Of(dense, bytes, elapsed));
    }

    /// <summary>
    /// Reads a LIBSVM file to score as a CSR matrix with the model's <paramref name="featureCount"/> columns, when
    /// --layout resolves to sparse; a file that never names the last features is padded, an index past them is a
    /// data error naming the line and the index. Returns null when the rows are to be read dense.
    /// </summary>
    public SparseDataset<T>? LoadSparseForScoring<T>(ParseResult parse, int featureCount)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string path = parse.GetValue(Data)!;
        CheckFile(path);
        if (ResolveLayout(parse, path, allowSparse: true) != DataLayout.Sparse)
        {
            return null;
        }

        RefuseCsvFlags(parse);
        return DatasetReader.ReadLibSvmSparse<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
    }

    /// <summary>Sparse for LIBSVM under auto; --layout sparse on CSV (or the embedded CSV data) is a usage error.</summary>
    private DataLayout ResolveLayout(ParseResult parse, string? path, bool allowSparse)
    {
        DataLayout requested = parse.GetValue(Layout);
        if (path is not null)
        {
            CheckFile(path);
        }

        bool libsvm = path is not null && ResolveFormat(parse, path) == DataFormat.Libsvm;
        if (requested == DataLayout.Sparse && !libsvm)
        {
            throw new UsageException($"--layout sparse applies to LIBSVM files; {(path is null ? "the embedded data set" : $"'{path}'")} is CSV, which is read dense (drop --layout, or convert the file to LIBSVM).");
        }

        if (requested == DataLayout.Sparse && !allowSparse)
        {
            throw new UsageException("--layout sparse cannot be combined with --cv (cross-validation splits dense rows); use --layout dense or auto, which reads LIBSVM dense with --cv.");
        }

        return libsvm && allowSparse && requested != DataLayout.Dense ? DataLayout.Sparse : DataLayout.Dense;
    }

    private void RefusePositiveLabel(ParseResult parse)
    {
        if (ReadsClassLabels && parse.GetValue(PositiveLabel) is not null)
        {
            throw new UsageException(LibSvmPositiveLabelHint);
        }
    }

    private static long EmbeddedLength()
    {
        using Stream? stream = typeof(DataOptions).Assembly.GetManifestResourceStream("LogReg.Cli.breast_cancer.csv");
        return stream?.Length ?? 0;
    }

    /// <summary>Parses --layout: dense, sparse or auto.</summary>
    private static DataLayout ParseLayout(ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "auto" : result.Tokens[0].Value;
        switch (text)
        {
            case "dense":
                return DataLayout.Dense;
            case "sparse":
                return DataLayout.Sparse;
            case "auto":
                return DataLayout.Auto;
            default:
                result.AddError($"--layout '{text}' is not one of dense, sparse or auto.");
                return DataLayout.Auto;
        }
    }

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
                RefuseCsvFlagsWithoutFile(parse);
                using Stream stream = typeof(DataOptions).Assembly.GetManifestResourceStream("LogReg.Cli.breast_cancer.csv")
                    ?? throw new InvalidOperationException("The embedded data set is missing from this build.");
                var embedded = new CsvReadOptions { Label = label is null ? LabelColumn.Named("malignant") : ParseLabel(label), PositiveLabel = positive };
                return DatasetReader.ReadCsv<T>(stream, EmbeddedName, embedded);
            }

            CheckFile(path);
            if (ResolveFormat(parse, path) == DataFormat.Libsvm)
            {
                RefuseCsvFlags(parse);
                if (positiveFlag is not null)
                {
                    throw new UsageException(LibSvmPositiveLabelHint);
                }

                return DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
            }

            CsvReadOptions options = CsvOptions(parse) with { Label = label is null ? LabelColumn.Last : ParseLabel(label), PositiveLabel = positive };
            CheckFeatureNames(path, options, modelFeatureNames);
            return ReadCsv<T>(parse, path, options);
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
    /// Loads rows to score with <paramref name="featureCount"/> features. A CSV label column is dropped unread
    /// (its values may be any text): the one named by --label, or the last column when the file has one column
    /// more than the model. A CSV file's feature columns must have <paramref name="modelFeatureNames"/>, when given.
    /// </summary>
    public (Dataset<T> Data, ReadOnlyMatrixSpanShape Shape) LoadForScoring<T>(ParseResult parse, int featureCount, IReadOnlyList<string>? modelFeatureNames = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string path = parse.GetValue(Data)!;
        CheckFile(path);
        if (ResolveFormat(parse, path) == DataFormat.Libsvm)
        {
            RefuseCsvFlags(parse);
            var libsvm = DatasetReader.ReadLibSvm<T>(path, new LibSvmReadOptions { FeatureCount = featureCount });
            ModelFiles.CheckFeatureCount(featureCount, libsvm.Columns, path, string.Empty);
            return (libsvm, new ReadOnlyMatrixSpanShape(libsvm.Rows, libsvm.Columns, libsvm.Columns));
        }

        CsvReadOptions options = CsvOptions(parse) with { DropLabelColumn = true };
        string labelNote;
        if (parse.GetValue(Label) is { } label)
        {
            options = options with { Label = ParseLabel(label) };
            labelNote = $" plus the label column '{label}'";
        }
        else
        {
            // A file with one column more than the model has its labels in the last column.
            bool lastIsLabel = DatasetReader.ReadCsvHeader(path, options).Count == featureCount + 1;
            options = options with { Label = lastIsLabel ? LabelColumn.Last : LabelColumn.None };
            labelNote = lastIsLabel ? " plus the label column (the last)" : $" and no label column (the last column is ignored as the label only when there are {featureCount + 1} columns, or --label names it)";
        }

        CheckFeatureNames(path, options, modelFeatureNames);
        var data = ReadCsv<T>(parse, path, options);
        ModelFiles.CheckFeatureCount(featureCount, data.Columns, path, labelNote);
        return (data, new ReadOnlyMatrixSpanShape(data.Rows, data.Columns, data.Columns));
    }

    /// <summary>
    /// Compares the header's feature columns with the model's feature names before any row is read, so
    /// columns shifted onto the label fail as such, not as a label or number error. Other widths are left
    /// to the feature-count check after reading; a file without a header has no names to compare.
    /// </summary>
    private static void CheckFeatureNames(string path, CsvReadOptions options, IReadOnlyList<string>? modelFeatureNames)
    {
        if (modelFeatureNames is null || !options.HasHeader)
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

    /// <summary>The CSV flags every command shares: the delimiter and whether there is a header.</summary>
    private CsvReadOptions CsvOptions(ParseResult parse) => new() { Delimiter = parse.GetValue(Delimiter), HasHeader = !parse.GetValue(NoHeader) };

    /// <summary>Reads a CSV file, and turns the errors a user can fix with a flag into advice to use it.</summary>
    private Dataset<T> ReadCsv<T>(ParseResult parse, string path, CsvReadOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
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
