using System.Numerics;
using System.Runtime.CompilerServices;
using LogReg.Simd.Data;
using LogReg.Simd.Model;

namespace LogReg.Simd.Tests.Model;

/// <summary>Random models and bit-for-bit comparisons shared by the model and persistence tests.</summary>
internal static class ModelTestData
{
    public static T[] Of<T>(params double[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Array.ConvertAll(values, T.CreateTruncating);

    public static T[] RandomValues<T>(Random rng, int count, double scale = 2, double offset = 0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = new T[count];
        for (int j = 0; j < count; j++)
        {
            values[j] = T.CreateTruncating(offset + (scale * ((2 * rng.NextDouble()) - 1)));
        }

        return values;
    }

    public static StandardScaler<T> RandomScaler<T>(Random rng, int n)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T[] means = RandomValues<T>(rng, n, scale: 10);
        var scales = new T[n];
        for (int j = 0; j < n; j++)
        {
            scales[j] = T.CreateTruncating(0.05 + (5 * rng.NextDouble()));
        }

        return StandardScaler<T>.Create(means, scales);
    }

    public static TrainingMetadata RandomMetadata(Random rng)
    {
        ClassWeight classWeight = rng.Next(3) switch
        {
            0 => ClassWeight.None,
            1 => ClassWeight.Balanced,
            _ => ClassWeight.Explicit(0.1 + rng.NextDouble(), 0.1 + (3 * rng.NextDouble())),
        };
        return new TrainingMetadata(
            (Solver)rng.Next(3),
            rng.Next(1, 1000),
            rng.NextDouble(),
            rng.NextDouble() * 1e-5,
            (ConvergenceReason)rng.Next(4),
            rng.NextDouble() * 1e-2,
            rng.Next(2) == 0 ? null : 0.01 + (rng.NextDouble() * 100),
            classWeight,
            rng.Next(2) == 0,
            rng.Next(2) == 0,
            Math.Pow(10, -rng.Next(3, 10)),
            rng.Next(1, 100_000),
            rng.Next(1, 1_000_000));
    }

    public static LogisticRegressionModel<T> RandomModel<T>(Random rng, int n, bool withScaler, bool withMetadata)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        new(
            RandomValues<T>(rng, n),
            T.CreateTruncating(rng.NextDouble() - 0.5),
            withScaler ? RandomScaler<T>(rng, n) : null,
            withMetadata ? RandomMetadata(rng) : null);

    /// <summary>The model with feature names (non-ASCII, empty, with commas and quotes) and class labels, as a fit to a CSV gives it.</summary>
    public static LogisticRegressionModel<T> WithNames<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string[] names = new string[model.FeatureCount];
        for (int j = 0; j < names.Length; j++)
        {
            names[j] = (j % 4) switch { 0 => $"feature_{j}", 1 => $"größe {j} 名前", 2 => j == 2 ? string.Empty : $"\"q\",{j}", _ => new string('x', j) };
        }

        return model.WithDataNames(names, new ClassLabels("no", "yes ✓"));
    }

    public static ulong Bits<T>(T value)
        where T : unmanaged =>
        Unsafe.SizeOf<T>() == 4 ? Unsafe.As<T, uint>(ref value) : Unsafe.As<T, ulong>(ref value);

    public static void AssertBitsEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(Bits(expected[j]) == Bits(actual[j]), $"{what}[{j}]: {actual[j]} (0x{Bits(actual[j]):X}), expected {expected[j]} (0x{Bits(expected[j]):X})");
        }
    }

    /// <summary>Asserts two models equal bit for bit: weights, bias, scaler, and every metadata field (doubles by their bits).</summary>
    public static void AssertModelsBitEqual<T>(LogisticRegressionModel<T> expected, LogisticRegressionModel<T> actual)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        AssertBitsEqual(expected.Weights, actual.Weights, "weights");
        AssertBitsEqual([expected.Bias], [actual.Bias], "bias");
        Assert.Equal(expected.Scaler is null, actual.Scaler is null);
        if (expected.Scaler is { } s)
        {
            AssertBitsEqual(s.Means, actual.Scaler!.Means, "means");
            AssertBitsEqual(s.Scales, actual.Scaler.Scales, "scales");
        }

        AssertBitsEqual(expected.RawWeights, actual.RawWeights, "raw weights");
        AssertBitsEqual([expected.RawBias], [actual.RawBias], "raw bias");
        Assert.Equal(expected.FeatureNames, actual.FeatureNames);
        Assert.Equal(expected.ClassLabels, actual.ClassLabels);
        Assert.Equal(expected.Metadata is null, actual.Metadata is null);
        if (expected.Metadata is { } e)
        {
            TrainingMetadata a = actual.Metadata!;
            Assert.Equal(e, a);
            double[] expectedDoubles = [e.Objective, e.GradientNorm, e.Lambda, e.C ?? 0, e.ClassWeight.Negative, e.ClassWeight.Positive, e.Tolerance];
            double[] actualDoubles = [a.Objective, a.GradientNorm, a.Lambda, a.C ?? 0, a.ClassWeight.Negative, a.ClassWeight.Positive, a.Tolerance];
            AssertBitsEqual<double>(expectedDoubles, actualDoubles, "metadata doubles");
        }
    }
}

/// <summary>Hides <see cref="Stream.CanSeek"/>, as a network or pipe stream does.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
}

/// <summary>Passes the first <c>failAfter</c> written bytes through, then throws, like a disk that fills up mid-write.</summary>
internal sealed class FailingStream(Stream inner, long failAfter) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long allowed = Math.Max(0, failAfter - _written);
        if (buffer.Length > allowed)
        {
            inner.Write(buffer[..(int)allowed]);
            inner.Flush();
            _written += allowed;
            throw new IOException($"Simulated failure after {_written} bytes.");
        }

        inner.Write(buffer);
        _written += buffer.Length;
    }
}
