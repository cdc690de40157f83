"""Writes the ONNX files skl2onnx would write for scikit-learn's binary logistic regressions, and sklearn_onnx.json
with scikit-learn's predict_proba for every row, the reference of OnnxImportTests (CI does not need Python).

skl2onnx is not packaged in Debian, so the graphs are built with python3-onnx's helper API from the fitted
coefficients, mirroring skl2onnx 1.21's converters (operator_converters/linear_classifier.py, scaler_op.py,
zip_map.py, common/_apply_operation.py apply_normalizer, utils_classifier._finalize_converter_classes):
node names and types, attributes, initializer and value names, opset 21 with ai.onnx.ml 3, IR version 10.

Run with Debian's python3-sklearn (1.2.1) and python3-onnx (1.12): /usr/bin/python3 make_sklearn_onnx.py
"""
import json
import pathlib

import numpy as np
import onnx
import sklearn
from onnx import TensorProto, helper
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
data_dir = here / ".." / ".." / ".." / ".." / "data"
bc = np.loadtxt(data_dir / "breast_cancer.csv", delimiter=",", skiprows=1)
bc_X, bc_y = bc[:, :-1], bc[:, -1].astype(np.int64)
heart_X, heart_y = load_svmlight_file(str(data_dir / "heart_scale.libsvm"), n_features=13)
heart_X, heart_y = heart_X.toarray(), heart_y.astype(np.int64)  # classes -1 and 1


def opsets():
    return [helper.make_opsetid("", 21), helper.make_opsetid("ai.onnx.ml", 3)]


def finish(graph, name):
    model = helper.make_model(graph, opset_imports=opsets(), producer_name="skl2onnx", producer_version="1.21.0")
    model.ir_version = 10
    model.domain = "ai.onnx"
    model.model_version = 0
    (here / name).write_bytes(model.SerializeToString())


def zipmap_output(name):
    t = onnx.TypeProto()
    t.sequence_type.elem_type.map_type.key_type = TensorProto.INT64
    t.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
    return helper.make_value_info(name, t)


def linear_classifier(lr, features, probabilities):
    """convert_sklearn_linear_classifier for a binary LogisticRegression: rows (-w, w), intercepts (-b, b)."""
    coef = lr.coef_.ravel().astype(float).tolist()
    intercept = lr.intercept_.tolist()
    return helper.make_node(
        "LinearClassifier", [features], ["label", probabilities], name="LinearClassifier", domain="ai.onnx.ml",
        coefficients=[-c for c in coef] + coef, intercepts=[-i for i in intercept] + intercept,
        multi_class=0, post_transform="LOGISTIC", classlabels_ints=[int(c) for c in lr.classes_])


def scaler(sc):
    return helper.make_node("Scaler", ["X"], ["variable"], name="Scaler", domain="ai.onnx.ml",
                            offset=sc.mean_.astype(np.float64).tolist(), scale=(1.0 / sc.scale_).astype(np.float64).tolist())


def float_graph(lr, sc, n, zipmap, normalizer):
    """skl2onnx's default float graph: [Scaler] LinearClassifier [Normalizer L1 (multi_class='ovr')] [Cast + ZipMap]."""
    nodes = [scaler(sc)] if sc is not None else []
    features = "variable" if sc is not None else "X"
    probabilities = "probability_tensor" if normalizer else "probabilities"
    nodes.append(linear_classifier(lr, features, probabilities))
    if normalizer:
        nodes.append(helper.make_node("Normalizer", ["probability_tensor"], ["probabilities"], name="Normalizer", domain="ai.onnx.ml", norm="L1"))
    inputs = [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, n])]
    if zipmap:
        nodes.append(helper.make_node("Cast", ["label"], ["output_label"], name="Cast", to=TensorProto.INT64))
        nodes.append(helper.make_node("ZipMap", ["probabilities"], ["output_probability"], name="ZipMap", domain="ai.onnx.ml",
                                      classlabels_int64s=[int(c) for c in lr.classes_]))
        outputs = [helper.make_tensor_value_info("output_label", TensorProto.INT64, [None]), zipmap_output("output_probability")]
    else:
        outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
                   helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])]
    return helper.make_graph(nodes, "pipeline_lr" if sc is not None else "LogisticRegression", inputs, outputs)


def double_graph(lr, sc, n):
    """The double branch of convert_sklearn_linear_classifier (MatMul, Add, ArgMax, Sigmoid, L1 by ReduceSum),
    after StandardScaler's div option (Sub, Div) for a pipeline; zipmap=False."""
    nodes, inits = [], []
    features = "X"
    if sc is not None:
        inits += [helper.make_tensor("Su_Subcst", TensorProto.DOUBLE, [n], sc.mean_.tolist()),
                  helper.make_tensor("Di_Divcst", TensorProto.DOUBLE, [n], sc.scale_.tolist())]
        nodes += [helper.make_node("Sub", ["X", "Su_Subcst"], ["Su_C0"], name="Su_Sub"),
                  helper.make_node("Div", ["Su_C0", "Di_Divcst"], ["variable"], name="Di_Div")]
        features = "variable"
    coef = lr.coef_.ravel()
    b = float(lr.intercept_[0])
    inits += [helper.make_tensor("coef", TensorProto.DOUBLE, [n, 2], np.stack([-coef, coef], axis=1).ravel().tolist()),
              helper.make_tensor("intercept", TensorProto.DOUBLE, [1, 2], [-b, b]),
              helper.make_tensor("classes", TensorProto.INT32, [2], [int(c) for c in lr.classes_]),
              helper.make_tensor("shape_tensor", TensorProto.INT64, [1], [-1]),
              helper.make_tensor("axis", TensorProto.INT64, [1], [1])]
    nodes += [
        helper.make_node("MatMul", [features, "coef"], ["multiplied"], name="MatMul"),
        helper.make_node("Add", ["multiplied", "intercept"], ["raw_scores"], name="Add"),
        helper.make_node("ArgMax", ["raw_scores"], ["label1"], name="ArgMax", axis=1),
        helper.make_node("ArrayFeatureExtractor", ["classes", "label1"], ["array_feature_extractor_result"], name="ArrayFeatureExtractor", domain="ai.onnx.ml"),
        helper.make_node("Cast", ["array_feature_extractor_result"], ["cast2_result"], name="Cast", to=TensorProto.DOUBLE),
        helper.make_node("Reshape", ["cast2_result", "shape_tensor"], ["reshaped_result"], name="Reshape"),
        helper.make_node("Cast", ["reshaped_result"], ["label"], name="Cast1", to=TensorProto.INT64),
        helper.make_node("Sigmoid", ["raw_scores"], ["raw_scoressig"], name="Sigmoid"),
        helper.make_node("Abs", ["raw_scoressig"], ["norm_abs"], name="Abs"),
        helper.make_node("ReduceSum", ["norm_abs", "axis"], ["norm"], name="ReduceSum", keepdims=1),
        helper.make_node("Div", ["raw_scoressig", "norm"], ["probabilities"], name="NormalizerNorm"),
    ]
    inputs = [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, n])]
    outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
               helper.make_tensor_value_info("probabilities", TensorProto.DOUBLE, [None, 2])]
    return helper.make_graph(nodes, "pipeline_lr" if sc is not None else "LogisticRegression", inputs, outputs, inits)


reference = {"sklearn": sklearn.__version__, "onnx": onnx.__version__, "files": {}}


def emit(name, dataset, X, y, standardize, element_type, build):
    sc = StandardScaler().fit(X) if standardize else None
    lr = LogisticRegression(C=1.0, max_iter=10000, tol=1e-10).fit(sc.transform(X) if sc else X, y)
    finish(build(lr, sc, X.shape[1]), name)
    model = Pipeline([("scaler", sc), ("lr", lr)]) if sc else lr
    reference["files"][name] = {
        "data": dataset, "elementType": element_type, "standardized": standardize,
        "classes": [int(c) for c in lr.classes_],
        "probabilities": model.predict_proba(X)[:, 1].tolist(),
    }


emit("heart_lr_float_zipmap.onnx", "heart_scale.libsvm", heart_X, heart_y, False, "float", lambda lr, sc, n: float_graph(lr, sc, n, True, False))
emit("breast_cancer_pipeline_float_zipmap.onnx", "breast_cancer.csv", bc_X, bc_y, True, "float", lambda lr, sc, n: float_graph(lr, sc, n, True, False))
emit("breast_cancer_pipeline_float_ovr_normalizer.onnx", "breast_cancer.csv", bc_X, bc_y, True, "float", lambda lr, sc, n: float_graph(lr, sc, n, False, True))
emit("heart_lr_double.onnx", "heart_scale.libsvm", heart_X, heart_y, False, "double", double_graph)
emit("breast_cancer_pipeline_double.onnx", "breast_cancer.csv", bc_X, bc_y, True, "double", double_graph)
(here / "sklearn_onnx.json").write_text(json.dumps(reference, indent=1) + "\n")
