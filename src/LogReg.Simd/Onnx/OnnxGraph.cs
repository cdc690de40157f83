using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Onnx;
using static Onnx.AttributeProto.Types;
using static Onnx.TensorProto.Types;

namespace LogReg.Simd.Onnx;

/// <summary>
/// A checked view of an ONNX graph: who produces each value, the initializers, typed attribute and tensor
/// reads. Every defect is an <see cref="OnnxFormatException"/> naming the node, attribute or tensor.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly HashSet<NodeProto> _visited = new(ReferenceEqualityComparer.Instance);

    public OnnxGraph(GraphProto graph)
    {
        Graph = graph;
        foreach (TensorProto tensor in graph.Initializer)
        {
            if (!_initializers.TryAdd(tensor.Name, tensor))
            {
                throw new OnnxFormatException($"initializer '{tensor.Name}' is defined twice.");
            }
        }

        foreach (NodeProto node in graph.Node)
        {
            foreach (string output in node.Output)
            {
                if (output.Length == 0)
                {
                    continue;
                }

                if (_initializers.ContainsKey(output) || !_producers.TryAdd(output, node))
                {
                    throw new OnnxFormatException($"{Describe(node)}: output '{output}' is produced twice.");
                }
            }
        }
    }

    public GraphProto Graph { get; }

    /// <summary>Gets the nodes the importer has mapped so far.</summary>
    public IReadOnlySet<NodeProto> Visited => _visited;

    public static string Describe(NodeProto node) => $"node '{node.Name}' ({node.OpType})";

    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    /// <summary>The node that produces <paramref name="value"/>; it must not have been mapped before (a cycle).</summary>
    public NodeProto Producer(string value, NodeProto consumer)
    {
        if (!_producers.TryGetValue(value, out NodeProto? node))
        {
            throw new OnnxFormatException(_initializers.ContainsKey(value)
                ? $"{Describe(consumer)}: input '{value}' is an initializer where a computed value is expected."
                : $"{Describe(consumer)}: input '{value}' is produced by no node and is neither the graph input nor an initializer.");
        }

        if (!_visited.Add(node))
        {
            throw new OnnxFormatException($"{Describe(node)} is reached twice on the path to the output: the graph has a cycle.");
        }

        return node;
    }

    /// <summary>The node producing <paramref name="value"/> when it is <paramref name="opType"/>, without marking it; else null.</summary>
    public NodeProto? PeekProducer(string value, string opType) =>
        _producers.TryGetValue(value, out NodeProto? node) && node.OpType == opType && !_visited.Contains(node) ? node : null;

    public void MarkVisited(NodeProto node)
    {
        if (!_visited.Add(node))
        {
            throw new OnnxFormatException($"{Describe(node)} is reached twice on the path to the output: the graph has a cycle.");
        }
    }

    public static void CheckDomain(NodeProto node, string domain)
    {
        string actual = node.Domain == "ai.onnx" ? string.Empty : node.Domain;
        if (!string.Equals(actual, domain, StringComparison.Ordinal))
        {
            throw new OnnxFormatException($"{Describe(node)}: domain '{node.Domain}' is not '{domain}'.");
        }
    }

    public static void CheckInputCount(NodeProto node, int count)
    {
        if (node.Input.Count != count)
        {
            throw new OnnxFormatException($"{Describe(node)} has {node.Input.Count} inputs; {count} expected.");
        }
    }

    public static AttributeProto? FindAttribute(NodeProto node, string name, AttributeType type)
    {
        AttributeProto? found = null;
        foreach (AttributeProto attribute in node.Attribute)
        {
            if (attribute.Name != name)
            {
                continue;
            }

            if (found is not null)
            {
                throw new OnnxFormatException($"{Describe(node)}: attribute '{name}' is given twice.");
            }

            if (attribute.Type != type)
            {
                throw new OnnxFormatException($"{Describe(node)}: attribute '{name}' has type {attribute.Type}; {type} expected.");
            }

            found = attribute;
        }

        return found;
    }

    public static AttributeProto RequireAttribute(NodeProto node, string name, AttributeType type) =>
        FindAttribute(node, name, type) ?? throw new OnnxFormatException($"{Describe(node)}: attribute '{name}' is missing.");

    public static string StringAttribute(NodeProto node, string name, string defaultValue) =>
        FindAttribute(node, name, AttributeType.String) is { } attribute ? Utf8(attribute.S, node, name) : defaultValue;

    public static long IntAttribute(NodeProto node, string name, long defaultValue) =>
        FindAttribute(node, name, AttributeType.Int) is { } attribute ? attribute.I : defaultValue;

    /// <summary>Fails on any attribute other than <paramref name="known"/>, so an option that changes the math is never ignored.</summary>
    public static void CheckAttributes(NodeProto node, params ReadOnlySpan<string> known)
    {
        foreach (AttributeProto attribute in node.Attribute)
        {
            if (!known.Contains(attribute.Name))
            {
                throw new OnnxFormatException($"{Describe(node)}: attribute '{attribute.Name}' is not supported.");
            }
        }
    }

    public static string Utf8(ByteString bytes, NodeProto node, string attribute)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(bytes.Span);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new OnnxFormatException($"{Describe(node)}: attribute '{attribute}' is not UTF-8.");
        }
    }

    /// <summary>The initializer <paramref name="name"/>, which a node needs as a constant.</summary>
    public TensorProto Initializer(string name, NodeProto consumer) =>
        _initializers.TryGetValue(name, out TensorProto? tensor)
            ? tensor
            : throw new OnnxFormatException($"{Describe(consumer)}: input '{name}' is not an initializer; a constant is expected.");

    /// <summary>
    /// The values of a float or double tensor as doubles, after checking its declared shape against
    /// <paramref name="expectedCounts"/> (its element count must be one of them) and its data against the shape.
    /// </summary>
    public static double[] ReadReals(TensorProto tensor, int expectedElementType, params ReadOnlySpan<long> expectedCounts)
    {
        long count = ElementCount(tensor);
        if (!expectedCounts.Contains(count))
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Dims)}] ({count} elements); {string.Join(" or ", expectedCounts.ToArray())} expected.");
        }

        if (tensor.DataType != expectedElementType)
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' has element type {TypeName(tensor.DataType)}; {TypeName(expectedElementType)} expected.");
        }

        CheckStoredInline(tensor);
        int size = expectedElementType == (int)DataType.Double ? sizeof(double) : sizeof(float);
        int typedCount = expectedElementType == (int)DataType.Double ? tensor.DoubleData.Count : tensor.FloatData.Count;
        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        if (raw.Length > 0 ? raw.Length != count * size || typedCount != 0 : typedCount != count)
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' declares {count} elements but holds {(raw.Length > 0 ? $"{raw.Length} bytes of raw data" : $"{typedCount} values")}.");
        }

        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = raw.Length > 0
                ? size == sizeof(double) ? BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * size)..]) : BinaryPrimitives.ReadSingleLittleEndian(raw[(i * size)..])
                : size == sizeof(double) ? tensor.DoubleData[i] : tensor.FloatData[i];
        }

        return values;
    }

    /// <summary>The two class labels of an int64, int32 or string tensor of two elements, as text.</summary>
    public static string[] ReadLabels(TensorProto tensor)
    {
        if (ElementCount(tensor) != 2)
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Dims)}]; 2 class labels expected.");
        }

        CheckStoredInline(tensor);
        return tensor.DataType switch
        {
            (int)DataType.Int64 when tensor.Int64Data.Count == 2 => [.. tensor.Int64Data.Select(Invariant)],
            (int)DataType.Int32 when tensor.Int32Data.Count == 2 => [.. tensor.Int32Data.Select(v => Invariant(v))],
            (int)DataType.String when tensor.StringData.Count == 2 => [.. tensor.StringData.Select(s => s.ToStringUtf8())],
            _ => throw new OnnxFormatException($"tensor '{tensor.Name}' (element type {TypeName(tensor.DataType)}) does not hold 2 int64, int32 or string class labels."),
        };
    }

    /// <summary>The values of an int64 or int32 tensor of at most 8 elements (axes, shapes).</summary>
    public static long[] ReadIntegers(TensorProto tensor)
    {
        long count = ElementCount(tensor);
        CheckStoredInline(tensor);
        byte[] raw = tensor.RawData.ToByteArray();
        if (count > 8)
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' has {count} elements; at most 8 expected.");
        }

        long[] values = tensor.DataType switch
        {
            (int)DataType.Int64 when raw.Length == count * sizeof(long) && count > 0 => [.. Enumerable.Range(0, (int)count).Select(i => BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i * sizeof(long))))],
            (int)DataType.Int64 when raw.Length == 0 && tensor.Int64Data.Count == count => [.. tensor.Int64Data],
            (int)DataType.Int32 when raw.Length == 0 && tensor.Int32Data.Count == count => [.. tensor.Int32Data.Select(v => (long)v)],
            _ => throw new OnnxFormatException($"tensor '{tensor.Name}' (element type {TypeName(tensor.DataType)}) does not hold {count} int64 or int32 values."),
        };
        return values;
    }

    public static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string TypeName(int elementType) =>
        Enum.IsDefined(typeof(DataType), elementType) ? ((DataType)elementType).ToString().ToLowerInvariant() : $"code {elementType}";

    public static string[] AsLabels(RepeatedField<long> ints) => [.. ints.Select(Invariant)];

    private static long ElementCount(TensorProto tensor)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0 || dim > int.MaxValue)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has dimension {dim}.");
            }

            count *= dim;
            if (count > int.MaxValue)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Dims)}], more than {int.MaxValue} elements.");
            }
        }

        return count;
    }

    private static void CheckStoredInline(TensorProto tensor)
    {
        if (tensor.DataLocation == DataLocation.External || tensor.ExternalData.Count > 0)
        {
            throw new OnnxFormatException($"tensor '{tensor.Name}' keeps its data in an external file; only data inside the model file is read.");
        }
    }
}
