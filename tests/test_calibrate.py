"""Calibration: the fit recovers known factors, the calibration layers share no shape
with what validation uses, factors reach the model and survive the profile file."""

import dataclasses

import numpy as np
import pytest

from winomodel.errors import ProfileError, WinomodelError
from winomodel.layer import ConvLayer
from winomodel.machine import calibration
from winomodel.model import fit as cal
from winomodel.model.predict import predict
from winomodel.machine.profile import MachineProfile


def _shape(layer):
    return (layer.N, layer.C, layer.K, layer.H, layer.W, layer.R, layer.S, layer.stride, layer.pad,
            layer.groups)


def test_fit_recovers_known_factors(rng):
    times = rng.uniform(1e-3, 1e-2, size=(30, 3))
    truth = np.array([2.0, 0.5, 1.3])
    measured = times @ truth
    np.testing.assert_allclose(cal.fit_phase_factors(times, measured), truth, rtol=1e-9)


def test_fit_is_relative_and_non_negative(rng):
    # a phase that does not explain anything gets the floor, not a negative factor
    times = np.column_stack([rng.uniform(1, 2, 40), rng.uniform(0, 1e-3, 40)])
    measured = 3.0 * times[:, 0] * rng.uniform(0.98, 1.02, 40)
    f = cal.fit_phase_factors(times, measured)
    assert f[0] == pytest.approx(3.0, rel=0.02)
    assert cal.FACTOR_RANGE[0] <= f[1] <= cal.FACTOR_RANGE[1]


def test_bounded_fit_keeps_streaming_phases_in_range(rng):
    times = rng.uniform(1e-3, 1e-2, size=(40, 3))
    inside = cal.fit_bounded(["products", "crop", "calls"], times, times @ np.array([2.0, 1.5, 0.7]))
    assert inside == pytest.approx({"products": 2.0, "crop": 1.5, "calls": 0.7}, rel=1e-9)
    # a crop share 10x its roofline is held at the range's end; the rest is refitted
    outside = cal.fit_bounded(["products", "crop", "calls"], times, times @ np.array([2.0, 10.0, 0.7]))
    assert outside["crop"] == cal.STREAMING_FACTOR_RANGE["crop"][1]
    assert outside["products"] > 2.0 and outside["calls"] > 0.7


def test_bounded_fit_keeps_a_ranged_parameter_in_its_range(rng):
    times = rng.uniform(1e-3, 1e-2, size=(40, 2))
    times[:, 1] = 1e-3  # the measured tiny-layer time, the same in every run
    params = ["products", "sparse_direct:call_overhead"]
    assert cal.factor_range(params[1]) == cal.OVERHEAD_FACTOR_RANGE
    fit = cal.fit_bounded(params, times, times @ np.array([1.0, 7.0]))
    assert fit[params[1]] == cal.OVERHEAD_FACTOR_RANGE[1]
    assert fit["products"] > 1.0


@pytest.mark.parametrize("bad", [np.zeros((0, 2)), np.full((3, 2), np.nan), -np.ones((3, 2))])
def test_fit_rejects_bad_input(bad):
    with pytest.raises(WinomodelError):
        cal.fit_phase_factors(bad, np.ones(len(bad)))


def test_calibration_layers_are_disjoint_from_validation_and_heldout():
    from winomodel.networks import load_network
    from winomodel.report.network_report import heldout_layers

    used = {_shape(L) for net in ("alexnet", "vgg16") for L in load_network(net)}
    used |= {_shape(L) for L in heldout_layers()}
    assert heldout_layers(), "the held-out table must ship with the package"
    for layer in calibration.calibration_layers():
        assert _shape(layer) not in used, layer.name
    quick = calibration.calibration_layers(quick=True)
    assert [L.name for L in quick] == [n for n in (L.name for L in calibration.calibration_layers())
                                       if n in calibration.QUICK_LAYER_NAMES]
    assert len(quick) == len(calibration.QUICK_LAYER_NAMES)


def test_factors_scale_the_phases():
    layer = ConvLayer(C=16, K=16, H=12, W=12, pad=1)
    base = MachineProfile.synthetic()
    raw = predict(layer, "sparse_direct", 0.2, base)
    scaled = dataclasses.replace(base, calibration={"factors": {"sparse_direct": {"products": 3.0}}})
    p = predict(layer, "sparse_direct", 0.2, scaled)
    for before, after in zip(raw.phases, p.phases):
        factor = 3.0 if before.phase.name == "products" else 1.0
        assert after.seconds == pytest.approx(factor * before.seconds)
        assert after.roofline_seconds == pytest.approx(before.seconds)
    assert cal.uncalibrated(scaled).calibration == {}


def test_factors_over_one_are_not_carried_to_dram():
    """A phase placed in DRAM keeps a factor under 1 but not one over 1 (a loop short of a
    cache's ceiling still streams at the memory's bandwidth)."""
    from winomodel.model.predict import MEMORY_LEVEL, place_phase
    from winomodel.work import Phase

    prof = dataclasses.replace(
        MachineProfile.synthetic(capacity_bytes={"L1": 1e3, "L2": 1e6, "DRAM": 1e12},
                                 bandwidth_gbs={"L1": 100.0, "L2": 50.0, "DRAM": 10.0}),
        calibration={"factors": {"k": {"pad_input": 4.0, "crop": 0.5}}})
    for ws, level in ((1e5, "L2"), (1e8, MEMORY_LEVEL)):
        for name, factor in (("pad_input", 4.0), ("crop", 0.5)):
            placed = place_phase(Phase(name, flops=0.0, bytes=1e6, working_set_bytes=ws, shared=True),
                                 prof, "k")
            assert placed.level == level
            assert placed.seconds == pytest.approx(placed.roofline_seconds
                                                   * (min(factor, 1.0) if level == "DRAM" else factor))


def test_calibration_round_trips_and_is_checked(tmp_path):
    p = dataclasses.replace(MachineProfile.synthetic(),
                            calibration={"factors": {"dense_direct": {"products": 1.5}}, "quick": True})
    p.save(tmp_path / "p.json")
    back = MachineProfile.load(tmp_path / "p.json", check_machine=False)
    assert back.calibrated and back.phase_factor("dense_direct", "products") == 1.5
    assert back.phase_factor("dense_direct", "pad_input") == 1.0
    with pytest.raises(ProfileError, match="calibration.factors.dense_direct.products"):
        dataclasses.replace(p, calibration={"factors": {"dense_direct": {"products": -1.0}}})


def test_calibrate_end_to_end_on_tiny_layers():
    layers = [ConvLayer(C=8, K=12, H=10, W=10, pad=1, name="tiny_a"),
              ConvLayer(C=12, K=8, H=9, W=7, pad=1, name="tiny_b"),
              ConvLayer(C=6, K=10, H=11, W=11, R=1, S=1, name="tiny_1x1")]
    out = calibration.calibrate(MachineProfile.synthetic(), quick=True, layers=layers, densities=[1.0, 0.3])
    assert set(out["factors"]) == {"dense_direct", "sparse_direct", "dense_winograd", "sparse_winograd"}
    for kernel, factors in out["factors"].items():
        assert all(cal.FACTOR_RANGE[0] <= f <= cal.FACTOR_RANGE[1] for f in factors.values()), kernel
        assert out["fit"][kernel]["runs"] >= 2
    assert out["fit"]["sparse_direct"]["runs"] == 3 * 2  # every layer x density
    assert out["fit"]["dense_direct"]["runs"] == 3       # dense kernels: once per layer
    assert out["layer_names"] == ["tiny_a", "tiny_b", "tiny_1x1"]
    # the runs are kept: refitting them gives the same factors
    again = cal.fit_calibration(out["runs"], out["overhead_measured_s"])
    assert again["factors"] == out["factors"] and again["overhead_s"] == out["overhead_s"]
    assert {r["kernel"] for r in out["runs"]} == set(out["factors"])
    # the fixed cost per call is the tiny layer's measured time, not fitted
    assert out["overhead_s"] == out["overhead_measured_s"]
    assert all(v > 0 for v in out["overhead_s"].values())
    assert out["parameters"] == len({k for r in out["runs"] for k in r["roofline_s"]
                                     if not cal.is_fixed(k)})


def test_factors_on_a_bound_are_reported(rng):
    times = rng.uniform(1e-3, 1e-2, size=(30, 2))
    runs = [{"kernel": "dense_direct", "layer": str(i), "density": 1.0,
             "measured_s": float(t[0] * 2.0 + t[1] * 20.0),
             "roofline_s": {"dense_direct:products": float(t[0]), "crop": float(t[1])},
             "phases": ["products", "crop"]} for i, t in enumerate(times)]
    out = cal.fit_calibration(runs, {"dense_direct": 1e-6})
    assert out["parameters"] == 2
    assert out["at_bounds"] == {"crop": [cal.STREAMING_FACTOR_RANGE["crop"][1], "high"]}
    assert cal.bound_of("dense_direct:products", 2.0) == ""


def test_calibration_times_its_grid_once(monkeypatch):
    """One pass through the one timing policy, quick or full: no fastest-of-passes."""
    import pandas as pd
    from winomodel.evaluation import validate

    layers = [ConvLayer(C=8, K=12, H=10, W=10, pad=1, name="tiny_a")]
    grids = []

    def fake_grid(layers, densities, profile, **kw):
        grids.append(kw.get("quick"))
        return pd.DataFrame([{"layer": L.name, "kernel": k, "density": d,
                              "measured_s": predict(L, k, d, profile).seconds}
                             for L in layers for k in ("dense_direct", "sparse_direct") for d in densities])

    monkeypatch.setattr(validate, "run_grid", fake_grid)
    monkeypatch.setattr(calibration, "call_overheads", lambda quick=False: {"dense_direct": 1e-6, "sparse_direct": 1e-6})
    for quick in (False, True):
        calibration.calibrate(MachineProfile.synthetic(), quick=quick, layers=layers, densities=[1.0, 0.3])
    assert grids == [False, True]


def test_overhead_is_added_and_phases_share_factors():
    layer = ConvLayer(C=16, K=16, H=12, W=12, pad=1)
    base = MachineProfile.synthetic()
    raw = predict(layer, "dense_direct", 1.0, base)
    with_overhead = dataclasses.replace(base, calibration={"factors": {}, "overhead_s": {"dense_direct": 1e-4}})
    assert predict(layer, "dense_direct", 1.0, with_overhead).seconds == pytest.approx(raw.seconds + 1e-4)
    assert predict(layer, "sparse_direct", 0.5, with_overhead).overhead_s == 0.0
    assert cal.parameter_of("dense_direct", "products") != cal.parameter_of("sparse_direct", "products")
    assert cal.parameter_of("dense_direct", "pad_input") == cal.parameter_of("sparse_winograd", "pad_input")
    assert cal.parameter_of("dense_winograd", "input_transform") == \
        cal.parameter_of("sparse_winograd", "input_transform")
    # the padding's and the crop's per-row costs are one parameter, in every kernel
    assert {cal.parameter_of(k, ph) for k in ("dense_direct", "sparse_winograd")
            for ph in ("pad_rows", "rows")} == {"row_copies"}


def test_sparse_winograd_products_phases_share_one_factor():
    # its row visits and CSR stream are measured with the products' micro-kernel: one
    # free factor for all three; sparse_direct's calls keep their own
    shared = {cal.parameter_of("sparse_winograd", ph) for ph in ("products", "calls", "weights")}
    assert shared == {"sparse_winograd:products"}
    assert cal.factor_range("sparse_winograd:products") is None
    assert cal.parameter_of("sparse_direct", "calls") != cal.parameter_of("sparse_direct", "products")
