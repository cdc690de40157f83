namespace LogReg.Simd.Internal;

/// <summary>Writes a file so that a failure never destroys the file it replaces.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes through <paramref name="write"/> into a temporary file in the target's folder, flushes it to disk and
    /// renames it over <paramref name="path"/>. On failure the temporary file is deleted and the previous file is intact;
    /// the <see cref="IOException"/> names <paramref name="path"/> and <paramref name="what"/>, never the temporary file.
    /// </summary>
    public static void Write(string path, string what, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"Cannot save {what} to '{path}': {e.Message.Replace(temp, fullPath, StringComparison.Ordinal)}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
