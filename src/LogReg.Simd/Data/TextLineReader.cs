namespace LogReg.Simd.Data;

/// <summary>
/// Splits text into lines over one reusable buffer, so reading a line allocates nothing.
/// A line ends at <c>'\n'</c>; a <c>'\r'</c> before it stays in the line for the caller to treat as space.
/// </summary>
internal sealed class TextLineReader
{
    private const int InitialBufferLength = 1 << 16;

    private readonly TextReader _reader;
    private char[] _buffer = new char[InitialBufferLength];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfText;

    public TextLineReader(TextReader reader) => _reader = reader;

    /// <summary>Reads the next line; the span stays valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            // Resume the search where the last one stopped, so a long line is scanned once.
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf('\n');
            if (newline >= 0)
            {
                int lineEnd = _scanned + newline;
                line = _buffer.AsSpan(_start, lineEnd - _start);
                _start = _scanned = lineEnd + 1;
                return true;
            }

            _scanned = _end;
            if (_endOfText)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                return !line.IsEmpty;
            }

            Fill();
        }
    }

    private void Fill()
    {
        int pending = _end - _start;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }

        _scanned -= _start;
        _start = 0;
        _end = pending;
        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfText = true;
        }

        _end += read;
    }
}
