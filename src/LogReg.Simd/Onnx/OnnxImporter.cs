using System.Globalization;
using System.Numerics;
using System.Text.Json;
using LogReg.Simd.Data;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using Onnx;
using static Onnx.AttributeProto.Types;
using static Onnx.TensorProto.Types;

namespace LogReg.Simd.Onnx;

/// <summary>
/// Maps the graphs skl2onnx writes for a binary LogisticRegression (optionally after a StandardScaler) onto
/// w, b and the scaler, walking back from the probabilities output to the input:
/// [ZipMap] [Cast|Identity] [Normalizer L1 | Div by ReduceSum(Abs)] (LinearClassifier LOGISTIC | Sigmoid(Add(MatMul)))
/// [Cast] [Scaler | Div(Sub) | Mul(Sub)] [Cast] input. The other nodes may only compute the label.
/// </summary>
internal static class OnnxImporter
{
    private static readonly HashSet<string> s_labelOps = new(StringComparer.Ordinal) { "ArgMax", "ArrayFeatureExtractor", "Reshape", "Cast", "Identity" };

    /// <summary>What the graph says, in double; the scaler divides by <see cref="Scales"/> or multiplies by <see cref="InverseScales"/>.</summary>
    private sealed class Mapped
    {
        public double[] Weights = [];
        public double Bias;
        public double[]? Means;
        public double[]? Scales;
        public float[]? InverseScales;
        public string[]? Labels;
    }

    /// <summary>The element type of the graph's input: <see cref="float"/> or <see cref="double"/>.</summary>
    public static Type InputElementType(ModelProto model)
    {
        ValueInfoProto input = GraphInput(RequireGraph(model));
        return input.Type?.TensorType?.ElemType switch
        {
            (int)DataType.Float => typeof(float),
            (int)DataType.Double => typeof(double),
            int other => throw new OnnxFormatException($"graph input '{input.Name}' has element type {OnnxGraph.TypeName(other)}; float or double expected."),
            null => throw new OnnxFormatException($"graph input '{input.Name}' is not a tensor."),
        };
    }

    public static LogisticRegressionModel<T> Import<T>(ModelProto model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Type declared = InputElementType(model);
        if (declared != typeof(T))
        {
            throw new OnnxFormatException($"graph input '{GraphInput(model.Graph).Name}' is {(declared == typeof(float) ? "float" : "double")}, but a model of {typeof(T).Name} was asked for; import it as {(declared == typeof(float) ? "float" : "double")} or with ImportAny.");
        }

        Mapped mapped = Map(model.Graph);
        int n = mapped.Weights.Length;
        var weights = new T[n];
        for (int j = 0; j < n; j++)
        {
            weights[j] = T.CreateTruncating(mapped.Weights[j]);
        }

        T bias = T.CreateTruncating(mapped.Bias);
        StandardScaler<T>? scaler = null;
        if (mapped.Means is { } means)
        {
            var m = new T[n];
            var s = new T[n];
            for (int j = 0; j < n; j++)
            {
                m[j] = T.CreateTruncating(means[j]);
                s[j] = T.CreateTruncating(mapped.Scales is { } scales ? scales[j] : 1.0 / mapped.InverseScales![j]);
            }

            scaler = Wrap("the scaler", () => StandardScaler<T>.Create(m, s));
        }

        ClassLabels? labels = mapped.Labels is { } l ? Wrap("the class labels", () => new ClassLabels(l[0], l[1])) : null;
        string? json = model.MetadataProps.LastOrDefault(p => p.Key == OnnxNames.ModelMetadataKey)?.Value;
        if (json is null)
        {
            return Wrap("the coefficients", () => new LogisticRegressionModel<T>(weights, bias, scaler, classLabels: labels));
        }

        // This library's export: the JSON document restores what the graph cannot hold exactly (the scales,
        // which Scaler stores inverted in float), the training report and the names, once it agrees with the graph.
        LogisticRegressionModel<T> saved;
        try
        {
            saved = ModelJson.Deserialize<T>(json);
        }
        catch (JsonException e)
        {
            throw new OnnxFormatException($"metadata '{OnnxNames.ModelMetadataKey}': {e.Message}", e);
        }

        CheckAgrees(saved, weights, bias, mapped, labels);
        return Wrap("the coefficients", () => new LogisticRegressionModel<T>(weights, bias, saved.Scaler, saved.Metadata, saved.FeatureNames, saved.ClassLabels ?? labels));
    }

    private static void CheckAgrees<T>(LogisticRegressionModel<T> saved, T[] weights, T bias, Mapped mapped, ClassLabels? labels)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string where = $"metadata '{OnnxNames.ModelMetadataKey}' disagrees with the graph";
        if (saved.FeatureCount != weights.Length)
        {
            throw new OnnxFormatException($"{where}: {saved.FeatureCount} features, the graph has {weights.Length}.");
        }

        for (int j = 0; j < weights.Length; j++)
        {
            if (saved.Weights[j] != weights[j])
            {
                throw new OnnxFormatException($"{where}: weight {j} is {saved.Weights[j]}, the graph's is {weights[j]}.");
            }
        }

        if (saved.Bias != bias)
        {
            throw new OnnxFormatException($"{where}: bias {saved.Bias}, the graph's is {bias}.");
        }

        if ((saved.Scaler is null) != (mapped.Means is null))
        {
            throw new OnnxFormatException($"{where}: {(saved.Scaler is null ? "no scaler, but the graph scales its input" : "a scaler, but the graph has none")}.");
        }

        if (saved.Scaler is { } scaler)
        {
            for (int j = 0; j < weights.Length; j++)
            {
                bool same = T.CreateTruncating(mapped.Means![j]) == scaler.Means[j] && (mapped.InverseScales is { } inverse
                    ? (float)(1.0 / double.CreateTruncating(scaler.Scales[j])) == inverse[j]
                    : T.CreateTruncating(mapped.Scales![j]) == scaler.Scales[j]);
                if (!same)
                {
                    throw new OnnxFormatException($"{where}: the scaler's feature {j} (mean {scaler.Means[j]}, scale {scaler.Scales[j]}) differs.");
                }
            }
        }

        if (labels is not null && saved.ClassLabels is { } savedLabels && !(SameLabel(labels.Negative, savedLabels.Negative) && SameLabel(labels.Positive, savedLabels.Positive)))
        {
            throw new OnnxFormatException($"{where}: class labels {savedLabels}, the graph's are {labels}.");
        }
    }

    /// <summary>Equal text, or the same integer ("+1" is written as the int64 1).</summary>
    private static bool SameLabel(string graph, string saved) =>
        string.Equals(graph, saved, StringComparison.Ordinal)
        || (long.TryParse(graph, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long a)
            && long.TryParse(saved, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long b) && a == b);

    private static TResult Wrap<TResult>(string what, Func<TResult> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new OnnxFormatException($"{what} in the graph cannot make a model: {e.Message}", e);
        }
    }

    /// <summary>The graph of a model that declares its IR version and the opsets its nodes use (a file cut short after its graph does not).</summary>
    private static GraphProto RequireGraph(ModelProto model)
    {
        GraphProto graph = model.Graph ?? throw new OnnxFormatException("the file holds no graph (is it an ONNX model?).");
        if (model.IrVersion < 3)
        {
            throw new OnnxFormatException($"ir_version {model.IrVersion} is not a version of ONNX this reader knows (3 or later).");
        }

        foreach (string domain in graph.Node.Select(n => n.Domain == "ai.onnx" ? string.Empty : n.Domain).Distinct())
        {
            if (!model.OpsetImport.Any(o => (o.Domain == "ai.onnx" ? string.Empty : o.Domain) == domain))
            {
                throw new OnnxFormatException($"opset_import does not declare the domain '{domain}' its nodes use.");
            }
        }

        return graph;
    }

    /// <summary>The one graph input that is not an initializer (IR 3 lists initializers among the inputs).</summary>
    private static ValueInfoProto GraphInput(GraphProto graph)
    {
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        ValueInfoProto[] inputs = [.. graph.Input.Where(i => !initializers.Contains(i.Name))];
        return inputs.Length == 1
            ? inputs[0]
            : throw new OnnxFormatException($"the graph has {inputs.Length} inputs ({string.Join(", ", inputs.Select(i => $"'{i.Name}'"))}); a logistic regression has one feature tensor.");
    }

    private static Mapped Map(GraphProto graphProto)
    {
        var graph = new OnnxGraph(graphProto);
        ValueInfoProto input = GraphInput(graphProto);
        var mapped = new Mapped();
        string value = ProbabilitiesOutput(graphProto);
        string[]? zipMapLabels = null;
        NodeProto classifier;

        // From the probabilities back to the classifier.
        while (true)
        {
            if (value == input.Name)
            {
                throw new OnnxFormatException($"the probabilities output is computed from the input '{value}' by no classifier.");
            }

            NodeProto node = graph.Producer(value, Consumer(value));
            switch (node.OpType)
            {
                case "ZipMap":
                    OnnxGraph.CheckDomain(node, OnnxNames.MlDomain);
                    OnnxGraph.CheckInputCount(node, 1);
                    zipMapLabels = ClassifierLabels(node, "classlabels_int64s", "classlabels_strings");
                    value = node.Input[0];
                    continue;
                case "Identity":
                case "Cast":
                    OnnxGraph.CheckDomain(node, string.Empty);
                    CheckRealCast(node);
                    value = node.Input[0];
                    continue;
                case "Normalizer":
                    OnnxGraph.CheckDomain(node, OnnxNames.MlDomain);
                    OnnxGraph.CheckAttributes(node, "norm");
                    string norm = OnnxGraph.StringAttribute(node, "norm", "MAX");
                    if (norm != "L1")
                    {
                        throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute 'norm' is '{norm}'; only L1 leaves the two probabilities of a logistic regression unchanged.");
                    }

                    value = node.Input[0];
                    continue;
                case "Div":
                    OnnxGraph.CheckDomain(node, string.Empty);
                    value = L1Normalized(graph, node);
                    continue;
                case "LinearClassifier":
                    if (node.Output.Count < 2 || node.Output[1] != value)
                    {
                        throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: the probabilities come from its label output, not its scores.");
                    }

                    MapLinearClassifier(node, mapped);
                    classifier = node;
                    break;
                case "Sigmoid":
                    OnnxGraph.CheckDomain(node, string.Empty);
                    classifier = MapSigmoid(graph, node, mapped);
                    break;
                default:
                    throw Unsupported(node);
            }

            break;
        }

        mapped.Labels ??= zipMapLabels;
        MapFeatures(graph, classifier, input.Name, mapped);
        CheckInputShape(input, mapped.Weights.Length);
        CheckLabelNodes(graph, mapped);
        return mapped;

        NodeProto Consumer(string name) => graphProto.Node.FirstOrDefault(n => n.Input.Contains(name)) ?? new NodeProto { Name = name, OpType = "graph output" };
    }

    /// <summary>The output holding the probabilities: a float or double tensor, or ZipMap's sequence of maps; the other one (if any) is the label.</summary>
    private static string ProbabilitiesOutput(GraphProto graph)
    {
        if (graph.Output.Count is 0 or > 2)
        {
            throw new OnnxFormatException($"the graph has {graph.Output.Count} outputs; a binary classifier has a label and probabilities.");
        }

        ValueInfoProto[] probabilities = [.. graph.Output.Where(o => o.Type?.SequenceType is not null
            || o.Type?.TensorType?.ElemType is (int)DataType.Float or (int)DataType.Double)];
        return probabilities.Length == 1
            ? probabilities[0].Name
            : throw new OnnxFormatException($"the graph's outputs ({string.Join(", ", graph.Output.Select(o => $"'{o.Name}'"))}) do not hold exactly one probability tensor (float or double, or ZipMap's sequence).");
    }

    private static void MapLinearClassifier(NodeProto node, Mapped mapped)
    {
        OnnxGraph.CheckDomain(node, OnnxNames.MlDomain);
        OnnxGraph.CheckInputCount(node, 1);
        OnnxGraph.CheckAttributes(node, "classlabels_ints", "classlabels_strings", "coefficients", "intercepts", "multi_class", "post_transform");
        string post = OnnxGraph.StringAttribute(node, "post_transform", "NONE");
        if (post != "LOGISTIC")
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute 'post_transform' is '{post}'; only LOGISTIC maps to a logistic regression.");
        }

        mapped.Labels = ClassifierLabels(node, "classlabels_ints", "classlabels_strings")
            ?? throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute 'classlabels_ints' or 'classlabels_strings' is missing.");
        var coefficients = OnnxGraph.RequireAttribute(node, "coefficients", AttributeType.Floats).Floats;
        var intercepts = OnnxGraph.FindAttribute(node, "intercepts", AttributeType.Floats)?.Floats;
        if (coefficients.Count % 2 != 0 || coefficients.Count == 0)
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute 'coefficients' has {coefficients.Count} values; a binary model has two rows of n.");
        }

        if (intercepts is not null && intercepts.Count != 2)
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute 'intercepts' has {intercepts.Count} values; a binary model has 2.");
        }

        int n = coefficients.Count / 2;
        mapped.Weights = new double[n];
        for (int j = 0; j < n; j++)
        {
            CheckOpposite(node, "coefficients", j, coefficients[j], coefficients[n + j]);
            mapped.Weights[j] = coefficients[n + j];
        }

        if (intercepts is not null)
        {
            CheckOpposite(node, "intercepts", 0, intercepts[0], intercepts[1]);
            mapped.Bias = intercepts[1];
        }
    }

    /// <summary>Sigmoid(Add(MatMul(features, coef [n, 2]), intercept [2])) with the columns of class 0 the negation of class 1's.</summary>
    private static NodeProto MapSigmoid(OnnxGraph graph, NodeProto sigmoid, Mapped mapped)
    {
        OnnxGraph.CheckInputCount(sigmoid, 1);
        NodeProto add = graph.Producer(sigmoid.Input[0], sigmoid);
        if (add.OpType != "Add")
        {
            throw Unsupported(add, "an Add of the intercepts is expected before the Sigmoid");
        }

        OnnxGraph.CheckDomain(add, string.Empty);
        OnnxGraph.CheckInputCount(add, 2);
        bool interceptFirst = graph.IsInitializer(add.Input[0]);
        TensorProto intercept = graph.Initializer(add.Input[interceptFirst ? 0 : 1], add);
        NodeProto matMul = graph.Producer(add.Input[interceptFirst ? 1 : 0], add);
        if (matMul.OpType != "MatMul")
        {
            throw Unsupported(matMul, "a MatMul of the coefficients is expected before the Add");
        }

        OnnxGraph.CheckDomain(matMul, string.Empty);
        OnnxGraph.CheckInputCount(matMul, 2);
        TensorProto coef = graph.Initializer(matMul.Input[1], matMul);
        if (coef.Dims.Count != 2 || coef.Dims[1] != 2)
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(matMul)}: tensor '{coef.Name}' has shape [{string.Join(", ", coef.Dims)}]; [n, 2] expected (a binary model).");
        }

        double[] c = OnnxGraph.ReadReals(coef, RealType(coef), coef.Dims[0] * 2);
        double[] b = OnnxGraph.ReadReals(intercept, RealType(intercept), 2);
        int n = c.Length / 2;
        mapped.Weights = new double[n];
        for (int j = 0; j < n; j++)
        {
            CheckOpposite(matMul, coef.Name, j, c[2 * j], c[(2 * j) + 1]);
            mapped.Weights[j] = c[(2 * j) + 1];
        }

        CheckOpposite(add, intercept.Name, 0, b[0], b[1]);
        mapped.Bias = b[1];
        return matMul;
    }

    /// <summary>From the classifier's input back to the graph input: casts and at most one scaler.</summary>
    private static void MapFeatures(OnnxGraph graph, NodeProto classifier, string inputName, Mapped mapped)
    {
        int n = mapped.Weights.Length;
        string value = classifier.Input[0];
        while (value != inputName)
        {
            NodeProto node = graph.Producer(value, classifier);
            if (node.OpType is "Scaler" or "Sub" or "Div" or "Mul" && mapped.Means is not null)
            {
                throw Unsupported(node, "the input is scaled twice");
            }

            switch (node.OpType)
            {
                case "Cast":
                case "Identity":
                    OnnxGraph.CheckDomain(node, string.Empty);
                    CheckRealCast(node);
                    value = node.Input[0];
                    break;
                case "Scaler":
                    OnnxGraph.CheckDomain(node, OnnxNames.MlDomain);
                    OnnxGraph.CheckInputCount(node, 1);
                    OnnxGraph.CheckAttributes(node, "offset", "scale");
                    mapped.Means = Broadcast(node, "offset", OnnxGraph.FindAttribute(node, "offset", AttributeType.Floats)?.Floats.Select(f => (double)f).ToArray() ?? [0.0], n);
                    double[] inverse = Broadcast(node, "scale", OnnxGraph.FindAttribute(node, "scale", AttributeType.Floats)?.Floats.Select(f => (double)f).ToArray() ?? [1.0], n);
                    mapped.InverseScales = [.. inverse.Select((s, j) => (float)CheckPositive(node, "scale", j, s))];
                    value = node.Input[0];
                    break;
                case "Div":
                case "Mul":
                    OnnxGraph.CheckDomain(node, string.Empty);
                    OnnxGraph.CheckInputCount(node, 2);
                    TensorProto factor = graph.Initializer(node.Input[1], node);
                    double[] scale = Broadcast(node, factor.Name, OnnxGraph.ReadReals(factor, RealType(factor), 1, n), n);
                    mapped.Scales = [.. scale.Select((s, j) => CheckPositive(node, factor.Name, j, node.OpType == "Div" ? s : 1.0 / s))];
                    mapped.Means = new double[n];
                    value = node.Input[0];
                    if (graph.PeekProducer(value, "Sub") is { } sub)
                    {
                        graph.MarkVisited(sub);
                        value = MapSub(graph, sub, mapped);
                    }

                    break;
                case "Sub":
                    OnnxGraph.CheckDomain(node, string.Empty);
                    mapped.Scales = [.. Enumerable.Repeat(1.0, n)];
                    value = MapSub(graph, node, mapped);
                    break;
                default:
                    throw Unsupported(node, "only Cast and one Scaler (or Sub and Div) may come between the input and the classifier");
            }
        }
    }

    private static string MapSub(OnnxGraph graph, NodeProto sub, Mapped mapped)
    {
        OnnxGraph.CheckDomain(sub, string.Empty);
        OnnxGraph.CheckInputCount(sub, 2);
        TensorProto offset = graph.Initializer(sub.Input[1], sub);
        mapped.Means = Broadcast(sub, offset.Name, OnnxGraph.ReadReals(offset, RealType(offset), 1, mapped.Weights.Length), mapped.Weights.Length);
        return sub.Input[0];
    }

    /// <summary>Div(a, ReduceSum(Abs(a), axis 1)): skl2onnx's L1 normalization in double; it leaves sigma(-z), sigma(z) unchanged.</summary>
    private static string L1Normalized(OnnxGraph graph, NodeProto div)
    {
        OnnxGraph.CheckInputCount(div, 2);
        string a = div.Input[0];
        NodeProto reduce = graph.Producer(div.Input[1], div);
        if (reduce.OpType != "ReduceSum")
        {
            throw Unsupported(div, "a Div before the output must divide by ReduceSum (an L1 normalization)");
        }

        OnnxGraph.CheckDomain(reduce, string.Empty);
        OnnxGraph.CheckAttributes(reduce, "keepdims", "axes", "noop_with_empty_axes");
        long[] axes = reduce.Input.Count > 1
            ? [.. OnnxGraph.ReadIntegers(graph.Initializer(reduce.Input[1], reduce))]
            : [.. OnnxGraph.FindAttribute(reduce, "axes", AttributeType.Ints)?.Ints ?? []];
        if (axes is not ([1] or [-1]) || OnnxGraph.IntAttribute(reduce, "keepdims", 1) != 1)
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(reduce)}: the sum must run over axis 1 with keepdims=1 (an L1 normalization of each row).");
        }

        string summed = reduce.Input[0];
        if (summed != a)
        {
            NodeProto abs = graph.Producer(summed, reduce);
            if (abs.OpType != "Abs" || abs.Input.Count != 1 || abs.Input[0] != a)
            {
                throw Unsupported(abs, $"the ReduceSum must sum Abs('{a}') or '{a}' itself");
            }

            OnnxGraph.CheckDomain(abs, string.Empty);
        }

        return a;
    }

    /// <summary>The nodes off the probability path may only turn the scores into the label.</summary>
    private static void CheckLabelNodes(OnnxGraph graph, Mapped mapped)
    {
        foreach (NodeProto node in graph.Graph.Node)
        {
            if (graph.Visited.Contains(node))
            {
                continue;
            }

            if (!s_labelOps.Contains(node.OpType))
            {
                throw Unsupported(node, "it is not part of a binary logistic regression");
            }

            if (node.OpType == "ArrayFeatureExtractor" && mapped.Labels is null && graph.IsInitializer(node.Input.FirstOrDefault() ?? string.Empty))
            {
                mapped.Labels = OnnxGraph.ReadLabels(graph.Initializer(node.Input[0], node));
            }
        }
    }

    private static void CheckInputShape(ValueInfoProto input, int n)
    {
        var dims = input.Type.TensorType.Shape?.Dim;
        if (dims is null)
        {
            return;
        }

        if (dims.Count != 2)
        {
            throw new OnnxFormatException($"graph input '{input.Name}' has {dims.Count} dimensions; [N, {n}] expected.");
        }

        if (dims[1].HasDimValue && dims[1].DimValue != n)
        {
            throw new OnnxFormatException($"graph input '{input.Name}' has {dims[1].DimValue} features, but the classifier has {n} coefficients per class.");
        }
    }

    private static string[]? ClassifierLabels(NodeProto node, string intsName, string stringsName)
    {
        var ints = OnnxGraph.FindAttribute(node, intsName, AttributeType.Ints);
        var strings = OnnxGraph.FindAttribute(node, stringsName, AttributeType.Strings);
        if (ints is not null && strings is not null)
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: both '{intsName}' and '{stringsName}' are given.");
        }

        string[]? labels = ints is not null ? OnnxGraph.AsLabels(ints.Ints)
            : strings is not null ? [.. strings.Strings.Select(s => OnnxGraph.Utf8(s, node, stringsName))]
            : null;
        if (labels is not null && labels.Length != 2)
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute '{(ints is not null ? intsName : stringsName)}' has {labels.Length} class labels; a binary model has 2 (multiclass models are not supported).");
        }

        return labels;
    }

    private static void CheckRealCast(NodeProto node)
    {
        OnnxGraph.CheckInputCount(node, 1);
        if (node.OpType == "Cast")
        {
            OnnxGraph.CheckAttributes(node, "to", "saturate", "round_mode");
            long to = OnnxGraph.RequireAttribute(node, "to", AttributeType.Int).I;
            if (to is not ((int)DataType.Float or (int)DataType.Double))
            {
                throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: attribute 'to' is {OnnxGraph.TypeName((int)to)}; only float and double keep the values.");
            }
        }
    }

    private static void CheckOpposite(NodeProto node, string what, int index, double negative, double positive)
    {
        if (negative != -positive || !double.IsFinite(positive))
        {
            throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: '{what}' [{index}] is {negative.ToString("R", CultureInfo.InvariantCulture)} for class 0 and {positive.ToString("R", CultureInfo.InvariantCulture)} for class 1; a binary logistic regression has opposite values (-w, w) and finite ones.");
        }
    }

    private static double[] Broadcast(NodeProto node, string what, double[] values, int n) => values.Length switch
    {
        1 => [.. Enumerable.Repeat(values[0], n)],
        _ when values.Length == n => values,
        _ => throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: '{what}' has {values.Length} values; 1 or {n} (the feature count) expected."),
    };

    private static double CheckPositive(NodeProto node, string what, int index, double value) =>
        value > 0 && double.IsFinite(value) && double.IsFinite(1.0 / value)
            ? value
            : throw new OnnxFormatException($"{OnnxGraph.Describe(node)}: '{what}' [{index}] is {value.ToString("R", CultureInfo.InvariantCulture)}; a standard scaler needs a finite positive scale.");

    private static int RealType(TensorProto tensor) =>
        tensor.DataType is (int)DataType.Float or (int)DataType.Double
            ? tensor.DataType
            : throw new OnnxFormatException($"tensor '{tensor.Name}' has element type {OnnxGraph.TypeName(tensor.DataType)}; float or double expected.");

    private static OnnxFormatException Unsupported(NodeProto node, string? why = null) =>
        new($"{OnnxGraph.Describe(node)} cannot be mapped to a binary logistic regression{(why is null ? string.Empty : $": {why}")}.");
}
