using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace LogReg.Simd.Kernels.Reduction;

/// <summary>Work that the pool runs on several threads at once; each participant calls <see cref="Execute"/> once.</summary>
internal interface IPoolJob
{
    /// <summary>Runs this participant's share of the job's work items (for example, the groups <see cref="GroupClaims"/> hands it).</summary>
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
/// One job runs at a time. A caller that finds the pool busy (another thread's pass, or a pass started from
/// inside a job) runs its job alone on its own thread; the result is the same, since the passes' results do
/// not depend on who computes what. A job is published as one word, its generation and its number of helpers,
/// so a helper decides from one snapshot whether it takes part, and takes part at most once.
/// </remarks>
internal sealed class WorkerPool
{
    // How long a helper spins for the next job, and the caller for its helpers, before sleeping.
    private static readonly long SpinTicks = Stopwatch.Frequency / 20_000; // 50 us

    private readonly object _gate = new();
    private readonly object _doneGate = new();
    private readonly int _helperCount;
    private int _busy;
    private int _startedHelpers;
    private long _state; // generation << 32 | helpers taking part
    private int _pending;
    private IPoolJob? _job;
    private Exception? _failure;

    private WorkerPool(int helperCount) => _helperCount = helperCount;

    /// <summary>Gets the process-wide pool: one helper for each core but the caller's.</summary>
    public static WorkerPool Shared { get; } = new(Math.Max(0, Environment.ProcessorCount - 1));

    /// <summary>The threads a job of <paramref name="workItems"/> items asked to run on <paramref name="threads"/> gets: at least 1, at most the helpers and the caller.</summary>
    public int Participants(int threads, int workItems) => Math.Max(1, Math.Min(Math.Min(threads, workItems), _helperCount + 1));

    /// <summary>Runs <paramref name="job"/> on the calling thread and up to <paramref name="threads"/> - 1 helpers, and waits for all of them.</summary>
    public void Run(IPoolJob job, int threads)
    {
        int helpers = Math.Min(threads - 1, _helperCount);
        if (helpers <= 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            job.Execute(0);
            return;
        }

        try
        {
            StartHelpers(helpers);
            _job = job;
            _failure = null;
            Volatile.Write(ref _pending, helpers);
            lock (_gate)
            {
                long generation = (Volatile.Read(ref _state) >> 32) + 1;
                Volatile.Write(ref _state, (generation << 32) | (uint)helpers);
                Monitor.PulseAll(_gate);
            }

            try
            {
                job.Execute(0);
            }
            finally
            {
                SpinThenWait(_doneGate, spin: true, 0, static (pool, _) => Volatile.Read(ref pool._pending) == 0);
                _job = null;
            }

            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void StartHelpers(int helpers)
    {
        while (_startedHelpers < helpers)
        {
            int index = _startedHelpers;
            int generation = (int)(Volatile.Read(ref _state) >> 32);
            var thread = new Thread(() => HelperLoop(index, generation)) { IsBackground = true, Name = "LogReg.Simd worker " + (index + 1) };
            thread.Start();
            _startedHelpers++;
        }
    }

    private void HelperLoop(int index, int seen)
    {
        bool spin = false;
        while (true)
        {
            long state = WaitForJob(seen, spin);
            seen = (int)(state >> 32);
            spin = index < (int)(uint)state;
            if (!spin)
            {
                continue;
            }

            try
            {
                Volatile.Read(ref _job)!.Execute(index + 1);
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

    // The next job's state word, after the generation <paramref name="seen"/>: spinning first after a job this
    // helper took part in, so back-to-back passes find it awake. A newer generation cannot be published while
    // this helper still owes the one it takes part in, so reading the word after the wait skips no job of its own.
    private long WaitForJob(int seen, bool spin)
    {
        SpinThenWait(_gate, spin, seen, static (pool, seen) => (int)(Volatile.Read(ref pool._state) >> 32) != seen);
        return Volatile.Read(ref _state);
    }

    // Spins up to SpinTicks (or not at all) until done holds, then sleeps on gate, which whoever makes it hold pulses.
    // The spins are short and the clock is read every eighth: on the Xeon one SpinWait(16) took 530 ns and a clock read
    // 55 ns, and polling that coarsely made an empty two-thread job take 0.9-1.3 us instead of 0.6-0.7 us.
    private void SpinThenWait<TArg>(object gate, bool spin, TArg arg, Func<WorkerPool, TArg, bool> done)
    {
        long deadline = spin ? Stopwatch.GetTimestamp() + SpinTicks : 0;
        for (int spins = 0; !done(this, arg); spins++)
        {
            if ((spins & 7) == 0 && Stopwatch.GetTimestamp() >= deadline)
            {
                lock (gate)
                {
                    while (!done(this, arg))
                    {
                        Monitor.Wait(gate);
                    }
                }

                return;
            }

            Thread.SpinWait(1);
        }
    }
}
