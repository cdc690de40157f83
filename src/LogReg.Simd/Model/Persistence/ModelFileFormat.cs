namespace LogReg.Simd.Model.Persistence;

/// <summary>
/// The binary model format, version 2 (version 1 is still read). Little-endian throughout; E is the
/// element size (4 or 8), n the feature count.
/// </summary>
/// <remarks>
/// <code>
/// offset          size  field
/// 0               4     magic "LRSM" (4C 52 53 4D)
/// 4               2     format version, uint16 = 2 (or 1)
/// 6               1     element type: 1 = float32, 2 = float64
/// 7               1     flags: bit 0 = scaler present, bit 1 = metadata present,
///                       bit 2 = feature names present, bit 3 = class labels present (bits 2-3 version 2 only); other bits 0
/// 8               4     feature count n, int32 &gt;= 0
/// 12              n*E   weights
/// 12+n*E          E     bias
/// [scaler]        n*E   means, then n*E scales
/// [metadata]      74    see MetadataSize
/// (version 2)     4     S, the size of the names section, int32 &gt;= 0 (0 without names and labels)
/// (version 2)     S     [n feature names], then [2 class labels: negative, positive];
///                       each string is an int32 byte length L &gt;= 0 and L bytes of UTF-8
/// end-8           8     XxHash64 (seed 0) of every byte before it, uint64
/// </code>
/// Metadata, 74 bytes, in the order of <see cref="TrainingMetadata"/>:
/// <code>
/// +0  u8  solver            +1  i32 iterations        +5  f64 objective       +13 f64 gradient norm
/// +21 u8  reason            +22 f64 lambda            +30 u8  has C (0/1)     +31 f64 C (0 when absent)
/// +39 u8  class weight mode +40 f64 class 0 weight    +48 f64 class 1 weight  +56 u8  standardized (0/1)
/// +57 u8  fit intercept     +58 f64 tolerance         +66 i32 max iterations  +70 i32 training rows
/// </code>
/// The header fixes the file's length up to the names section, and S fixes the rest, so a reader checks the
/// length before it allocates anything; every string length is checked against the bytes left in the section.
/// </remarks>
internal static class ModelFileFormat
{
    public const uint Magic = 0x4D53524C; // "LRSM" read as a little-endian uint32
    public const ushort Version = 2;
    public const ushort FirstVersion = 1;
    public const int HeaderSize = 12;
    public const int NamesSizeFieldSize = 4;
    public const int MetadataSize = 74;
    public const int ChecksumSize = 8;
    public const byte ScalerFlag = 1;
    public const byte MetadataFlag = 2;
    public const byte FeatureNamesFlag = 4;
    public const byte ClassLabelsFlag = 8;

    /// <summary>The stored class weights: None keeps (1, 1), Balanced (NaN, NaN), Explicit its two weights.</summary>
    /// <returns>The class weight, or null when the stored values do not fit the mode.</returns>
    public static ClassWeight? ToClassWeight(ClassWeightMode mode, double negative, double positive)
    {
        switch (mode)
        {
            case ClassWeightMode.None when negative == 1 && positive == 1:
                return ClassWeight.None;
            case ClassWeightMode.Balanced when double.IsNaN(negative) && double.IsNaN(positive):
                return ClassWeight.Balanced;
            case ClassWeightMode.Explicit when double.IsFinite(negative) && negative > 0 && double.IsFinite(positive) && positive > 0:
                return ClassWeight.Explicit(negative, positive);
            default:
                return null;
        }
    }

    public static string Name(ModelElementType type) => type == ModelElementType.Float32 ? "float32 (float)" : "float64 (double)";

    public static ModelElementType ElementTypeOf<T>() => typeof(T) == typeof(float) ? ModelElementType.Float32 : ModelElementType.Float64;
}
