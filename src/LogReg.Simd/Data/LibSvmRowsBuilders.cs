using System.Numerics;
using System.Runtime.CompilerServices;

namespace LogReg.Simd.Data;

/// <summary>What the LIBSVM parser read: CSR arrays (the entry arrays may be up to a fifth longer than their entries) and the labels.</summary>
internal readonly record struct ParsedRows<T>(T[] Labels, int[] RowOffsets, int[] Indices, T[] Values, int Columns, ClassLabels ClassLabels);

/// <summary>
/// The capacity a loader's array grows to: what the text read so far projects for the whole text, when its
/// length is known, else an eighth more. Either way an array ends at most about 1.2 times its final length
/// (a fifth more is trimmed), instead of the up to 2 times of doubling.
/// </summary>
internal static class ProjectedGrowth
{
    /// <summary>Headroom over the projection, so a text whose later lines are a little longer needs no second copy.</summary>
    private const double ProjectionMargin = 1.04;

    public static int NextCapacity(int count, long consumed, long? textLength)
    {
        long projected = 0;
        if (textLength is long length && consumed > 0 && length > consumed)
        {
            projected = (long)(count * (double)length / consumed * ProjectionMargin) + 1024;
        }

        long next = Math.Max(Math.Max(projected, count + (count / 8L)), count + 1024L);
        return (int)Math.Min(next, Array.MaxLength);
    }

    /// <summary>Whether an array of <paramref name="capacity"/> holding <paramref name="count"/> elements wastes more than a fifth.</summary>
    public static bool ShouldTrim(int count, int capacity) => capacity - count > count / 5;
}

/// <summary>The column indices and values of the stored entries, in one capacity.</summary>
/// <remarks>A mutable struct: keep it in a local and never copy it.</remarks>
internal struct EntriesBuilder<T>(long? textLength)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int InitialCapacity = 16 * 1024;

    private int[] _indices = GC.AllocateUninitializedArray<int>(InitialCapacity);
    private T[] _values = GC.AllocateUninitializedArray<T>(InitialCapacity);
    private int _count;

    public readonly int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index, T value, long consumed, string sourceName, int line)
    {
        if (_count == _indices.Length)
        {
            Grow(consumed, sourceName, line);
        }

        _indices[_count] = index;
        _values[_count] = value;
        _count++;
    }

    public (int[] Indices, T[] Values) ToArrays()
    {
        if (ProjectedGrowth.ShouldTrim(_count, _indices.Length))
        {
            Array.Resize(ref _indices, _count);
            Array.Resize(ref _values, _count);
        }

        return (_indices, _values);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(long consumed, string sourceName, int line)
    {
        if (_count >= Array.MaxLength)
        {
            DataFormatThrowHelper.Throw(sourceName, line, $"more than {Array.MaxLength:N0} stored entries, the most one array holds");
        }

        int capacity = ProjectedGrowth.NextCapacity(_count, consumed, textLength);
        var indices = GC.AllocateUninitializedArray<int>(capacity);
        _indices.AsSpan(0, _count).CopyTo(indices);
        _indices = indices;
        var values = GC.AllocateUninitializedArray<T>(capacity);
        _values.AsSpan(0, _count).CopyTo(values);
        _values = values;
    }
}

/// <summary>The labels and row offsets (with the leading 0), in one capacity.</summary>
/// <remarks>A mutable struct: keep it in a local and never copy it.</remarks>
internal struct RowsBuilder<T>(long? textLength)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int InitialCapacity = 1024;

    private T[] _labels = GC.AllocateUninitializedArray<T>(InitialCapacity);
    private int[] _offsets = new int[InitialCapacity + 1];
    private int _count;

    public readonly int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T label, int end, long consumed)
    {
        if (_count == _labels.Length)
        {
            Grow(consumed);
        }

        _labels[_count] = label;
        _offsets[++_count] = end;
    }

    /// <summary>The offsets (rows + 1) and the labels, each exactly as long as needed: a CSR matrix's row count is its offsets' length.</summary>
    public (int[] Offsets, T[] Labels) ToExactArrays()
    {
        Array.Resize(ref _offsets, _count + 1);
        Array.Resize(ref _labels, _count);
        return (_offsets, _labels);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(long consumed)
    {
        // Rows are fewer than entries plus blank lines, so the entries' limit comes first; a file of lone labels stops at Array.MaxLength.
        int capacity = Math.Min(ProjectedGrowth.NextCapacity(_count, consumed, textLength), Array.MaxLength - 1);
        Array.Resize(ref _labels, capacity);
        Array.Resize(ref _offsets, capacity + 1);
    }
}
