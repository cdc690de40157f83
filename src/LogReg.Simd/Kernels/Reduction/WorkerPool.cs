using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace LogReg.Simd.Kernels.Reduction;

/// <summary>Work that the pool runs on several threads at once; each participant calls <see cref="Execute"/> once.</summary>
internal interface IPoolJob
{
    /// <summary>Runs this participant's share; participants take work items from a shared counter.</summary>
    /// <param name="participant">0 for the calling thread, 1 and up for the pool's threads.</param>
    void Execute(int participant);
}

/// <summary>
/// Long-lived threads for the parallel passes. A solver makes hundreds of passes back to back, and a pass
/// over data in cache takes microseconds, so starting tasks for each one (Parallel.For) costs more than the
/// pass saves. These threads stay for the life of the process: after a job they spin briefly, so the next
/// pass starts at once, then sleep until the next job.
/// </summary>
/// <remarks>
/// One job runs at a time. A caller that finds the pool busy (another thread's pass) runs its job alone on
/// its own thread; the result is the same, since the passes' results do not depend on who computes what.
/// </remarks>
internal sealed class WorkerPool
{
    // How long a helper spins for the next job before it sleeps.
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000; // 200 us

    private readonly object _runLock = new();
    private readonly object _gate = new();
    private readonly object _doneGate = new();
    private readonly int _helperCount;
    private int _startedHelpers;
    private int _generation;
    private int _participants;
    private int _pending;
    private IPoolJob? _job;
    private Exception? _failure;

    private WorkerPool(int helperCount) => _helperCount = helperCount;

    /// <summary>Gets the process-wide pool: one helper for each core but the caller's.</summary>
    public static WorkerPool Shared { get; } = new(Math.Max(0, Environment.ProcessorCount - 1));

    /// <summary>Runs <paramref name="job"/> on the calling thread and up to <paramref name="threads"/> - 1 helpers, and waits for all of them.</summary>
    public void Run(IPoolJob job, int threads)
    {
        int helpers = Math.Min(threads - 1, _helperCount);
        if (helpers <= 0 || !Monitor.TryEnter(_runLock))
        {
            job.Execute(0);
            return;
        }

        try
        {
            StartHelpers(helpers);
            _job = job;
            _failure = null;
            _participants = helpers;
            Volatile.Write(ref _pending, helpers);
            lock (_gate)
            {
                _generation++;
                Monitor.PulseAll(_gate);
            }

            try
            {
                job.Execute(0);
            }
            finally
            {
                WaitForHelpers();
                _job = null;
            }

            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            Monitor.Exit(_runLock);
        }
    }

    // Spins as the helpers do before sleeping: a pass in cache lasts microseconds, and waking a sleeping
    // caller costs tens of them.
    private void WaitForHelpers()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _pending) != 0)
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                lock (_doneGate)
                {
                    while (Volatile.Read(ref _pending) != 0)
                    {
                        Monitor.Wait(_doneGate);
                    }
                }

                return;
            }

            Thread.SpinWait(16);
        }
    }

    private void StartHelpers(int helpers)
    {
        for (int i = _startedHelpers; i < helpers; i++)
        {
            int index = i;
            var thread = new Thread(() => HelperLoop(index)) { IsBackground = true, Name = "LogReg.Simd worker " + (index + 1) };
            thread.Start();
        }

        _startedHelpers = Math.Max(_startedHelpers, helpers);
    }

    private void HelperLoop(int index)
    {
        int seen = 0;
        while (true)
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _generation) == seen && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(16);
            }

            if (Volatile.Read(ref _generation) == seen)
            {
                lock (_gate)
                {
                    while (_generation == seen)
                    {
                        Monitor.Wait(_gate);
                    }
                }
            }

            seen = Volatile.Read(ref _generation);
            if (index >= _participants)
            {
                continue;
            }

            try
            {
                _job!.Execute(index + 1);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                lock (_doneGate)
                {
                    Monitor.PulseAll(_doneGate);
                }
            }
        }
    }
}
