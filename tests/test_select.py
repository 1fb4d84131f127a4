"""kernel="auto": by the model's estimate or by measuring."""

import numpy as np
import pytest

import winomodel
from test_model import (LAYER, FakeDense, FakeSparse, bandwidth_bound_profile,  # noqa: F401
                        compute_bound_profile, fake_registry)
from winomodel.errors import WinomodelError
from winomodel.machine.profile import MachineProfile
from winomodel.select import choose_kernel, kernel_density


def _weights(density=1.0, seed=0):
    w = np.random.default_rng(seed).standard_normal(LAYER.weight_shape).astype(np.float32)
    w[np.random.default_rng(1).random(w.shape) > density] = 0
    return w


def test_estimate_follows_the_model(fake_registry):
    prof = bandwidth_bound_profile()  # crossover at density 0.5
    assert choose_kernel(LAYER, density=0.2, profile=prof).kernel == "fake_sparse"
    assert choose_kernel(LAYER, density=0.9, profile=prof).kernel == "fake_dense"
    c = choose_kernel(LAYER, density=0.2, profile=prof)
    assert c.how == "estimate" and set(c.seconds) == {"fake_dense", "fake_sparse"}


def test_density_none_reads_the_weights(fake_registry):
    prof = bandwidth_bound_profile()
    assert kernel_density(FakeSparse(), None, _weights(0.1)) == pytest.approx(0.1, abs=0.03)
    assert kernel_density(FakeDense(), 0.3, None) == 1.0
    assert choose_kernel(LAYER, weights=_weights(0.1), profile=prof).kernel == "fake_sparse"
    assert choose_kernel(LAYER, weights=_weights(1.0), profile=prof).kernel == "fake_dense"


def test_measure_times_candidates(fake_registry):
    c = choose_kernel(LAYER, weights=_weights(), choose="measure", repeats=1, min_time=0.0)
    assert c.how == "measure" and c.kernel in ("fake_dense", "fake_sparse")


def test_plan_auto_exposes_choice(fake_registry):
    prof = bandwidth_bound_profile()
    p = winomodel.plan(_weights(), LAYER.input_shape, padding=1, kernel="auto", density=0.2,
                       profile=prof)
    assert p.kernel == "fake_sparse" and p.choice.kernel == "fake_sparse"
    p = winomodel.plan(_weights(), LAYER.input_shape, padding=1, kernel="auto", profile=prof)
    assert p.kernel == "fake_dense"
    y = winomodel.conv2d(np.zeros(LAYER.input_shape, np.float32), _weights(), padding=1,
                         kernel="auto", choose="measure")
    assert y.shape == LAYER.output_shape


def test_bad_choice(fake_registry):
    with pytest.raises(WinomodelError, match="choose"):
        choose_kernel(LAYER, choose="guess", profile=compute_bound_profile())
    with pytest.raises(WinomodelError, match="weights"):
        choose_kernel(LAYER, choose="measure")
    with pytest.raises(WinomodelError, match="density"):
        winomodel.plan(_weights(), LAYER.input_shape, padding=1, kernel="auto", density=2.0)
    assert "auto" not in winomodel.kernel_names()


@pytest.mark.slow  # JIT-compiles the real kernels when the Numba cache is cold
def test_auto_with_real_kernels_is_correct():
    """The auto plan computes the same convolution as the oracle (skips until kernels exist)."""
    from naive import conv2d_reference

    rng = np.random.default_rng(3)
    x = rng.standard_normal((1, 8, 10, 10)).astype(np.float32)
    w = rng.standard_normal((8, 8, 3, 3)).astype(np.float32)
    try:
        for choose in ("estimate", "measure"):
            p = winomodel.plan(w, x.shape, padding=1, kernel="auto", choose=choose,
                               profile=MachineProfile.synthetic())
            y = p(x)
            assert p.kernel in winomodel.kernel_names()
            if not winomodel.get_kernel(p.kernel).sparse:
                np.testing.assert_allclose(y, conv2d_reference(x, w, padding=1), rtol=1e-3, atol=1e-3)
    except NotImplementedError as exc:
        pytest.skip(f"kernels not written yet: {exc}")



def test_auto_with_winograd_options_picks_a_winograd_kernel():
    """tile / r are Winograd options: auto chooses among the Winograd kernels only, and a
    stride-2 layer runs decomposed."""
    from naive import conv2d_reference

    rng = np.random.default_rng(4)
    x = rng.standard_normal((1, 4, 11, 11)).astype(np.float32)
    w = rng.standard_normal((6, 4, 3, 3)).astype(np.float32)
    p = winomodel.plan(w, x.shape, stride=2, padding=1, kernel="auto", r=2, tile=4,
                       profile=MachineProfile.synthetic())
    assert p.kernel in ("dense_winograd", "sparse_winograd") and (p.tile, p.r) == (4, 2)
    if p.kernel == "dense_winograd":
        np.testing.assert_allclose(p(x), conv2d_reference(x, w, stride=2, padding=1), rtol=1e-4, atol=1e-4)


def test_dense_winograd_tile_is_the_one_predicted_fastest():
    """Given no tile, the estimate picks dense_winograd's output tile by the model, among
    the default tile and larger ones, leaving the default only for a predicted gain over
    TILE_SWITCH_GAIN; a given tile or Winograd-domain weights leave nothing to choose."""
    from winomodel.model.predict import predict
    from winomodel.select import TILE_SWITCH_GAIN, tile_variants, tuned_options

    kernel = winomodel.get_kernel("dense_winograd")
    prof = MachineProfile.synthetic()
    for layer in (winomodel.ConvLayer(C=64, K=64, H=56, W=56, pad=1),
                  winomodel.ConvLayer(C=256, K=256, H=7, W=7, pad=1)):
        default = kernel.work(layer).tile
        assert tile_variants(kernel, layer) == [{"tile": m} for m in (2, 4, 6) if m >= default]
        seconds = {m: predict(layer, kernel, 1.0, prof, tile=m).seconds for m in (2, 4, 6) if m >= default}
        best = min(seconds, key=seconds.get)
        want = best if seconds[best] < (1 - TILE_SWITCH_GAIN) * seconds[default] else default
        assert tuned_options(layer, kernel, prof) == {"tile": want}
        c = choose_kernel(layer, profile=prof, candidates=["dense_winograd", "dense_direct"])
        assert c.options["dense_winograd"] == {"tile": want}
        assert c.seconds["dense_winograd"] == pytest.approx(seconds[want])
    assert tuned_options(layer, kernel, prof, tile=2) == {}
    assert tuned_options(layer, kernel, prof, weights_domain="winograd") == {}
    assert tuned_options(layer, winomodel.get_kernel("sparse_winograd"), prof, 0.3) == {}
    c = choose_kernel(layer, profile=prof, candidates=["dense_winograd"], tile=2)
    assert c.options == {} and c.kernel_options == {}


def test_auto_plans_with_the_chosen_tile():
    rng = np.random.default_rng(5)
    w = rng.standard_normal((8, 8, 3, 3)).astype(np.float32)
    prof = MachineProfile.synthetic()
    p = winomodel.plan(w, (1, 8, 20, 20), padding=1, kernel="auto", profile=prof)
    if p.kernel == "dense_winograd":
        assert p.tile == p.choice.options["dense_winograd"]["tile"]
    # measuring times every tile and keeps the fastest
    c = choose_kernel(winomodel.ConvLayer(C=8, K=8, H=20, W=20, pad=1), weights=w, choose="measure",
                      candidates=["dense_winograd"], repeats=1, min_time=0.0)
    assert c.options["dense_winograd"]["tile"] in (2, 4, 6)
