using Google.Protobuf;
using LogReg.Simd.Onnx;
using Onnx;
using static LogReg.Simd.Tests.Onnx.OnnxTestSupport;

namespace LogReg.Simd.Tests.Onnx;

/// <summary>Malformed, hostile and unsupported ONNX files: an <see cref="OnnxFormatException"/> naming the culprit, never another exception or a large allocation.</summary>
public sealed class OnnxHostileFileTests
{
    private static ModelProto Load(string file) => ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(OnnxTestSupport.File(file)));

    private static OnnxFormatException Refused(ModelProto model) => Refused(model.ToByteArray());

    private static OnnxFormatException Refused(byte[] bytes) => Assert.Throws<OnnxFormatException>(() => OnnxModel.ImportAny(new MemoryStream(bytes)));

    private static NodeProto Node(ModelProto model, string opType) => model.Graph.Node.Single(n => n.OpType == opType);

    private static AttributeProto Attribute(NodeProto node, string name) => node.Attribute.Single(a => a.Name == name);

    public static TheoryData<string> AllFiles() => new(
        "heart_lr_float_zipmap.onnx",
        "breast_cancer_pipeline_float_zipmap.onnx",
        "breast_cancer_pipeline_float_ovr_normalizer.onnx",
        "heart_lr_double.onnx",
        "breast_cancer_pipeline_double.onnx");

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void EveryTruncation_IsRefused(string file)
    {
        byte[] bytes = System.IO.File.ReadAllBytes(OnnxTestSupport.File(file));
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<OnnxFormatException>(() => OnnxModel.ImportAny(new MemoryStream(bytes, 0, length)));
        }
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void RandomByteCorruption_ImportsOrIsRefused_NeverAnotherException(string file)
    {
        byte[] original = System.IO.File.ReadAllBytes(OnnxTestSupport.File(file));
        var rng = new Random(12);
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] bytes = (byte[])original.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--)
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            try
            {
                OnnxModel.ImportAny(new MemoryStream(bytes));
            }
            catch (OnnxFormatException)
            {
            }
        }
    }

    [Fact]
    public void HugeDeclaredLengthPrefix_IsRefusedWithoutAllocatingIt()
    {
        // Field 7 (graph), length-delimited, declared 2^31 - 1 bytes long, followed by 3 bytes.
        byte[] bytes = [0x08, 0x0A, 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x01, 0x02, 0x03];
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(bytes);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Contains("not a valid ONNX protobuf", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamLongerThanTheCap_IsRefusedBeforeReadingIt()
    {
        var stream = new ClaimsHugeLengthStream();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.ImportAny(stream));
        Assert.Contains($"at most {OnnxModel.MaxFileBytes} are read", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void EndlessUnseekableStream_IsRefusedAtTheCap()
    {
        var stream = new EndlessStream();
        var e = Assert.Throws<OnnxFormatException>(() => OnnxModel.ImportAny(stream));
        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
        Assert.InRange(stream.BytesRead, OnnxModel.MaxFileBytes, OnnxModel.MaxFileBytes + (1 << 20));
    }

    [Fact]
    public void TensorShapeLargerThanItsData_IsRefusedNamingTheTensor()
    {
        ModelProto model = Load("heart_lr_double.onnx");
        TensorProto coef = model.Graph.Initializer.Single(t => t.Name == "coef");
        coef.Dims[0] = 1_000_000_000;
        Assert.Contains("tensor 'coef'", Refused(model).Message, StringComparison.Ordinal);

        coef.Dims[0] = 13;
        coef.Dims.Add(int.MaxValue);
        Assert.Contains("tensor 'coef' has shape [13, 2, 2147483647]", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RawDataShorterThanTheShape_IsRefusedNamingTheTensor()
    {
        ModelProto model = Load("heart_lr_double.onnx");
        TensorProto coef = model.Graph.Initializer.Single(t => t.Name == "coef");
        byte[] raw = new byte[25 * sizeof(double)];
        coef.DoubleData.Clear();
        coef.RawData = ByteString.CopyFrom(raw);
        Assert.Contains("tensor 'coef' declares 26 elements but holds 200 bytes of raw data", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInitializer_IsRefusedNamingIt()
    {
        ModelProto model = Load("heart_lr_double.onnx");
        model.Graph.Initializer.Remove(model.Graph.Initializer.Single(t => t.Name == "coef"));
        Assert.Contains("node 'MatMul' (MatMul): input 'coef' is not an initializer", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_IsRefused()
    {
        ModelProto model = Load("breast_cancer_pipeline_float_zipmap.onnx");
        Node(model, "Scaler").Input[0] = "variable";
        Assert.Contains("cycle", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CycleThroughTwoNodes_IsRefused()
    {
        ModelProto model = Load("breast_cancer_pipeline_double.onnx");
        Node(model, "Sub").Input[0] = "variable";
        Assert.Contains("cycle", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributeOfTheWrongType_IsRefusedNamingIt()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        AttributeProto coefficients = Attribute(Node(model, "LinearClassifier"), "coefficients");
        coefficients.Type = AttributeProto.Types.AttributeType.Ints;
        Assert.Contains("attribute 'coefficients' has type Ints; Floats expected", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorOfTheWrongElementType_IsRefusedNamingIt()
    {
        ModelProto model = Load("heart_lr_double.onnx");
        model.Graph.Initializer.Single(t => t.Name == "intercept").DataType = (int)TensorProto.Types.DataType.Int64;
        Assert.Contains("tensor 'intercept' has element type int64", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputOfAnotherElementType_IsRefused()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        model.Graph.Input[0].Type.TensorType.ElemType = (int)TensorProto.Types.DataType.Int64;
        Assert.Contains("graph input 'X' has element type int64", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiclass_IsRefusedNamingTheLabels()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        NodeProto classifier = Node(model, "LinearClassifier");
        Attribute(classifier, "classlabels_ints").Ints.Add(7);
        var coefficients = Attribute(classifier, "coefficients").Floats;
        coefficients.Add(coefficients.Take(13).ToArray());
        Attribute(classifier, "intercepts").Floats.Add(0.5f);
        Attribute(classifier, "post_transform").S = ByteString.CopyFromUtf8("LOGISTIC");
        Assert.Contains("'classlabels_ints' has 3 class labels; a binary model has 2", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherPostTransform_IsRefusedNamingIt()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        Attribute(Node(model, "LinearClassifier"), "post_transform").S = ByteString.CopyFromUtf8("SOFTMAX");
        Assert.Contains("node 'LinearClassifier' (LinearClassifier): attribute 'post_transform' is 'SOFTMAX'", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TreeEnsemble_IsRefusedNamingTheNode()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        NodeProto classifier = Node(model, "LinearClassifier");
        classifier.OpType = "TreeEnsembleClassifier";
        classifier.Name = "TreeEnsembleClassifier";
        Assert.Contains("node 'TreeEnsembleClassifier' (TreeEnsembleClassifier) cannot be mapped", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNodeBesideTheClassifier_IsRefusedNamingIt()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        var extra = new NodeProto { Name = "Extra", OpType = "Softmax", Input = { "X" }, Output = { "unused" } };
        model.Graph.Node.Add(extra);
        Assert.Contains("node 'Extra' (Softmax) cannot be mapped", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoefficientsThatAreNotOpposite_AreRefused()
    {
        ModelProto model = Load("heart_lr_float_zipmap.onnx");
        Attribute(Node(model, "LinearClassifier"), "coefficients").Floats[3] += 1;
        Assert.Contains("'coefficients' [3]", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void L2Normalizer_IsRefused()
    {
        ModelProto model = Load("breast_cancer_pipeline_float_ovr_normalizer.onnx");
        Attribute(Node(model, "Normalizer"), "norm").S = ByteString.CopyFromUtf8("L2");
        Assert.Contains("attribute 'norm' is 'L2'", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroScalerScale_IsRefused()
    {
        ModelProto model = Load("breast_cancer_pipeline_float_zipmap.onnx");
        Attribute(Node(model, "Scaler"), "scale").Floats[4] = 0;
        Assert.Contains("node 'Scaler' (Scaler): 'scale' [4] is 0", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalTensorData_IsRefused()
    {
        ModelProto model = Load("heart_lr_double.onnx");
        model.Graph.Initializer.Single(t => t.Name == "coef").DataLocation = TensorProto.Types.DataLocation.External;
        Assert.Contains("tensor 'coef' keeps its data in an external file", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EditedGraphThatDisagreesWithOurMetadata_IsRefused()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(Export(Train<float>("heart", standardize: true)));
        var coefficients = Attribute(Node(model, "LinearClassifier"), "coefficients").Floats;
        coefficients[2] *= 2;
        coefficients[13 + 2] *= 2;
        Assert.Contains("metadata 'logreg.model' disagrees with the graph: weight 2", Refused(model).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAnOnnxFile_IsRefused()
    {
        Assert.Contains("empty", Refused([]).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid ONNX protobuf", Refused("hello"u8.ToArray()).Message, StringComparison.Ordinal);
        Assert.Contains("no graph", Refused([0x08, 0x07]).Message, StringComparison.Ordinal);
    }

    private sealed class ClaimsHugeLengthStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => 1L << 40;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(0x0A);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
