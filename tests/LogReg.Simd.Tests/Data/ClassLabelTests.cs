using LogReg.Simd.Data;
using LogReg.Simd.Training;

namespace LogReg.Simd.Tests.Data;

/// <summary>Any two label values, as scikit-learn accepts them, and the rule that picks the positive class.</summary>
public sealed class ClassLabelTests
{
    private static Dataset<double> Read(string labels, string? positiveLabel = null) =>
        DatasetReader.ReadCsv<double>(new StringReader(Csv(labels)), "d.csv", new CsvReadOptions { PositiveLabel = positiveLabel });

    private static string Csv(string labels) =>
        "x,y\n" + string.Concat(labels.Split(' ').Select((label, i) => $"{i},{label}\n"));

    [Theory]
    [InlineData("0 1 1 0", "0", "1", "0 1 1 0")]
    [InlineData("1 0 0", "0", "1", "1 0 0")]
    [InlineData("-1 +1 -1", "-1", "+1", "0 1 0")]
    [InlineData("+1 -1 -1", "-1", "+1", "1 0 0")]
    [InlineData("1.0 -1 1", "-1", "1.0", "1 0 1")]
    [InlineData("no yes no", "no", "yes", "0 1 0")]
    [InlineData("yes no no", "no", "yes", "1 0 0")]
    [InlineData("False TRUE TRUE False", "False", "TRUE", "0 1 1 0")]
    [InlineData("YES maybe", "maybe", "YES", "1 0")]
    [InlineData("spam 1 spam", "spam", "1", "0 1 0")]
    public void ReadCsv_AcceptsAnyTwoValues_AndTheConventionalOneIsPositive(string labels, string negative, string positive, string coded)
    {
        var data = Read(labels);

        Assert.Equal(new ClassLabels(negative, positive), data.ClassLabels);
        Assert.Equal(coded.Split(' ').Select(double.Parse), data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_TrimsBlanksAroundLabels()
    {
        var data = DatasetReader.ReadCsv<double>(new StringReader("x,y\n1, yes \n2,no\n3,yes\n"), "d.csv");

        Assert.Equal(new ClassLabels("no", "yes"), data.ClassLabels);
        Assert.Equal([1.0, 0, 1], data.Labels.ToArray());
    }

    [Fact]
    public void ReadCsv_PositiveLabel_ChoosesAmongStrings_AndOverridesTheConvention()
    {
        var cats = Read("cat dog dog cat", positiveLabel: "dog");
        Assert.Equal(new ClassLabels("cat", "dog"), cats.ClassLabels);
        Assert.Equal([0.0, 1, 1, 0], cats.Labels.ToArray());

        var flipped = Read("0 1 1", positiveLabel: "0");
        Assert.Equal(new ClassLabels("1", "0"), flipped.ClassLabels);
        Assert.Equal([1.0, 0, 0], flipped.Labels.ToArray());

        // Numbers compare by value: "+1" names the class written "1".
        Assert.Equal(new ClassLabels("-1", "1"), Read("-1 1", positiveLabel: "+1").ClassLabels);
    }

    [Fact]
    public void ReadCsv_ThrowsClassLabelException_NamingBothValues_WhenNeitherIsPositive()
    {
        var e = Assert.Throws<ClassLabelException>(() => Read("cat dog cat"));

        Assert.Equal(["cat", "dog"], e.Values);
        Assert.Equal("y", e.Column);
        Assert.Null(e.PositiveLabel);
        Assert.Equal("d.csv: label column 'y' holds 'cat' and 'dog'; neither of them is 1, +1, true or yes, so choose the positive class (CsvReadOptions.PositiveLabel).", e.Message);
    }

    [Fact]
    public void ReadCsv_ThrowsClassLabelException_WhenBothAreConventionallyPositive()
    {
        var e = Assert.Throws<ClassLabelException>(() => Read("1 yes"));

        Assert.Contains("'1' and 'yes'; both of them", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_ThrowsClassLabelException_NamingThePositiveLabelAndTheValues_WhenItIsNotAmongThem()
    {
        var e = Assert.Throws<ClassLabelException>(() => Read("cat dog", positiveLabel: "bird"));

        Assert.Equal("bird", e.PositiveLabel);
        Assert.Equal("d.csv: label column 'y' holds 'cat' and 'dog'; the positive label 'bird' is not among them.", e.Message);
    }

    [Fact]
    public void ReadCsv_ThrowsDataFormatException_ForAThirdValue_NamingTheRowAndTheFirstThree()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("cat dog dog bird cat"));

        Assert.Equal(5, e.Line);
        Assert.Equal("d.csv:5: column 'y': 'bird' is a third label value; binary labels take two values (before it: 'cat' and 'dog')", e.Message);
    }

    [Fact]
    public void ReadCsv_ThrowsDataFormatException_ForAnEmptyLabel()
    {
        var e = Assert.Throws<DataFormatException>(() => DatasetReader.ReadCsv<double>(new StringReader("x,y\n1,0\n2,\n"), "d.csv"));

        Assert.Equal(3, e.Line);
        Assert.Contains("the label is empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes yes", null, "no", "yes", 1.0)]
    [InlineData("-1 -1", null, "-1", "+1", 0.0)]
    [InlineData("1 1", null, "0", "1", 1.0)]
    [InlineData("false", null, "false", "true", 0.0)]
    [InlineData("cat cat", "dog", "cat", "dog", 0.0)]
    [InlineData("1", "1", "0", "1", 1.0)]
    public void ReadCsv_OneValueOnly_IsOneClass(string labels, string? positiveLabel, string negative, string positive, double coded)
    {
        var data = Read(labels, positiveLabel);

        Assert.Equal(new ClassLabels(negative, positive), data.ClassLabels);
        Assert.All(data.Labels.ToArray(), y => Assert.Equal(coded, y));
    }

    [Fact]
    public void ReadCsv_OneUnconventionalValue_IsADataError_AtItsFirstLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("cat cat"));

        Assert.Equal(2, e.Line);
        Assert.Equal("cat", e.Text);
        Assert.Contains("is the only label value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PositiveLabel_ThatIsBlank_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CsvReadOptions { PositiveLabel = " " });
    }

    [Fact]
    public void ReadCsv_Unlabelled_HasNoClassLabels()
    {
        var data = DatasetReader.ReadCsv<float>(new StringReader("a,b\n1,2\n"), "d.csv", new CsvReadOptions { Label = LabelColumn.None });

        Assert.Null(data.ClassLabels);
    }

    [Theory]
    [InlineData("-1 1:1\n+1 1:2\n-1 1:3\n", "-1", "+1")]
    [InlineData("1 1:1\n0 1:2\n", "0", "1")]
    [InlineData("+1 1:1\n", "-1", "+1")]
    [InlineData("0 1:1\n", "0", "1")]
    [InlineData("-1 1:1\n", "-1", "+1")]
    public void ReadLibSvm_KeepsItsNumericLabels_AndRecordsThemAsClassLabels(string text, string negative, string positive)
    {
        var data = DatasetReader.ReadLibSvm<double>(new StringReader(text), "d.svm");

        Assert.Equal(new ClassLabels(negative, positive), data.ClassLabels);
        Assert.All(data.Labels.ToArray(), y => Assert.True(y is 0 or 1));
    }

    [Fact]
    public void Dataset_FromArrays_HasZeroOneClassLabels_OrTheGivenOnes()
    {
        Assert.Equal(ClassLabels.ZeroOne, new Dataset<double>([1.0, 2], 2, 1, [0.0, 1]).ClassLabels);
        Assert.Equal(new ClassLabels("b", "a"), new Dataset<double>([1.0, 2], 2, 1, [0.0, 1], classLabels: new ClassLabels("b", "a")).ClassLabels);
    }

    [Fact]
    public void ClassLabels_RejectsEmptyOrEqualLabels_AndNamesAPredictedClass()
    {
        Assert.Throws<ArgumentException>(() => new ClassLabels(string.Empty, "a"));
        Assert.Throws<ArgumentException>(() => new ClassLabels("a", "a"));
        Assert.Equal("yes", new ClassLabels("no", "yes").Of(1));
        Assert.Equal("no", new ClassLabels("no", "yes").Of(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassLabels("no", "yes").Of(2));
    }

    [Fact]
    public void Fit_OnADataset_KeepsItsFeatureNamesAndClassLabels()
    {
        var data = DatasetReader.ReadCsv<double>(new StringReader("size,weight,buy\n1,2,yes\n2,1,no\n3,3.5,yes\n0.5,0.1,no\n"), "d.csv");

        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions()).Fit(data).Model;

        Assert.Equal(["size", "weight"], model.FeatureNames);
        Assert.Equal(new ClassLabels("no", "yes"), model.ClassLabels);
    }
}
