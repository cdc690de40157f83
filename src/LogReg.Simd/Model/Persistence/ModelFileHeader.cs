using System.Diagnostics.CodeAnalysis;

namespace LogReg.Simd.Model.Persistence;

/// <summary>The element type of a saved model's weights, as coded in its file.</summary>
public enum ModelElementType
{
    /// <summary><see cref="float"/>: IEEE 754 binary32, code 1.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The IEEE 754 width is the point of the name.")]
    Float32 = 1,

    /// <summary><see cref="double"/>: IEEE 754 binary64, code 2.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The IEEE 754 width is the point of the name.")]
    Float64 = 2,
}

/// <summary>What the fixed-size header of a binary model file says, read without loading the model.</summary>
/// <param name="FormatVersion">The format version: 2, or 1 for files written before feature names and class labels were kept.</param>
/// <param name="ElementType">The element type of the weights, bias and scaler.</param>
/// <param name="FeatureCount">The number of features n.</param>
/// <param name="HasScaler">Whether a scaler (n means and n scales) follows the bias.</param>
/// <param name="HasMetadata">Whether training metadata follows.</param>
/// <param name="HasFeatureNames">Whether the names section holds the n feature names (version 2).</param>
/// <param name="HasClassLabels">Whether the names section holds the two class labels (version 2).</param>
/// <remarks>
/// The header alone is not checked against the checksum; <see cref="ModelSerializer.Load{T}(Stream)"/>
/// and <see cref="ModelSerializer.LoadAny(Stream)"/> verify the whole file.
/// </remarks>
public sealed record ModelFileHeader(
    int FormatVersion,
    ModelElementType ElementType,
    int FeatureCount,
    bool HasScaler,
    bool HasMetadata,
    bool HasFeatureNames = false,
    bool HasClassLabels = false)
{
    /// <summary>Gets the size in bytes of one element: 4 or 8.</summary>
    public int ElementSize => ElementType == ModelElementType.Float32 ? sizeof(float) : sizeof(double);

    /// <summary>
    /// Gets the length in bytes of the file this header describes, checksum included, but without the
    /// names section of version 2, whose size the file gives after the metadata: the exact length of a
    /// version-1 file, or of a version-2 file without feature names and class labels.
    /// </summary>
    public long FileLength => LengthBeforeNames + ModelFileFormat.ChecksumSize;

    /// <summary>Gets the length of everything before the names section (version 2) or the checksum (version 1).</summary>
    internal long LengthBeforeNames =>
        ModelFileFormat.HeaderSize
        + (((long)FeatureCount + 1) * ElementSize)
        + (HasScaler ? 2L * FeatureCount * ElementSize : 0)
        + (HasMetadata ? ModelFileFormat.MetadataSize : 0)
        + (FormatVersion >= 2 ? ModelFileFormat.NamesSizeFieldSize : 0);

    /// <summary>Gets the .NET element type: <see cref="float"/> or <see cref="double"/>.</summary>
    public Type ClrType => ElementType == ModelElementType.Float32 ? typeof(float) : typeof(double);
}
