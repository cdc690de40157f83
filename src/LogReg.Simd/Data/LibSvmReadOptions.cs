namespace LogReg.Simd.Data;

/// <summary>Options for <see cref="DatasetReader.ReadLibSvm{T}(string, LibSvmReadOptions?)"/>.</summary>
public sealed record LibSvmReadOptions
{
    /// <summary>The default of <see cref="MaxDenseBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxDenseBytes = 256L << 20;

    /// <summary>Gets the options with every default.</summary>
    public static LibSvmReadOptions Default { get; } = new();

    /// <summary>
    /// Gets the number of features, or <see langword="null"/> for the largest feature index in the file.
    /// The default is <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Set it when a file may not mention the last feature, for example a test split read for a model
    /// trained on another file. A feature index above it is then an error.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value set is negative.</exception>
    public int? FeatureCount
    {
        get;
        init
        {
            if (value is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"'{nameof(FeatureCount)}':{value} must not be negative.");
            }

            field = value;
        }
    }

    /// <summary>
    /// Gets the largest dense feature matrix, in bytes, that the reader builds: rows x features x the size
    /// of the element type. The default is 256 MiB (268,435,456 bytes).
    /// </summary>
    /// <remarks>
    /// A LIBSVM file is sparse and the reader returns it dense, so a tiny file can name a huge matrix
    /// (one line with feature index 100,000,000 is 800 MB of doubles). The reader checks the size after
    /// every line and stops with a <see cref="DataFormatException"/> as soon as the matrix would pass
    /// this limit, before allocating it. Raise it for large dense files that fit in memory.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public long MaxDenseBytes
    {
        get;
        init
        {
            if (value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"'{nameof(MaxDenseBytes)}':{value} must be positive.");
            }

            field = value;
        }
    } = DefaultMaxDenseBytes;
}
