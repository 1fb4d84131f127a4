"""Winograd transform matrices: exact derivation, verification, op counts."""

from fractions import Fraction

import numpy as np
import pytest

import naive
from winomodel.errors import WinomodelError
from winomodel.kernels import winograd_transforms as wt


@pytest.mark.parametrize("m", wt.TILES)
def test_shapes_and_exact_types(m):
    t = wt.winograd_transforms(m)
    a = m + 2
    assert t.alpha == a
    assert (len(t.AT), len(t.AT[0])) == (m, a)
    assert (len(t.G), len(t.G[0])) == (a, 3)
    assert (len(t.BT), len(t.BT[0])) == (a, a)
    assert all(isinstance(v, Fraction) for row in t.BT + t.G + t.AT for v in row)
    assert t.BT32.dtype == np.float32 and t.G64.dtype == np.float64
    assert not t.BT32.flags.writeable


@pytest.mark.parametrize("m", wt.TILES)
def test_2d_identity_exact_in_rationals(m):
    """Y = A^T [(G g G^T) * (B^T d B)] A equals direct 2-D correlation exactly."""
    t = wt.winograd_transforms(m)
    a = m + 2
    rng = np.random.default_rng(m)
    d = [[Fraction(int(v)) for v in row] for row in rng.integers(-9, 10, (a, a))]
    g = [[Fraction(int(v), 7) for v in row] for row in rng.integers(-9, 10, (3, 3))]

    def mm(X, Y):
        return [[sum((X[i][k] * Y[k][j] for k in range(len(Y))), Fraction(0))
                 for j in range(len(Y[0]))] for i in range(len(X))]

    def tr(X):
        return [list(r) for r in zip(*X)]

    U = mm(mm(t.G, g), tr(t.G))
    V = mm(mm(t.BT, d), tr(t.BT))
    Y = mm(mm(t.AT, [[U[i][j] * V[i][j] for j in range(a)] for i in range(a)]), tr(t.AT))
    want = [[sum((d[i + r][j + s] * g[r][s] for r in range(3) for s in range(3)), Fraction(0))
             for j in range(m)] for i in range(m)]
    assert Y == want


def test_verify_catches_a_wrong_matrix():
    t = wt.winograd_transforms(2)
    bad = [list(r) for r in t.BT]
    bad[0][0] = -bad[0][0]
    with pytest.raises(AssertionError):
        wt.verify_1d(t.AT, t.G, tuple(map(tuple, bad)), 2)


@pytest.mark.parametrize("m", wt.TILES)
def test_matches_independent_oracle_matrices(m):
    t = wt.winograd_transforms(m)
    BT, AT = naive._winograd_data_and_output_matrices(m)
    np.testing.assert_array_equal(t.BT64, BT)
    np.testing.assert_array_equal(t.AT64, AT)
    np.testing.assert_array_equal(t.G64, naive._winograd_filter_matrix(m))


def test_cached():
    assert wt.winograd_transforms(4) is wt.winograd_transforms(4)


@pytest.mark.parametrize("bad", [3, 0, 8, 4.0, "4", True, None])
def test_bad_tile(bad):
    with pytest.raises(WinomodelError, match="tile"):
        wt.winograd_transforms(bad)


def _independent_combine_count(M):
    """Count per output row: a copy/negate is free, then +1 per extra term, +1 per
    non-unit coefficient (multiply folded into the FMA)."""
    total = 0
    for row in np.asarray(M):
        coeffs = [c for c in row if c != 0]
        if coeffs:
            total += (len(coeffs) - 1) + sum(1 for c in coeffs if abs(c) != 1)
    return total


@pytest.mark.parametrize("m", wt.TILES)
def test_transform_op_counts(m):
    t = wt.winograd_transforms(m)
    a = m + 2
    assert wt.combine_flops(t.BT64) == _independent_combine_count(t.BT64)
    assert wt.input_transform_flops(m) == 2 * a * _independent_combine_count(t.BT64)
    assert wt.output_transform_flops(m) == (a + m) * _independent_combine_count(t.AT64)


def test_known_f23_counts():
    # F(2,3): B^T rows have 2,2,2,2 nonzeros all +-1 -> 4 adds per pass of 4 columns
    assert wt.combine_flops(wt.winograd_transforms(2).BT64) == 4
    assert wt.input_transform_flops(2) == 32


def test_filter_transform_matches_oracle():
    w = np.random.default_rng(0).standard_normal((3, 2, 3, 3))
    for m in wt.TILES:
        np.testing.assert_allclose(wt.filter_transform(w, m), naive.winograd_filter_reference(w, m),
                                   rtol=1e-12, atol=1e-12)
