using System.Globalization;
using System.Numerics;
using System.Reflection;
using Google.Protobuf;
using LogReg.Simd.Model;
using LogReg.Simd.Model.Persistence;
using Onnx;
using static Onnx.AttributeProto.Types;
using static Onnx.TensorProto.Types;

namespace LogReg.Simd.Onnx;

/// <summary>
/// Builds the ONNX graph skl2onnx writes for a binary <c>LogisticRegression</c> (float) or for its double
/// form, from a model: coefficients [-w; w] and intercepts [-b, b], so the two probabilities are
/// sigma(-z) and sigma(z).
/// </summary>
internal static class OnnxExporter
{
    public static ModelProto Build<T>(LogisticRegressionModel<T> model)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var graph = new GraphProto { Name = "LogisticRegression" };
        bool isFloat = typeof(T) == typeof(float);
        int elementType = isFloat ? (int)DataType.Float : (int)DataType.Double;
        graph.Input.Add(TensorInfo(OnnxNames.Input, elementType, -1, model.FeatureCount));
        bool intLabels = TryIntegerLabels(model, out long[] intClasses);
        string[] stringClasses = [model.ClassLabels?.Negative ?? "0", model.ClassLabels?.Positive ?? "1"];
        graph.Output.Add(TensorInfo(OnnxNames.LabelOutput, intLabels ? (int)DataType.Int64 : (int)DataType.String, -1));
        graph.Output.Add(TensorInfo(OnnxNames.ProbabilitiesOutput, elementType, -1, 2));
        if (isFloat)
        {
            AddFloatNodes(graph, model, intLabels, intClasses, stringClasses);
        }
        else
        {
            AddDoubleNodes(graph, model, intLabels, intClasses, stringClasses);
        }

        var onnx = new ModelProto
        {
            IrVersion = OnnxNames.IrVersion,
            ProducerName = OnnxNames.ProducerName,
            ProducerVersion = ProducerVersion(),
            Domain = string.Empty,
            ModelVersion = 0,
            DocString = "Binary logistic regression exported by LogReg.Simd: outputs 'label' and 'probabilities' [N, 2] (P(class 0), P(class 1)).",
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxNames.Opset });
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxNames.MlDomain, Version = OnnxNames.MlOpset });
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = OnnxNames.ModelMetadataKey, Value = ModelJson.Serialize(model) });
        if (model.FeatureNames is { } names)
        {
            onnx.MetadataProps.Add(new StringStringEntryProto { Key = "feature_names", Value = string.Join(',', names) });
        }

        return onnx;
    }

    /// <summary>Scaler (optional) then LinearClassifier with post_transform LOGISTIC, as skl2onnx's Pipeline(StandardScaler, LogisticRegression).</summary>
    private static void AddFloatNodes<T>(GraphProto graph, LogisticRegressionModel<T> model, bool intLabels, long[] intClasses, string[] stringClasses)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = model.FeatureCount;
        string features = OnnxNames.Input;
        if (model.Scaler is { } scaler)
        {
            // Scaler computes (x - offset) * scale: skl2onnx writes 1 / scale_ (the exact scales travel in the metadata).
            var offset = new float[n];
            var inverse = new float[n];
            for (int j = 0; j < n; j++)
            {
                offset[j] = float.CreateTruncating(scaler.Means[j]);
                inverse[j] = (float)(1.0 / double.CreateTruncating(scaler.Scales[j]));
            }

            var scalerNode = Node("Scaler", OnnxNames.MlDomain, [features], ["variable"]);
            scalerNode.Attribute.Add(Floats("offset", offset));
            scalerNode.Attribute.Add(Floats("scale", inverse));
            graph.Node.Add(scalerNode);
            features = "variable";
        }

        var coefficients = new float[2 * n];
        for (int j = 0; j < n; j++)
        {
            float w = float.CreateTruncating(model.Weights[j]);
            coefficients[j] = -w;
            coefficients[n + j] = w;
        }

        float b = float.CreateTruncating(model.Bias);
        var classifier = Node("LinearClassifier", OnnxNames.MlDomain, [features], [OnnxNames.LabelOutput, OnnxNames.ProbabilitiesOutput]);
        classifier.Attribute.Add(intLabels ? Ints("classlabels_ints", intClasses) : Strings("classlabels_strings", stringClasses));
        classifier.Attribute.Add(Floats("coefficients", coefficients));
        classifier.Attribute.Add(Floats("intercepts", [-b, b]));
        classifier.Attribute.Add(new AttributeProto { Name = "multi_class", Type = AttributeType.Int, I = 0 });
        classifier.Attribute.Add(new AttributeProto { Name = "post_transform", Type = AttributeType.String, S = ByteString.CopyFromUtf8("LOGISTIC") });
        graph.Node.Add(classifier);
    }

    /// <summary>
    /// The double form of skl2onnx (LinearClassifier has float parameters only): MatMul, Add, Sigmoid and an L1
    /// normalization in double, the label from ArgMax; a scaler as Sub and Div in double (exact means and scales).
    /// </summary>
    private static void AddDoubleNodes<T>(GraphProto graph, LogisticRegressionModel<T> model, bool intLabels, long[] intClasses, string[] stringClasses)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = model.FeatureCount;
        string features = OnnxNames.Input;
        if (model.Scaler is { } scaler)
        {
            graph.Initializer.Add(DoubleTensor("offset", [n], Doubles(scaler.Means)));
            graph.Initializer.Add(DoubleTensor("scale", [n], Doubles(scaler.Scales)));
            graph.Node.Add(Node("Sub", string.Empty, [features, "offset"], ["centered"]));
            graph.Node.Add(Node("Div", string.Empty, ["centered", "scale"], ["variable"]));
            features = "variable";
        }

        var coef = new double[2 * n];
        for (int j = 0; j < n; j++)
        {
            double w = double.CreateTruncating(model.Weights[j]);
            coef[2 * j] = -w;
            coef[(2 * j) + 1] = w;
        }

        double b = double.CreateTruncating(model.Bias);
        graph.Initializer.Add(DoubleTensor("coef", [n, 2], coef));
        graph.Initializer.Add(DoubleTensor("intercept", [1, 2], [-b, b]));
        graph.Node.Add(Node("MatMul", string.Empty, [features, "coef"], ["multiplied"]));
        graph.Node.Add(Node("Add", string.Empty, ["multiplied", "intercept"], ["raw_scores"]));

        var argMax = Node("ArgMax", string.Empty, ["raw_scores"], ["label_index"]);
        argMax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeType.Int, I = 1 });
        graph.Node.Add(argMax);
        var classes = new TensorProto { Name = "classes", DataType = intLabels ? (int)DataType.Int64 : (int)DataType.String };
        classes.Dims.Add(2);
        if (intLabels)
        {
            classes.Int64Data.Add(intClasses);
        }
        else
        {
            classes.StringData.Add(ByteString.CopyFromUtf8(stringClasses[0]));
            classes.StringData.Add(ByteString.CopyFromUtf8(stringClasses[1]));
        }

        graph.Initializer.Add(classes);
        var shape = new TensorProto { Name = "shape_tensor", DataType = (int)DataType.Int64 };
        shape.Dims.Add(1);
        shape.Int64Data.Add(-1);
        graph.Initializer.Add(shape);
        graph.Node.Add(Node("ArrayFeatureExtractor", OnnxNames.MlDomain, ["classes", "label_index"], ["array_feature_extractor_result"]));
        graph.Node.Add(Node("Reshape", string.Empty, ["array_feature_extractor_result", "shape_tensor"], [OnnxNames.LabelOutput]));

        var axis = new TensorProto { Name = "axis", DataType = (int)DataType.Int64 };
        axis.Dims.Add(1);
        axis.Int64Data.Add(1);
        graph.Initializer.Add(axis);
        graph.Node.Add(Node("Sigmoid", string.Empty, ["raw_scores"], ["raw_scoressig"]));
        graph.Node.Add(Node("Abs", string.Empty, ["raw_scoressig"], ["norm_abs"]));
        var reduce = Node("ReduceSum", string.Empty, ["norm_abs", "axis"], ["norm"]);
        reduce.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeType.Int, I = 1 });
        graph.Node.Add(reduce);
        graph.Node.Add(Node("Div", string.Empty, ["raw_scoressig", "norm"], [OnnxNames.ProbabilitiesOutput], "NormalizerNorm"));
    }

    /// <summary>Class labels that both read as distinct integers go out as classlabels_ints, as scikit-learn's integer classes do.</summary>
    private static bool TryIntegerLabels<T>(LogisticRegressionModel<T> model, out long[] classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        classes = [0, 1];
        if (model.ClassLabels is not { } labels)
        {
            return true;
        }

        if (long.TryParse(labels.Negative, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long negative)
            && long.TryParse(labels.Positive, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long positive)
            && negative != positive)
        {
            classes = [negative, positive];
            return true;
        }

        return false;
    }

    private static double[] Doubles<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            result[j] = double.CreateTruncating(values[j]);
        }

        return result;
    }

    private static NodeProto Node(string opType, string domain, string[] inputs, string[] outputs, string? name = null)
    {
        var node = new NodeProto { OpType = opType, Domain = domain, Name = name ?? opType };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        return node;
    }

    private static AttributeProto Floats(string name, float[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Floats };
        attribute.Floats.Add(values);
        return attribute;
    }

    private static AttributeProto Ints(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    private static AttributeProto Strings(string name, string[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Strings };
        foreach (string value in values)
        {
            attribute.Strings.Add(ByteString.CopyFromUtf8(value));
        }

        return attribute;
    }

    private static TensorProto DoubleTensor(string name, long[] dims, double[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Double };
        tensor.Dims.Add(dims);
        tensor.DoubleData.Add(values);
        return tensor;
    }

    /// <summary>A tensor's name, element type and shape; -1 is the batch dimension 'N'.</summary>
    private static ValueInfoProto TensorInfo(string name, int elementType, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (long dim in dims)
        {
            shape.Dim.Add(dim < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = shape } },
        };
    }

    private static string ProducerVersion()
    {
        string? version = typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version is null ? "0" : version.Split('+')[0];
    }
}
