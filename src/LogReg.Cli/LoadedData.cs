using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Cli;

/// <summary>How a command holds the rows it reads: --layout dense|sparse|auto.</summary>
internal enum DataLayout
{
    /// <summary>Sparse (CSR) for LIBSVM files, dense for CSV.</summary>
    Auto,

    /// <summary>A dense row-major matrix: every file format.</summary>
    Dense,

    /// <summary>A CSR matrix: LIBSVM files only.</summary>
    Sparse,
}

/// <summary>What loading cost and found: the load report of train and evaluate (text and --json).</summary>
internal sealed record LoadStats(DataLayout Layout, int Rows, int Features, long NonZeros, long FileBytes, TimeSpan LoadTime)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Gets the stored (sparse) or nonzero (dense) share of rows x features.</summary>
    public double Density => Rows == 0 || Features == 0 ? 0 : NonZeros / ((double)Rows * Features);

    /// <summary>Gets the file's bytes over the load time, in 10^6 bytes per second.</summary>
    public double MegabytesPerSecond => LoadTime > TimeSpan.Zero ? FileBytes / LoadTime.TotalSeconds / 1e6 : double.NaN;

    public static LoadStats Of<T>(Dataset<T> data, long fileBytes, TimeSpan loadTime)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        long nonZeros = 0;
        foreach (T value in data.Features.Span)
        {
            nonZeros += value == T.Zero ? 0 : 1;
        }

        return new LoadStats(DataLayout.Dense, data.Rows, data.Columns, nonZeros, fileBytes, loadTime);
    }

    public static LoadStats Of<T>(SparseDataset<T> data, long fileBytes, TimeSpan loadTime)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        new(DataLayout.Sparse, data.Rows, data.Columns, data.Features.NonZeroCount, fileBytes, loadTime);

    /// <summary>One line such as "270 rows x 13 features, 3,378 nonzeros (density 0.9624), sparse, loaded in 4.1 ms (1.7 MB/s)".</summary>
    public string Describe() => string.Create(
        Invariant,
        $"{Rows} rows x {Features} features, {NonZeros:N0} nonzeros (density {Density:G4}), {Name(Layout)}, loaded in {LoadTime.TotalMilliseconds:F1} ms ({MegabytesPerSecond:F1} MB/s)");

    /// <summary>Writes the fields of the "data" object: rows, features, nonzeros, density, layout, loadTimeMs, megabytesPerSecond.</summary>
    public void WriteJsonFields(Utf8JsonWriter json)
    {
        json.WriteNumber("rows", Rows);
        json.WriteNumber("features", Features);
        json.WriteNumber("nonzeros", NonZeros);
        CliJson.WriteNumber(json, "density", Density);
        json.WriteString("layout", Name(Layout));
        CliJson.WriteNumber(json, "loadTimeMs", LoadTime.TotalMilliseconds);
        CliJson.WriteNumber(json, "megabytesPerSecond", MegabytesPerSecond);
    }

    public static string Name(DataLayout layout) => layout == DataLayout.Sparse ? "sparse" : "dense";
}

/// <summary>Labelled rows as loaded: dense or sparse, with the load report.</summary>
internal sealed class LabelledData<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public LabelledData(Dataset<T> dense, LoadStats stats)
    {
        Dense = dense;
        Stats = stats;
    }

    public LabelledData(SparseDataset<T> sparse, LoadStats stats)
    {
        Sparse = sparse;
        Stats = stats;
    }

    /// <summary>Gets the dense rows, or null when they were loaded sparse.</summary>
    public Dataset<T>? Dense { get; }

    /// <summary>Gets the sparse rows, or null when they were loaded dense.</summary>
    public SparseDataset<T>? Sparse { get; }

    public LoadStats Stats { get; }

    public int Rows => Stats.Rows;

    public int Columns => Stats.Features;

    public ReadOnlySpan<T> Labels => Dense is not null ? Dense.Labels : Sparse!.Labels;

    /// <summary>Scores every row with the model, in whichever layout the rows are.</summary>
    public T[] PredictProbabilities(LogisticRegressionModel<T> model)
    {
        var probabilities = new T[Rows];
        if (Dense is not null)
        {
            model.PredictProbabilities(Dense.Features, probabilities);
        }
        else
        {
            model.PredictProbabilities(Sparse!.Features.Span, probabilities);
        }

        return probabilities;
    }
}
