"""sparse_winograd: Winograd convolution with weights sparse in the Winograd domain
(Li, Park & Tang, 2017).

Any layer the decomposition covers (:mod:`.winograd_decomposition`): the transformed
weights of its pieces, ``U_p = G g_p G^T``, are pruned by magnitude in the pieces'
Winograd domain, all pieces together (when ``density`` is given), and stored as alpha^2
independent K/g x P*C/g CSR matrices per group (column ``p * C/g + c``: piece p of
input channel c).  Each execution runs the fused block loop of
:mod:`._winograd_common`; at each Winograd position the product is CSR x dense:
for every stored weight, one broadcast-scalar x contiguous-vector FMA stream over the
block's TB transformed tiles.  Rows dense enough are cut at input-channel windows
(:func:`._winograd_common.window_count`) so the part of V they read stays in L1, and
the nonzeros are stored in the order the windows read them
(:func:`._winograd_common.window_major`).
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..layer import ConvLayer
from ..pruning import kept_count
from ..work import Phase, WorkEstimate, winograd_products_ceiling, winograd_rows_ceiling
from . import _winograd_common as wc
from .base import ConvPlan
from .scratch import Scratch


def winograd_csr(u: np.ndarray, groups: int):
    """CSR of ``u`` (K, P*C/g, a, a): rows ordered (group, position, k), columns p*C/g + c.

    Returns ``indptr`` (int64, groups*a^2*K/g + 1), ``indices`` (int32), ``values`` (float32).
    """
    k, cg, a, _ = u.shape
    kg = k // groups
    dense = u.reshape(groups, kg, cg, a * a).transpose(0, 3, 1, 2).reshape(groups * a * a * kg, cg)
    rows, cols = np.nonzero(dense)
    indptr = np.zeros(dense.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=dense.shape[0]), out=indptr[1:])
    return indptr, cols.astype(np.int32), dense[rows, cols].astype(np.float32)


class SparseWinogradPlan(ConvPlan):
    """CSR Winograd-domain weights for one layer (all pieces of its decomposition)."""

    def __init__(self, layer: ConvLayer, u: np.ndarray, dec):
        self.kernel = "sparse_winograd"
        self.layer = layer
        self.decomposition = dec
        self.tile = dec.m
        self.r = dec.r
        cgv = dec.n_pieces * layer.C_per_group
        indptr, indices, values = winograd_csr(u, layer.groups)
        self.rows = indptr.size - 1
        self.nnz = int(values.size)
        self.density = self.nnz / u.size
        # windows sized for this plan's batch (another batch runs them too, just sized
        # for a different block width); the nonzeros stored in the order the windows read them
        tb = wc.geometry(layer, dec, layer.N, "sparse", wc.csr_bytes(self.nnz))[3]
        self.n_windows = wc.window_count(cgv, tb, self.density)
        self.bounds, self.indices, self.values = wc.window_major(
            indptr, indices, values, cgv, self.n_windows, layer.K_per_group)
        self._windows = (wc.window_calls(self.bounds), self.n_windows)
        self.scratch = Scratch()   # padded input (and the split path's V), kept between calls

    def _execute(self, x: np.ndarray) -> np.ndarray:
        return wc.execute(x, self.layer, self.decomposition, self.scratch,
                          csr=(self.bounds, self.indices, self.values),
                          memo=self.__dict__.setdefault("_sizes", {}))

    def work(self, batch: Optional[int] = None) -> WorkEstimate:
        layer = self.layer if batch is None else self.layer.replace(N=int(batch))
        return SparseWinograd()._work_nnz(layer, self.decomposition, self.nnz, self._windows)


class SparseWinograd(wc.WinogradKernel):
    """Sparse Winograd convolution of any layer the decomposition covers; options as
    ``dense_winograd``'s (``tile``, ``r``, ``weights_domain``, ``kernel_size``).  NaN or Inf
    in a tile's input window can turn all of that tile's outputs into NaN, as in
    ``dense_winograd``."""

    name = "sparse_winograd"
    sparse = True
    workspace_kind = "sparse"

    def _plan(self, weights, layer, density, tile=None, weights_domain="spatial", r=None,
              kernel_size=None, **options):
        wc.reject_unknown_options(options)
        u, dec = wc.winograd_weights_for(weights, layer, tile, weights_domain, r, kernel_size)
        if density is not None:
            u = wc.prune_global(u, density)
        return SparseWinogradPlan(layer, u, dec)

    def work(self, layer: ConvLayer, density: float = 1.0, tile=None, r=None,
             **options) -> WorkEstimate:
        """Phases pad_input (at stride 2 the polyphase split), pad_rows, input_transform,
        products (per stored weight and tile block, under the measured ``wsparse<tb>``),
        calls (per CSR row and input-channel window the micro-kernels visit, and block,
        under ``wrows<tb>``), weights (the CSR streamed from where it lives),
        output_transform, with ``nnz = round(density * K * P * C/g * alpha^2)`` (at most
        the weights the pieces can hold: a padded piece's empty positions stay zero);
        products = ``2 * nnz * lanes`` flops, the pieces' sum included."""
        from ..validation import check_density

        self.check_layer(layer)
        dec = wc.resolve(layer, tile, r)
        cgv = dec.n_pieces * layer.C_per_group
        nnz = kept_count(layer.K * cgv * dec.alpha ** 2, check_density(density))
        most = layer.K * layer.C_per_group * int(dec.structural_nonzeros().sum())
        return self._work_nnz(layer, dec, min(nnz, most))

    def _work_nnz(self, layer: ConvLayer, dec, nnz: int, windows=None) -> WorkEstimate:
        """Work with ``nnz`` stored weights.  ``windows``: ``(calls per tile block, input-
        channel windows)`` of a plan (:func:`._winograd_common.window_calls`); default:
        :func:`._winograd_common.window_count` windows over the weights magnitude pruning
        keeps at random at each position (:func:`._winograd_common.position_densities`)."""
        pads, inp, outp, (th, tw, n_tiles, tb, n_blocks), v_block, m_block = \
            wc.transform_phases(layer, dec, layer.N, "sparse", wc.csr_bytes(nnz))
        a2 = dec.alpha ** 2
        cgv = dec.n_pieces * layer.C_per_group
        total = layer.K * cgv * a2
        rows = layer.groups * a2 * layer.K_per_group
        density = nnz / total if total else 0.0
        if windows is None:
            n = wc.window_count(cgv, tb, density)
            kept = wc.position_densities(dec, round(density, 9))
            windows = (wc.expected_calls(rows, cgv, n, kept), n)
        calls_per_block, n_windows = windows
        product_items = wc.work_items(layer, n_blocks)[1]
        v_window = 4.0 * -(-cgv // n_windows) * tb
        lanes = n_blocks * tb  # partial blocks compute all tb lanes (zeros past the last tile)
        # the micro-kernel's time per stored weight and per row visit are both measured
        # (the profiler's short- and long-row runs over an L1 window of V): on Zen 4 a
        # visit costs what 5 weights at 16 lanes do, so neither flops nor bytes alone
        # predict the products.  The window of V they re-read is in the measured rates:
        # the products state no bytes, the calls the tb lanes of M each visit stores
        prod = Phase("products", flops=2.0 * nnz * lanes, bytes=0.0,
                     working_set_bytes=v_window, compute=winograd_products_ceiling(tb, sparse=True),
                     items=product_items)
        calls = Phase("calls", flops=2.0 * tb * n_blocks * calls_per_block,
                      bytes=4.0 * tb * n_blocks * calls_per_block,
                      working_set_bytes=v_window, compute=winograd_rows_ceiling(tb),
                      items=product_items)
        # the CSR streamed from the level holding all of it: every block reads all of it
        # (on the split path each K slice its own rows).  Stored window-major, a window's
        # pass reads one contiguous run per position, so the windows add no pass of their own (with
        # the row-major CSR each window's pass strided over every row: VGG-16 conv4_2,
        # 4 windows, ran 1.5x slower at densities 0.3 and 0.5)
        weights = Phase("weights", flops=0.0, bytes=wc.csr_bytes(nnz) * n_blocks,
                        working_set_bytes=wc.csr_bytes(nnz), compute="stream", shared=True)
        return WorkEstimate(kernel=self.name, layer=layer, density=density,
                            phases=(*pads, inp, prod, calls, weights, outp),
                            tile=dec.m)
