using LogReg.Simd.Model;
using static LogReg.Simd.Tests.Model.ModelTestData;

namespace LogReg.Simd.Tests.Model;

public abstract partial class LogisticRegressionModelTests<T>
{
    [Fact]
    public void OneModel_PredictsFromEightThreads_ExactlyAsSerially()
    {
        const int Threads = 8;
        const int Calls = 100_000;
        (LogisticRegressionModel<T> model, T[][] rows) = Case(24, withScaler: true, seed: 11, rowCount: 64);
        ulong[] expectedP = Array.ConvertAll(rows, r => Bits(model.PredictProbability(r)));
        ulong[] expectedZ = Array.ConvertAll(rows, r => Bits(model.DecisionFunction(r)));
        var mismatches = new int[Threads];
        var completed = new int[Threads];
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int k = 0; k < Calls; k++)
                {
                    int i = (k + (id * 7)) & 63;
                    bool same = k % 2 == 0
                        ? Bits(model.PredictProbability(rows[i])) == expectedP[i]
                        : Bits(model.DecisionFunction(rows[i])) == expectedZ[i];
                    mismatches[id] += same ? 0 : 1;
                    completed[id]++;
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.All(completed, c => Assert.Equal(Calls, c));
        Assert.All(mismatches, c => Assert.Equal(0, c));
    }
}
