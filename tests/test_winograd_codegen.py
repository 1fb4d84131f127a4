"""The generated Winograd transforms and micro-kernels: the shipped module is the
generator's current output, the transforms of every F(m, r) equal B^T d B / A^T M A,
and the generated op counts are what :func:`transform_cost` reports."""

import numpy as np
import pytest

from winomodel.kernels import _winograd_codegen as gen
from winomodel.kernels import _winograd_generated as generated
from winomodel.kernels import winograd_transforms as wt


def test_shipped_generated_module_is_up_to_date():
    assert gen.shipped_generated_part() == gen.render(), (
        "winomodel/kernels/_winograd_generated.py is stale: "
        "run python -m winomodel.kernels._winograd_codegen")


def test_generator_and_output_live_apart():
    assert gen.GENERATED_PATH.name == "_winograd_generated.py"
    assert "def render" not in gen.GENERATED_PATH.read_text()
    assert set(gen.GEN_SPECS) == set(wt.SPECS)


@pytest.mark.parametrize("tile,r", gen.GEN_SPECS)
def test_input_transform_matches_matrices(tile, r, rng):
    tf = wt.winograd_transforms(tile, r)
    a, tb, cg, hp, wp = tf.alpha, 32, 3, 11, 13
    x = rng.standard_normal((cg + 1) * hp * wp).astype(np.float32)
    # tiles at arbitrary corners of channel planes 1..cg (c0 = 1)
    off = rng.integers(0, (hp - a) * wp + (wp - a), tb).astype(np.uint64)
    off = np.array([(o // wp) * wp + min(o % wp, wp - a) for o in off], dtype=np.uint64)
    col0 = 2 * tb  # written after two channels' columns, as the split path's chunks are
    V = np.full((a * a, col0 + cg * tb + 16), np.nan, np.float32)
    generated.__dict__[f"input_transform_{tile}_{r}"](x, off, 1, cg, hp * wp, wp, tb, V, col0)
    planes = x.reshape(cg + 1, hp, wp).astype(np.float64)
    for c in range(cg):
        for t in range(tb):
            y, xx = divmod(int(off[t]), wp)
            d = planes[c + 1, y:y + a, xx:xx + a]
            want = (tf.BT64 @ d @ tf.BT64.T).reshape(-1)
            np.testing.assert_allclose(V[:, col0 + c * tb + t], want, rtol=1e-5,
                                       atol=1e-4 * np.abs(want).max())
    assert np.isnan(V[:, :col0]).all() and np.isnan(V[:, col0 + cg * tb:]).all()  # nothing else written


@pytest.mark.parametrize("tile,r", gen.GEN_SPECS)
def test_output_transform_matches_matrices_and_crops(tile, r, rng):
    t = wt.winograd_transforms(tile, r)
    a, m, tb, nt, kg = t.alpha, tile, 16, 13, 3
    P, Q = 2 * m + 1, 3 * m  # bottom row of tiles cropped to one row
    M = rng.standard_normal((a * a, kg * tb)).astype(np.float32)
    out = np.full(kg * P * Q, -7.0, np.float32)
    tiles = [(ty, tx) for ty in range(3) for tx in range(3)][:nt]
    obase = np.zeros(tb, np.uint64)
    rows = np.zeros(tb, np.int64)
    cols = np.zeros(tb, np.int64)
    for i, (ty, tx) in enumerate(tiles):
        obase[i] = ty * m * Q + tx * m
        rows[i], cols[i] = min(m, P - ty * m), min(m, Q - tx * m)
    generated.__dict__[f"output_transform_{tile}_{r}"](M, out, 0, kg, obase, P * Q, rows, cols, Q,
                                                       len(tiles), tb)
    out = out.reshape(kg, P, Q)
    for k in range(kg):
        for i, (ty, tx) in enumerate(tiles):
            y = t.AT64 @ M[:, k * tb + i].astype(np.float64).reshape(a, a) @ t.AT64.T
            r, c = rows[i], cols[i]
            np.testing.assert_allclose(out[k, ty * m:ty * m + r, tx * m:tx * m + c], y[:r, :c],
                                       rtol=1e-5, atol=1e-5 * np.abs(y).max())
    assert np.isfinite(out).all()


def test_generated_op_counts_not_above_the_model():
    for tile, r in gen.GEN_SPECS:
        cost = gen.transform_cost(tile, r)
        assert cost["input"][1] <= wt.input_transform_flops(tile, r)
        assert cost["output"][1] <= wt.output_transform_flops(tile, r)
    # F(4,3): 1-D B^T in 12 instructions (20 flops), A^T in 10 (13 flops)
    assert gen.transform_cost(4) == {"input": (144, 240), "output": (100, 130)}
