using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace LogReg.Simd.Bench;

/// <summary>
/// `chart GRADIENT_CSV... [--peers PEERS_CSV] --out CHART.svg`: gradient-pass throughput (GB/s) against
/// the size of X, one line per form and peer, from BenchmarkDotNet's CSV reports of GradientBenchmarks
/// (float and double) and an optional peers file (columns: system,rows,columns,bytes,ms). The read-only
/// pass is drawn as the memory read bandwidth line.
/// </summary>
public static class Chart
{
    public static void Run(string[] args)
    {
        var reports = new List<string>();
        string? peers = null;
        string output = "gradient-throughput.svg";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--peers": peers = args[++i]; break;
                case "--out": output = args[++i]; break;
                default: reports.Add(args[i]); break;
            }
        }

        var points = new List<(string Series, double Bytes, double GigabytesPerSecond)>();
        foreach (string report in reports)
        {
            points.AddRange(ReadGradientReport(report));
        }

        if (peers is not null)
        {
            points.AddRange(ReadPeers(peers));
        }

        var model = new PlotModel { Title = "Loss-and-gradient pass, float32: GB/s against the size of X", TitleFontSize = 14, Background = OxyColors.White };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.BottomCenter, LegendPlacement = LegendPlacement.Outside, LegendOrientation = LegendOrientation.Horizontal, LegendMaxWidth = 1000 });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "size of X (MB)", MajorGridlineStyle = LineStyle.Dot, LabelFormatter = v => (v / 1e6).ToString("G3", CultureInfo.InvariantCulture) });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "GB/s (bytes of X / time)", Minimum = 0, MajorGridlineStyle = LineStyle.Dot });
        // One precision keeps the chart readable: float, the precision of the targets.
        OxyColor[] palette = [OxyColors.Black, OxyColors.SteelBlue, OxyColors.ForestGreen, OxyColors.DarkOrange, OxyColors.Purple, OxyColors.Crimson, OxyColors.Goldenrod, OxyColors.Teal];
        int next = 0;
        foreach (var group in points.Where(p => !p.Series.Contains("(double)", StringComparison.Ordinal) && !p.Series.StartsWith("Parallel1", StringComparison.Ordinal)).GroupBy(p => p.Series).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bool memory = group.Key.StartsWith("ReadOnlyPass", StringComparison.Ordinal);
            var series = new LineSeries
            {
                Title = (memory ? group.Key.Replace("ReadOnlyPass", "memory read (read-only pass)", StringComparison.Ordinal) : group.Key).Replace(" (float)", string.Empty, StringComparison.Ordinal),
                MarkerType = memory ? MarkerType.None : MarkerType.Circle,
                StrokeThickness = memory ? 3 : 1.5,
                LineStyle = memory ? LineStyle.Dash : LineStyle.Solid,
                Color = memory ? OxyColors.Gray : palette[next++ % palette.Length],
            };
            foreach (var point in group.OrderBy(p => p.Bytes))
            {
                series.Points.Add(new DataPoint(point.Bytes, point.GigabytesPerSecond));
            }

            model.Series.Add(series);
        }

        using var stream = File.Create(output);
        new SvgExporter { Width = 1100, Height = 700 }.Export(model, stream);
        Console.WriteLine($"wrote {output} ({points.Count} points)");
    }

    // BenchmarkDotNet's CSV: a header row, then one row per case with Method, Type (the generic class), Shape and GB/s.
    private static IEnumerable<(string, double, double)> ReadGradientReport(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = SplitCsv(lines[0]);
        int method = Array.IndexOf(header, "Method");
        int shape = Array.IndexOf(header, "Shape");
        int rate = Array.IndexOf(header, "GB/s");
        int type = Array.IndexOf(header, "Type");
        foreach (string line in lines.Skip(1))
        {
            string[] cells = SplitCsv(line);
            if (cells.Length <= Math.Max(rate, shape) || !double.TryParse(cells[rate], NumberStyles.Float, CultureInfo.InvariantCulture, out double gbps))
            {
                continue;
            }

            string[] mn = cells[shape].Split('x');
            bool isDouble = (type >= 0 && cells[type].Contains("Double", StringComparison.OrdinalIgnoreCase)) || Path.GetFileName(path).Contains("double", StringComparison.OrdinalIgnoreCase);
            double bytes = double.Parse(mn[0], CultureInfo.InvariantCulture) * double.Parse(mn[1], CultureInfo.InvariantCulture) * (isDouble ? 8 : 4);
            yield return ($"{cells[method]} ({(isDouble ? "double" : "float")})", bytes, gbps);
        }
    }

    private static IEnumerable<(string, double, double)> ReadPeers(string path)
    {
        foreach (string line in File.ReadAllLines(path).Skip(1))
        {
            string[] cells = SplitCsv(line);
            if (cells.Length < 5)
            {
                continue;
            }

            double bytes = double.Parse(cells[3], CultureInfo.InvariantCulture);
            double ms = double.Parse(cells[4], CultureInfo.InvariantCulture);
            yield return (cells[0], bytes, bytes / (ms * 1e6));
        }
    }

    // Fields may be quoted and hold commas ("47,476.395 us").
    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells.ToArray();
    }
}
