using LogReg.Simd.Internal;

namespace LogReg.Simd.Data;

/// <summary>The one check of a CSR structure, shared by the view and the owning matrix.</summary>
internal static class CsrValidation
{
    public static void Validate(ReadOnlySpan<int> rowOffsets, ReadOnlySpan<int> columnIndices, int valueCount, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (columnIndices.Length != valueCount)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(columnIndices), columnIndices.Length, "values", valueCount);
        }

        if (rowOffsets.IsEmpty)
        {
            return;
        }

        int previous = rowOffsets[0];
        if (previous < 0 || previous > valueCount)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rowOffsets), $"'{nameof(rowOffsets)}'[0]:{previous} must be in [0, {valueCount}] (the number of stored entries).");
        }

        for (int row = 0; row < rowOffsets.Length - 1; row++)
        {
            int end = rowOffsets[row + 1];
            if (end < previous || end > valueCount)
            {
                ThrowHelper.ThrowArgument(nameof(rowOffsets), $"'{nameof(rowOffsets)}'[{row + 1}]:{end} must be in [{previous}, {valueCount}]: offsets are non-decreasing positions into the {valueCount} stored entries (row {row}).");
            }

            int last = -1;
            for (int k = previous; k < end; k++)
            {
                int column = columnIndices[k];
                if ((uint)column >= (uint)columns)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(columnIndices), $"'{nameof(columnIndices)}'[{k}]:{column} (row {row}) must be in [0, {columns}).");
                }

                if (column <= last)
                {
                    string what = column == last ? "repeats" : "is less than";
                    ThrowHelper.ThrowArgument(nameof(columnIndices), $"'{nameof(columnIndices)}'[{k}]:{column} (row {row}) {what} the previous column {last}; indices within a row must be strictly increasing.");
                }

                last = column;
            }

            previous = end;
        }
    }
}
