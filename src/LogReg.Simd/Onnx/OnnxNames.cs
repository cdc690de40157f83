namespace LogReg.Simd.Onnx;

/// <summary>The names, domains and versions of the ONNX graphs this library writes (those skl2onnx writes).</summary>
internal static class OnnxNames
{
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>The default opset of skl2onnx 1.21 (its OPSET_TO_IR_VERSION maps it to IR 10) and the ai.onnx.ml opset it pairs with.</summary>
    public const long Opset = 21;

    public const long MlOpset = 3;

    public const long IrVersion = 10;

    public const string ProducerName = "LogReg.Simd";

    /// <summary>The input of skl2onnx's <c>to_onnx(model, X)</c>, and its outputs with <c>zipmap=False</c>.</summary>
    public const string Input = "X";

    public const string LabelOutput = "label";

    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>The metadata_props key holding this library's JSON model document (training report, names, exact scales).</summary>
    public const string ModelMetadataKey = "logreg.model";
}
