"""What an importer returns: every conv layer of a model with its shape and real weights.

A :class:`ModelLayer` is a :class:`~winomodel.layer.ConvLayer` plus the layer's
weights (masks of ``torch.nn.utils.prune`` already applied), its bias and, when
winomodel cannot run it, the reason.  Unsupported layers stay in the list so a
user sees what was left out and why, never a silently shorter network.
"""

from __future__ import annotations

import dataclasses
from typing import List, Optional, Tuple

import numpy as np

from ..layer import ConvLayer


@dataclasses.dataclass(frozen=True)
class ModelLayer:
    """One convolution found in a model.

    Attributes
    ----------
    name : str
        The layer's name in the model (module path for PyTorch, node name for ONNX).
    layer : ConvLayer or None
        Its shape (batch from the example input); None when no ConvLayer describes it
        (e.g. a 1-D or 3-D convolution).
    weights : ndarray or None
        float32 ``(K, C/groups, R, S)`` as the model computes with them (pruning masks
        applied, zeros kept).
    bias : ndarray or None
        float32 ``(K,)``, or None when the layer has no bias.
    reason : str
        Empty when winomodel can run the layer; otherwise why not (e.g. ``"dilation (2, 2)"``).
    op : str
        The layer's type in the source model (``"Conv2d"``, ``"Conv"``, ``"ConvTranspose2d"`` ...).
    """

    name: str
    layer: Optional[ConvLayer]
    weights: Optional[np.ndarray] = dataclasses.field(default=None, repr=False, compare=False)
    bias: Optional[np.ndarray] = dataclasses.field(default=None, repr=False, compare=False)
    reason: str = ""
    op: str = "Conv2d"

    @property
    def supported(self) -> bool:
        """Whether winomodel can run this layer."""
        return not self.reason and self.layer is not None and self.weights is not None

    @property
    def density(self) -> float:
        """Fraction of nonzero weights (spatial domain); NaN without weights."""
        if self.weights is None or self.weights.size == 0:
            return float("nan")
        return float(np.count_nonzero(self.weights)) / self.weights.size

    def as_row(self) -> dict:
        row = {"name": self.name, "op": self.op, "supported": self.supported,
               "density": self.density, "reason": self.reason}
        if self.layer is not None:
            row.update({k: v for k, v in self.layer.as_row().items() if k != "name"})
            row["gflops"] = self.layer.dense_flops / 1e9
        return row


@dataclasses.dataclass(frozen=True)
class ImportedModel:
    """The conv layers of one model, in the order they run.

    Attributes
    ----------
    source : str
        Where they came from (a file path or the module's class name).
    layers : tuple of ModelLayer
        Every convolution, supported or not.
    """

    source: str
    layers: Tuple[ModelLayer, ...]

    def __iter__(self):
        return iter(self.layers)

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index):
        if isinstance(index, str):
            for m in self.layers:
                if m.name == index:
                    return m
            raise KeyError(f"no layer named {index!r}; layers: {', '.join(self.names())}")
        return self.layers[index]

    def names(self) -> List[str]:
        return [m.name for m in self.layers]

    def supported(self) -> List[ModelLayer]:
        """The layers winomodel can run."""
        return [m for m in self.layers if m.supported]

    def unsupported(self) -> List[ModelLayer]:
        """The layers winomodel cannot run (each with its ``reason``)."""
        return [m for m in self.layers if not m.supported]

    def conv_layers(self) -> List[ConvLayer]:
        """The supported layers' shapes, named as in the model (for the performance model)."""
        return [m.layer.replace(name=m.name) for m in self.supported()]

    def densities(self) -> dict:
        """``{name: spatial density}`` of the supported layers."""
        return {m.name: m.density for m in self.supported()}

    def with_weights(self, weights: dict) -> "ImportedModel":
        """A copy whose layers named in ``weights`` carry new weights (e.g. pruned ones)."""
        layers = []
        for m in self.layers:
            if m.name in weights:
                w = np.ascontiguousarray(weights[m.name], dtype=np.float32)
                if m.weights is not None and w.shape != m.weights.shape:
                    from ..errors import ShapeError

                    raise ShapeError(f"new weights of {m.name} have shape {w.shape}, "
                                     f"the layer's are {m.weights.shape}")
                m = dataclasses.replace(m, weights=w)
            layers.append(m)
        return dataclasses.replace(self, layers=tuple(layers))

    def to_frame(self):
        """One row per layer (shape, density, supported, reason) as a DataFrame."""
        import pandas as pd

        return pd.DataFrame([m.as_row() for m in self.layers])
