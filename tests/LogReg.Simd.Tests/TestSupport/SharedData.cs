using System.Globalization;

namespace LogReg.Simd.Tests.TestSupport;

/// <summary>A labelled data set in double: X row-major (Rows x Columns) and labels 0/1.</summary>
public sealed record LabeledData(double[] X, double[] Y, int Rows, int Columns)
{
    public float[] XAsFloat() => Array.ConvertAll(X, v => (float)v);

    public float[] YAsFloat() => Array.ConvertAll(Y, v => (float)v);
}

/// <summary>
/// The project's two real data sets, read with a tiny test-only parser. Files come from the test
/// output's <c>TestData/</c> folder when it exists, else from <c>../shared/data/</c> beside the folder
/// that holds <c>LogReg.Simd.sln</c> (the layout of the worktrees and of CI).
/// </summary>
public static class SharedData
{
    private static readonly Lazy<LabeledData> s_breastCancer = new(() => ReadCsv(Locate("breast_cancer.csv")));
    private static readonly Lazy<LabeledData> s_heart = new(() => ReadLibSvm(Locate("heart_scale.libsvm"), columns: 13));

    /// <summary>Gets Wisconsin Diagnostic Breast Cancer: 569 rows, 30 features, label <c>malignant</c>.</summary>
    public static LabeledData BreastCancer => s_breastCancer.Value;

    /// <summary>Gets Statlog heart (scaled): 270 rows, 13 features, labels +1 -> 1 and -1 -> 0.</summary>
    public static LabeledData Heart => s_heart.Value;

    public static string Locate(string fileName)
    {
        string local = Path.Combine(AppContext.BaseDirectory, "TestData", fileName);
        if (File.Exists(local))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LogReg.Simd.sln")))
            {
                string shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", fileName));
                if (File.Exists(shared))
                {
                    return shared;
                }

                throw new FileNotFoundException($"Neither '{local}' nor '{shared}' exists.", fileName);
            }
        }

        throw new FileNotFoundException($"'{local}' does not exist and no LogReg.Simd.sln lies above '{AppContext.BaseDirectory}'.", fileName);
    }

    /// <summary>The folder that holds <c>LogReg.Simd.sln</c>, above the test output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LogReg.Simd.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No LogReg.Simd.sln lies above '{AppContext.BaseDirectory}'.");
    }

    /// <summary>Header line, then rows of numbers; the last column is the 0/1 label.</summary>
    public static LabeledData ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        int columns = lines[0].Split(',').Length - 1;
        int rows = lines.Length - 1;
        var x = new double[rows * columns];
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            if (fields.Length != columns + 1)
            {
                throw new FormatException($"{path} line {i + 2}: {fields.Length} fields, expected {columns + 1}.");
            }

            for (int j = 0; j < columns; j++)
            {
                x[(i * columns) + j] = double.Parse(fields[j], CultureInfo.InvariantCulture);
            }

            y[i] = double.Parse(fields[columns], CultureInfo.InvariantCulture);
        }

        return new LabeledData(x, y, rows, columns);
    }

    /// <summary>LIBSVM sparse lines "label index:value ..." with 1-based indices; label -1 becomes 0.</summary>
    public static LabeledData ReadLibSvm(string path, int columns)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        var x = new double[lines.Length * columns];
        var y = new double[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            string[] tokens = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double label = double.Parse(tokens[0], CultureInfo.InvariantCulture);
            y[i] = label > 0 ? 1 : 0;
            foreach (string token in tokens.Skip(1))
            {
                int colon = token.IndexOf(':', StringComparison.Ordinal);
                int index = int.Parse(token.AsSpan(0, colon), CultureInfo.InvariantCulture) - 1;
                x[(i * columns) + index] = double.Parse(token.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            }
        }

        return new LabeledData(x, y, lines.Length, columns);
    }
}
