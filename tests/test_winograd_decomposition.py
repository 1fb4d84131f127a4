"""F(m, r) for every (m, r) the kernels run, and the decomposition (DWM) of stride-2 and
larger-than-3x3 layers into F(m x m, r x r) pieces, through both Winograd kernels.

fp32 error of one F(m, r) tile against float64 direct correlation (worst of 200 random
tiles, relative to max |y|; :func:`winograd_transforms.fp32_error`), and the bound each
is tested against (about 2x the measured worst; a direct 3x3 fp32 correlation is ~2e-7):

    F(2,2) 4.4e-7 (1e-6)   F(4,2) 1.8e-6 (5e-6)   F(6,2) 5.5e-6 (1.5e-5)
    F(2,3) 5.4e-7 (1e-6)   F(4,3) 4.5e-6 (1e-5)   F(6,3) 5.3e-6 (2e-5)

A decomposed layer sums P pieces' products before one output transform, so its error
is that of its F(m, r) over the longer channel sum: the kernel tests below hold the
F(m, 3) tolerances of ``test_winograd_kernels`` (BASE * 2, 10, 20 for m = 2, 4, 6) on
stride-2, 5x5, 7x7, 1x7 and 7x1 layers.  Measured through dense_winograd on C = 64,
K = 32, 28 x 28, batch 2 (max error / max |float64 direct|; fp32 direct 0.8-2.2e-6):

    3x3 s2: F(2,2) 7.7e-7, F(4,2) 4.8e-6, F(6,2) 1.6e-5   5x5: F(2,3) 7.2e-7, F(4,3) 8.4e-6,
    F(6,3) 1.9e-5   7x7 s2: F(4,3) 8.9e-6, F(4,2) 7.4e-6   1x7 / 7x1: F(4,3) 4.2e-6 / 4.8e-6
"""

import itertools

import numpy as np
import pytest

import naive
import winomodel
from conftest import HAVE_TORCH
from winomodel.errors import ShapeError, UnsupportedLayerError
from winomodel.kernels import get_kernel
from winomodel.kernels import _winograd_common as wc
from winomodel.kernels import _winograd_codegen as codegen
from winomodel.kernels import winograd_decomposition as wd
from winomodel.kernels import winograd_transforms as wt
from winomodel.layer import ConvLayer
from winomodel.networks import load_network
from winomodel.pruning import density_report, prune_winograd, winograd_weights

KERNELS = ["dense_winograd", "sparse_winograd"]
BASE = 1e-6
TOL = {2: 2 * BASE, 4: 10 * BASE, 6: 20 * BASE}
ERROR_BOUND = {(2, 2): 1e-6, (4, 2): 5e-6, (6, 2): 1.5e-5,
               (2, 3): 1e-6, (4, 3): 1e-5, (6, 3): 2e-5}


def check_close(y, ref, m):
    ref = np.asarray(ref)
    assert y.dtype == np.float32 and y.shape == ref.shape
    err = float(np.abs(y - ref).max()) / max(float(np.abs(ref).max()), 1e-30)
    assert err <= TOL[m], f"relative error {err:.2e} > {TOL[m]:.0e} for tile {m}"


# ---- the specification F(m, r) -----------------------------------------------------------
@pytest.mark.parametrize("m,r", list(wt.SPECS) + [(2, 5), (3, 2), (2, 7), (4, 1)])
def test_every_spec_is_exact(m, r):
    """Derived in rationals and verified exactly against direct correlation (spec() raises
    otherwise); the 2-D nesting checked on an integer tile."""
    t = wt.spec(m, r)
    a = m + r - 1
    assert t.alpha == wt.alpha_of(m, r) == a and t.r == r
    assert t.G64.shape == (a, r) and t.BT64.shape == (a, a) and t.AT64.shape == (m, a)
    rng = np.random.default_rng(m * 10 + r)
    d, g = rng.integers(-9, 10, (a, a)).astype(np.float64), rng.integers(-9, 10, (r, r)).astype(np.float64)
    y = t.AT64 @ ((t.G64 @ g @ t.G64.T) * (t.BT64 @ d @ t.BT64.T)) @ t.AT64.T
    want = [[np.sum(d[i:i + r, j:j + r] * g) for j in range(m)] for i in range(m)]
    np.testing.assert_allclose(y, want, atol=1e-9)


@pytest.mark.parametrize("m,r", wt.SPECS)
def test_fp32_error_per_spec(m, r):
    assert wt.fp32_error(m, r) <= ERROR_BOUND[(m, r)]


def test_fp32_error_grows_with_alpha():
    # per filter size, a larger tile (alpha) is less accurate
    for r in wt.PIECE_SIZES:
        errs = [wt.fp32_error(m, r) for m in wt.TILES]
        assert errs[0] < errs[1] < errs[2]


def test_rectangular_filters_as_nested_1d(rng):
    """A 7x1 filter as F(2, 7) down the columns and no transform across (F(1, 1)); a 1x7 one
    the other way round; 3x2 as F(2, 3) x F(4, 2)."""
    for (mv, rv), (mh, rh) in [((2, 7), (1, 1)), ((1, 1), (2, 7)), ((2, 3), (4, 2))]:
        w = rng.standard_normal((1, 1, rv, rh))
        d = rng.standard_normal((mv + rv - 1, mh + rh - 1))
        u = wt.filter_transform_2d(w, (mv, rv), (mh, rh))[0, 0]
        y = wt.correlate_2d(d, u, (mv, rv), (mh, rh))
        want = [[np.sum(d[i:i + rv, j:j + rh] * w[0, 0]) for j in range(mh)] for i in range(mv)]
        np.testing.assert_allclose(y, want, rtol=1e-10, atol=1e-10)


def test_spec_errors():
    with pytest.raises(winomodel.WinomodelError, match="r must be"):
        wt.winograd_transforms(4, 5)
    with pytest.raises(winomodel.WinomodelError, match="alpha"):
        wt.spec(8, 5)
    with pytest.raises(winomodel.WinomodelError, match="distinct"):
        wt.derive(2, 2, (0, 0))


# ---- the decomposition ------------------------------------------------------------------
@pytest.mark.parametrize("R,S,stride,r,pieces", [
    (3, 3, (1, 1), 3, 1), (3, 3, (2, 2), 2, 4), (3, 3, (2, 2), 3, 4), (5, 5, (1, 1), 3, 4),
    (5, 5, (1, 1), 2, 9), (7, 7, (2, 2), 3, 9), (7, 7, (2, 2), 2, 16), (1, 7, (1, 1), 3, 3),
    (7, 1, (1, 1), 2, 4), (11, 11, (2, 2), 3, 16), (3, 3, (2, 1), 2, 4), (4, 4, (2, 2), 2, 4)])
def test_pieces_cover_every_tap_once(R, S, stride, r, pieces):
    dec = wd.decompose(R, S, stride, 4, r)
    assert dec.n_pieces == pieces  # counted independently: ceil(Rp/r) ceil(Sp/r) per phase
    taps = [(ry, sx) for p in range(dec.n_pieces) for _, _, ry, sx in dec.taps(p)]
    assert sorted(taps) == sorted(itertools.product(range(R), range(S)))


@pytest.mark.parametrize("R,S,stride,pad", [(3, 3, 2, 1), (5, 5, 1, 2), (7, 7, 2, 3), (1, 7, 1, (0, 3)),
                                            (4, 4, 2, 1), (3, 3, (2, 1), 1), (2, 2, 1, 0)])
def test_decomposition_identity_in_float64(R, S, stride, pad, rng):
    """The pieces' stride-1 correlations over the polyphase planes sum to the strided
    convolution (exact math, float64, no Winograd transform)."""
    x = rng.standard_normal((2, 3, 13, 12))
    w = rng.standard_normal((4, 3, R, S))
    want = naive.conv2d_reference(x, w, stride=stride, padding=pad)
    sv, sh = naive._pair(stride)
    ph, pw = naive._pair(pad)
    for r in wt.PIECE_SIZES:
        dec = wd.decompose(R, S, (sv, sh), 4, r)
        pieces = dec.spatial_pieces(w)                           # (K, P, C, r, r)
        xp = np.zeros((2, 3, 13 + 2 * ph + 4 * r, 12 + 2 * pw + 4 * r))
        xp[:, :, ph:ph + 13, pw:pw + 12] = x
        got = np.zeros_like(want)
        P, Q = want.shape[2:]
        for q, (a, b, i, j) in enumerate(dec.pieces):
            plane = xp[:, :, a::sv, b::sh][:, :, r * i:r * i + P + r - 1, r * j:r * j + Q + r - 1]
            got += naive.conv2d_reference(plane, pieces[:, q])
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_default_spec_rule():
    big = dict(C=4, K=4, H=56, W=56)
    assert wd.default_spec(ConvLayer(**big, pad=1)) == (4, 3)
    assert wd.default_spec(ConvLayer(**big, pad=1, stride=2)) == (4, 2)   # 6.25 multiplies, not 9
    assert wd.default_spec(ConvLayer(**big, R=5, S=5, pad=2)) == (4, 3)   # 9 instead of 25
    assert wd.default_spec(ConvLayer(**big, R=7, S=7, pad=3, stride=2)) == (4, 3)
    dec = wd.for_layer(ConvLayer(**big, pad=1, stride=2))
    # four F(4, 2) pieces of 25 positions; the 2x1, 1x2 and 1x1 ones are zero on the infinity
    # row and/or column: 25 + 20 + 20 + 16 multiplies per 16 outputs
    assert dec.multiplies_per_output() == 81 / 16 < 9
    # a batch-1 7x7 output is 4 tiles of 4x4: a quarter of a 16-tile vector; 2x2 tiles fill it
    assert wd.default_spec(ConvLayer(C=4, K=4, H=7, W=7, pad=1)) == (2, 3)
    assert wd.default_spec(ConvLayer(C=4, K=4, H=7, W=7, pad=1, N=8)) == (4, 3)


@pytest.mark.parametrize("R,S,stride,m,r", [(3, 3, (2, 2), 4, 2), (3, 3, (2, 2), 2, 2),
                                           (5, 5, (1, 1), 4, 3), (7, 7, (2, 2), 4, 3),
                                           (7, 7, (2, 2), 4, 2), (1, 7, (1, 1), 4, 3),
                                           (3, 3, (2, 1), 4, 2), (3, 3, (1, 1), 6, 3)])
def test_product_columns_cover_the_nonzeros(R, S, stride, m, r):
    """Each position's range of pieces (in product order) holds every piece that can be
    nonzero there, and for these layers nothing else."""
    dec = wd.decompose(R, S, stride, m, r)
    order = dec.product_order()
    assert sorted(order) == list(range(dec.n_pieces))
    nz = dec.structural_nonzeros().reshape(dec.n_pieces, -1)[list(order)]
    ranges = dec.product_columns()
    for q, (lo, hi) in enumerate(ranges):
        inside = np.zeros(dec.n_pieces, dtype=bool)
        inside[lo:hi] = True
        assert not (nz[:, q] & ~inside).any()
    assert int(np.diff(ranges, axis=1).sum()) == int(nz.sum())


# ---- the kernels against the float64 oracle ---------------------------------------------
CASES = [  # N, C, K, H, W, R, S, stride, pad, groups
    (1, 3, 5, 9, 9, 3, 3, 2, 1, 1),           # ResNet-50's stride-2 3x3, odd size
    (2, 6, 10, 13, 11, 3, 3, 2, 0, 2),        # stride 2, pad 0, batch 2, groups 2
    (1, 17, 19, 8, 7, 3, 3, 2, 2, 1),         # K, C not multiples of 16, pad 2
    (1, 5, 7, 12, 12, 5, 5, 1, 2, 1),         # GoogLeNet's 5x5
    (2, 4, 6, 11, 9, 5, 5, 1, 2, 2),          # AlexNet conv2: 5x5, 2 groups
    (1, 3, 8, 17, 17, 7, 7, 2, 3, 1),         # the 7x7 stride-2 stem
    (1, 4, 5, 10, 12, 1, 7, 1, (0, 3), 1),    # Inception-v3's 1x7
    (1, 4, 5, 12, 10, 7, 1, 1, (3, 0), 1),    # and 7x1
    (1, 3, 4, 7, 7, 4, 4, 2, 1, 1),           # even kernel, stride 2
    (3, 2, 3, 6, 5, 2, 2, 1, 0, 1),           # 2x2 stride 1
    (1, 2, 3, 9, 10, 3, 3, (2, 1), 1, 1),     # stride (2, 1)
]


def _case(rng, case):
    n, c, k, h, w, R, S, stride, pad, g = case
    x = rng.standard_normal((n, c, h, w)).astype(np.float32)
    wt_ = rng.standard_normal((k, c // g, R, S)).astype(np.float32)
    return x, wt_, dict(stride=stride, padding=pad, groups=g)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("case", CASES)
def test_matches_direct_oracle(kernel, case, rng):
    x, w, geo = _case(rng, case)
    ref = naive.conv2d_reference(x, w, **geo)
    p = winomodel.plan(w, x.shape, kernel=kernel, **geo)
    check_close(p(x), ref, p.tile)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("tile,r", wt.SPECS)
def test_every_spec_through_the_kernels(kernel, tile, r, rng):
    for case in (CASES[1], CASES[4]):   # stride 2 with groups; 5x5 with groups
        x, w, geo = _case(rng, case)
        y = winomodel.conv2d(x, w, kernel=kernel, tile=tile, r=r, **geo)
        check_close(y, naive.conv2d_reference(x, w, **geo), tile)


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("kernel", KERNELS)
def test_fused_and_split_paths(kernel, split, rng, monkeypatch):
    """Both execution paths, several tile blocks and a channel count over one transform
    chunk (the split path's chunks of every piece)."""
    monkeypatch.setattr(wc, "use_split", lambda n_blocks, groups: split)
    x, w, geo = _case(rng, (2, 20, 9, 23, 21, 5, 5, 2, 2, 1))
    y = winomodel.conv2d(x, w, kernel=kernel, **geo)
    check_close(y, naive.conv2d_reference(x, w, **geo), 4)


@pytest.mark.skipif(not HAVE_TORCH, reason="torch not installed")
@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("case", [CASES[1], CASES[4], CASES[5]])
def test_matches_torch(kernel, case, rng):
    import torch

    x, w, geo = _case(rng, case)
    want = torch.nn.functional.conv2d(torch.from_numpy(x), torch.from_numpy(w), **geo).numpy()
    p = winomodel.plan(w, x.shape, kernel=kernel, **geo)
    check_close(p(x), want, p.tile)


# ---- sparse: pruned in the pieces' Winograd domain ---------------------------------------
@pytest.mark.parametrize("density", [1.0, 0.3, 0.0])
@pytest.mark.parametrize("case", [CASES[0], CASES[4], CASES[6]])
def test_sparse_prunes_the_pieces(case, density, rng):
    x, w, geo = _case(rng, case)
    p = winomodel.plan(w, x.shape, kernel="sparse_winograd", density=density, **geo)
    dec = p.decomposition
    u = prune_winograd(w, density, dec.m, r=dec.r, stride=geo["stride"])
    assert u.shape == (w.shape[0], dec.n_pieces * w.shape[1], dec.alpha, dec.alpha)
    assert p.nnz == np.count_nonzero(u)
    y = p(x)
    if density == 0.0:
        assert not y.any()
        return
    t = dec.transforms
    ref = naive.decomposed_conv(x, u, dec.pieces, t.BT64, t.AT64, dec.r, y.shape[2:], **geo)
    check_close(y, ref, dec.m)


@pytest.mark.parametrize("kernel", KERNELS)
def test_winograd_domain_weights_need_tile_and_r(kernel, rng):
    x, w, geo = _case(rng, CASES[3])                     # 5x5
    u = winograd_weights(w, 4, r=3)                        # four 3x3 pieces: (K, 4C, 6, 6)
    assert u.shape == (7, 20, 6, 6)
    p = winomodel.plan(u, x.shape, kernel=kernel, weights_domain="winograd", tile=4, r=3,
                       kernel_size=5, **geo)
    assert (p.layer.R, p.layer.S, p.tile, p.r) == (5, 5, 4, 3)
    check_close(p(x), naive.conv2d_reference(x, w, **geo), 4)
    # (K, 4C, 6, 6) is also F(2, 5) of a 5x5: the shape does not say, so tile and r must
    with pytest.raises(ShapeError, match="tile= and r="):
        winomodel.plan(u, x.shape, kernel=kernel, weights_domain="winograd", kernel_size=5, **geo)
    with pytest.raises(ShapeError, match="columns"):
        winomodel.plan(u[:, :18], x.shape, kernel=kernel, weights_domain="winograd", tile=4, r=3,
                       kernel_size=5, **geo)
    with pytest.raises(ShapeError, match="need tile=4"):
        winomodel.plan(u, x.shape, kernel=kernel, weights_domain="winograd", tile=2, r=3,
                       kernel_size=5, **geo)


@pytest.mark.parametrize("case", [CASES[0], CASES[3], CASES[5]])
def test_dense_sums_weights_at_structural_zeros(case, rng):
    """Winograd-domain weights given as such may be nonzero where transformed spatial ones
    cannot: dense_winograd's products then sum those positions too."""
    x, w, geo = _case(rng, case)
    dec = winomodel.plan(w, x.shape, kernel="dense_winograd", **geo).decomposition
    u = rng.standard_normal((w.shape[0], dec.n_pieces * w.shape[1], dec.alpha, dec.alpha))
    assert not dec.structural_nonzeros().all()   # u is nonzero where G w G^T cannot be
    p = winomodel.plan(u.astype(np.float32), x.shape, kernel="dense_winograd",
                       weights_domain="winograd", tile=dec.m, r=dec.r, kernel_size=w.shape[2:],
                       **geo)
    t = dec.transforms
    ref = naive.decomposed_conv(x, u, dec.pieces, t.BT64, t.AT64, dec.r, p(x).shape[2:], **geo)
    check_close(p(x), ref, dec.m)


def test_density_report_covers_the_pieces(rng):
    w = rng.standard_normal((6, 4, 5, 5)).astype(np.float32)
    w[np.abs(w) < 1.0] = 0.0
    rep = density_report(w, tiles=(2, 4))
    assert list(rep["pieces"]) == [1, 4, 4] and list(rep["r"]) == [5, 3, 3]
    for t, row in zip((2, 4), rep.iloc[1:].itertuples()):
        assert row.alpha == t + 2
        assert row.weights == 6 * 4 * 4 * (t + 2) ** 2
        assert row.nonzeros == np.count_nonzero(winograd_weights(w, t))
    s2 = density_report(rng.standard_normal((2, 3, 3, 3)), tiles=(4,), stride=2)
    assert (s2["r"][1], s2["pieces"][1], s2["alpha"][1]) == (2, 4, 5)


# ---- work: each new phase against an independent count ----------------------------------
def _independent_pieces(R, S, sv, sh, r):
    return sum(-(-len(range(a, R, sv)) // r) * -(-len(range(b, S, sh)) // r)
               for a in range(sv) for b in range(sh))


def _independent_positions(R, S, sv, sh, m, r):
    alpha = m + r - 1
    total = 0
    for a in range(sv):
        for b in range(sh):
            rows, cols = len(range(a, R, sv)), len(range(b, S, sh))
            for i in range(-(-rows // r)):
                for j in range(-(-cols // r)):
                    h, w = min(r, rows - r * i), min(r, cols - r * j)
                    total += (alpha - (h < r)) * (alpha - (w < r))
    return total


@pytest.mark.parametrize("R,S,stride,pad", [(3, 3, 2, 1), (5, 5, 1, 2), (7, 7, 2, 3), (1, 7, 1, (0, 3))])
def test_dense_work_of_the_pieces(R, S, stride, pad):
    layer = ConvLayer(C=6, K=8, H=15, W=14, R=R, S=S, stride=stride, pad=pad, groups=2, N=2)
    est = get_kernel("dense_winograd").work(layer)
    m, r = wd.default_spec(layer)
    a2 = (m + r - 1) ** 2
    n_pieces = _independent_pieces(R, S, layer.stride[0], layer.stride[1], r)
    *_, tb, n_blocks = wc.geometry(layer, wd.decompose(R, S, layer.stride, m, r), 2)
    lanes = n_blocks * tb
    # the piece products, their accumulation included (the sum runs inside the products),
    # over the positions each piece can be nonzero at: a piece of fewer than r tap rows
    # (columns) is zero on the infinity row (column) of G w G^T
    summed = _independent_positions(R, S, layer.stride[0], layer.stride[1], m, r)
    assert summed <= n_pieces * a2
    assert est.phase("products").flops == 2 * 8 * 3 * summed * lanes
    # every piece is an input transform of the planes at another origin
    assert est.phase("input_transform").flops == codegen.transform_cost(m, r)["input"][1] * 6 * n_pieces * lanes
    assert est.phase("products").consumed_bytes == 4 * 8 * 3 * summed
    # the polyphase split (stride 2) or padding: one copy of the input into its planes
    # (read + write), the planes' total size in the working set
    pad = est.phase("pad_input")
    assert pad.bytes == 4 * 2 * 2 * 6 * 15 * 14
    dec = wd.decompose(R, S, layer.stride, m, r)
    pl = wd.planes(layer, dec)
    assert pl.chan == layer.stride[0] * layer.stride[1] * pl.hq * pl.wq
    assert pad.working_set_bytes == 4 * (2 * 6 * 15 * 14 + 2 * 6 * pl.chan)
    # each input row lands as one run per horizontal phase
    assert est.phase("pad_rows").bytes == 128 * 2 * 6 * 15 * layer.stride[1]
    # one output transform for all pieces
    out_lanes = est.phase("output_transform").flops / codegen.transform_cost(m, r)["output"][1] / 8
    assert out_lanes <= lanes


@pytest.mark.parametrize("case", [CASES[0], CASES[3], CASES[5]])
def test_sparse_work_uses_the_plans_nonzeros(case, rng):
    x, w, geo = _case(rng, case)
    p = winomodel.plan(w, x.shape, kernel="sparse_winograd", density=0.3, **geo)
    dec = p.decomposition
    *_, tb, n_blocks = wc.geometry(p.layer, dec, x.shape[0], "sparse")
    work = p.work()
    assert work.phase("products").flops == 2 * p.nnz * n_blocks * tb
    assert work.phase("weights").bytes == 8 * p.nnz * n_blocks
    assert p.nnz == np.count_nonzero(prune_winograd(w, 0.3, dec.m, r=dec.r, stride=geo["stride"]))
    est = get_kernel("sparse_winograd").work(p.layer, 0.3)
    assert est.phase("products").flops == 2 * round(0.3 * w.shape[0] * w.shape[1] * dec.n_pieces
                                                    * dec.alpha ** 2) * n_blocks * tb
    # density 1: at most what the pieces can hold (a padded piece's empty positions stay 0)
    full = winomodel.plan(w, x.shape, kernel="sparse_winograd", density=1.0, **geo)
    assert get_kernel("sparse_winograd").work(p.layer, 1.0).phase("products").flops == \
        full.work().phase("products").flops


@pytest.mark.parametrize("stride,R", [(2, 3), (1, 5)])
def test_position_densities_of_the_pieces(stride, R, rng):
    layer = ConvLayer(C=48, K=64, H=20, W=20, R=R, S=R, stride=stride, pad=R // 2)
    dec = wd.for_layer(layer)
    w = rng.standard_normal((64, 48, R, R)).astype(np.float32)
    for d in (0.1, 0.4):
        kept = wc.position_densities(dec, d)
        u = prune_winograd(w, d, dec.m, r=dec.r, stride=stride)
        actual = (u != 0).reshape(64 * dec.n_pieces * 48, -1).mean(axis=0)
        assert np.mean(kept) == pytest.approx(d, abs=1e-6)
        assert np.abs(np.asarray(kept) - actual).max() < 0.03


# ---- every conv layer of the shipped networks ---------------------------------------------
def _small(layer):
    """The layer's geometry (kernel, stride, pad, groups) on few channels and a small input."""
    g = layer.groups
    h = min(layer.H, 2 * layer.R + 2 * layer.stride[0] + 3)
    w = min(layer.W, 2 * layer.S + 2 * layer.stride[1] + 4)
    return layer.replace(C=2 * g, K=3 * g, H=h, W=w, N=1)


def test_every_layer_of_the_shipped_networks(rng):
    """Runs correctly through both Winograd kernels, or is routed to a direct kernel with the
    reason given (strides above 2, 1x1 kernels)."""
    seen = set()
    for net in ("alexnet", "vgg16", "resnet50", "googlenet"):
        for layer in load_network(net):
            small = _small(layer)
            key = (small.R, small.S, small.stride, small.pad, small.groups, small.H, small.W)
            if key in seen:
                continue
            seen.add(key)
            x = rng.standard_normal(small.input_shape).astype(np.float32)
            w = rng.standard_normal((small.K, small.C_per_group, small.R, small.S)).astype(np.float32)
            geo = dict(stride=small.stride, padding=small.pad, groups=small.groups)
            for kernel in KERNELS:
                k = get_kernel(kernel)
                if not k.supports(small):
                    reason = k.unsupported_reason(small)
                    assert "dense_direct" in reason and ("stride" in reason or "1x1" in reason)
                    assert max(small.stride) > 2 or (small.R, small.S) == (1, 1)
                    continue
                p = winomodel.plan(w, x.shape, kernel=kernel, **geo)
                check_close(p(x), naive.conv2d_reference(x, w, **geo), p.tile)
    assert len(seen) > 5


def test_unsupported_is_a_reason_not_an_error_in_the_model():
    from winomodel.model.predict import predict_rows
    from winomodel.machine.profile import MachineProfile

    conv1 = load_network("alexnet")[0]
    conv2 = load_network("alexnet")[1]
    rows = predict_rows([conv1, conv2], [0.1], MachineProfile.synthetic())
    kernels = {(r["layer"], r["kernel"]) for r in rows}
    assert ("conv1", "dense_direct") in kernels and ("conv1", "dense_winograd") not in kernels
    assert ("conv2", "dense_winograd") in kernels and ("conv2", "sparse_winograd") in kernels
    assert "stride (4, 4)" in get_kernel("dense_winograd").unsupported_reason(conv1)
    with pytest.raises(UnsupportedLayerError, match="stride.*dense_direct or sparse_direct"):
        get_kernel("sparse_winograd").work(conv1, 0.1)


@pytest.mark.parametrize("pad", [0, 1, 2, (1, 2)])
@pytest.mark.parametrize("w", [8, 9])
@pytest.mark.parametrize("stride", [2, (2, 1), (1, 2)])
def test_polyphase_split_is_the_strided_slicing(pad, w, stride, rng):
    """The planes hold the zero-padded input's rows a::sv and columns b::sh, zeros elsewhere
    (odd and even widths and paddings: the stride-2 deinterleaving copy)."""
    layer = ConvLayer(C=3, K=2, H=7, W=w, stride=stride, pad=pad, N=2)
    dec = wd.for_layer(layer)
    x = rng.standard_normal((2, 3, 7, w)).astype(np.float32)
    buf = wc.pad_input(x, layer, dec)
    pl = wd.planes(layer, dec)
    sv, sh = layer.stride
    ph, pw = layer.pad
    planes = buf.reshape(2, 3, sv, sh, pl.hq, pl.wq)
    big = np.zeros((2, 3, sv * pl.hq, sh * pl.wq), np.float32)
    big[:, :, ph:ph + 7, pw:pw + w] = x
    for a in range(sv):
        for b in range(sh):
            np.testing.assert_array_equal(planes[:, :, a, b], big[:, :, a::sv, b::sh])
    first = buf.copy()
    again = wc.pad_input(2 * x, layer, dec, buf)   # reused in place: the halo stays zero
    assert again is buf
    np.testing.assert_array_equal(again, 2 * first)
