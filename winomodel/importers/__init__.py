"""Bring your own network: the conv layers of a PyTorch module or an ONNX file, with
their shapes and real weights (:func:`from_torch`, :func:`from_onnx`)."""

from .onnx_import import from_onnx
from .record import ImportedModel, ModelLayer
from .torch_import import effective_weight, from_torch

__all__ = ["from_torch", "from_onnx", "ModelLayer", "ImportedModel", "effective_weight"]
