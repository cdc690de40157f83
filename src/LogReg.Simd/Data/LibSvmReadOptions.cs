namespace LogReg.Simd.Data;

/// <summary>Options for <see cref="DatasetReader.ReadLibSvm{T}(string, LibSvmReadOptions?)"/>.</summary>
public sealed record LibSvmReadOptions
{
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
}
