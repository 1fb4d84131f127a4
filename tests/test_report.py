"""Smoke test of the report and the CLI commands on a tiny layer set (fake kernels,
synthetic profile: fast, no profiling)."""

import json

import pandas as pd
import pytest

from test_model import LAYER, bandwidth_bound_profile, fake_registry  # noqa: F401  (fixture)
from winomodel.cli import main
from winomodel.report.network_report import make_report


def test_report_writes_everything(fake_registry, tmp_path):
    layers = [LAYER, LAYER.replace(C=16, K=24, name="toy2")]
    path = make_report(profile=bandwidth_bound_profile(), out_dir=tmp_path, layers=layers,
                       heldout=[LAYER.replace(H=12, W=12, name="held")], densities=(1.0, 0.3, 0.1),
                       repeats=1, min_time=0.0, with_torch=False, echo=lambda m: None)
    names = {p.name for p in tmp_path.iterdir()}
    for f in ("summary.md", "predictions.csv", "sweetspots.csv", "validation.csv",
              "validation_crossovers.csv", "validation_stats.json", "heldout.csv",
              "roofline.png", "speedup_vs_density.png", "sweetspots.png"):
        assert f in names, f
    text = path.read_text()
    assert "Sweet spot" in text and "Held-out" in text and "median_abs_error_pct" in text
    rows = pd.read_csv(tmp_path / "validation.csv")
    assert {"measured_s", "predicted_s", "bound", "effective_gflops", "real_gflops"} <= set(rows.columns)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no temp files left


def test_report_of_a_calibrated_profile_shows_both_models(fake_registry, tmp_path):
    import dataclasses

    profile = dataclasses.replace(bandwidth_bound_profile(), calibration={
        "factors": {"fake_dense": {"products": 2.0}}, "overhead_s": {"fake_dense": 1e-6},
        "layer_names": ["cal_a", "cal_b"], "densities": [1.0, 0.1], "quick": True,
        "fit": {"fake_dense": {"runs": 2, "median_abs_error_pct": 3.0}}})
    path = make_report(profile=profile, out_dir=tmp_path, layers=[LAYER], heldout=[],
                       densities=(1.0, 0.1), repeats=1, min_time=0.0, with_torch=False,
                       echo=lambda m: None)
    text = path.read_text()
    assert "**Calibrated**" in text and "cal_a, cal_b" in text and "fake_dense: products x2.00" in text
    assert "pure roofline (uncalibrated)" in text
    stats = json.loads((tmp_path / "validation_stats.json").read_text())
    assert "median_abs_error_pct" in stats["uncalibrated"]


def _profile_file(tmp_path):
    path = tmp_path / "profile.json"
    bandwidth_bound_profile().save(path)
    return path


def _layers_file(tmp_path):
    path = tmp_path / "layers.csv"
    path.write_text("name,N,C,K,H,W,R,S,stride,pad,groups\ntoy,1,32,32,16,16,3,3,1,1,1\n")
    return path


def _load_synthetic(monkeypatch):
    # a synthetic profile is refused by the machine check; the CLI tests accept it
    from winomodel.machine.profile import MachineProfile

    real = MachineProfile.load
    monkeypatch.setattr(MachineProfile, "load",
                        classmethod(lambda cls, p, check_machine=True: real.__func__(cls, p, check_machine=False)))


def test_cli_predict(fake_registry, tmp_path, monkeypatch, capsys):
    _load_synthetic(monkeypatch)
    out = tmp_path / "pred.csv"
    rc = main(["predict", "--layers", str(_layers_file(tmp_path)), "--densities", "1,0.5,0.1",
               "--profile", str(_profile_file(tmp_path)), "-o", str(out)])
    assert rc == 0
    df = pd.read_csv(out)
    assert len(df) == 6 and {"predicted_s", "bound"} <= set(df.columns)
    spots = pd.read_csv(tmp_path / "pred_sweetspots.csv")
    assert spots["upper_density"].iloc[0] == pytest.approx(0.5, abs=1e-3)
    assert "sweet spots" in capsys.readouterr().out


def test_cli_validate(fake_registry, tmp_path, monkeypatch, capsys):
    _load_synthetic(monkeypatch)
    out = tmp_path / "val.csv"
    rc = main(["validate", "--layers", str(_layers_file(tmp_path)), "--densities", "1,0.1",
               "--profile", str(_profile_file(tmp_path)), "--repeats", "1", "--no-torch", "-o", str(out)])
    assert rc == 0
    assert "measured_s" in pd.read_csv(out).columns
    stats = json.loads((tmp_path / "val_stats.json").read_text())
    assert "median_abs_error_pct" in stats
    assert "90th percentile" in capsys.readouterr().out


def test_cli_bad_input(fake_registry, tmp_path, capsys):
    assert main(["predict", "--layers", str(_layers_file(tmp_path)), "--densities", "1,2",
                 "--profile", "x.json", "-o", str(tmp_path / "a.csv")]) == 2
    assert "density" in capsys.readouterr().err
    assert main(["predict", "--network", "nonet", "--profile", "x.json", "-o", "a.csv"]) == 2
    assert main(["validate", "-o", str(tmp_path / "a.csv")]) == 2


def test_profile_warnings_flag_a_busy_profile():
    from winomodel.machine.profile import MachineProfile
    from winomodel.report.network_report import profile_warnings

    busy = MachineProfile.synthetic(peak_gflops=20.0, compute_gflops={"gemm": 30.0})
    busy.extra = {"theoretical": {"fp32_gflops": 266.0}, "load_average": [4.0, 3.0, 2.0], "quick": True}
    text = "\n".join(profile_warnings(busy))
    assert "theoretical" in text and "gemm" in text and "load average" in text
    assert profile_warnings(MachineProfile.synthetic()) == []


def test_heldout_table_ships_in_the_package_data(monkeypatch):
    """The held-out layers are read from the package's data folder, never from tests/."""
    from winomodel import networks
    from winomodel.report import network_report as report

    expected = [layer.name for layer in report.heldout_layers()]
    assert len(expected) >= 8 and all(name.startswith("heldout/") for name in expected)
    assert len(report.heldout_layers(quick=True)) == report.QUICK_HELDOUT
    assert "heldout" not in networks.network_names() and "layers" not in networks.network_names()
    monkeypatch.setattr(networks, "data_dirs", lambda: [])      # an install without it
    assert report.heldout_layers() == []


def test_targets_table_shows_measured_only_figures_once():
    from winomodel.report.network_report import _targets_table

    stats = {"median_abs_error_pct": 5.0, "crossover_3x3_ratio_tolerance_median_pct": 6.14,
             "measured_iqr_median_pct": 3.0}
    table = _targets_table({**stats, "uncalibrated": {**stats, "median_abs_error_pct": 12.0}})
    assert "| crossover_3x3_ratio_tolerance_median_pct | 6.1 % | – | – | – |" in table
    assert "| measured_iqr_median_pct | 3.0 % | – | – | – |" in table
    assert "| median_abs_error_pct | 5.0 % | <= 15 % | yes | 12.0 % |" in table


def test_quick_report_reads_crossovers_off_the_grid(fake_registry, tmp_path, monkeypatch):
    from winomodel.report import network_report as report

    monkeypatch.setattr(report, "refine_crossovers", lambda *a, **k: pytest.fail("refined in --quick"))
    make_report(profile=bandwidth_bound_profile(), out_dir=tmp_path, layers=[LAYER], heldout=[],
                densities=(1.0, 0.1), repeats=1, min_time=0.0, with_torch=False, quick=True,
                echo=lambda m: None)
    assert (tmp_path / "validation_crossovers.csv").exists()


def test_a_saved_current_profile_is_reused_without_measuring(monkeypatch, tmp_path):
    import dataclasses

    from winomodel.machine import profiler
    from winomodel.report import network_report as report
    from test_profiler import measured_like

    monkeypatch.setenv("WINOMODEL_REPORTS", str(tmp_path))
    lines = []
    assert report._saved_current_profile(True, lines.append) is None          # nothing saved
    saved = measured_like(profiler._check_threads(None), quick=True)
    saved.save(profiler.default_profile_path())
    assert report._saved_current_profile(True, lines.append) is None          # not calibrated
    calibrated = dataclasses.replace(saved, calibration={
        "factors": {"dense_direct": {"products": 1.0}}, "quick": True,
        "kernels_code": profiler.kernels_code_fingerprint()})
    calibrated.save(profiler.default_profile_path())
    assert report._saved_current_profile(True, lines.append) is not None
    assert "reusing" in lines[-1] and "quick calibration" in lines[-1]
    assert report._saved_current_profile(False, lines.append) is None         # a full one asked


def test_a_calibration_on_a_busy_machine_is_flagged():
    import dataclasses

    from winomodel.report.network_report import _calibration_lines

    cal = {"factors": {"dense_direct": {"products": 1.0}}, "parameters": 1, "at_bounds": {},
           "overhead_measured_s": {"dense_direct": 8e-3, "sparse_direct": 40e-6}}
    text = "\n".join(_calibration_lines(dataclasses.replace(bandwidth_bound_profile(), calibration=cal)))
    assert "WARNING" in text and "dense_direct 8.0 ms" in text and "sparse_direct" not in text.split("WARNING")[1]
    assert "factors on a bound of their range: none" in text
