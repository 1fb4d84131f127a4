"""dense_direct and sparse_direct against the float64 oracle (tests/naive.py) and torch.

Tolerance: max |out - ref| <= 1e-6 * sqrt(C/g * R * S) * max|ref| (+ a tiny absolute
floor), i.e. fp32 rounding growing like the square root of the terms summed.
"""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import winomodel
from winomodel.errors import ShapeError, WinomodelError
from winomodel.pruning import prune_magnitude

from conftest import HAVE_TORCH
from naive import conv2d_reference

DIRECT = ["dense_direct", "sparse_direct"]

# (N, C, K, H, W, R, S, stride, pad, groups)
SHAPES = [
    (1, 3, 4, 7, 7, 3, 3, 1, 1, 1),
    (2, 5, 7, 9, 11, 3, 3, 1, 0, 1),          # odd, rectangular, batch > 1
    (1, 17, 19, 10, 13, 3, 3, 2, 1, 1),       # K, C not multiples of 16, stride 2
    (2, 6, 9, 12, 9, 3, 3, (2, 1), (1, 2), 3),  # stride (2,1), pad pair, groups 3
    (1, 8, 6, 11, 10, 5, 5, 1, 2, 2),         # 5x5 pad 2, groups 2
    (1, 4, 5, 9, 14, 1, 7, 1, (0, 3), 1),     # 1x7
    (3, 8, 12, 6, 5, 1, 1, 1, 0, 4),          # 1x1, groups 4
    (1, 8, 8, 7, 7, 1, 1, 2, 0, 1),           # 1x1 stride 2
    (1, 3, 8, 35, 35, 11, 11, 4, 2, 1),       # 11x11 stride 4 (AlexNet conv1 shape, small)
    (2, 4, 4, 5, 6, 3, 3, 3, 2, 1),           # stride 3, pad 2
    (1, 2, 3, 1, 1, 1, 1, 1, 0, 1),           # 1x1 image
    (1, 2, 3, 3, 40, 3, 3, 1, 1, 1),          # output run longer than one block row
    (1, 6, 70, 4, 5, 3, 3, 1, 1, 2),          # 35 channels per group: a partial channel block
    (1, 3, 5, 30, 25, 3, 3, 1, 1, 1),         # uncropped run longer than SPARSE_BLOCK (several pixel blocks)
]


def _rel_tol(cg, r, s):
    return 1e-6 * np.sqrt(cg * r * s)


def _check(out, ref, cg, r, s):
    assert out.dtype == np.float32 and out.shape == ref.shape
    scale = max(float(np.abs(ref).max()), 1e-30)
    err = float(np.abs(out.astype(np.float64) - ref).max())
    assert err <= _rel_tol(cg, r, s) * scale + 1e-30, f"error {err / scale:.2e} of max|ref|"


def _data(rng, N, C, K, H, W, R, S, groups):
    x = rng.standard_normal((N, C, H, W)).astype(np.float32)
    w = rng.standard_normal((K, C // groups, R, S)).astype(np.float32)
    return x, w


@pytest.mark.parametrize("kernel", DIRECT)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_matches_float64_oracle(kernel, shape, rng):
    N, C, K, H, W, R, S, stride, pad, g = shape
    x, w = _data(rng, N, C, K, H, W, R, S, g)
    out = winomodel.conv2d(x, w, stride=stride, padding=pad, groups=g, kernel=kernel)
    _check(out, conv2d_reference(x, w, stride, pad, g), C // g, R, S)


@pytest.mark.skipif(not HAVE_TORCH, reason="torch not installed")
@pytest.mark.parametrize("kernel", DIRECT)
@pytest.mark.parametrize("shape", SHAPES[:9], ids=str)
def test_matches_torch(kernel, shape, rng):
    import torch

    N, C, K, H, W, R, S, stride, pad, g = shape
    x, w = _data(rng, N, C, K, H, W, R, S, g)
    out = winomodel.conv2d(x, w, stride=stride, padding=pad, groups=g, kernel=kernel)
    ref = torch.nn.functional.conv2d(torch.from_numpy(x).double(), torch.from_numpy(w).double(),
                                     stride=stride, padding=pad, groups=g).numpy()
    _check(out, ref, C // g, R, S)


@pytest.mark.parametrize("density", [1.0, 0.3, 0.05, 0.0])
@pytest.mark.parametrize("shape", [SHAPES[1], SHAPES[3], SHAPES[4], SHAPES[8]], ids=str)
def test_sparse_prunes_and_matches_oracle_on_pruned_weights(density, shape, rng):
    N, C, K, H, W, R, S, stride, pad, g = shape
    x, w = _data(rng, N, C, K, H, W, R, S, g)
    p = winomodel.plan(w, x.shape, stride=stride, padding=pad, groups=g,
                       kernel="sparse_direct", density=density)
    wp = prune_magnitude(w, density)
    assert p.nnz == np.count_nonzero(wp) == round(density * w.size)
    assert p.density == p.nnz / w.size
    out = p(x)
    ref = conv2d_reference(x, wp, stride, pad, g)
    if density == 0.0:
        assert out.shape == ref.shape and not out.any()
    else:
        _check(out, ref, C // g, R, S)


def test_sparse_uses_given_zeros_without_density(rng):
    x, w = _data(rng, 1, 6, 5, 8, 8, 3, 3, 1)
    w[w < 0.5] = 0.0
    p = winomodel.plan(w, x.shape, padding=1, kernel="sparse_direct")
    assert p.nnz == np.count_nonzero(w)
    _check(p(x), conv2d_reference(x, w, 1, 1), 6, 3, 3)


@pytest.mark.parametrize("kernel", DIRECT)
def test_all_zero_weights_give_zero_output(kernel, rng):
    x = rng.standard_normal((2, 3, 5, 5)).astype(np.float32)
    out = winomodel.conv2d(x, np.zeros((4, 3, 3, 3), np.float32), padding=1, kernel=kernel)
    assert out.shape == (2, 4, 5, 5) and not out.any()


@pytest.mark.parametrize("kernel", DIRECT)
def test_plan_reuse_on_other_batch_sizes(kernel, rng):
    x, w = _data(rng, 2, 6, 10, 9, 7, 3, 3, 2)
    p = winomodel.plan(w, x.shape, stride=(2, 1), padding=1, groups=2, kernel=kernel)
    for n in (1, 4, 2):
        xn = rng.standard_normal((n, 6, 9, 7)).astype(np.float32)
        _check(p(xn), conv2d_reference(xn, w, (2, 1), 1, 2), 3, 3, 3)


@pytest.mark.parametrize("kernel", DIRECT)
def test_input_errors(kernel, rng):
    x, w = _data(rng, 1, 4, 4, 6, 6, 3, 3, 1)
    p = winomodel.plan(w, x.shape, padding=1, kernel=kernel)
    with pytest.raises(ShapeError, match="does not match"):
        p(np.zeros((1, 4, 7, 6), np.float32))
    with pytest.raises(ShapeError, match="4-D"):
        p(np.zeros((4, 6, 6), np.float32))
    with pytest.raises(WinomodelError, match="floating-point"):
        p(np.zeros((1, 4, 6, 6), np.int32))
    with pytest.raises(WinomodelError, match="options"):
        winomodel.plan(w, x.shape, kernel=kernel, tile=4)


def test_dense_refuses_pruning(rng):
    _, w = _data(rng, 1, 4, 4, 6, 6, 3, 3, 1)
    with pytest.raises(WinomodelError, match="dense kernel"):
        winomodel.plan(w, (1, 4, 6, 6), kernel="dense_direct", density=0.5)


def test_float64_input_is_accepted(rng):
    x, w = _data(rng, 1, 3, 2, 5, 5, 3, 3, 1)
    out = winomodel.conv2d(x.astype(np.float64), w, kernel="sparse_direct")
    _check(out, conv2d_reference(x, w), 3, 3, 3)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 2), cg=st.integers(1, 5), kg=st.integers(1, 5), g=st.integers(1, 3),
    h=st.integers(1, 12), w=st.integers(1, 12), r=st.integers(1, 5), s=st.integers(1, 5),
    sv=st.integers(1, 3), sh=st.integers(1, 3), pv=st.integers(0, 2), ph=st.integers(0, 2),
    density=st.sampled_from([None, 1.0, 0.5, 0.1, 0.0]), seed=st.integers(0, 2**31),
)
def test_random_layers_match_oracle(n, cg, kg, g, h, w, r, s, sv, sh, pv, ph, density, seed):
    if h + 2 * pv < r or w + 2 * ph < s:
        return  # no output pixel: the layer itself is refused (tested in test_core)
    rng = np.random.default_rng(seed)
    x, wt = _data(rng, n, cg * g, kg * g, h, w, r, s, g)
    ref_w = wt if density is None else prune_magnitude(wt, density)
    ref = conv2d_reference(x, ref_w, (sv, sh), (pv, ph), g)
    for kernel in DIRECT:
        d = density if kernel == "sparse_direct" else None
        if kernel == "dense_direct" and density is not None:
            ref_k, wk = conv2d_reference(x, ref_w, (sv, sh), (pv, ph), g), ref_w
        else:
            ref_k, wk = ref, wt
        out = winomodel.conv2d(x, wk, stride=(sv, sh), padding=(pv, ph), groups=g,
                               kernel=kernel, density=d)
        _check(out, ref_k, cg, r, s)


@pytest.mark.parametrize("kernel", DIRECT)
@pytest.mark.parametrize("serial_limit", [0, 1 << 40], ids=["parallel_pad", "serial_pad"])
def test_both_padding_paths(kernel, serial_limit, rng, monkeypatch):
    from winomodel.kernels import _direct_common

    monkeypatch.setattr(_direct_common, "SERIAL_PAD_ELEMENTS", serial_limit)
    x, w = _data(rng, 2, 6, 5, 9, 8, 3, 3, 1)
    out = winomodel.conv2d(x, w, stride=(2, 3), padding=(1, 2), kernel=kernel)
    _check(out, conv2d_reference(x, w, (2, 3), (1, 2)), 6, 3, 3)
