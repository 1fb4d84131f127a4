"""Sweet spots on synthetic machines where the crossover and lower density are known."""

import pytest

from test_model import LAYER, bandwidth_bound_profile, fake_registry  # noqa: F401  (fixture)
from winomodel.errors import WinomodelError
from winomodel.machine.profile import MachineProfile
from winomodel.model.sweetspot import (find_crossover, find_lower_density, halving_gain,
                                           measured_crossover, ratio_slope, sweet_spot,
                                           sweet_spots)


def _affine_profile():
    """Compute-bound products, a visible density-independent streaming phase."""
    return MachineProfile.synthetic(peak_gflops=10.0, bandwidth_gbs={"L1": 0.65},
                                    capacity_bytes={"L1": 1e12},
                                    compute_gflops={"gemm": 8.0, "axpy": 4.0, "stream": 2.0})


def test_bandwidth_bound_machine_crossover_is_half(fake_registry):
    # dense moves in+w+out; sparse moves in+out plus 2 x weights x density (values + indices):
    # equal when 2 w d = w, at d = 0.5, whatever the bandwidth
    spot = sweet_spot(LAYER, "fake_sparse", bandwidth_bound_profile(), gain_fraction=0.1)
    assert spot.upper_density == pytest.approx(0.5, abs=1e-3)
    assert spot.upper_speedup == pytest.approx(1.0, abs=1e-3)
    assert spot.upper_bound.startswith("memory:")
    t = LAYER.tensor_bytes()
    a, b = t["input"] + t["output"], 2 * t["weights"]
    # halving gains b d / 2 / (a + b d) = f  =>  d = f a / (b (1/2 - f))
    assert spot.lower_density == pytest.approx(0.1 * a / (b * 0.4), rel=1e-3)
    assert spot.lower_speedup > spot.upper_speedup


def test_affine_compute_bound_machine_matches_closed_form(fake_registry):
    from winomodel.model.predict import predict

    prof = _affine_profile()
    a = predict(LAYER, "fake_sparse", 0.0, prof).seconds
    b = predict(LAYER, "fake_sparse", 1.0, prof).seconds - a
    dense = predict(LAYER, "fake_dense", 1.0, prof).seconds
    spot = sweet_spot(LAYER, "fake_sparse", prof, gain_fraction=0.2)
    assert spot.best_dense_kernel == "fake_dense"
    assert 0 < spot.upper_density < 1
    assert spot.upper_density == pytest.approx((dense - a) / b, abs=2e-4)
    assert spot.lower_density == pytest.approx(0.2 * a / (b * 0.3), rel=1e-3)
    assert spot.upper_bound == "compute:axpy"
    assert spot.lower_speedup == pytest.approx(dense / (a + b * spot.lower_density), rel=1e-6)


def test_sweet_spots_rows_cover_sparse_kernels(fake_registry):
    rows = sweet_spots([LAYER], bandwidth_bound_profile())
    assert [r["kernel"] for r in rows] == ["fake_sparse"]
    with pytest.raises(WinomodelError, match="dense"):
        sweet_spot(LAYER, "fake_dense", bandwidth_bound_profile())
    with pytest.raises(WinomodelError, match="gain_fraction"):
        sweet_spot(LAYER, "fake_sparse", bandwidth_bound_profile(), gain_fraction=1.5)


def test_find_crossover_edges():
    assert find_crossover(lambda d: 2.0 + d, 1.0) is None          # never beats dense
    assert find_crossover(lambda d: 0.1 + d * 0.5, 1.0) == 1.0     # wins even dense
    assert find_crossover(lambda d: 0.2 + d, 0.5) == pytest.approx(0.3, abs=1e-4)


def test_lower_density_edges():
    assert find_lower_density(lambda d: 1.0, 0.1) == 1.0            # density buys nothing
    assert find_lower_density(lambda d: d, 0.1) is None             # halving always halves
    assert halving_gain(lambda d: 1 + d, 1.0) == pytest.approx(0.25)


def test_measured_crossover_interpolates_linearly():
    d = [1.0, 0.3, 0.1, 0.05]
    t = [4.0, 1.5, 0.8, 0.6]
    # dense 1.0 lies between 0.8 (d=0.1) and 1.5 (d=0.3): 0.1 + 0.2 * 0.2/0.7
    assert measured_crossover(d, t, 1.0) == pytest.approx(0.1 + 0.2 * 0.2 / 0.7)
    assert measured_crossover(d, t, 5.0) == 1.0
    assert measured_crossover(d, t, 0.5) is None
    with pytest.raises(WinomodelError):
        measured_crossover([], [], 1.0)


def test_ratio_slope_is_the_segments_holding_the_density():
    d = [1.0, 0.3, 0.1, 0.05]
    r = [4.0, 1.5, 0.8, 0.6]
    assert ratio_slope(d, r, 0.2) == pytest.approx(0.7 / 0.2)
    assert ratio_slope(d, r, 0.5) == pytest.approx(2.5 / 0.7)
    assert ratio_slope(d, r, 0.01) == pytest.approx(0.2 / 0.05)    # below the grid: first segment
    assert ratio_slope(d, r, 1.2) == pytest.approx(2.5 / 0.7)      # above it: last
    assert ratio_slope([0.3, 0.3], [1.0, 2.0], 0.3) is None         # no segment
