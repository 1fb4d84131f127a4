"""dense_winograd: Winograd convolution with dense Winograd-domain weights, any layer the
decomposition covers (:mod:`.winograd_decomposition`: 3x3 stride 1 as one F(m x m, 3 x 3),
stride 2 and larger kernels as pieces).

Weights are transformed once at plan time (``U_p = G g_p G^T`` per piece, alpha^2
matrices of K/g x P*C/g per group); each execution runs the fused block loop of
:mod:`._winograd_common`, whose products are alpha^2 dense (K/g x P*C/g)(P*C/g x TB)
matrix products register-blocked four output rows at a time.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..layer import ConvLayer
from ..work import Phase, WorkEstimate, winograd_products_ceiling
from . import _winograd_common as wc
from .base import ConvPlan
from .scratch import Scratch


class DenseWinogradPlan(ConvPlan):
    """Prepared dense Winograd weights ``U[g, p, k, c]`` for one layer, packed in panels of
    rows (:func:`._winograd_common.pack_panels`): c runs over the decomposition's P pieces
    (in :meth:`~.winograd_decomposition.Decomposition.product_order`) times C/g input
    channels, piece-major; ``col_ranges[p]`` the range of c that can be nonzero at
    position p."""

    def __init__(self, layer: ConvLayer, u: np.ndarray, dec):
        self.kernel = "dense_winograd"
        self.layer = layer
        self.decomposition = dec
        self.tile = dec.m
        self.r = dec.r
        g, kg, cg, a = layer.groups, layer.K_per_group, layer.C_per_group, dec.alpha
        cgv = dec.n_pieces * cg
        self.density = float(np.count_nonzero(u)) / u.size
        # each position sums only the pieces that hold a nonzero there (a 3x3 stride-2
        # layer: 81 of 100 piece-positions), the pieces reordered so those are one range
        pieces = u.reshape(layer.K, dec.n_pieces, cg, a, a)
        self.col_ranges = dec.product_columns(np.any(pieces != 0, axis=(0, 2))) * cg
        u = pieces[:, list(dec.product_order())]
        # (K, P*Cg, a, a) -> (G, a*a, Kg, P*Cg): one K/g x P*C/g matrix per group and
        # position, packed in panels of rows for the micro-kernels
        self.U = wc.pack_panels(u.reshape(g, kg, cgv, a * a).transpose(0, 3, 1, 2))
        self.scratch = Scratch()   # padded input (and the split path's V), kept between calls

    def _execute(self, x: np.ndarray) -> np.ndarray:
        return wc.execute(x, self.layer, self.decomposition, self.scratch, U=self.U,
                          col_ranges=self.col_ranges,
                          memo=self.__dict__.setdefault("_sizes", {}))

    def work(self, batch: Optional[int] = None) -> WorkEstimate:
        layer = self.layer if batch is None else self.layer.replace(N=int(batch))
        return DenseWinograd().work(layer, tile=self.tile, r=self.r)


class DenseWinograd(wc.WinogradKernel):
    """Dense Winograd convolution of any layer the decomposition covers (strides 1 and 2,
    kernels other than 1x1; :mod:`.winograd_decomposition`).

    Options: ``tile`` (m in 2, 4, 6) and ``r`` (the pieces' filter size, 3 or 2), default
    per :func:`.winograd_decomposition.default_spec`; ``weights_domain`` ("spatial",
    default, or "winograd": weights already transformed, ``(K, P * C/g, alpha, alpha)``,
    never guessed from their shape) and, for Winograd-domain weights of a layer other
    than 3x3, ``kernel_size``.

    NaN or Inf in a tile's input window can turn all of that tile's outputs into NaN
    (the transforms mix the tile's inputs); the direct kernels confine them like PyTorch."""

    name = "dense_winograd"
    sparse = False

    def _plan(self, weights, layer, density, tile=None, weights_domain="spatial", r=None,
              kernel_size=None, **options):
        wc.reject_unknown_options(options)
        u, dec = wc.winograd_weights_for(weights, layer, tile, weights_domain, r, kernel_size)
        return DenseWinogradPlan(layer, u, dec)

    def work(self, layer: ConvLayer, density: float = 1.0, tile=None, r=None,
             **options) -> WorkEstimate:
        """Phases pad_input (at stride 2 the polyphase split), pad_rows, input_transform,
        products, output_transform.

        products: ``2 * K * C/g * S`` flops per tile lane, S the piece-positions the sums
        run over (:meth:`~.winograd_decomposition.Decomposition.product_columns`: the
        structurally nonzero ones, ``alpha^2`` for one piece, 81 of 4 x 25 for a 3x3
        stride-2 layer; the sum over the pieces is the products' own accumulation, no
        pass of its own), over ``n_blocks * tb`` lanes (partial blocks compute every
        lane), under the products' ceiling at tb lanes (``wgemm<tb>``: narrow blocks run
        slower).  Bytes: per (block, position) every micro-kernel call
        (:func:`._winograd_common.dense_row_blocks`: 8 or 4 rows) reads the position's
        columns of V (``S / alpha^2 * P * C/g * tb`` floats on average) and M's ``K/g *
        tb`` lanes are stored once; the working set is the widest position's columns.
        Every block streams those columns of U (``S * K * C/g`` floats; on the split
        path each K slice its own rows) through the products: U's level (37 MB for VGG-16
        conv4/5: past the L3) selects the ceiling's value (:attr:`Phase.consumed_bytes`),
        no phase of its own.
        """
        self.check_layer(layer)
        dec = wc.resolve(layer, tile, r)
        pads, inp, outp, (th, tw, n_tiles, tb, n_blocks), v_block, m_block = \
            wc.transform_phases(layer, dec, layer.N)
        a2 = dec.alpha ** 2
        g, kg, cg = layer.groups, layer.K_per_group, layer.C_per_group
        widths = np.diff(dec.product_columns(), axis=1) * cg   # columns summed per position
        summed = float(widths.sum())                            # S * C/g
        row_blocks = wc.dense_row_blocks(kg, tb)
        prod = Phase(
            "products",
            flops=2.0 * layer.K * summed * n_blocks * tb,
            bytes=4.0 * n_blocks * g * (row_blocks * summed * tb + a2 * kg * tb),
            working_set_bytes=4.0 * float(widths.max()) * tb,
            compute=winograd_products_ceiling(tb), items=wc.work_items(layer, n_blocks)[1],
            consumed_bytes=wc.dense_weight_bytes(layer, dec))
        return WorkEstimate(kernel=self.name, layer=layer, density=1.0,
                            phases=(*pads, inp, prod, outp), tile=dec.m)
