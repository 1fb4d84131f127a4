"""winomodel.pooling.max_pool2d against an independent float64 loop and PyTorch, and the
converted modules' MaxPool2d swap."""

import itertools
import math

import numpy as np
import pytest

from conftest import HAVE_TORCH
from winomodel.errors import ShapeError
from winomodel.pooling import max_pool2d, pooled_size


def reference_max_pool(x, k, s, p, ceil_mode):
    """Plain loops: every output the max over its window's positions inside the input."""
    n, c, h, w = x.shape
    oh, ow = (_size(v, k, s, p, ceil_mode) for v in (h, w))
    out = np.full((n, c, oh, ow), -np.inf)
    for oy, ox in itertools.product(range(oh), range(ow)):
        ys = [oy * s - p + i for i in range(k) if 0 <= oy * s - p + i < h]
        xs = [ox * s - p + j for j in range(k) if 0 <= ox * s - p + j < w]
        win = x[:, :, ys][:, :, :, xs].reshape(n, c, -1)
        out[:, :, oy, ox] = np.where(np.isnan(win).any(-1), np.nan, win.max(-1))
    return out


def _size(v, k, s, p, ceil_mode):
    # written from PyTorch's documented formula, independently of pooled_size
    out = math.floor((v + 2 * p - k) / s + (1 - 1e-9 if ceil_mode else 0)) + 1
    if ceil_mode and (out - 1) * s >= v + p:
        out -= 1
    return out


CASES = [  # (N, C, H, W), kernel, stride, padding, ceil_mode
    ((1, 3, 8, 8), 2, 2, 0, False),
    ((2, 5, 9, 7), 2, 2, 0, False),      # odd sizes drop the last row/column
    ((2, 5, 9, 7), 2, 2, 0, True),       # ... or keep a partial window
    ((1, 4, 11, 13), 3, 2, 1, False),    # ResNet's stem pool
    ((1, 4, 11, 13), 3, 2, 1, True),
    ((2, 3, 10, 10), 3, 1, 1, False),    # stride 1 (Inception's pools)
    ((1, 2, 7, 12), 3, 3, 0, True),
    ((1, 2, 6, 6), 5, 2, 2, True),
]


@pytest.mark.parametrize("shape,k,s,p,ceil_mode", CASES)
def test_matches_the_reference(shape, k, s, p, ceil_mode, rng):
    x = rng.standard_normal(shape).astype(np.float32)
    got = max_pool2d(x, k, s, p, ceil_mode)
    assert got.shape[2:] == (_size(shape[2], k, s, p, ceil_mode), _size(shape[3], k, s, p, ceil_mode))
    assert got.shape[2] == pooled_size(shape[2], k, s, p, ceil_mode)
    np.testing.assert_array_equal(got, reference_max_pool(x.astype(np.float64), k, s, p, ceil_mode))


@pytest.mark.skipif(not HAVE_TORCH, reason="torch not installed")
@pytest.mark.parametrize("shape,k,s,p,ceil_mode", CASES)
def test_matches_torch(shape, k, s, p, ceil_mode, rng):
    import torch

    x = rng.standard_normal(shape).astype(np.float32)
    want = torch.nn.functional.max_pool2d(torch.from_numpy(x), k, s, p, ceil_mode=ceil_mode)
    np.testing.assert_array_equal(max_pool2d(x, k, s, p, ceil_mode), want.numpy())


def test_nan_and_inf_propagate(rng):
    x = rng.standard_normal((1, 2, 6, 6)).astype(np.float32)
    x[0, 0, 1, 1] = np.nan          # window (0, 0) of channel 0
    x[0, 1, 4, 5] = np.inf          # window (2, 2) of channel 1
    x[0, 1, 0, 0] = -np.inf
    y = max_pool2d(x, 2)
    assert np.isnan(y[0, 0, 0, 0]) and np.isnan(y[0, 0]).sum() == 1
    assert y[0, 1, 2, 2] == np.inf and np.isfinite(y[0, 1, 0, 0])


def test_rectangular_and_strided_views(rng):
    x = rng.standard_normal((2, 3, 10, 9)).astype(np.float32)
    view = x[:, :, ::1, ::-1]                       # not C-contiguous
    got = max_pool2d(view, (2, 3), (2, 1), (1, 1))
    want = reference_max_pool_rect(np.ascontiguousarray(view), (2, 3), (2, 1), (1, 1))
    np.testing.assert_array_equal(got, want)


def reference_max_pool_rect(x, k, s, p):
    n, c, h, w = x.shape
    padded = np.full((n, c, h + 2 * p[0], w + 2 * p[1]), -np.inf, dtype=np.float32)
    padded[:, :, p[0]:p[0] + h, p[1]:p[1] + w] = x
    oh = (h + 2 * p[0] - k[0]) // s[0] + 1
    ow = (w + 2 * p[1] - k[1]) // s[1] + 1
    out = np.empty((n, c, oh, ow), dtype=np.float32)
    for oy in range(oh):
        for ox in range(ow):
            out[:, :, oy, ox] = padded[:, :, oy * s[0]:oy * s[0] + k[0],
                                       ox * s[1]:ox * s[1] + k[1]].max(axis=(2, 3))
    return out


def test_bad_input_is_refused():
    x = np.zeros((1, 1, 4, 4), np.float32)
    with pytest.raises(ShapeError, match="float32"):
        max_pool2d(x.astype(np.float64), 2)
    with pytest.raises(ShapeError, match="at most half"):
        max_pool2d(x, 2, padding=2)
    with pytest.raises(ShapeError, match="smaller than the kernel"):
        max_pool2d(x, 5)
    with pytest.raises(ShapeError, match="positive"):
        max_pool2d(x, 2, stride=0)


@pytest.mark.skipif(not HAVE_TORCH, reason="torch not installed")
def test_convert_swaps_max_pools(rng):
    import torch
    from torch import nn

    import winomodel.torch as wt

    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(8, 8, 3, padding=1), nn.MaxPool2d(3, 2, 1, ceil_mode=True),
                        nn.MaxPool2d(2, dilation=2),               # stays PyTorch's
                        nn.MaxPool2d(2, return_indices=False)).eval()
    x = torch.randn(2, 3, 23, 21)
    fast = wt.convert(net, example_input=x)
    kinds = [type(m).__name__ for m in fast]
    assert kinds == ["WinomodelConv2d", "ReLU", "WinomodelMaxPool2d", "WinomodelConv2d",
                     "WinomodelMaxPool2d", "MaxPool2d", "WinomodelMaxPool2d"]
    with torch.no_grad():
        want, got = net(x), fast(x)
    torch.testing.assert_close(got, want, rtol=1e-5, atol=1e-5)
    kept = wt.convert(net, pools=False)
    assert sum(isinstance(m, wt.WinomodelMaxPool2d) for m in kept.modules()) == 0
    # float64 input and autograd go to PyTorch's pooling
    pool = fast[2]
    torch.testing.assert_close(pool(x.double()), nn.functional.max_pool2d(x.double(), 2))
    xg = x.clone().requires_grad_()
    assert pool(xg).requires_grad
