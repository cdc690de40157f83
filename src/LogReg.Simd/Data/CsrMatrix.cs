namespace LogReg.Simd.Data;

/// <summary>
/// An owning sparse matrix in compressed sparse row form, checked once when it is created; see
/// <see cref="ReadOnlyCsrMatrixSpan{T}"/> for the layout. Immutable once created.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class CsrMatrix<T>
{
    private readonly int[] _rowOffsets;
    private readonly int[] _columnIndices;
    private readonly T[] _values;
    private readonly int _count;

    /// <summary>Creates a matrix from CSR arrays, which it keeps (no copy) after checking them.</summary>
    /// <param name="rowOffsets">rows + 1 non-decreasing positions, starting at 0 and ending at the number of stored entries.</param>
    /// <param name="columnIndices">The 0-based column of each stored entry; strictly increasing within a row and in [0, <paramref name="columns"/>).</param>
    /// <param name="values">The value of each stored entry.</param>
    /// <param name="columns">The number of columns, zero or more.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">The structure is invalid; the message names the row, the position and the value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative, or an offset or index is out of range.</exception>
    /// <remarks>The caller must not change the arrays afterwards.</remarks>
    public CsrMatrix(int[] rowOffsets, int[] columnIndices, T[] values, int columns)
    {
        ArgumentNullException.ThrowIfNull(rowOffsets);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowOffsets.Length == 0)
        {
            rowOffsets = [0];
        }

        if (rowOffsets[0] != 0 || rowOffsets[^1] != values.Length)
        {
            throw new ArgumentException($"'{nameof(rowOffsets)}' must start at 0 and end at the {values.Length} stored entries; it runs from {rowOffsets[0]} to {rowOffsets[^1]}.", nameof(rowOffsets));
        }

        CsrValidation.Validate(rowOffsets, columnIndices, values.Length, columns);
        _rowOffsets = rowOffsets;
        _columnIndices = columnIndices;
        _values = values;
        _count = values.Length;
        Columns = columns;
    }

    // Arrays a loader built valid; the entry arrays may run past the rowOffsets[^1] entries in use.
    private CsrMatrix(int[] rowOffsets, int[] columnIndices, T[] values, int columns, bool trusted)
    {
        _ = trusted;
        _rowOffsets = rowOffsets;
        _columnIndices = columnIndices;
        _values = values;
        _count = rowOffsets[^1];
        Columns = columns;
    }

    /// <summary>Gets the number of rows.</summary>
    public int Rows => _rowOffsets.Length - 1;

    /// <summary>Gets the number of columns.</summary>
    public int Columns { get; }

    /// <summary>Gets the number of stored entries.</summary>
    public int NonZeroCount => _count;

    /// <summary>Gets a view of the whole matrix.</summary>
    public ReadOnlyCsrMatrixSpan<T> Span => new(_rowOffsets, _columnIndices.AsSpan(0, _count), _values.AsSpan(0, _count), Columns, trusted: true);

    /// <summary>Gets the bytes of the three arrays (offsets, indices, values) as allocated.</summary>
    public long ByteCount => (sizeof(int) * ((long)_rowOffsets.Length + _columnIndices.Length)) + ((long)System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * _values.Length);

    /// <summary>Takes arrays that are valid by construction, without copying or checking them.</summary>
    internal static CsrMatrix<T> TakeOwnership(int[] rowOffsets, int[] columnIndices, T[] values, int columns) =>
        new(rowOffsets, columnIndices, values, columns, trusted: true);

    /// <summary>Gets a view of the whole matrix.</summary>
    /// <param name="matrix">The matrix.</param>
    public static implicit operator ReadOnlyCsrMatrixSpan<T>(CsrMatrix<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix.Span;
    }

    /// <summary>Copies the stored entries of a dense matrix whose value is not zero.</summary>
    /// <param name="dense">The dense matrix.</param>
    /// <returns>A CSR matrix with the same elements.</returns>
    /// <exception cref="ArgumentException">The matrix holds more than <see cref="Array.MaxLength"/> nonzeros.</exception>
    public static CsrMatrix<T> FromDense(ReadOnlyMatrixSpan<T> dense)
    {
        var comparer = EqualityComparer<T>.Default;
        T zero = default!;
        long count = 0;
        for (int i = 0; i < dense.Rows; i++)
        {
            foreach (T value in dense.GetRow(i))
            {
                count += comparer.Equals(value, zero) ? 0 : 1;
            }
        }

        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"'{nameof(dense)}' has {count} nonzeros, more than a CSR matrix holds ({Array.MaxLength}).", nameof(dense));
        }

        var offsets = new int[dense.Rows + 1];
        var indices = new int[count];
        var values = new T[count];
        int k = 0;
        for (int i = 0; i < dense.Rows; i++)
        {
            ReadOnlySpan<T> row = dense.GetRow(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (!comparer.Equals(row[j], zero))
                {
                    indices[k] = j;
                    values[k++] = row[j];
                }
            }

            offsets[i + 1] = k;
        }

        return new CsrMatrix<T>(offsets, indices, values, dense.Columns);
    }

    /// <summary>Writes the matrix densely, row-major, into <paramref name="destination"/> (Rows x Columns elements).</summary>
    /// <param name="destination">Receives every element; its length must be Rows x Columns.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has another length.</exception>
    public void CopyTo(Span<T> destination)
    {
        long length = (long)Rows * Columns;
        if (destination.Length != length)
        {
            throw new ArgumentException($"'{nameof(destination)}' has {destination.Length} elements; a {Rows} x {Columns} matrix needs {length}.", nameof(destination));
        }

        destination.Clear();
        for (int i = 0; i < Rows; i++)
        {
            Span<T> row = destination.Slice(i * Columns, Columns);
            for (int k = _rowOffsets[i]; k < _rowOffsets[i + 1]; k++)
            {
                row[_columnIndices[k]] = _values[k];
            }
        }
    }
}
