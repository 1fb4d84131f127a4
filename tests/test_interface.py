"""The four kernels are interchangeable: same entry points, same answers, same errors.

Kernel-specific shape coverage lives in test_direct_kernels.py and
test_winograd_kernels.py; this file checks the shared contract for every
registered kernel, so a fifth kernel is covered by registering it.
"""

import numpy as np
import pytest

import winomodel
from winomodel import ConvLayer
from winomodel.errors import (MemoryBudgetError, ShapeError, UnsupportedLayerError,
                              WinomodelError)
from naive import conv2d_reference

ALL = winomodel.kernel_names()
SPARSE = winomodel.kernel_names(sparse=True)

#: layers every kernel runs (3x3, stride 1) -- sizes chosen odd and not multiples of 16
SHARED_LAYERS = [
    dict(N=1, C=3, K=5, H=7, W=9, padding=1, groups=1),
    dict(N=2, C=6, K=4, H=8, W=5, padding=0, groups=2),
    dict(N=3, C=17, K=19, H=11, W=11, padding=2, groups=1),
]


def _data(rng, N, C, K, H, W, groups, **_):
    x = rng.standard_normal((N, C, H, W)).astype(np.float32)
    w = rng.standard_normal((K, C // groups, 3, 3)).astype(np.float32)
    return x, w


def _close(out, ref, rel):
    scale = max(float(np.abs(ref).max()), 1e-30)
    err = float(np.abs(out.astype(np.float64) - ref).max()) / scale
    assert err <= rel, f"max error {err:.2e} of max|ref| exceeds {rel:.0e}"


# Tolerances relative to max|ref|: direct kernels sum in fp32 (~1e-6 per term);
# Winograd kernels with their default tile (F(4x4,3x3) or smaller) amplify rounding
# by the transform coefficients (about 10x for F(4,3)): see test_winograd_kernels.py.
TOL = {"dense_direct": 1e-5, "sparse_direct": 1e-5, "dense_winograd": 2e-4, "sparse_winograd": 2e-4}


@pytest.mark.parametrize("kernel", ALL)
@pytest.mark.parametrize("shape", SHARED_LAYERS, ids=lambda s: f"N{s['N']}C{s['C']}K{s['K']}g{s['groups']}")
def test_every_kernel_matches_the_float64_oracle(kernel, shape, rng):
    x, w = _data(rng, **shape)
    out = winomodel.conv2d(x, w, padding=shape["padding"], groups=shape["groups"], kernel=kernel)
    ref = conv2d_reference(x, w, padding=shape["padding"], groups=shape["groups"])
    assert out.dtype == np.float32 and out.shape == ref.shape
    _close(out, ref, TOL.get(kernel, 2e-4))


@pytest.mark.parametrize("kernel", ALL)
def test_plan_runs_many_inputs_and_batch_sizes(kernel, rng):
    _, w = _data(rng, 1, 5, 7, 9, 9, 1)
    p = winomodel.plan(w, (2, 5, 9, 9), padding=1, kernel=kernel)
    assert p.kernel == kernel and p.layer.output_shape == (2, 7, 9, 9)
    for n in (2, 1, 3):
        x = rng.standard_normal((n, 5, 9, 9)).astype(np.float32)
        _close(p(x), conv2d_reference(x, w, padding=1), TOL.get(kernel, 2e-4))


@pytest.mark.parametrize("kernel", ALL)
def test_all_zero_weights_give_zeros(kernel, rng):
    x = rng.standard_normal((2, 4, 6, 6)).astype(np.float32)
    out = winomodel.conv2d(x, np.zeros((3, 4, 3, 3), np.float32), padding=1, kernel=kernel)
    assert out.shape == (2, 3, 6, 6) and not out.any()


@pytest.mark.parametrize("kernel", SPARSE)
@pytest.mark.parametrize("density", [0.0, 0.3, 1.0])
def test_sparse_plans_report_the_density_they_store(kernel, density, rng):
    _, w = _data(rng, 1, 8, 8, 6, 6, 1)
    p = winomodel.plan(w, (1, 8, 6, 6), padding=1, kernel=kernel, density=density)
    assert abs(p.density - density) <= 1.0 / w.size * 8 + 1e-12
    x = rng.standard_normal((1, 8, 6, 6)).astype(np.float32)
    out = p(x)
    if density == 0.0:
        assert not out.any()


@pytest.mark.parametrize("kernel", ALL)
def test_work_estimates_are_consistent_with_the_layer(kernel):
    layer = ConvLayer(C=16, K=24, H=12, W=12, pad=1, N=2)
    k = winomodel.get_kernel(kernel)
    est = k.work(layer, 1.0)
    assert est.kernel == kernel and est.layer == layer
    assert est.effective_flops == layer.dense_flops
    assert est.real_flops > 0 and est.total_bytes > 0
    assert all(p.working_set_bytes > 0 for p in est.phases if p.bytes > 0)
    if k.sparse:
        lo = k.work(layer, 0.1)
        assert lo.real_flops < est.real_flops  # sparse work falls with density
        assert k.work(layer, 0.0).real_flops < lo.real_flops


@pytest.mark.parametrize("kernel", ALL)
def test_plan_work_counts_match_the_estimate_for_the_same_nonzeros(kernel, rng):
    _, w = _data(rng, 1, 8, 12, 10, 10, 1)
    density = 0.25 if winomodel.get_kernel(kernel).sparse else None
    p = winomodel.plan(w, (2, 8, 10, 10), padding=1, kernel=kernel, density=density)
    from_plan = p.work()
    estimate = winomodel.get_kernel(kernel).work(p.layer, p.density, **({"tile": from_plan.tile} if from_plan.tile else {}))
    assert from_plan.real_flops == pytest.approx(estimate.real_flops, rel=1e-9)
    # bytes may depend on how the nonzeros fall (e.g. empty CSR rows), which an estimate
    # from the density alone cannot know; they agree closely on random masks
    assert from_plan.total_bytes == pytest.approx(estimate.total_bytes, rel=0.1)


# ---- bad input: one clear message each, for every kernel -------------------------------

@pytest.mark.parametrize("kernel", ALL)
def test_bad_inputs_fail_with_clear_messages(kernel, rng):
    x = rng.standard_normal((1, 4, 6, 6)).astype(np.float32)
    w = rng.standard_normal((3, 4, 3, 3)).astype(np.float32)
    conv = lambda x_, w_, **kw: winomodel.conv2d(x_, w_, kernel=kernel, **kw)  # noqa: E731
    with pytest.raises(ShapeError, match="4-D"):
        conv(x[0], w)
    with pytest.raises(ShapeError, match="4-D"):
        conv(x, w[0])
    with pytest.raises(ShapeError, match="channel mismatch"):
        conv(x, w[:, :3])
    with pytest.raises(WinomodelError, match="floating-point"):
        conv(x.astype(np.int64), w)
    with pytest.raises(WinomodelError, match="floating-point"):
        conv(x, w.astype(np.int32))
    bad_w = w.copy()
    bad_w[0, 0, 0, 0] = np.nan
    with pytest.raises(WinomodelError, match="NaN or Inf"):
        conv(x, bad_w)
    with pytest.raises(WinomodelError, match="stride must be >= 1"):
        conv(x, w, stride=0)
    with pytest.raises(WinomodelError, match="leaves no output"):
        conv(x[:, :, :2, :2], w)
    with pytest.raises(WinomodelError, match=r"density must be in \[0, 1\]"):
        conv(x, w, density=1.5)
    with pytest.raises(WinomodelError, match=r"density must be in \[0, 1\]"):
        conv(x, w, density=-0.1)
    with pytest.raises(MemoryBudgetError):
        winomodel.plan(w, (4096, 4, 4096, 4096), kernel=kernel)
    p = winomodel.plan(w, x.shape, kernel=kernel)
    with pytest.raises(ShapeError, match="does not match the plan"):
        p(x[:, :, :5])


@pytest.mark.parametrize("kernel", winomodel.kernel_names(sparse=False))
def test_dense_kernels_refuse_to_prune(kernel, rng):
    w = rng.standard_normal((3, 4, 3, 3)).astype(np.float32)
    with pytest.raises(UnsupportedLayerError, match="does not prune"):
        winomodel.plan(w, (1, 4, 6, 6), kernel=kernel, density=0.5)
