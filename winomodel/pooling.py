"""2-D max pooling of float32 NCHW arrays, for the layers between converted convolutions.

PyTorch's own ``max_pool2d`` on contiguous NCHW float32 input ran at about 2 GB/s here
(VGG-16's five 2x2 pools at batch 1: 16 ms, a sixth of the converted network's forward;
this pass 1.2 ms; ``python benchmarks/pool_bench.py``), so :func:`winomodel.torch.convert`
swaps ``MaxPool2d`` modules for this one pass over the input (parallel over the N x C
planes).

Semantics follow ``torch.nn.functional.max_pool2d`` with dilation 1: padding counts as
-inf, a window holding a NaN gives NaN, ``ceil_mode`` adds a last partial window when it
starts inside the input or its left padding.
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numba import prange

from ._config import JIT
from .errors import ShapeError
from .layer import _pair

JIT_NO_FASTMATH = dict(JIT, fastmath=False)  # no fastmath: a NaN must propagate
_POOL_JIT = dict(JIT_NO_FASTMATH, parallel=True)


def pooled_size(size: int, kernel: int, stride: int, padding: int, ceil_mode: bool) -> int:
    """Output length of one axis, as PyTorch computes it (dilation 1)."""
    span = size + 2 * padding - kernel
    out = (math.ceil(span / stride) if ceil_mode else span // stride) + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1  # the last window would start in the right padding
    return out


@numba.njit(**_POOL_JIT)
def _max_pool(x, out, kh, kw, sh, sw, ph, pw):
    n, c, h, w = x.shape
    oh, ow = out.shape[2], out.shape[3]
    span = (ow - 1) * sw + kw           # padded input columns the outputs of a row read
    for plane in prange(n * c):
        xi = x[plane // c, plane % c]
        yo = out[plane // c, plane % c]
        # each input row copied into a -inf-padded row first, so the window loops need no
        # bounds: plain (and, at stride 2, pairwise interleaved) loads that vectorize
        buf = np.full(span, -np.inf, dtype=np.float32)
        inside = min(w, span - pw)
        for oy in range(oh):
            acc = yo[oy]
            acc[:] = -np.inf
            for ky in range(kh):
                iy = oy * sh - ph + ky
                if iy < 0 or iy >= h:
                    continue
                buf[pw:pw + inside] = xi[iy, :inside]
                kx = 0
                if sw == 2:  # two taps per pass: an even/odd pair of each window
                    while kx + 1 < kw:
                        for ox in range(ow):
                            _fold(acc, ox, _max_nan(buf[2 * ox + kx], buf[2 * ox + kx + 1]))
                        kx += 2
                while kx < kw:
                    for ox in range(ow):
                        _fold(acc, ox, buf[ox * sw + kx])
                    kx += 1


@numba.njit(inline="always", **JIT_NO_FASTMATH)
def _max_nan(a, b):
    """max(a, b), NaN if either is; selects, not branches (a branch on random data
    mispredicts half the time: 1.8 GB/s)."""
    m = a if a > b else b
    return a if a != a else m


@numba.njit(inline="always", **JIT_NO_FASTMATH)
def _fold(acc, i, v):
    acc[i] = _max_nan(v, acc[i])


def max_pool2d(x: np.ndarray, kernel_size, stride=None, padding=0,
               ceil_mode: bool = False) -> np.ndarray:
    """Max pooling of ``x`` (N, C, H, W) float32, dilation 1.

    Parameters
    ----------
    x : ndarray
        float32, 4-D (made C-contiguous if it is not).
    kernel_size, stride, padding : int or (int, int)
        As ``torch.nn.functional.max_pool2d``; ``stride`` defaults to ``kernel_size``.
        Padding at most half the kernel.
    ceil_mode : bool

    Returns
    -------
    ndarray
        (N, C, OH, OW) float32.
    """
    kh, kw = _pair(kernel_size, "kernel_size")
    sh, sw = _pair(kernel_size if stride is None else stride, "stride")
    ph, pw = _pair(padding, "padding")
    if x.ndim != 4 or x.dtype != np.float32:
        raise ShapeError(f"max_pool2d needs a float32 (N, C, H, W) array, got {x.dtype} "
                         f"with shape {x.shape}")
    if min(kh, kw, sh, sw) < 1 or min(ph, pw) < 0 or 2 * ph > kh or 2 * pw > kw:
        raise ShapeError(f"max_pool2d: kernel {(kh, kw)}, stride {(sh, sw)} must be positive "
                         f"and padding {(ph, pw)} at most half the kernel")
    oh = pooled_size(x.shape[2], kh, sh, ph, ceil_mode)
    ow = pooled_size(x.shape[3], kw, sw, pw, ceil_mode)
    if oh < 1 or ow < 1:
        raise ShapeError(f"max_pool2d: input {x.shape[2:]} is smaller than the kernel "
                         f"{(kh, kw)} with padding {(ph, pw)}")
    out = np.empty((x.shape[0], x.shape[1], oh, ow), dtype=np.float32)
    _max_pool(np.ascontiguousarray(x), out, kh, kw, sh, sw, ph, pw)
    return out

