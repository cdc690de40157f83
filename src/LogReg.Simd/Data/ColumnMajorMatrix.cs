using System.Numerics;

namespace LogReg.Simd.Data;

/// <summary>
/// A dense m x n matrix stored column by column: the layout in which the loss-and-gradient pass vectorizes
/// across rows. The trainer makes one from narrow data once per fit, since it reads X tens of times.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ColumnMajorMatrix<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _values;

    private ColumnMajorMatrix(T[] values, int rows, int columns)
    {
        _values = values;
        Rows = rows;
        Columns = columns;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Gets the elements, column j at [j * Rows, (j + 1) * Rows).</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>Copies a row-major matrix into column-major order.</summary>
    public static ColumnMajorMatrix<T> FromRows(ReadOnlyMatrixSpan<T> x)
    {
        int m = x.Rows, n = x.Columns;
        var values = new T[(long)m * n];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> row = x.GetRow(i);
            for (int j = 0; j < row.Length; j++)
            {
                values[((long)j * m) + i] = row[j];
            }
        }

        return new ColumnMajorMatrix<T>(values, m, n);
    }
}
