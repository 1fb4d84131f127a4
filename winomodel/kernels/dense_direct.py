"""dense_direct: direct convolution over the same "virtual dense" input as sparse_direct,
every weight multiplied (zeros included), so its work does not depend on the values.

Output channels go DENSE_ROWS at a time through a register-blocked micro-kernel:
every input vector loaded feeds DENSE_ROWS channels' FMAs.
See :mod:`winomodel.kernels._direct_common`.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..errors import WinomodelError
from ..layer import ConvLayer
from ..work import WorkEstimate
from . import _direct_common as dc
from .base import ConvKernel, ConvPlan
from .scratch import Scratch


class DenseDirectPlan(ConvPlan):
    """All weights of one layer packed DENSE_ROWS output channels at a time.

    Attributes
    ----------
    taps : ndarray (groups, C/g*R*S) int64
        Flat input offset of every tap of each group.
    wpk : ndarray (blocks, C/g*R*S, DENSE_ROWS) float32
        Weights of each channel block, tap-major.
    """

    kernel = "dense_direct"

    def __init__(self, layer: ConvLayer, taps, wpk, kb_group, row_channel):
        self.layer = layer
        self.taps, self.wpk, self.kb_group, self.row_channel = taps, wpk, kb_group, row_channel
        self.density = 1.0
        self.scratch = Scratch()   # padded input, kept between calls

    def _execute(self, x: np.ndarray) -> np.ndarray:
        L = self.batch_layer(x.shape[0])
        return dc.run_dense(x, L, self.taps, self.wpk, self.kb_group, self.row_channel, self.scratch)

    def work(self, batch: Optional[int] = None) -> WorkEstimate:
        L = self.layer if batch is None else self.layer.replace(N=int(batch))
        return dc.dense_work(self.kernel, L)


class DenseDirect(ConvKernel):
    """Dense direct convolution (every weight multiplied, zeros included)."""

    name = "dense_direct"
    sparse = False
    domain = "spatial"

    def _plan(self, weights, layer, density, **options):
        if options:
            raise WinomodelError(f"{self.name} takes no options, got {sorted(options)}")
        return DenseDirectPlan(layer, *dc.dense_pack(weights, layer))

    def work(self, layer: ConvLayer, density: float = 1.0, **options) -> WorkEstimate:
        """Work of the layer (``density`` must be 1: the kernel multiplies every weight);
        counting as in :func:`winomodel.kernels._direct_common.dense_work`."""
        if options:
            raise WinomodelError(f"{self.name} takes no options, got {sorted(options)}")
        if density != 1.0:
            raise WinomodelError(f"{self.name} is dense: density must be 1, got {density!r}")
        return dc.dense_work(self.name, layer)

    def workspace_bytes(self, layer: ConvLayer, **options) -> float:
        return dc.workspace_bytes(layer)
