"""Conv layers of an ONNX file: ``Conv`` nodes, their initializer weights and the input
shapes found by ONNX shape inference.

A graph input with a symbolic batch dimension takes ``batch`` (default 1); other
unknown dimensions leave the layer listed as unsupported with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

import numpy as np

from ..errors import ModelImportError, WinomodelError
from ..layer import ConvLayer
from .record import ImportedModel, ModelLayer


def _load(path: Path):
    try:
        import onnx
    except ImportError:  # pragma: no cover - onnx is an optional dependency
        raise ModelImportError("from_onnx needs the onnx package: pip install 'winomodel[onnx]'") from None
    if not path.exists():
        raise ModelImportError(f"ONNX file {path} does not exist")
    if path.is_dir():
        raise ModelImportError(f"ONNX file {path} is a directory")
    try:
        model = onnx.load(str(path))
    except Exception as exc:  # protobuf raises DecodeError and friends
        raise ModelImportError(f"{path} is not a readable ONNX model ({type(exc).__name__}: "
                               f"{exc or 'cannot parse the protobuf'})") from None
    if not model.graph.node:
        raise ModelImportError(f"{path} holds no ONNX graph (no nodes): not an ONNX model, or an empty one")
    try:
        onnx.checker.check_model(model)
    except Exception as exc:
        raise ModelImportError(f"{path} is not a valid ONNX model: {exc}") from None
    try:
        model = onnx.shape_inference.infer_shapes(model)
    except Exception as exc:
        raise ModelImportError(f"ONNX shape inference failed on {path}: {exc}") from None
    return model


def _shapes(model, batch: int) -> Dict[str, Optional[tuple]]:
    """Tensor name -> shape (None per unknown dimension) of every typed value in the graph."""
    shapes = {}
    graph_inputs = {i.name for i in model.graph.input}
    for value in list(model.graph.input) + list(model.graph.value_info) + list(model.graph.output):
        t = value.type.tensor_type
        if not t.HasField("shape"):
            continue
        dims = []
        for i, d in enumerate(t.shape.dim):
            if d.HasField("dim_value") and d.dim_value > 0:
                dims.append(int(d.dim_value))
            else:
                dims.append(None)
        if value.name in graph_inputs and dims and dims[0] is None:
            dims[0] = batch  # a symbolic batch dimension: the batch asked for
        shapes[value.name] = tuple(dims)
    return shapes


def _attributes(node) -> dict:
    import onnx

    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv_record(node, name, inits, shapes) -> ModelLayer:
    from onnx import numpy_helper

    attrs = _attributes(node)
    x_name, w_name = node.input[0], node.input[1]
    b_name = node.input[2] if len(node.input) > 2 and node.input[2] else None
    if w_name not in inits:
        return ModelLayer(name=name, layer=None, op=node.op_type,
                          reason=f"weights {w_name!r} are computed in the graph, not an initializer")
    w = numpy_helper.to_array(inits[w_name])
    bias = numpy_helper.to_array(inits[b_name]).astype(np.float32) if b_name in inits else None
    if not np.issubdtype(w.dtype, np.floating):
        return ModelLayer(name=name, layer=None, op=node.op_type,
                          reason=f"weights of type {w.dtype} (quantized?); winomodel runs float weights")
    w = np.ascontiguousarray(w, dtype=np.float32)
    if w.ndim != 4:
        return ModelLayer(name=name, layer=None, weights=w, bias=bias, op=node.op_type,
                          reason=f"a {w.ndim - 2}-D convolution (winomodel runs 2-D only)")
    problems = []
    dil = tuple(attrs.get("dilations", (1, 1)))
    if any(d != 1 for d in dil):
        problems.append(f"dilation {dil} (winomodel's kernels are dilation-free)")
    strides = tuple(attrs.get("strides", (1, 1)))
    group = int(attrs.get("group", 1))
    auto_pad = attrs.get("auto_pad", b"NOTSET")
    auto_pad = auto_pad.decode() if isinstance(auto_pad, bytes) else str(auto_pad)
    x_shape = shapes.get(x_name)
    if x_shape is None or len(x_shape) != 4 or any(d is None for d in x_shape):
        problems.append(f"input {x_name!r} has unknown shape {x_shape} after shape inference")
        return ModelLayer(name=name, layer=None, weights=w, bias=bias, op=node.op_type,
                          reason="; ".join(problems))
    if auto_pad in ("NOTSET", ""):
        pads = tuple(attrs.get("pads", (0, 0, 0, 0)))
        begin, end = pads[:2], pads[2:]
    elif auto_pad == "VALID":
        begin = end = (0, 0)
    else:  # SAME_UPPER / SAME_LOWER: output = ceil(input / stride)
        begin, end = [], []
        for size, k, s in zip(x_shape[2:], w.shape[2:], strides):
            total = max(0, (-(-size // s) - 1) * s + k - size)
            small, big = total // 2, total - total // 2
            begin.append(small if auto_pad == "SAME_UPPER" else big)
            end.append(big if auto_pad == "SAME_UPPER" else small)
    if tuple(begin) != tuple(end):
        problems.append(f"asymmetric padding begin {tuple(begin)} end {tuple(end)}")
    layer = None
    try:
        layer = ConvLayer.from_shapes(x_shape, w.shape, stride=strides, padding=tuple(begin),
                                      groups=group, name=name)
    except WinomodelError as exc:
        problems.append(str(exc))
    if not np.isfinite(w).all():
        problems.append("weights contain NaN or Inf")
    return ModelLayer(name=name, layer=layer, weights=w, bias=bias, op=node.op_type,
                      reason="; ".join(problems))


def from_onnx(path, batch: int = 1) -> ImportedModel:
    """Every convolution of an ONNX model, with shapes and real weights.

    Parameters
    ----------
    path : str or Path
        The ``.onnx`` file.
    batch : int, default 1
        Batch size given to a graph input whose batch dimension is symbolic.

    Returns
    -------
    ImportedModel
        ``Conv`` nodes in graph order, named by node name (or ``conv<i>`` when unnamed).
        ``ConvTranspose`` nodes, 1-D/3-D and dilated convs, asymmetric padding, weights
        that are not initializers and inputs of unknown shape are listed with a ``reason``.

    Raises
    ------
    ModelImportError
        If the file is missing, not ONNX, fails the ONNX checker or shape inference.
    """
    if isinstance(batch, bool) or not hasattr(batch, "__index__") or int(batch) < 1:
        raise ModelImportError(f"batch must be a positive integer, got {batch!r}")
    path = Path(path)
    model = _load(path)
    inits = {t.name: t for t in model.graph.initializer}
    shapes = _shapes(model, int(batch))
    layers, seen = [], {}
    for index, node in enumerate(model.graph.node):
        if node.op_type not in ("Conv", "ConvTranspose", "ConvInteger", "QLinearConv"):
            continue
        name = node.name or f"conv{index}"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}#{seen[name]}"
        if node.op_type != "Conv":
            layers.append(ModelLayer(name=name, layer=None, op=node.op_type,
                                     reason=f"{node.op_type} is not a float Conv (winomodel runs Conv only)"))
            continue
        layers.append(_conv_record(node, name, inits, shapes))
    return ImportedModel(source=str(path), layers=tuple(layers))
