namespace LogReg.Simd.Onnx;

/// <summary>
/// The exception thrown when an ONNX file cannot be read, or holds a graph that is not a binary logistic
/// regression. The message names the node, attribute, tensor or field at fault, for example
/// <c>node 'LinearClassifier' (LinearClassifier): attribute 'post_transform' is 'SOFTMAX'; only LOGISTIC maps to a logistic regression</c>.
/// </summary>
public sealed class OnnxFormatException : FormatException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public OnnxFormatException()
        : base("The ONNX model is not a binary logistic regression this library can import.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public OnnxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public OnnxFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
