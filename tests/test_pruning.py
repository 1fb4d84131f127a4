"""Winograd pruning helpers in winomodel.pruning."""

import numpy as np
import pandas as pd
import pytest

import naive
from winomodel.errors import ShapeError, WinomodelError
from winomodel.pruning import density, density_report, prune_magnitude, prune_winograd, winograd_weights


@pytest.mark.parametrize("tile", [2, 4, 6])
def test_winograd_weights_matches_oracle(tile, rng):
    w = rng.standard_normal((4, 3, 3, 3)).astype(np.float32)
    u = winograd_weights(w, tile)
    assert u.dtype == np.float32 and u.shape == (4, 3, tile + 2, tile + 2)
    np.testing.assert_allclose(u, naive.winograd_filter_reference(w, tile), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("tile", [2, 4, 6])
@pytest.mark.parametrize("d", [0.0, 0.05, 0.3, 1.0])
def test_prune_winograd_counts(tile, d, rng):
    w = rng.standard_normal((5, 4, 3, 3)).astype(np.float32)
    u = prune_winograd(w, d, tile)
    a = tile + 2
    assert u.shape == (5, 4, a, a)
    assert np.count_nonzero(u) == round(d * u.size)
    full = winograd_weights(w, tile)
    kept = u != 0
    if 0 < d < 1:  # the kept ones are the largest magnitudes
        assert np.abs(full[kept]).min() >= np.abs(full[~kept]).max()
    np.testing.assert_array_equal(u[kept], full[kept])


def test_prune_winograd_takes_winograd_domain(rng):
    u = rng.standard_normal((3, 2, 6, 6)).astype(np.float32)
    np.testing.assert_array_equal(prune_winograd(u, 0.25, 4), prune_magnitude(u, 0.25))


@pytest.mark.parametrize("bad_density", [-0.1, 1.5, float("nan"), "x", True])
def test_prune_winograd_bad_density(bad_density):
    with pytest.raises(WinomodelError, match="density"):
        prune_winograd(np.ones((2, 2, 3, 3), np.float32), bad_density, 4)


def test_bad_inputs():
    # any other kernel size is decomposed into pieces of the fewest multiplies (5x5: four
    # 3x3 ones; 4x4: four 2x2 ones)
    assert prune_winograd(np.ones((2, 2, 5, 5), np.float32), 0.5, 4).shape == (2, 8, 6, 6)
    assert winograd_weights(np.ones((2, 2, 4, 4), np.float32), 2).shape == (2, 8, 3, 3)
    assert winograd_weights(np.ones((2, 2, 3, 3), np.float32), 4, stride=2).shape == (2, 8, 5, 5)
    with pytest.raises(ShapeError):
        winograd_weights(np.ones((2, 3, 3), np.float32), 2)
    with pytest.raises(WinomodelError, match="NaN"):
        winograd_weights(np.full((1, 1, 3, 3), np.nan, np.float32), 2)
    with pytest.raises(WinomodelError, match="tile"):
        winograd_weights(np.ones((1, 1, 3, 3), np.float32), 3)
    with pytest.raises(WinomodelError, match="tile"):
        density_report(np.ones((1, 1, 3, 3), np.float32), tiles=(2, 5))
    with pytest.raises(ShapeError):
        density_report(np.ones((1, 6, 6), np.float32))


def test_density_report(rng):
    w = prune_magnitude(rng.standard_normal((8, 6, 3, 3)), 0.2)
    rep = density_report(w)
    assert isinstance(rep, pd.DataFrame)
    assert list(rep.columns) == ["domain", "tile", "alpha", "weights", "nonzeros", "density", "fill_in",
                                 "r", "pieces"]
    assert list(rep["domain"]) == ["spatial", "winograd", "winograd", "winograd"]
    assert rep["density"][0] == pytest.approx(density(w))
    for t, row in zip((2, 4, 6), rep.iloc[1:].itertuples()):
        assert row.tile == t and row.alpha == t + 2
        assert row.nonzeros == np.count_nonzero(winograd_weights(w, t))
        assert row.fill_in == pytest.approx(row.density / rep["density"][0])
        assert row.fill_in > 1  # sparsity fills in under the transform


def test_density_report_all_zero():
    rep = density_report(np.zeros((2, 2, 3, 3), np.float32), tiles=(4,))
    assert rep["density"].tolist() == [0.0, 0.0]
    assert rep["fill_in"].isna().all()
