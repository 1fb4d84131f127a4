"""dense_winograd and sparse_winograd against the float64 oracle (tests/naive.py) and torch.

Tolerance per tile, as error relative to max |reference|: BASE * (2, 10, 20) for
F(2,3), F(4,3), F(6,3).  BASE = 1e-6 bounds the fp32 rounding error of a direct
convolution over these small channel sums (measured ~1e-7..5e-7).  Winograd error
grows with the tile because the transforms have bigger coefficients (up to 4 in
F(4,3), 5.25 and 1/2-powers in F(6,3)) that amplify rounding, about 2x, 10x and 20x
the direct error.
"""

import numba
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import naive
import winomodel
from conftest import HAVE_TORCH
from winomodel.errors import ShapeError, UnsupportedLayerError, WinomodelError
from winomodel.kernels import get_kernel
from winomodel.kernels import _winograd_common as wc
from winomodel.layer import ConvLayer
from winomodel.pruning import prune_winograd, winograd_weights

KERNELS = ["dense_winograd", "sparse_winograd"]
BASE = 1e-6
TOL = {2: 2 * BASE, 4: 10 * BASE, 6: 20 * BASE}


def check_close(y, ref, tile, operand_scale=0.0):
    """Max error relative to max|ref| (or to ``operand_scale`` where that is larger: a
    tiny output, e.g. the one pixel of a 1x1 input, is a few weights while the
    transforms round every weight of the filter) within TOL[tile]."""
    ref = np.asarray(ref)
    assert y.dtype == np.float32 and y.shape == ref.shape
    scale = max(float(np.abs(ref).max()), operand_scale, 1e-30)
    err = float(np.abs(y - ref).max()) / scale
    assert err <= TOL[tile], f"relative error {err:.2e} > {TOL[tile]:.0e} for tile {tile}"


def data(rng, n, c, k, h, w, groups=1):
    x = rng.standard_normal((n, c, h, w)).astype(np.float32)
    wt = rng.standard_normal((k, c // groups, 3, 3)).astype(np.float32)
    return x, wt


CASES = [  # N, C, K, H, W, pad, groups
    (1, 3, 5, 7, 7, 1, 1),      # odd size, partial border tiles
    (2, 6, 10, 9, 13, 0, 1),    # rectangular, batch > 1, pad 0
    (1, 17, 19, 6, 5, 2, 1),    # K, C not multiples of 16, pad 2
    (2, 6, 4, 8, 11, 1, 2),     # groups 2
    (1, 9, 6, 5, 9, 1, 3),      # groups 3
    (3, 2, 2, 3, 3, 0, 1),      # single output pixel
    (2, 40, 36, 17, 19, 1, 2),  # several tile blocks, tail block
]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("tile", [2, 4, 6])
@pytest.mark.parametrize("case", CASES)
def test_matches_direct_oracle(kernel, tile, case, rng):
    n, c, k, h, w, pad, g = case
    x, wt = data(rng, n, c, k, h, w, g)
    y = winomodel.conv2d(x, wt, padding=pad, groups=g, kernel=kernel, tile=tile)
    check_close(y, naive.conv2d_reference(x, wt, padding=pad, groups=g), tile)


@pytest.mark.skipif(not HAVE_TORCH, reason="torch not installed")
@pytest.mark.parametrize("kernel", KERNELS)
def test_matches_torch(kernel, rng):
    import torch

    x, wt = data(rng, 2, 8, 12, 15, 10, 2)
    want = torch.nn.functional.conv2d(torch.from_numpy(x), torch.from_numpy(wt), padding=1,
                                      groups=2).numpy()
    y = winomodel.conv2d(x, wt, padding=1, groups=2, kernel=kernel)
    check_close(y, want, 4)


@pytest.mark.parametrize("density", [1.0, 0.3, 0.05, 0.0])
@pytest.mark.parametrize("tile", [2, 4, 6])
def test_sparse_density_vs_winograd_oracle(density, tile, rng):
    x, wt = data(rng, 2, 7, 9, 11, 8)
    p = winomodel.plan(wt, x.shape, padding=1, kernel="sparse_winograd", density=density, tile=tile)
    u = prune_winograd(wt, density, tile)
    assert p.nnz == np.count_nonzero(u)
    assert p.density == pytest.approx(np.count_nonzero(u) / u.size)
    ref = naive.winograd_domain_reference(x, u.astype(np.float64), tile, padding=1)
    y = p(x)
    if density == 0.0:
        assert not y.any()
    else:
        check_close(y, ref, tile)


@pytest.mark.parametrize("kernel", KERNELS)
def test_all_zero_weights(kernel):
    x = np.ones((1, 4, 6, 6), np.float32)
    y = winomodel.conv2d(x, np.zeros((3, 4, 3, 3), np.float32), padding=1, kernel=kernel)
    assert y.shape == (1, 3, 6, 6) and not y.any()


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("tile", [2, 4, 6])
@pytest.mark.parametrize("given_tile", [False, True])
def test_winograd_domain_weights(kernel, tile, given_tile, rng):
    x = rng.standard_normal((2, 3, 9, 7)).astype(np.float32)
    u = rng.standard_normal((5, 3, tile + 2, tile + 2)).astype(np.float32)
    p = winomodel.plan(u, x.shape, padding=1, kernel=kernel, weights_domain="winograd",
                       **({"tile": tile} if given_tile else {}))
    assert p.tile == tile and (p.layer.R, p.layer.S) == (3, 3)
    check_close(p(x), naive.winograd_domain_reference(x, u.astype(np.float64), tile, 1), tile)


def test_winograd_domain_weights_grouped(rng):
    # groups=2: K=4 (2 per group), C=6 (3 per group)
    x = rng.standard_normal((1, 6, 8, 8)).astype(np.float32)
    u = rng.standard_normal((4, 3, 6, 6)).astype(np.float32)
    y = winomodel.conv2d(x, u, padding=1, groups=2, kernel="dense_winograd", weights_domain="winograd")
    for g in range(2):
        ref = naive.winograd_domain_reference(x[:, 3 * g:3 * g + 3], u[2 * g:2 * g + 2].astype(np.float64), 4, 1)
        check_close(y[:, 2 * g:2 * g + 2], ref, 4)


def test_weights_domain_options(rng):
    x = rng.standard_normal((1, 4, 8, 8)).astype(np.float32)
    w = rng.standard_normal((2, 4, 3, 3)).astype(np.float32)
    # spatial 3x3 forced spatial == default
    a = winomodel.conv2d(x, w, padding=1, kernel="dense_winograd", weights_domain="spatial", tile=2)
    b = winomodel.conv2d(x, w, padding=1, kernel="dense_winograd", tile=2)
    np.testing.assert_array_equal(a, b)
    # pre-transformed weights give the same result as spatial weights
    c = winomodel.conv2d(x, winograd_weights(w, 2), padding=1, kernel="dense_winograd",
                         weights_domain="winograd")
    check_close(c, b.astype(np.float64), 2)
    with pytest.raises(ShapeError, match="tile"):
        winomodel.plan(np.zeros((2, 4, 6, 6), np.float32), x.shape, kernel="dense_winograd", tile=2,
                       weights_domain="winograd")
    # never guessed from the shape: 4x4 weights are a 4x4 filter (run as four 3x3 pieces)
    u4 = winograd_weights(w, 2)
    p = winomodel.plan(u4, x.shape, kernel="dense_winograd")
    assert (p.layer.R, p.layer.S) == (4, 4) and p.decomposition.n_pieces == 4
    check_close(p(x), naive.conv2d_reference(x, u4), 4)
    with pytest.raises(ShapeError, match="alpha"):
        winomodel.plan(w[:, :, :2, :2].copy(), x.shape, kernel="dense_winograd", weights_domain="winograd")
    for domain in ("fourier", "auto"):
        with pytest.raises(WinomodelError, match="weights_domain"):
            winomodel.plan(w, x.shape, kernel="dense_winograd", weights_domain=domain)
    with pytest.raises(WinomodelError, match="option"):
        winomodel.plan(w, x.shape, kernel="sparse_winograd", tiles=2)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("shape,stride,why", [((4, 2, 11, 11), 4, "stride"), ((4, 2, 3, 3), 3, "stride"),
                                              ((4, 2, 1, 1), 1, "1x1"), ((4, 2, 1, 1), 2, "1x1")])
def test_unsupported_layers(kernel, shape, stride, why):
    """Strides above 2 and 1x1 kernels go to the direct kernels, with the reason."""
    w = np.zeros(shape, np.float32)
    with pytest.raises(UnsupportedLayerError, match=f"{why}.*dense_direct or sparse_direct"):
        winomodel.plan(w, (1, 2, 24, 24), stride=stride, kernel=kernel, weights_domain="spatial")
    layer = ConvLayer(C=2, K=4, H=24, W=24, R=shape[2], S=shape[3], stride=stride)
    assert not get_kernel(kernel).supports(layer)
    assert why in get_kernel(kernel).unsupported_reason(layer)
    assert get_kernel("dense_direct").unsupported_reason(layer) == ""


def test_dense_refuses_density():
    w = np.ones((2, 2, 3, 3), np.float32)
    with pytest.raises(UnsupportedLayerError, match="density"):
        winomodel.plan(w, (1, 2, 6, 6), kernel="dense_winograd", density=0.5)
    winomodel.plan(w, (1, 2, 6, 6), kernel="dense_winograd", density=1.0)


def test_default_tile_rule():
    big = ConvLayer(C=4, K=4, H=56, W=56, pad=1)
    assert wc.default_tile(big) == 4
    assert wc.default_tile(ConvLayer(C=4, K=4, H=13, W=13, pad=1)) == 4
    assert wc.default_tile(ConvLayer(C=4, K=4, H=2, W=2, pad=1)) == 2
    assert wc.default_tile(ConvLayer(C=4, K=4, H=4, W=4, pad=0)) == 2
    p = winomodel.plan(np.ones((2, 4, 3, 3), np.float32), (1, 4, 56, 56), padding=1,
                       kernel="sparse_winograd")
    assert p.tile == 4


def test_plan_runs_other_batch_and_checks_shape(rng):
    x, wt = data(rng, 3, 4, 5, 7, 7)
    p = winomodel.plan(wt, (1, 4, 7, 7), padding=1, kernel="sparse_winograd", tile=2)
    check_close(p(x), naive.conv2d_reference(x, wt, padding=1), 2)
    with pytest.raises(ShapeError):
        p(x[:, :3])


# ---- work accounting ------------------------------------------------------------------
@pytest.mark.parametrize("tile", [2, 4, 6])
def test_sparse_work_uses_plan_nnz(tile, rng):
    x, wt = data(rng, 2, 6, 8, 9, 10, 2)
    p = winomodel.plan(wt, x.shape, padding=1, groups=2, kernel="sparse_winograd", density=0.3, tile=tile)
    tiles = 2 * -(-9 // tile) * -(-10 // tile)
    from winomodel.kernels import _winograd_common as wc

    *_, tb, n_blocks = wc.geometry(p.layer, tile, 2, "sparse")
    lanes = n_blocks * tb   # every lane of a partial block is computed
    work = p.work()
    assert work.phase("products").flops == 2 * p.nnz * lanes
    # per stored weight and per row visit, the micro-kernel's measured rates at this width
    assert work.phase("products").compute == f"wsparse{tb}"
    assert work.phase("calls").compute == f"wrows{tb}"
    # C/g = 3: one input-channel window, so one micro-kernel call per CSR row and block
    assert p.n_windows == 1 and wc.window_calls(p.bounds) == p.rows
    assert work.phase("calls").flops == 2 * tb * n_blocks * p.rows
    assert work.phase("calls").bytes == 4 * tb * n_blocks * p.rows
    from winomodel.kernels import _winograd_codegen as gen
    cost = gen.transform_cost(tile)
    # input: every lane of every block; output: 16 lanes at a time up to the last tile
    out_lanes = (n_blocks - 1) * tb + -(-(tiles - (n_blocks - 1) * tb) // 16) * 16
    assert work.phase("input_transform").flops == cost["input"][1] * 6 * lanes
    assert work.phase("output_transform").flops == cost["output"][1] * 8 * out_lanes
    *_, tb4, n_blocks4 = wc.geometry(p.layer, tile, 4, "sparse")
    assert p.work(batch=4).phase("products").flops == 2 * p.nnz * n_blocks4 * tb4
    est = get_kernel("sparse_winograd").work(p.layer, 0.3, tile=tile)
    assert est.phase("products").flops == 2 * round(0.3 * 8 * 3 * (tile + 2) ** 2) * lanes
    assert [ph.name for ph in est.phases] == ["pad_input", "pad_rows", "input_transform", "products",
                                               "calls", "weights", "output_transform"]
    # the CSR streamed once per block whatever the windows, from all of the CSR
    assert work.phase("weights").bytes == 8 * p.nnz * n_blocks
    assert work.phase("weights").working_set_bytes == 8 * p.nnz and work.phase("weights").shared


def test_dense_work():
    layer = ConvLayer(C=6, K=8, H=9, W=10, pad=1, groups=2, N=3)
    est = get_kernel("dense_winograd").work(layer, tile=4)
    from winomodel.kernels import _winograd_common as wc

    *_, tb, n_blocks = wc.geometry(layer, 4, 3)
    assert est.tile == 4 and est.density == 1.0
    assert est.phase("products").flops == 2 * 8 * 3 * 36 * n_blocks * tb
    # the products' ceiling at the block's width, valued where all of U (streamed by
    # every block) lives; U has no phase of its own
    assert est.phase("products").compute == f"wgemm{tb}"
    assert est.phase("products").consumed_bytes == 4 * 36 * 8 * 3
    assert "weights" not in [p.name for p in est.phases]
    assert all(p.bytes > 0 and p.working_set_bytes > 0 for p in est.phases)


@pytest.mark.parametrize("strided, wide, kg, tb, calls", [
    # whole-block ISAs: 8-row micro-kernels only at 16 lanes, then 4-row, then single rows
    (0, 0, 64, 16, 8), (0, 0, 68, 16, 9), (0, 0, 70, 16, 11), (0, 0, 64, 32, 16),
    (0, 0, 6, 64, 3), (0, 0, 3, 16, 3),
    # AVX2: 3-row calls and one for the last 1-2 rows on blocks of 32 and 64 lanes, 4-row
    # calls and single rows on 16-lane blocks
    (16, 32, 64, 32, 22), (16, 32, 66, 64, 22), (16, 32, 2, 64, 1), (16, 32, 64, 16, 16),
    (16, 32, 70, 16, 19),
    # 4-lane ISAs: 4-row calls and single rows at every width
    (8, 0, 70, 64, 19)])
def test_dense_row_blocks(monkeypatch, strided, wide, kg, tb, calls):
    from winomodel.kernels import _winograd_common as wc

    monkeypatch.setattr(wc, "STRIDED_LANES", strided)
    monkeypatch.setattr(wc, "WIDE_LANES", wide)
    assert wc.dense_row_blocks(kg, tb) == calls


# ---- property test ----------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 2), cg=st.integers(1, 5), kg=st.integers(1, 5), groups=st.integers(1, 3),
       h=st.integers(1, 12), w=st.integers(1, 12), pad=st.integers(0, 2),
       tile=st.sampled_from([2, 4, 6]), kernel=st.sampled_from(KERNELS),
       seed=st.integers(0, 2**16))
def test_property_matches_oracle(n, cg, kg, groups, h, w, pad, tile, kernel, seed):
    if h + 2 * pad < 3 or w + 2 * pad < 3:
        return
    rng = np.random.default_rng(seed)
    x, wt = data(rng, n, cg * groups, kg * groups, h, w, groups)
    y = winomodel.conv2d(x, wt, padding=pad, groups=groups, kernel=kernel, tile=tile)
    # shapes down to 1x1 inputs: judge against the operands' scale too (max|x| times the
    # largest filter norm); hypothesis found an error of 2.6e-6 of a 1x1 output at tile 2,
    # 1.7e-8 of that scale
    operands = float(np.abs(x).max()) * float(np.linalg.norm(wt.reshape(wt.shape[0], -1), axis=1).max())
    check_close(y, naive.conv2d_reference(x, wt, padding=pad, groups=groups), tile, operands)


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("tile", [2, 4, 6])
def test_fused_and_split_paths(kernel, tile, split, rng, monkeypatch):
    """Both execution paths (fused per block; transform-all then split over K) agree with
    the oracle, with full and partial blocks, groups and K not a multiple of 4."""
    monkeypatch.setattr(wc, "use_split", lambda n_blocks, groups: split)
    x, wt = data(rng, 3, 10, 18, 21, 23, 2)
    y = winomodel.conv2d(x, wt, padding=1, groups=2, kernel=kernel, tile=tile,
                         **({"density": 0.4} if kernel == "sparse_winograd" else {}))
    if kernel == "sparse_winograd":
        u = prune_winograd(wt, 0.4, tile)
        ref = np.concatenate([naive.winograd_domain_reference(x[:, 5 * g:5 * g + 5],
                                                              u[9 * g:9 * g + 9].astype(np.float64),
                                                              tile, 1) for g in range(2)], axis=1)
    else:
        ref = naive.conv2d_reference(x, wt, padding=1, groups=2)
    check_close(y, ref, tile)


# ---- input-channel windows of the sparse products ----------------------------------------
def test_window_budget_is_two_thirds_of_this_machines_l1(monkeypatch):
    for l1, window in ((48 << 10, 32 << 10), (32 << 10, 21846), (64 << 10, 43691)):
        monkeypatch.setattr(wc, "l1_data_bytes", lambda l1=l1: l1)
        assert wc.v_window_bytes() == window
    # 32 KB L1D: 64 KB of V per position in three windows of 85-86 channels, not two full ones
    monkeypatch.setattr(wc, "l1_data_bytes", lambda: 32 << 10)
    assert wc.window_count(256, 64, 1.0) == 3
    assert wc.window_count(128, 64, 1.0) == 2


def test_window_count_rule(monkeypatch):
    monkeypatch.setattr(wc, "l1_data_bytes", lambda: 48 << 10)   # 32 KB windows
    # 64 KB of V per position (C/g = 256, tb = 64): two 32 KB windows when they hold
    # enough weights per row, else one
    assert wc.window_count(256, 64, 1.0) == 2
    assert wc.window_count(256, 64, 2 * wc.MIN_WINDOW_NNZ / 256) == 2
    assert wc.window_count(256, 64, 0.99 * 2 * wc.MIN_WINDOW_NNZ / 256) == 1
    assert wc.window_count(256, 16, 1.0) == 1      # 16 KB: fits
    assert wc.window_count(192, 64, 1.0) == 2      # balanced: 96 + 96 channels
    # 128 KB (C/g = 512): four windows, fewer as the rows thin out, never 0
    per_row = wc.MIN_WINDOW_NNZ / 512
    assert [wc.window_count(512, 64, k * per_row) for k in (5, 4, 3.5, 3, 2, 1, 0.5)] == [4, 4, 3, 3, 2, 1, 1]
    assert wc.window_count(512, 64, 0.0) == 1


def _edge_case_rows(rng, cg=301, rows=9, n=3):
    """Random rows over ``cg`` columns (``n`` windows of ``width``), with an empty row, a
    row empty in its first window and one empty after it; returns ``(dense, width)``."""
    dense = (rng.random((rows, cg)) < 0.6) * rng.standard_normal((rows, cg)).astype(np.float32)
    width = -(-cg // n)
    dense[3] = 0.0
    dense[5, :width] = 0.0
    dense[6, width:] = 0.0
    return dense, width


def _csr(dense):
    """``(indptr, indices (int32), values)`` of a dense matrix."""
    r, c = np.nonzero(dense)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=dense.shape[0]))])
    return indptr, c.astype(np.int32), dense[r, c]


def test_window_splits_brute_force(rng):
    cg, rows, n = 301, 9, 3
    dense, width = _edge_case_rows(rng, cg, rows, n)
    indptr, c, _ = _csr(dense)
    splits = wc.window_splits(indptr, c, cg, n)
    assert splits.shape == (n + 1, rows)
    for row in range(rows):
        cols = c[indptr[row]:indptr[row + 1]]
        for j in range(n + 1):
            assert splits[j, row] == indptr[row] + np.count_nonzero(cols < j * width)
    one = wc.window_splits(indptr, c, cg, 1)
    assert (one[0] == indptr[:-1]).all() and (one[1] == indptr[1:]).all()


@pytest.mark.parametrize("kg", [1, 3, 9])
def test_window_major_layout_brute_force(kg, rng):
    """Every row's nonzeros of window j sit at bounds[0, j, r] .. bounds[1, j, r], in
    column order, and each (position block of kg rows, window) is one contiguous run in
    row order, the runs in (block, window) order."""
    cg, rows, n = 301, 9, 3
    dense, width = _edge_case_rows(rng, cg, rows, n)
    indptr, c, values = _csr(dense)
    bounds, idx, val = wc.window_major(indptr, c, values, cg, n, kg)
    assert bounds.shape == (2, n, rows) and bounds.dtype == np.int64
    pos = 0
    for b0 in range(0, rows, kg):
        for j in range(n):
            for row in range(b0, b0 + kg):
                lo, hi = bounds[0, j, row], bounds[1, j, row]
                assert lo == pos            # contiguous, in the order the products read
                pos = hi
                want = np.nonzero(dense[row, j * width:(j + 1) * width])[0] + j * width
                assert (idx[lo:hi] == want).all()
                assert (val[lo:hi] == dense[row, want]).all()
    assert pos == idx.size == val.size
    later = sum(np.count_nonzero(dense[row, w0:w0 + width]) > 0
                for row in range(rows) for w0 in range(width, cg, width))
    assert wc.window_calls(bounds) == rows + later
    one, idx1, _ = wc.window_major(indptr, c, values, cg, 1, kg)
    assert (one[0, 0] == indptr[:-1]).all() and (one[1, 0] == indptr[1:]).all()
    assert (idx1 == c).all() and wc.window_calls(one) == rows


def test_expected_calls_match_random_rows(rng):
    cg, rows, n, d = 300, 400, 2, 0.3
    bounds, idx, _ = wc.window_major(*_csr((rng.random((rows, cg)) < d).astype(np.float32)), cg, n, rows)
    assert wc.window_calls(bounds) == pytest.approx(wc.expected_calls(rows, cg, n, [d]), rel=0.02)
    # all kept: every window visited; none kept: first windows only
    assert wc.expected_calls(rows, cg, n, [1.0]) == rows * n
    assert wc.expected_calls(rows, cg, n, [0.0]) == rows


@pytest.mark.parametrize("tile", [2, 4, 6])
def test_position_densities_of_magnitude_pruning(tile, rng):
    """Magnitude pruning of random weights keeps the positions at the fractions
    position_densities gives, and the work the model expects from them matches a plan's."""
    for d in (0.05, 0.3, 0.7):
        kept = wc.position_densities(tile, d)
        assert len(kept) == (tile + 2) ** 2 and np.mean(kept) == pytest.approx(d, abs=1e-6)
        u = prune_winograd(rng.standard_normal((64, 48, 3, 3)).astype(np.float32), d, tile)
        actual = (u != 0).reshape(64 * 48, -1).mean(axis=0)
        assert np.abs(np.asarray(kept) - actual).max() < 0.03
    assert wc.position_densities(tile, 0.0) == (0.0,) * (tile + 2) ** 2
    assert wc.position_densities(tile, 1.0) == pytest.approx((1.0,) * (tile + 2) ** 2)
    x, wt = data(rng, 1, 301, 16, 12, 12)
    for d in (0.1, 0.5):
        p = winomodel.plan(wt, x.shape, padding=1, kernel="sparse_winograd", density=d, tile=tile)
        est = get_kernel("sparse_winograd").work(p.layer, d, tile=tile)
        assert est.phase("calls").flops == pytest.approx(p.work().phase("calls").flops, rel=0.05)


@pytest.mark.parametrize("n, h, split", [(2, 30, False), (1, 30, True)])
def test_sparse_products_over_several_windows(n, h, split, rng, monkeypatch):
    """C/g spanning several input-channel windows: later windows add to M, rows empty in a
    window skip it; both execution paths; the plan's work counts its calls."""
    monkeypatch.setattr(wc, "use_split", lambda n_blocks, groups: split)
    x, wt = data(rng, n, 301, 5, h, h)
    p = winomodel.plan(wt, x.shape, padding=1, kernel="sparse_winograd", density=0.5, tile=4)
    *_, tb, n_blocks = wc.geometry(p.layer, 4, n, "sparse")
    assert p.n_windows == p.bounds.shape[1] == wc.window_count(301, tb, p.density) > 1
    u = prune_winograd(wt, 0.5, 4)
    check_close(p(x), naive.winograd_domain_reference(x, u.astype(np.float64), 4, padding=1), 4)
    assert p.work().phase("calls").flops == 2 * tb * n_blocks * wc.window_calls(p.bounds)
    # stored window-major, the windows' passes read the CSR once per block between them
    assert p.work().phase("weights").bytes == 8 * p.nnz * n_blocks


def test_dense_weights_are_packed_in_panels_of_rows():
    """U[g, p, k, c] sits at [g, p, k // U_PANEL, c * U_PANEL + k % U_PANEL]; rows past K/g
    (K/g not a multiple of the panel) are zero."""
    from winomodel.kernels import _winograd_common as wc

    rng = np.random.default_rng(3)
    u = rng.standard_normal((2, 16, 7, 5), dtype=np.float32)
    packed = wc.pack_panels(u)
    panel = wc.U_PANEL
    assert packed.shape == (2, 16, -(-7 // panel), 5 * panel)
    for k in range(7):
        for c in range(5):
            assert np.array_equal(packed[:, :, k // panel, c * panel + k % panel], u[:, :, k, c])
    rows = packed.reshape(2, 16, -1, 5, panel).transpose(0, 1, 2, 4, 3).reshape(2, 16, -1, 5)
    assert not rows[:, :, 7:].any()


@pytest.mark.parametrize("tb", [16, 32, 64])
@pytest.mark.parametrize("k_lo, k_hi", [(0, 12), (4, 17), (8, 22), (0, 1), (4, 6)])
def test_dense_products_every_row_remainder(tb, k_lo, k_hi, rng):
    """The products this ISA compiled (whole blocks, 4 x 16 lane groups, or AVX2's 3 x 32
    with 2- and 1-row calls for the rest) against numpy: rows k_lo..k_hi (left over after
    3- and 4-row calls: 0-3), k_lo a multiple of U_PANEL as the rounds give, each
    position's own column range, rows outside [k_lo, k_hi) untouched."""
    from winomodel.kernels import _winograd_common as wc
    from winomodel.kernels.scratch import aligned_rows

    a2, kg, cg = 4, 24, 7
    u = rng.standard_normal((1, a2, kg, cg), dtype=np.float32)
    cols = np.array([[0, 7], [2, 5], [0, 0], [6, 7]], dtype=np.int64)
    V = aligned_rows(a2, cg * tb + wc.ROW_PAD)
    V[:] = rng.standard_normal(V.shape, dtype=np.float32)
    M = aligned_rows(a2, (k_hi - k_lo + 1) * tb + wc.ROW_PAD)
    M[:] = np.nan
    wc._dense_products(wc.pack_panels(u), V, M, cols, 0, tb, tb, k_lo, k_hi, k_lo)
    v = V[:, :cg * tb].reshape(a2, cg, tb).astype(np.float64)
    for p, (lo, hi) in enumerate(cols):
        want = u[0, p, k_lo:k_hi, lo:hi].astype(np.float64) @ v[p, lo:hi]
        got = M[p, :(k_hi - k_lo) * tb].reshape(k_hi - k_lo, tb)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
        assert np.isnan(M[p, (k_hi - k_lo) * tb:(k_hi - k_lo + 1) * tb]).all()


def test_dense_blocks_in_lane_groups_stay_narrow(monkeypatch):
    """Where the dense products run in lane groups (ISAs under 16 fp32 lanes), blocks are at
    most STRIDED_MAX_WIDTH lanes wide; whole-block ISAs and sparse_winograd keep 64."""
    layer = ConvLayer(C=256, K=256, H=64, W=64, R=3, S=3, pad=1)   # 256 tiles: 64 lanes if allowed
    try:
        for strided, widest in [(0, 64), (16, wc.STRIDED_MAX_WIDTH), (8, wc.STRIDED_MAX_WIDTH)]:
            monkeypatch.setattr(wc, "STRIDED_LANES", strided)
            wc._geometry.cache_clear()
            assert wc.geometry(layer, 4, 1, "dense")[3] == widest
            assert wc.geometry(layer, 4, 1, "sparse")[3] == 64
    finally:
        wc._geometry.cache_clear()


def test_block_width_balances_the_threads(monkeypatch):
    """The busiest thread's lanes decide the width; weights past the last-level share, the
    fewest blocks; every width on the split path, the widest."""
    monkeypatch.setattr(wc, "last_level_share", lambda threads: 16 << 20)
    widths = [16, 32, 64]
    # 392 tiles on 2 threads: 13 rounds of 16 lanes (208), 7 of 32 (224), 4 of 64 (256)
    assert wc._block_width(widths, 392, 1, "dense", 2, 1e6) == 16
    assert wc._block_width(widths, 392, 1, "sparse", 2, 1e6) == 32   # within 15 %
    # one thread: the fewest lanes (400, 416, 448), the widest within 5 %
    assert wc._block_width(widths, 392, 1, "dense", 1, 1e6) == 32
    assert wc._block_width(widths, 256, 1, "dense", 1, 1e6) == 64
    # 49 tiles: 64 lanes are one block (split path), 32 two (one per thread) ...
    assert wc._block_width(widths, 49, 1, "dense", 2, 1e6) == 32
    # ... unless the weights (dense U or a sparse CSR) stream from past the cache once per block
    assert wc._block_width(widths, 49, 1, "dense", 2, 40e6) == 64
    assert wc._block_width(widths, 49, 1, "sparse", 2, 40e6) == 64
    assert wc._block_width(widths, 49, 1, "sparse", 2, 1e6) == 32
    # 16 tiles: every width is one block on the split path
    assert wc._block_width([16], 16, 1, "dense", 2, 1e6) == 16
    assert wc._block_width([16, 32], 20, 1, "dense", 4, 1e6) == 32


def test_sparse_blocks_sized_by_the_plans_csr(monkeypatch, rng):
    """A CSR past the last-level share runs in the fewest blocks (every block streams all of
    it), a small one as the threads' balance says; the calls, the work and the windows all
    size by the plan's own CSR, and the outputs do not change."""
    monkeypatch.setattr(wc, "last_level_share", lambda threads: 256 << 10)
    wc._geometry.cache_clear()
    try:
        x, wt = data(rng, 1, 64, 64, 28, 28)   # F(4, 3): 49 tiles
        big = winomodel.plan(wt, x.shape, padding=1, kernel="sparse_winograd", density=1.0, tile=4)
        small = winomodel.plan(wt, x.shape, padding=1, kernel="sparse_winograd", density=0.05,
                               tile=4)
        assert wc.csr_bytes(big.nnz) > 256 << 10 > wc.csr_bytes(small.nnz)
        # on two threads: one 64-lane block (split path) against two of 32, one per thread
        assert wc._geometry(big.layer, 4, 1, "sparse", 2, wc.csr_bytes(big.nnz))[3:] == (64, 1)
        assert wc._geometry(small.layer, 4, 1, "sparse", 2, wc.csr_bytes(small.nnz))[3:] == (32, 2)
        for p in (big, small):
            geo = wc.geometry(p.layer, 4, 1, "sparse", wc.csr_bytes(p.nnz))
            p(x)
            assert p._sizes[1, numba.get_num_threads()][0] == geo
            assert p.n_windows == wc.window_count(64, geo[3], p.density)
            assert p.work().phase("weights").bytes == wc.csr_bytes(p.nnz) * geo[4]
        dense = winomodel.plan(wt, x.shape, padding=1, kernel="dense_winograd", tile=4)
        check_close(big(x), dense(x), 4)   # density 1: the same products
    finally:
        wc._geometry.cache_clear()
