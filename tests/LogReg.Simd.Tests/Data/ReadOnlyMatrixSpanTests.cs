using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LogReg.Simd.Data;
using LogReg.Simd.Diagnostics;
using LogReg.Simd.Tests.TestSupport;

namespace LogReg.Simd.Tests.Data;

/// <summary>The matrix view: construction and its rules, rows, slices, arrays and tensor spans, and padded rows in every form.</summary>
public abstract class ReadOnlyMatrixSpanTests<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static TheoryData<LossGradientForm> AllForms() =>
        new(LossGradientForm.Looped, LossGradientForm.Vectorized, LossGradientForm.Fused, LossGradientForm.Parallel);

    [Fact]
    public void Packed_ExposesShapeAndElements()
    {
        T[] data = Sequence(12);
        var x = new ReadOnlyMatrixSpan<T>(data, 3, 4);
        Assert.Equal(3, x.Rows);
        Assert.Equal(4, x.Columns);
        Assert.Equal(4, x.RowStride);
        Assert.True(x.IsPacked);
        Assert.Equal(12, x.Span.Length);
        Assert.Equal(data[(2 * 4) + 1], x[2, 1]);
        Assert.Equal(data.AsSpan(4, 4), x.GetRow(1));
    }

    [Fact]
    public void Strided_SkipsPadding_AndTrimsTheSpan()
    {
        // 3 rows of 2 columns, stride 5, with 4 trailing elements beyond the last row.
        T[] data = Sequence(17);
        var x = new ReadOnlyMatrixSpan<T>(data, 3, 2, 5);
        Assert.False(x.IsPacked);
        Assert.Equal(5, x.RowStride);
        Assert.Equal((2 * 5) + 2, x.Span.Length);
        Assert.Equal(data.AsSpan(10, 2), x.GetRow(2));
        Assert.Equal(data[5 + 1], x[1, 1]);
    }

    [Fact]
    public void Ctor_ThrowsFor_NegativeRows()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(ReadOnlySpan<T>.Empty, -1, 2));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_ThrowsFor_NegativeColumns()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(ReadOnlySpan<T>.Empty, 0, -3));
        Assert.Equal("columns", ex.ParamName);
        Assert.Contains("-3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_ThrowsFor_RowStrideBelowColumns()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(new T[20], 2, 4, 3));
        Assert.Equal("rowStride", ex.ParamName);
        Assert.Contains("'rowStride':3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'columns':4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_ThrowsFor_DataTooShort()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ReadOnlyMatrixSpan<T>(new T[12], 3, 2, 6));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("length 12", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs 14", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_ThrowsFor_PackedDataOfTheWrongLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ReadOnlyMatrixSpan<T>(new T[13], 3, 4));
        Assert.Equal("data", ex.ParamName);
        Assert.Contains("length 13", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs 12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRow_ThrowsFor_RowOutOfRange()
    {
        T[] data = Sequence(6);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(data, 2, 3).GetRow(2));
        Assert.Equal("row", ex.ParamName);
        Assert.Contains("'row':2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(data, 2, 3).GetRow(-1));
    }

    [Fact]
    public void Indexer_ThrowsFor_ColumnOutOfRange()
    {
        T[] data = Sequence(6);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(data, 2, 3)[0, 3]);
        Assert.Equal("column", ex.ParamName);
        Assert.Contains("'column':3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SliceRows_ViewsTheRows_WithTheSameStride()
    {
        T[] data = Sequence(30);
        var x = new ReadOnlyMatrixSpan<T>(data, 5, 4, 6);
        ReadOnlyMatrixSpan<T> slice = x.SliceRows(1, 3);
        Assert.Equal(3, slice.Rows);
        Assert.Equal(4, slice.Columns);
        Assert.Equal(6, slice.RowStride);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(x.GetRow(i + 1), slice.GetRow(i));
        }

        Assert.Equal(0, x.SliceRows(5, 0).Rows);
        Assert.Equal(4, x.SliceRows(2, 0).Columns);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(4, 2)]
    [InlineData(6, 0)]
    [InlineData(0, 6)]
    public void SliceRows_ThrowsFor_RangeOutsideTheMatrix(int start, int count)
    {
        T[] data = Sequence(20);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReadOnlyMatrixSpan<T>(data, 5, 4).SliceRows(start, count));
        Assert.Equal("start", ex.ParamName);
        Assert.Contains($"[{start}, {start}+{count})", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5 rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArray_ViewsARectangularArrayRowMajor()
    {
        var array = new T[3, 5];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                array[i, j] = T.CreateTruncating((10 * i) + j);
            }
        }

        ReadOnlyMatrixSpan<T> x = ReadOnlyMatrixSpan<T>.FromArray(array);
        ReadOnlyMatrixSpan<T> implicitView = array;
        Assert.Equal(3, x.Rows);
        Assert.Equal(5, x.Columns);
        Assert.True(x.IsPacked);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(array[i, j], x[i, j]);
                Assert.Equal(array[i, j], implicitView[i, j]);
            }
        }

        Assert.Equal(0, ReadOnlyMatrixSpan<T>.FromArray(new T[0, 4]).Rows);
    }

    [Fact]
    public void FromArray_ThrowsFor_Null()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => ReadOnlyMatrixSpan<T>.FromArray(null!));
        Assert.Equal("array", ex.ParamName);
    }

    [Fact]
    public void FromTensorSpan_Packed()
    {
        T[] data = Sequence(12);
        var tensor = new ReadOnlyTensorSpan<T>(data, [3, 4], [4, 1]);
        ReadOnlyMatrixSpan<T> x = ReadOnlyMatrixSpan<T>.FromTensorSpan(tensor);
        Assert.Equal(3, x.Rows);
        Assert.Equal(4, x.Columns);
        Assert.Equal(4, x.RowStride);
        Assert.Equal(data.AsSpan(8, 4), x.GetRow(2));
    }

    [Fact]
    public void FromTensorSpan_PaddedRowStride()
    {
        T[] data = Sequence(3 * 7);
        var tensor = new ReadOnlyTensorSpan<T>(data, [3, 5], [7, 1]);
        ReadOnlyMatrixSpan<T> x = ReadOnlyMatrixSpan<T>.FromTensorSpan(tensor);
        Assert.Equal(3, x.Rows);
        Assert.Equal(5, x.Columns);
        Assert.Equal(7, x.RowStride);
        Assert.False(x.IsPacked);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(data.AsSpan(i * 7, 5), x.GetRow(i));
        }
    }

    [Fact]
    public void FromTensorSpan_ThrowsFor_RankOtherThanTwo()
    {
        T[] data = Sequence(24);
        var ex = Assert.Throws<ArgumentException>(() => ReadOnlyMatrixSpan<T>.FromTensorSpan(new ReadOnlyTensorSpan<T>(data, [2, 3, 4], [12, 4, 1])));
        Assert.Equal("tensor", ex.ParamName);
        Assert.Contains("rank 2, not 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTensorSpan_ThrowsFor_NonContiguousColumns()
    {
        // Column-major 3 x 4: strides [1, 3].
        T[] data = Sequence(12);
        var ex = Assert.Throws<ArgumentException>(() => ReadOnlyMatrixSpan<T>.FromTensorSpan(new ReadOnlyTensorSpan<T>(data, [3, 4], [1, 3])));
        Assert.Equal("tensor", ex.ParamName);
        Assert.Contains("column stride must be 1, not 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTensorSpan_ThrowsFor_RowStrideBelowColumns()
    {
        // Row stride 0 broadcasts one row: the rows alias, which a matrix view does not allow.
        T[] data = Sequence(4);
        var ex = Assert.Throws<ArgumentException>(() => ReadOnlyMatrixSpan<T>.FromTensorSpan(new ReadOnlyTensorSpan<T>(data, [3, 4], [0, 1])));
        Assert.Equal("tensor", ex.ParamName);
        Assert.Contains("row stride 0", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Padding holds NaN, so any form that read it would return NaN; the padded result must be
    /// bit-identical to the packed one, since the same operations run in the same order.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllForms))]
    public void PaddedRows_GiveTheSameLossAndGradient_AsPackedRows(LossGradientForm form)
    {
        foreach ((int m, int n) in (ReadOnlySpan<(int, int)>)[(1, 1), (17, 5), (300, 19), (1031, 64)])
        {
            Problem<T> packed = Problems.Random<T>(seed: m + n, m, n, LabelKind.Mixed, weighted: m % 2 == 1, lambda: 0.2);
            Problem<T> padded = packed.Padded(padding: 3, garbage: T.NaN);
            Result<T> expected = Forms.Run(form, packed);
            Result<T> actual = Forms.Run(form, padded);
            T[] e = [expected.Loss, expected.BiasGradient, .. expected.WeightGradient];
            T[] a = [actual.Loss, actual.BiasGradient, .. actual.WeightGradient];
            Assert.True(e.All(T.IsFinite), $"{form} {m} x {n}: packed result is not finite");
            Assert.True(MemoryMarshal.AsBytes(e.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(a.AsSpan())), $"{form} {m} x {n}: padded result differs");

            // The same view through a padded rank-2 tensor span (TensorSpan rejects a stride on a one-row dimension).
            if (m == 1)
            {
                continue;
            }

            var tensor = new ReadOnlyTensorSpan<T>(padded.X, [m, n], [n + 3, 1]);
            ReadOnlyMatrixSpan<T> view = ReadOnlyMatrixSpan<T>.FromTensorSpan(tensor);
            Assert.Equal(padded.RowStride, view.RowStride);
            Assert.Equal(padded.Matrix.Span.Length, view.Span.Length);
            Result<T> viaTensor = Forms.Run(form, new Problem<T>
            {
                X = view.Span.ToArray(),
                Rows = m,
                Columns = n,
                RowStride = view.RowStride,
                Y = padded.Y,
                SampleWeights = padded.SampleWeights,
                Weights = padded.Weights,
                Bias = padded.Bias,
                Lambda = padded.Lambda,
            });
            T[] t = [viaTensor.Loss, viaTensor.BiasGradient, .. viaTensor.WeightGradient];
            Assert.True(MemoryMarshal.AsBytes(e.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(t.AsSpan())), $"{form} {m} x {n}: tensor-span result differs");
        }
    }

    private static T[] Sequence(int length) => Enumerable.Range(0, length).Select(i => T.CreateTruncating(i)).ToArray();
}

public sealed class ReadOnlyMatrixSpanTests_Single : ReadOnlyMatrixSpanTests<float>;

public sealed class ReadOnlyMatrixSpanTests_Double : ReadOnlyMatrixSpanTests<double>;
