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
from ..work import Phase, WorkEstimate
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
        tb = wc.geometry(layer, dec, layer.N, "sparse")[3]
        self.n_windows = wc.window_count(cgv, tb, self.density)
        self.bounds, self.indices, self.values = wc.window_major(
            indptr, indices, values, cgv, self.n_windows, layer.K_per_group)
        self._windows = (wc.window_calls(self.bounds), self.n_windows,
                         wc.window_jumps(self.bounds, self.indices))
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
        products (axpy), nonzeros (per stored weight and tile block, in L1), jumps (per
        stored weight whose column does not follow the previous one's), weights (the CSR
        streamed from where it lives), calls (per CSR row and input-channel window the
        micro-kernels visit, and block), output_transform, with
        ``nnz = round(density * K * P * C/g * alpha^2)`` (at most the weights the pieces
        can hold: a padded piece's empty positions stay zero); products = ``2 * nnz *
        lanes`` flops, the pieces' sum included."""
        from ..validation import check_density

        self.check_layer(layer)
        dec = wc.resolve(layer, tile, r)
        cgv = dec.n_pieces * layer.C_per_group
        nnz = kept_count(layer.K * cgv * dec.alpha ** 2, check_density(density))
        most = layer.K * layer.C_per_group * int(dec.structural_nonzeros().sum())
        return self._work_nnz(layer, dec, min(nnz, most))

    def _work_nnz(self, layer: ConvLayer, dec, nnz: int, windows=None) -> WorkEstimate:
        """Work with ``nnz`` stored weights.  ``windows``: ``(calls per tile block, input-
        channel windows, jumps)`` of a plan (:func:`._winograd_common.window_calls`,
        :func:`._winograd_common.window_jumps`); default: :func:`._winograd_common.window_count`
        windows over the weights magnitude pruning keeps at random at each position
        (:func:`._winograd_common.position_densities`)."""
        pads, inp, outp, (th, tw, n_tiles, tb, n_blocks), v_block, m_block = \
            wc.transform_phases(layer, dec, layer.N, "sparse")
        a2 = dec.alpha ** 2
        cgv = dec.n_pieces * layer.C_per_group
        total = layer.K * cgv * a2
        rows = layer.groups * a2 * layer.K_per_group
        density = nnz / total if total else 0.0
        if windows is None:
            n = wc.window_count(cgv, tb, density)
            kept = wc.position_densities(dec, round(density, 9))
            windows = (wc.expected_calls(rows, cgv, n, kept), n, wc.expected_jumps(rows, cgv, n, kept))
        calls_per_block, n_windows, jumps = windows
        product_items = wc.work_items(layer, n_blocks)[1]
        v_window = 4.0 * -(-cgv // n_windows) * tb
        lanes = n_blocks * tb  # partial blocks compute all tb lanes (zeros past the last tile)
        prod = Phase(
            "products",
            flops=2.0 * nnz * lanes,
            # per stored weight and tile block: tb lanes of V (the micro-kernel keeps
            # the row's tb lanes of M in registers); per call, its tb lanes of M stored
            bytes=n_blocks * (nnz * 4.0 * tb + 4.0 * tb * calls_per_block),
            # the V window of a position is re-read by every output channel's row
            working_set_bytes=v_window,
            compute="axpy", items=product_items)
        # per stored weight and tile block whose column does not follow the previous one's:
        # with as many weights per row, rows of contiguous columns ran 13-17 % faster than
        # rows of random ones at density 0.3, 8-10 % at 0.6 (VGG-16 conv3_2, ResNet-50
        # layer2.1, madeup_c320): the cost that makes the time concave in density
        # (counted as the tb lanes of V that weight reads, from the V window)
        breaks = Phase("jumps", flops=0.0, bytes=4.0 * tb * jumps * n_blocks,
                       working_set_bytes=v_window, compute="stream", items=product_items)
        # every row visit of the micro-kernels: its tb lanes set up (zeroed or loaded) and stored
        calls = Phase("calls", flops=0.0, bytes=8.0 * tb * n_blocks * calls_per_block,
                      working_set_bytes=v_window, compute="stream", items=product_items)
        # per stored weight and tile block, whatever tb: its value and index loaded, the
        # value broadcast, the loop step -- what makes 16-lane blocks slower per lane
        # than 64-lane ones (counted as the 8 CSR bytes it loads, in L1)
        nonzeros = Phase("nonzeros", flops=0.0, bytes=8.0 * nnz * n_blocks,
                         working_set_bytes=v_window, compute="stream", items=product_items)
        # the CSR streamed from the level holding all of it: every block reads all of it
        # (on the split path each K slice its own rows).  Stored window-major, a window's
        # pass reads one contiguous run per position, so the windows add no pass of their own (with
        # the row-major CSR each window's pass strided over every row: VGG-16 conv4_2,
        # 4 windows, ran 1.5x slower at densities 0.3 and 0.5)
        weights = Phase("weights", flops=0.0, bytes=8.0 * nnz * n_blocks,
                        working_set_bytes=8.0 * nnz, compute="stream", shared=True)
        return WorkEstimate(kernel=self.name, layer=layer, density=density,
                            phases=(*pads, inp, prod, nonzeros, breaks, weights, calls, outp),
                            tile=dec.m)
