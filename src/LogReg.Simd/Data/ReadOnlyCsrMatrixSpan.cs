using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>
/// A read-only view of a sparse matrix in compressed sparse row (CSR) form: row <c>i</c> holds the
/// entries <c>[RowOffsets[i], RowOffsets[i + 1])</c> of <see cref="ColumnIndices"/> and <see cref="Values"/>,
/// with column indices strictly increasing within the row and less than <see cref="Columns"/>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>
/// <para>
/// The layout is scikit-learn's <c>csr_matrix</c> with sorted indices (<c>has_sorted_indices</c>) and no
/// duplicates, and liblinear's row lists with 0-based indices. Columns missing from a row are zero;
/// explicit zeros may be stored.
/// </para>
/// <para>
/// The view copies nothing. The offsets are positions in <see cref="ColumnIndices"/> and
/// <see cref="Values"/>; they need not start at 0, which is how <see cref="SliceRows"/> views rows of a
/// larger matrix without copying. The public constructor checks the whole structure once, in O(rows +
/// nonzeros); views made from a checked view or from <see cref="CsrMatrix{T}"/> are not checked again.
/// </para>
/// </remarks>
public readonly ref struct ReadOnlyCsrMatrixSpan<T>
{
    private readonly ReadOnlySpan<int> _rowOffsets;
    private readonly ReadOnlySpan<int> _columnIndices;
    private readonly ReadOnlySpan<T> _values;

    /// <summary>Creates a checked view of CSR arrays.</summary>
    /// <param name="rowOffsets">rows + 1 non-decreasing positions (or none, for no rows) into <paramref name="columnIndices"/> and <paramref name="values"/>.</param>
    /// <param name="columnIndices">The 0-based column of each stored entry; strictly increasing within a row and in [0, <paramref name="columns"/>).</param>
    /// <param name="values">The value of each stored entry; as long as <paramref name="columnIndices"/>.</param>
    /// <param name="columns">The number of columns, zero or more.</param>
    /// <exception cref="ArgumentException">The structure is invalid; the message names the row, the position and the value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative.</exception>
    public ReadOnlyCsrMatrixSpan(ReadOnlySpan<int> rowOffsets, ReadOnlySpan<int> columnIndices, ReadOnlySpan<T> values, int columns)
    {
        CsrValidation.Validate(rowOffsets, columnIndices, values.Length, columns);
        _rowOffsets = rowOffsets;
        _columnIndices = columnIndices;
        _values = values;
        Columns = columns;
    }

    // A view of parts already known to be valid.
    internal ReadOnlyCsrMatrixSpan(ReadOnlySpan<int> rowOffsets, ReadOnlySpan<int> columnIndices, ReadOnlySpan<T> values, int columns, bool trusted)
    {
        _ = trusted;
        _rowOffsets = rowOffsets;
        _columnIndices = columnIndices;
        _values = values;
        Columns = columns;
    }

    /// <summary>Gets the number of rows (examples).</summary>
    public int Rows => _rowOffsets.IsEmpty ? 0 : _rowOffsets.Length - 1;

    /// <summary>Gets the number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Gets the number of stored entries in the rows of this view.</summary>
    public int NonZeroCount => _rowOffsets.IsEmpty ? 0 : _rowOffsets[^1] - _rowOffsets[0];

    /// <summary>Gets the rows + 1 positions of the rows' entries in <see cref="ColumnIndices"/> and <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> RowOffsets => _rowOffsets;

    /// <summary>Gets the column index of every stored entry (of this view and, after slicing, of the rows around it).</summary>
    public ReadOnlySpan<int> ColumnIndices => _columnIndices;

    /// <summary>Gets the value of every stored entry, parallel to <see cref="ColumnIndices"/>.</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>Gets the fraction of the Rows x Columns elements that are stored, in [0, 1].</summary>
    public double Density => Rows == 0 || Columns == 0 ? 0.0 : NonZeroCount / ((double)Rows * Columns);

    /// <summary>Gets the column indices of one row's stored entries.</summary>
    /// <param name="row">The zero-based row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, <see cref="Rows"/>).</exception>
    public ReadOnlySpan<int> GetRowIndices(int row)
    {
        CheckRow(row);
        return _columnIndices[_rowOffsets[row].._rowOffsets[row + 1]];
    }

    /// <summary>Gets the values of one row's stored entries, parallel to <see cref="GetRowIndices(int)"/>.</summary>
    /// <param name="row">The zero-based row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside [0, <see cref="Rows"/>).</exception>
    public ReadOnlySpan<T> GetRowValues(int row)
    {
        CheckRow(row);
        return _values[_rowOffsets[row].._rowOffsets[row + 1]];
    }

    /// <summary>Gets a view of the rows in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>), without copying.</summary>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    /// <returns>The view of those rows, with the same columns.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the matrix.</exception>
    public ReadOnlyCsrMatrixSpan<T> SliceRows(int start, int count)
    {
        if ((uint)start > (uint)Rows || (uint)count > (uint)(Rows - start))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(start), $"Rows [{start}, {start}+{count}) are outside a matrix of {Rows} rows.");
        }

        return count == 0
            ? new ReadOnlyCsrMatrixSpan<T>(ReadOnlySpan<int>.Empty, _columnIndices, _values, Columns, true)
            : new ReadOnlyCsrMatrixSpan<T>(_rowOffsets.Slice(start, count + 1), _columnIndices, _values, Columns, true);
    }

    private void CheckRow(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(row), $"'{nameof(row)}':{row} must be less than 'Rows':{Rows}.");
        }
    }
}
