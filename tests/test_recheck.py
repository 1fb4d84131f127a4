"""The calibration check: calibration runs timed again and compared with their stored
times (run_grid stubbed: known times, nothing timed)."""

import dataclasses

import pandas as pd
import pytest

from test_model import bandwidth_bound_profile
from winomodel.layer import ConvLayer
from winomodel.perfmodel import calibrate as calibrate_module
from winomodel.perfmodel import validate as validate_module
from winomodel.perfmodel.recheck import RECHECK_TOLERANCE, recheck_calibration, recheck_lines

CAL_LAYER = ConvLayer(C=16, K=16, H=8, W=8, pad=1, name="cal_a")


def _profile(stored):
    runs = [dict(kernel=k, layer="cal_a", density=d, measured_s=t) for k, d, t in stored]
    return dataclasses.replace(bandwidth_bound_profile(), calibration={
        "factors": {"dense_winograd": {"products": 1.0}}, "runs": runs})


@pytest.fixture
def timed_now(monkeypatch):
    """run_grid stubbed to 'measure' the times in ``now`` (a dict the test fills)."""
    now, asked = {}, {}

    def fake_grid(layers, densities, profile, **kw):
        asked.update(layers=[l.name for l in layers], densities=list(densities), kernels=kw["kernels"])
        return pd.DataFrame([dict(layer=l.name, kernel=k, density=d, measured_s=t)
                             for l in layers for (k, d), t in now.items()])

    monkeypatch.setattr(validate_module, "run_grid", fake_grid)
    monkeypatch.setattr(calibrate_module, "calibration_layers", lambda: [CAL_LAYER])
    return now, asked


def test_a_calibration_timed_slow_is_flagged(timed_now):
    now, asked = timed_now
    # the dense kernel was stored once (at the first density); now it shows in every row
    now.update({("dense_winograd", 1.0): 0.8, ("dense_winograd", 0.3): 0.8,
                ("sparse_winograd", 1.0): 1.4, ("sparse_winograd", 0.3): 0.7})
    profile = _profile([("dense_winograd", 1.0, 1.0), ("sparse_winograd", 1.0, 2.0),
                        ("sparse_winograd", 0.3, 1.0)])
    check = recheck_calibration(profile, layer_names=("cal_a", "not_calibrated"))
    assert asked == {"layers": ["cal_a"], "densities": [1.0, 0.3],
                     "kernels": ["dense_winograd", "sparse_winograd"]}
    assert check["runs"] == 3
    assert check["ratio_median"] == pytest.approx(0.7)
    assert check["ratio_by_kernel"] == pytest.approx({"dense_winograd": 0.8, "sparse_winograd": 0.7})
    assert (check["ratio_min"], check["ratio_max"]) == pytest.approx((0.7, 0.8))
    assert not check["within"]
    text = " ".join(recheck_lines(check))
    assert text.startswith("- WARNING") and "ran slower than this machine runs now" in text
    assert "0.70x" in text and "--recalibrate" in text
    # the other way round, calibrating again cannot help (the merge keeps the faster runs)
    slow_now = recheck_lines({**check, "ratio_median": 1.3})
    assert "ran slower after the validation" in slow_now[0] and "--recalibrate" not in slow_now[0]


def test_a_calibration_of_this_state_passes(timed_now):
    now, _ = timed_now
    now.update({("dense_winograd", 1.0): 1.0 + RECHECK_TOLERANCE / 2})
    check = recheck_calibration(_profile([("dense_winograd", 1.0, 1.0)]), layer_names=("cal_a",))
    assert check["within"] and check["ratio_median"] == pytest.approx(1.0 + RECHECK_TOLERANCE / 2)
    lines = recheck_lines(check)
    assert len(lines) == 1 and "WARNING" not in lines[0]


def test_nothing_to_check_without_calibration_runs_there(timed_now):
    assert recheck_calibration(bandwidth_bound_profile()) is None          # not calibrated
    assert recheck_calibration(_profile([("dense_winograd", 1.0, 1.0)]),
                               layer_names=("elsewhere",)) is None
    assert recheck_lines(None) == []
