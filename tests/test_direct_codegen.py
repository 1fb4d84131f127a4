"""The shipped register-blocked micro-kernels are the generator's current output and
compute what their docstrings say (on widths and operands the kernels never combine)."""

import numpy as np
import pytest

from winomodel.kernels import _direct_codegen as codegen
from winomodel.kernels import _direct_common as micro  # this ISA's dispatchers and widths


def test_every_isa_shape_has_its_family():
    fams = codegen.families()
    assert set(fams) == {"r3l4v3", "r6l4v3", "r3l8v3", "r6l8v3", "r6l16v3"}
    assert fams["r3l8v3"][:2] == (3, (8, 16, 24))          # AVX2: 3 x 24 in 15 of 16 ymm
    assert fams["r6l16v3"][:2] == (6, (16, 32, 48))        # AVX-512: 6 x 48 in 27 of 32 zmm
    assert micro.ISA.direct_key in fams


def test_shipped_module_is_up_to_date():
    shipped = codegen.GENERATED_PATH.read_text()
    assert shipped == codegen.render(), (
        "winomodel/kernels/_direct_micro.py is stale: run python -m winomodel.kernels._direct_codegen")


@pytest.mark.parametrize("width", micro.DENSE_WIDTHS)
def test_dense_micro_every_width(width, rng):
    n_taps = 7
    x = rng.standard_normal(300).astype(np.float32)
    taps = rng.integers(0, 300 - width - 20, n_taps).astype(np.int64)
    wb = rng.standard_normal((n_taps, micro.DENSE_ROWS)).astype(np.float32)
    acc = np.full((micro.DENSE_ROWS, width), np.nan, np.float32)
    micro.dense_micro(width, x, taps, wb, 20, acc)
    windows = np.stack([x[o + 20:o + 20 + width] for o in taps]).astype(np.float64)
    np.testing.assert_allclose(acc, wb.T.astype(np.float64) @ windows, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("width", micro.SPARSE_WIDTHS)
def test_sparse_rows_every_width(width, rng):
    x = rng.standard_normal(400).astype(np.float32)
    offsets = rng.integers(0, 400 - width - 5, 9).astype(np.int64)
    values = rng.standard_normal(9).astype(np.float32)
    # rows 3..5 of a 6-row table, chunk 1: row 3 takes weights 2..5, row 4 none, row 5 6..8
    chunk_ptr = np.array([[0, 0, 0]] * 3 + [[0, 2, 5], [5, 6, 6], [6, 6, 9]], dtype=np.int64)
    acc = np.ones((3, max(micro.SPARSE_WIDTHS)), np.float32)
    micro.sparse_rows(width, x, offsets, values, chunk_ptr, 1, 3, 6, 5, acc)
    def row(lo, hi):
        return 1.0 + sum(values[e] * x[offsets[e] + 5:offsets[e] + 5 + width].astype(np.float64)
                         for e in range(lo, hi))
    np.testing.assert_allclose(acc[0, :width], row(2, 5), rtol=1e-5, atol=1e-5)
    assert (acc[1] == 1.0).all()  # no weights in this chunk: untouched
    np.testing.assert_allclose(acc[2, :width], row(6, 9), rtol=1e-5, atol=1e-5)
    assert (acc[:, width:] == 1.0).all()  # lanes past the width are untouched
