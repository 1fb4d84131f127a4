"""The hand-built transposing gathers and scatters of :mod:`winomodel.kernels._simd`:
their shuffle networks deliver every lane, and the compiled intrinsics move exactly the
floats their docstrings name (no more: border tiles are cropped, padding lanes never
stored)."""

import numba
import numpy as np
import pytest

from winomodel.kernels import _simd

ALPHAS = (3, 4, 5, 6, 7, 8)  # alpha = m + r - 1 of F(m, 3) and F(m, 2), m in 2, 4, 6
TILES = (2, 4, 6)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_transpose_plan_ends_in_columns(alpha):
    concat, transpose = _simd.transpose_plan(alpha)
    last = (concat + transpose)[-1]
    assert [labels for _, _, labels in last] == [[(t, j) for t in range(16)] for j in range(alpha)]
    # a butterfly: each transpose stage is one two-input shuffle per output vector
    width = _simd._row_width(alpha)
    assert len(transpose) == int(np.log2(width))


@pytest.mark.parametrize("m", TILES)
def test_untranspose_plan_ends_in_tile_rows(m):
    stages = _simd.untranspose_plan(m)
    width = _simd._row_width(m)
    lanes = [lab for _, _, labels in stages[-1] for lab in labels]
    assert lanes == [(t, j) for t in range(16) for j in range(width)]


def _groups(width):
    """Network sizes a gather or scatter of rows ``width`` wide can take (every ISA's)."""
    return [g for g in (4, 8, 16) if g >= width]


def _gather_caller(alpha, group=0):
    gather = _simd.make_row_gather(alpha, group) if group else getattr(_simd, f"gather_rows_{alpha}")

    @numba.njit
    def call(src, off, t0, row, dst, pos):
        gather(src, off, t0, row, dst, pos)

    return call


@pytest.mark.parametrize("alpha, group", [(a, g) for a in ALPHAS
                                          for g in [0] + _groups(_simd._row_width(a))])
def test_gather_rows_matches_indexing(alpha, group, rng):
    """The shipped gather (group 0: this ISA's networks) and every network size."""
    n = 500
    src = rng.standard_normal(n).astype(np.float32)
    row = 7
    # 16 corners from t0 = 16; the last one reads the array's final float
    corners = rng.integers(0, n - row - alpha, 32).astype(np.uint64)
    corners[31] = n - row - alpha
    dst = np.full(16 * alpha + 10, np.nan, np.float32)
    _gather_caller(alpha, group)(src, corners, 16, np.uint64(row), dst, 3)
    want = np.array([[src[corners[16 + L] + row + j] for L in range(16)] for j in range(alpha)])
    np.testing.assert_array_equal(dst[3:3 + 16 * alpha].reshape(alpha, 16), want)
    assert np.isnan(dst[:3]).all() and np.isnan(dst[3 + 16 * alpha:]).all()


def _scatter_caller(m, plain_interior, group=0):
    scatter = _simd.make_tile_scatter(m, plain_interior, group)

    @numba.njit
    def call(src, pos, dst, obase, t0, base, pitch, rows, cols, n_valid):
        scatter(src, pos, dst, obase, t0, base, pitch, rows, cols, n_valid)

    return call


@pytest.mark.parametrize("m", TILES)
@pytest.mark.parametrize("n_valid, crop", [(16, "random"), (11, "random"), (1, "random"),
                                           (16, "none"), (15, "none"), (16, "one row")])
@pytest.mark.parametrize("plain_interior", (False, True))
def test_scatter_tiles_stores_exactly_the_cropped_tiles(m, n_valid, crop, plain_interior, rng):
    """Both store paths (masked stores only; plain rows where all 16 tiles are whole) on any
    ISA, with this ISA's networks: "none" with 16 valid lanes takes the plain path, one idle
    lane or one cropped row the masked one."""
    _check_scatter(m, n_valid, crop, plain_interior, 0, rng)


@pytest.mark.parametrize("m, group", [(m, g) for m in TILES for g in _groups(_simd._row_width(m))])
@pytest.mark.parametrize("n_valid, crop", [(11, "random"), (16, "none")])
def test_scatter_tiles_with_every_network_size(m, group, n_valid, crop, rng):
    """The scatter with networks of 4, 8 and 16 tiles (as 4-lane, 8-lane and 16-lane ISAs
    build them), on any ISA."""
    _check_scatter(m, n_valid, crop, True, group, rng)


def _check_scatter(m, n_valid, crop, plain_interior, group, rng):
    pitch, t0, base, pos = 40, 16, 5, 2
    src = rng.standard_normal(pos + m * m * 16).astype(np.float32)
    # tile L of this call owns a disjoint m x pitch band of dst
    obase = np.zeros(48, np.uint64)
    obase[t0:t0 + 16] = np.arange(16) * m * pitch + 3
    # every crop from nothing to whole; lanes past n_valid get garbage sizes they must ignore
    rows = rng.integers(0, m + 1, 48).astype(np.int64)
    cols = rng.integers(0, m + 1, 48).astype(np.int64)
    if crop != "random":
        rows[t0:t0 + 16], cols[t0:t0 + 16] = m, m
    if crop == "one row":
        rows[t0 + 7] = m - 1
    rows[t0], cols[t0] = m, m
    dst = np.full(base + 16 * m * pitch + 8, -1.0, np.float32)
    _scatter_caller(m, plain_interior, group)(src, pos, dst, obase, t0, np.uint64(base),
                                              np.uint64(pitch), rows, cols, n_valid)
    want = np.full_like(dst, -1.0)
    for L in range(n_valid):
        t = t0 + L
        for i in range(rows[t]):
            for j in range(cols[t]):
                want[int(obase[t]) + base + i * pitch + j] = src[pos + (i * m + j) * 16 + L]
    np.testing.assert_array_equal(dst, want)


def test_intrinsics_refuse_wrong_array_types():
    call = _gather_caller(6)
    with pytest.raises(numba.core.errors.TypingError):
        call(np.zeros(64), np.zeros(16, np.uint64), 0, np.uint64(0), np.zeros(96, np.float32), 0)


@pytest.mark.parametrize("write", (False, True))
def test_prefetch_changes_nothing_and_tolerates_far_addresses(write):
    prefetch = _simd.make_tile_prefetch(3, write=write)

    @numba.njit
    def call(arr, corners, ahead):
        prefetch(arr, corners, 0, 7, ahead)

    arr = np.arange(64, dtype=np.float32)
    corners = np.arange(16, dtype=np.uint64)
    call(arr, corners, 1 << 40)  # hints only: far outside the array, no fault
    call(arr, corners, 0)
    np.testing.assert_array_equal(arr, np.arange(64, dtype=np.float32))
