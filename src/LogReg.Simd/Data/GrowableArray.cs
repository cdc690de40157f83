using System.Runtime.CompilerServices;

namespace LogReg.Simd.Data;

/// <summary>An append-only array that doubles when full, used by the loaders while the row count is unknown.</summary>
/// <remarks>A mutable struct: keep it in a field or local and never copy it.</remarks>
internal struct GrowableArray<T>
{
    private T[] _items;
    private int _count;

    public GrowableArray(int initialCapacity)
    {
        _items = initialCapacity == 0 ? [] : GC.AllocateUninitializedArray<T>(initialCapacity);
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly Span<T> Written => _items.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Grow(1);
        }

        _items[_count++] = item;
    }

    /// <summary>Appends <paramref name="length"/> elements and returns them for the caller to fill.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Append(int length)
    {
        if (_items.Length - _count < length)
        {
            Grow(length);
        }

        var span = _items.AsSpan(_count, length);
        _count += length;
        return span;
    }

    /// <summary>Returns the written elements as an array of exactly that length, reusing the buffer when it fits.</summary>
    public T[] ToExactArray()
    {
        if (_count != _items.Length)
        {
            Array.Resize(ref _items, _count);
        }

        return _items;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int extra)
    {
        // Past Array.MaxLength the allocation itself throws OutOfMemoryException.
        long needed = (long)_count + extra;
        long capacity = Math.Max(Math.Min(Math.Max(2L * _items.Length, 256), Array.MaxLength), needed);
        var items = GC.AllocateUninitializedArray<T>(checked((int)capacity));
        _items.AsSpan(0, _count).CopyTo(items);
        _items = items;
    }
}
