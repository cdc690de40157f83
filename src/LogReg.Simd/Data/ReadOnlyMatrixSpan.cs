using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>
/// A read-only view of a dense row-major matrix: <see cref="Rows"/> rows of <see cref="Columns"/>
/// elements, with row <c>i</c> starting at element <c>i * RowStride</c> of the underlying span.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// The view copies nothing. Rows may be padded (<see cref="RowStride"/> &gt; <see cref="Columns"/>),
/// which lets a caller align rows or view a column range of a wider matrix.
/// </remarks>
public readonly ref struct ReadOnlyMatrixSpan<T>
{
    private readonly ReadOnlySpan<T> _data;

    /// <summary>Creates a view of a packed row-major matrix (row stride equal to <paramref name="columns"/>).</summary>
    /// <param name="data">The elements, row after row; its length must be <c>rows * columns</c>.</param>
    /// <param name="rows">The number of rows, zero or more.</param>
    /// <param name="columns">The number of columns, zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="data"/> is not <c>rows * columns</c>.</exception>
    public ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns)
        : this(data, rows, columns, columns)
    {
    }

    /// <summary>Creates a view of a row-major matrix whose rows are <paramref name="rowStride"/> elements apart.</summary>
    /// <param name="data">The elements; it must hold <c>(rows - 1) * rowStride + columns</c> elements at least.</param>
    /// <param name="rows">The number of rows, zero or more.</param>
    /// <param name="columns">The number of columns, zero or more.</param>
    /// <param name="rowStride">The distance in elements between the starts of two rows, at least <paramref name="columns"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or <paramref name="rowStride"/> is less than <paramref name="columns"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the shape, or (for a packed view) longer than it.</exception>
    public ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns, int rowStride)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (rowStride < columns)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rowStride), $"'{nameof(rowStride)}':{rowStride} must be at least 'columns':{columns}.");
        }

        long required = rows == 0 ? 0 : ((long)(rows - 1) * rowStride) + columns;
        if (data.Length < required || (rowStride == columns && data.Length != required))
        {
            ThrowHelper.ThrowArgument(nameof(data), $"'{nameof(data)}' length {data.Length} does not fit a {rows} x {columns} matrix with row stride {rowStride} (needs {required}).");
        }

        _data = data[..(int)required];
        Rows = rows;
        Columns = columns;
        RowStride = rowStride;
    }

    private ReadOnlyMatrixSpan(ReadOnlySpan<T> exact, int rows, int columns, int rowStride, bool unchecked_)
    {
        _ = unchecked_;
        _data = exact;
        Rows = rows;
        Columns = columns;
        RowStride = rowStride;
    }

    /// <summary>Gets the number of rows (examples).</summary>
    public int Rows { get; }

    /// <summary>Gets the number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Gets the distance in elements between the starts of two consecutive rows.</summary>
    public int RowStride { get; }

    /// <summary>Gets a value indicating whether the rows are packed with no padding between them.</summary>
    public bool IsPacked => RowStride == Columns || Rows <= 1;

    /// <summary>Gets the underlying elements, from the first element of row 0 to the last element of the last row.</summary>
    public ReadOnlySpan<T> Span => _data;

    /// <summary>Gets one element.</summary>
    /// <param name="row">The zero-based row.</param>
    /// <param name="column">The zero-based column.</param>
    public T this[int row, int column]
    {
        get
        {
            if ((uint)column >= (uint)Columns)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(column), $"'{nameof(column)}':{column} must be less than 'Columns':{Columns}.");
            }

            return GetRow(row)[column];
        }
    }

    /// <summary>Gets the elements of one row.</summary>
    /// <param name="row">The zero-based row.</param>
    /// <returns>A span of <see cref="Columns"/> elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, <see cref="Rows"/>).</exception>
    public ReadOnlySpan<T> GetRow(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(row), $"'{nameof(row)}':{row} must be less than 'Rows':{Rows}.");
        }

        return _data.Slice(row * RowStride, Columns);
    }

    /// <summary>Gets a view of the rows in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <returns>The view of those rows, with the same columns and stride.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the matrix.</exception>
    public ReadOnlyMatrixSpan<T> SliceRows(int start, int count)
    {
        if ((uint)start > (uint)Rows || (uint)count > (uint)(Rows - start))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(start), $"Rows [{start}, {start}+{count}) are outside a matrix of {Rows} rows.");
        }

        if (count == 0)
        {
            return new ReadOnlyMatrixSpan<T>(ReadOnlySpan<T>.Empty, 0, Columns, RowStride, true);
        }

        int length = ((count - 1) * RowStride) + Columns;
        return new ReadOnlyMatrixSpan<T>(_data.Slice(start * RowStride, length), count, Columns, RowStride, true);
    }

    /// <summary>Creates a view of a rectangular array, which .NET stores row-major.</summary>
    /// <param name="array">The matrix; its first dimension is the rows.</param>
    /// <returns>A packed view of <paramref name="array"/>.</returns>
    public static ReadOnlyMatrixSpan<T> FromArray(T[,] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        int rows = array.GetLength(0);
        int columns = array.GetLength(1);
        ref T first = ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array));
        return new ReadOnlyMatrixSpan<T>(MemoryMarshal.CreateReadOnlySpan(ref first, array.Length), rows, columns, columns, true);
    }

    /// <summary>Creates a view of a rank-2 tensor span whose last dimension is contiguous.</summary>
    /// <param name="tensor">A rank-2 tensor: lengths [rows, columns], strides [rowStride, 1].</param>
    /// <returns>A view of the same memory.</returns>
    /// <exception cref="ArgumentException">The tensor is not rank 2, its columns are not contiguous, or its row stride is smaller than its column count.</exception>
    public static ReadOnlyMatrixSpan<T> FromTensorSpan(in ReadOnlyTensorSpan<T> tensor)
    {
        if (tensor.Rank != 2)
        {
            ThrowHelper.ThrowArgument(nameof(tensor), $"'{nameof(tensor)}' must have rank 2, not {tensor.Rank}.");
        }

        int rows = checked((int)tensor.Lengths[0]);
        int columns = checked((int)tensor.Lengths[1]);
        int rowStride = checked((int)tensor.Strides[0]);
        nint columnStride = tensor.Strides[1];
        if (rows == 0 || columns == 0)
        {
            return new ReadOnlyMatrixSpan<T>(ReadOnlySpan<T>.Empty, rows, columns, columns, true);
        }

        if (columns > 1 && columnStride != 1)
        {
            ThrowHelper.ThrowArgument(nameof(tensor), $"'{nameof(tensor)}' column stride must be 1, not {columnStride}.");
        }

        if (rows > 1 && rowStride < columns)
        {
            ThrowHelper.ThrowArgument(nameof(tensor), $"'{nameof(tensor)}' row stride {rowStride} must be at least its {columns} columns.");
        }

        rowStride = rows == 1 ? columns : rowStride;
        int length = checked(((rows - 1) * rowStride) + columns);
        ref T first = ref Unsafe.AsRef(in tensor.GetPinnableReference());
        return new ReadOnlyMatrixSpan<T>(MemoryMarshal.CreateReadOnlySpan(ref first, length), rows, columns, rowStride, true);
    }

    /// <summary>Creates a view of a rectangular array.</summary>
    /// <param name="array">The matrix.</param>
    public static implicit operator ReadOnlyMatrixSpan<T>(T[,] array) => FromArray(array);
}
