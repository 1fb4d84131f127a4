"""Merging calibrations of several sessions: each run keeps its fastest time, the
factors are refitted, calibrations that do not match are refused."""

import pytest

from winomodel.errors import WinomodelError
from winomodel.perfmodel import calibrate as cal
from winomodel.perfmodel.calibration_merge import merge_calibrations, merge_problem

#: two phases with known factors: products x2, calls x0.5 (a run's time is 2 a + 0.5 b)
RUNS = [("sparse_direct", "lay_a", 1.0, 3.0, 2.0), ("sparse_direct", "lay_a", 0.3, 1.0, 2.0),
        ("sparse_direct", "lay_b", 1.0, 5.0, 1.0), ("sparse_direct", "lay_b", 0.3, 1.5, 1.0)]


def _calibration(slowdown=None, quick=False, code="abc", runs=RUNS):
    """A calibration of the runs above, each run's time multiplied by ``slowdown[layer]``."""
    slowdown = slowdown or {}
    rows = [{"kernel": k, "layer": layer, "density": d,
             "measured_s": (2.0 * a + 0.5 * b) * 1e-3 * slowdown.get(layer, 1.0),
             "roofline_s": {f"{k}:products": a * 1e-3, f"{k}:calls": b * 1e-3},
             "phases": ["products", "calls"]}
            for k, layer, d, a, b in runs]
    out = cal.fit_calibration(rows, {"sparse_direct": 1e-6 * slowdown.get("overhead", 1.0)})
    return {**out, "quick": quick, "kernels_code": code, "wall_seconds": 10.0}


def test_each_run_keeps_its_fastest_time_and_the_factors_are_refitted():
    good = _calibration()
    # one session slowed on lay_a, the other on lay_b: neither alone gives the factors
    slow_a = _calibration({"lay_a": 1.4, "overhead": 2.0})
    slow_b = _calibration({"lay_b": 1.3})
    assert slow_a["factors"]["sparse_direct"] != pytest.approx(good["factors"]["sparse_direct"], rel=0.05)
    merged = merge_calibrations(slow_a, slow_b)
    for m, g in zip(merged["runs"], good["runs"]):
        assert m["measured_s"] == pytest.approx(g["measured_s"])
    assert merged["factors"]["sparse_direct"] == pytest.approx({"products": 2.0, "calls": 0.5}, rel=1e-3)
    assert merged["overhead_measured_s"] == pytest.approx({"sparse_direct": 1e-6})
    assert merged["sessions"] == 2 and merged["runs_from_latest"] == 2   # lay_a's two runs
    assert merged["session_wall_seconds"] == [10.0, 10.0]
    # a third session slower everywhere adds nothing
    again = merge_calibrations(merged, _calibration({"lay_a": 2.0, "lay_b": 2.0}))
    assert again["sessions"] == 3 and again["runs_from_latest"] == 0
    assert again["factors"] == merged["factors"]


@pytest.mark.parametrize("other, why", [
    (dict(code="other"), "different kernels' code"),
    (dict(quick=True), "a quick and a full"),
    (dict(runs=RUNS[:3]), "different layers or densities"),
])
def test_calibrations_that_do_not_match_are_refused(other, why):
    stored = _calibration()
    new = _calibration(**other)
    assert why in merge_problem(stored, new)
    with pytest.raises(WinomodelError, match=why):
        merge_calibrations(stored, new)
    assert merge_problem(stored, {**stored, "runs": []}) == "a calibration without stored runs"
    assert merge_problem(stored, _calibration({"lay_a": 3.0})) == ""


def test_a_dense_kernels_run_is_the_same_run_at_any_density():
    """A calibration stores a dense kernel once per layer, at whatever density its row had."""
    dense = [("dense_direct", "lay_a", 1.0, 3.0, 0.0)]
    stored = _calibration(runs=dense, slowdown={"lay_a": 1.5})
    new = _calibration(runs=[("dense_direct", "lay_a", 0.3, 3.0, 0.0)])
    assert merge_problem(stored, new) == ""
    merged = merge_calibrations(stored, new)
    assert merged["runs"][0]["measured_s"] == pytest.approx(6.0e-3) and merged["runs_from_latest"] == 1
