using LogReg.Simd.Metrics;

namespace LogReg.Simd.Tests.Metrics;

public abstract partial class ClassificationMetricsTests<T>
{
    [Fact]
    public void Metrics_DoNotAllocate()
    {
        T[] y = Of(s_y), p = Of(s_p), w = Of(s_w);
        var scratch = new T[ClassificationMetrics.RocAucScratchLength(y.Length)];
        double sink = 0;

        void Run()
        {
            sink += ClassificationMetrics.Accuracy<T>(y, p);
            sink += ClassificationMetrics.Accuracy<T>(y, p, 0.5, w);
            sink += ClassificationMetrics.LogLoss<T>(y, p);
            sink += ClassificationMetrics.LogLoss<T>(y, p, w);
            sink += ClassificationMetrics.ConfusionMatrix<T>(y, p).F1;
            sink += ClassificationMetrics.ConfusionMatrix<T>(y, p, 0.5, w).F1;
            sink += ClassificationMetrics.RocAuc<T>(y, p, default, scratch);
            sink += ClassificationMetrics.RocAuc<T>(y, p, w, scratch);
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
        Assert.True(double.IsFinite(sink));
    }
}
