"""sparse_direct: direct sparse convolution over a "virtual dense" input (Park et al. 2016).

Weights, pruned by magnitude when a density is given, are stored as CSR per output
channel; each column index (c, r, s) becomes a flat offset into the zero-padded,
polyphase-split input (no im2col), so every nonzero is one broadcast-FMA over a
contiguous run of output pixels.  See :mod:`winomodel.kernels._direct_common`.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..layer import ConvLayer
from ..pruning import kept_count, prune_magnitude
from ..validation import check_density
from ..work import WorkEstimate
from . import _direct_common as dc
from .base import ConvKernel, ConvPlan
from .scratch import Scratch


class SparseDirectPlan(ConvPlan):
    """CSR weights of one layer ready to run on inputs of any batch size.

    Attributes
    ----------
    chunk_ptr, offsets, values : ndarray
        CSR rows per output channel, split into input-channel chunks: row ``k``'s
        weights of chunk ``i`` are ``values[chunk_ptr[k, i]:chunk_ptr[k, i+1]]`` at flat
        input offsets ``offsets[...]`` (see
        :func:`winomodel.kernels._direct_common.csr_from_weights`).
    nnz : int
        Stored (nonzero) weights.
    """

    kernel = "sparse_direct"

    def __init__(self, layer: ConvLayer, chunk_ptr, offsets, values):
        self.layer = layer
        self.chunk_ptr, self.offsets, self.values = chunk_ptr, offsets, values
        self.scratch = Scratch()   # padded input, kept between calls
        self.nnz = int(values.size)
        self.density = self.nnz / layer.weight_count

    def _execute(self, x: np.ndarray) -> np.ndarray:
        L = self.batch_layer(x.shape[0])
        return dc.run_csr(x, L, self.chunk_ptr, self.offsets, self.values, self.scratch)

    def work(self, batch: Optional[int] = None) -> WorkEstimate:
        L = self.layer if batch is None else self.layer.replace(N=int(batch))
        nonempty = float(np.count_nonzero(np.diff(self.chunk_ptr, axis=1)))
        return dc.csr_work(self.kernel, L, self.nnz, self.density, "axpy", nonempty_chunks=nonempty)


class SparseDirect(ConvKernel):
    """Direct sparse convolution: CSR weights x virtual dense input, skipping zeros."""

    name = "sparse_direct"
    sparse = True
    domain = "spatial"

    def _plan(self, weights, layer, density, **options):
        _no_options(self.name, options)
        w = weights if density is None else prune_magnitude(weights, density)
        return SparseDirectPlan(layer, *dc.csr_from_weights(w, layer))

    def work(self, layer: ConvLayer, density: float = 1.0, **options) -> WorkEstimate:
        """Work at ``density``: ``nnz = round(density * K * C/g * R * S)`` stored weights;
        byte and FLOP counting as in :func:`winomodel.kernels._direct_common.csr_work`."""
        _no_options(self.name, options)
        density = check_density(density)
        nnz = kept_count(layer.weight_count, density)
        return dc.csr_work(self.name, layer, nnz, density, "axpy")

    def workspace_bytes(self, layer: ConvLayer, **options) -> float:
        return dc.workspace_bytes(layer)


def _no_options(name, options):
    if options:
        from ..errors import WinomodelError

        raise WinomodelError(f"{name} takes no options, got {sorted(options)}")
