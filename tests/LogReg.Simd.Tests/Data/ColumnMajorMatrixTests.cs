using System.Numerics;
using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

/// <summary>
/// The copy of row-major X into columns (the trainer's copy, and the narrow pass's per-chunk copy): every element lands
/// where it belongs for every row count around the eight-row groups, every column count up to 19,
/// and padded rows, so the gathers of eight float rows and the scalar rows agree with a plain loop.
/// </summary>
public abstract class ColumnMajorMatrixTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int rows in new[] { 1, 7, 8, 9, 15, 16, 17, 24, 25, 33 })
        {
            for (int columns = 1; columns <= 19; columns++)
            {
                data.Add(rows, columns, 0);
                data.Add(rows, columns, 3);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FromRows_PutsEveryElementInItsColumn(int rows, int columns, int padding)
    {
        int stride = columns + padding;

        // Exactly the elements the view needs: the last row has no padding after it, so a read past it would leave the array.
        var values = new T[((rows - 1) * stride) + columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(i + 1);
        }

        ColumnMajorMatrix<T> copy = ColumnMajorMatrix<T>.FromRows(new ReadOnlyMatrixSpan<T>(values, rows, columns, stride));
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < columns; j++)
            {
                T expected = values[(r * stride) + j];
                T actual = copy.Values[(j * rows) + r];
                Assert.True(actual == expected, $"{rows}x{columns} (stride {stride}): row {r}, column {j} is {actual}, expected {expected}");
            }
        }
    }
}

public sealed class ColumnMajorMatrixTestsSingle : ColumnMajorMatrixTests<float>;

public sealed class ColumnMajorMatrixTestsDouble : ColumnMajorMatrixTests<double>;
