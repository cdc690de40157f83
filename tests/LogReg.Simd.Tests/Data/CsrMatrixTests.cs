using LogReg.Simd.Data;

namespace LogReg.Simd.Tests.Data;

/// <summary>The CSR matrix and its view: the structure check, rows, slices without copies, and dense conversion.</summary>
public sealed class CsrMatrixTests
{
    // [[0, 1.5, 0, 2], [0, 0, 0, 0], [3, 0, 0, -1]]
    private static readonly int[] Offsets = [0, 2, 2, 4];
    private static readonly int[] Indices = [1, 3, 0, 3];
    private static readonly double[] Values = [1.5, 2, 3, -1];

    [Fact]
    public void Matrix_ExposesShapeRowsAndDensity()
    {
        var x = new CsrMatrix<double>(Offsets, Indices, Values, 4);
        Assert.Equal(3, x.Rows);
        Assert.Equal(4, x.Columns);
        Assert.Equal(4, x.NonZeroCount);
        ReadOnlyCsrMatrixSpan<double> view = x;
        Assert.Equal(4.0 / 12, view.Density);
        Assert.Equal([0, 3], view.GetRowIndices(2).ToArray());
        Assert.Equal([3.0, -1], view.GetRowValues(2).ToArray());
        Assert.True(view.GetRowIndices(1).IsEmpty);
        Assert.Equal((4 + 4) * sizeof(int) + (4 * sizeof(double)), x.ByteCount);
    }

    [Fact]
    public void SliceRows_ViewsTheSameMemory_WithOffsetsThatDoNotStartAtZero()
    {
        var x = new CsrMatrix<double>(Offsets, Indices, Values, 4);
        ReadOnlyCsrMatrixSpan<double> tail = x.Span.SliceRows(1, 2);
        Assert.Equal(2, tail.Rows);
        Assert.Equal(2, tail.NonZeroCount);
        Assert.Equal(2, tail.RowOffsets[0]);
        Assert.Equal([3.0, -1], tail.GetRowValues(1).ToArray());
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(tail.Values), ref Values[0]));
        Assert.Equal(0, x.Span.SliceRows(3, 0).Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Span.SliceRows(2, 2));
    }

    [Fact]
    public void DenseRoundTrip_KeepsEveryElement()
    {
        double[] dense = [0, 1.5, 0, 2, 0, 0, 0, 0, 3, 0, 0, -1];
        var x = CsrMatrix<double>.FromDense(new ReadOnlyMatrixSpan<double>(dense, 3, 4));
        Assert.Equal(Offsets, x.Span.RowOffsets.ToArray());
        Assert.Equal(Indices, x.Span.ColumnIndices.ToArray());
        var back = new double[12];
        x.CopyTo(back);
        Assert.Equal(dense, back);
        Assert.Throws<ArgumentException>(() => x.CopyTo(new double[11]));
    }

    [Fact]
    public void EmptyMatrices_AreValid()
    {
        Assert.Equal(0, new CsrMatrix<float>([], [], [], 5).Rows);
        Assert.Equal(0, new ReadOnlyCsrMatrixSpan<float>([], [], [], 5).Rows);
        Assert.Equal(0, new ReadOnlyCsrMatrixSpan<float>([0], [], [], 5).Rows);
        Assert.Equal(2, new CsrMatrix<float>([0, 0, 0], [], [], 0).Rows);
    }

    [Theory]
    [InlineData(new[] { 0, 2, 1, 4 }, new[] { 1, 3, 0, 3 }, "'rowOffsets'[2]:1 must be in [2, 4]")]
    [InlineData(new[] { 0, 2, 2, 5 }, new[] { 1, 3, 0, 3 }, "'rowOffsets'[3]:5 must be in [2, 4]")]
    [InlineData(new[] { 0, 2, 2, 4 }, new[] { 3, 1, 0, 3 }, "'columnIndices'[1]:1 (row 0) is less than the previous column 3")]
    [InlineData(new[] { 0, 2, 2, 4 }, new[] { 1, 1, 0, 3 }, "'columnIndices'[1]:1 (row 0) repeats the previous column 1")]
    [InlineData(new[] { 0, 2, 2, 4 }, new[] { 1, 3, 0, 4 }, "'columnIndices'[3]:4 (row 2) must be in [0, 4)")]
    [InlineData(new[] { 0, 2, 2, 4 }, new[] { 1, 3, -1, 3 }, "'columnIndices'[2]:-1 (row 2) must be in [0, 4)")]
    public void InvalidStructure_IsRefused_NamingThePositionAndValue(int[] offsets, int[] indices, string expected)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => new ReadOnlyCsrMatrixSpan<double>(offsets, indices, Values, 4));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new CsrMatrix<double>(offsets, indices, Values, 4));
    }

    [Fact]
    public void OwningMatrix_NeedsOffsetsFromZeroToTheEntryCount_AndParallelArrays()
    {
        Assert.Contains("must start at 0", Assert.Throws<ArgumentException>(() => new CsrMatrix<double>([1, 2, 2, 4], Indices, Values, 4)).Message, StringComparison.Ordinal);
        Assert.Contains("'columnIndices':3 must have the same length as 'values':4", Assert.Throws<ArgumentException>(() => new ReadOnlyCsrMatrixSpan<double>(Offsets, [1, 3, 0], Values, 4)).Message, StringComparison.Ordinal);
    }
}
