"""Validation grid runner and error statistics (fake kernels; real ones once written)."""

import math

import numpy as np
import pandas as pd
import pytest

import winomodel.kernels as kernels_module
import winomodel.evaluation.validate as validate_module
from test_model import LAYER, bandwidth_bound_profile, fake_registry  # noqa: F401  (fixture)
from winomodel.errors import WinomodelError
from winomodel.layer import ConvLayer
from winomodel.machine.profile import MachineProfile
from winomodel.evaluation.validate import (REFINE_GAP, REFINE_HALF_WIDTH,
                                          REFINEMENT_COLUMNS, _bracket,
                                          bracket_crossover, cell_choices, crossover_rows,
                                          error_statistics, format_statistics, refine_crossovers,
                                          run_grid)
from winomodel.timing import Timing


def test_grid_measures_dense_once_and_repeats_it(fake_registry):
    layers = [LAYER, LAYER.replace(C=16, name="toy2")]
    df = run_grid(layers, [1.0, 0.1], bandwidth_bound_profile(), repeats=2, min_time=0.0,
                  with_torch=False)
    assert len(df) == 2 * 2 * 2
    for col in ("measured_s", "measured_cv", "measured_spread", "error_pct", "predicted_s",
                "measured_speedup_vs_best_dense"):
        assert col in df.columns
    dense = df[df["kernel"] == "fake_dense"]
    assert dense.groupby("layer")["measured_s"].nunique().max() == 1
    assert (df["measured_s"] > 0).all()


def test_grid_times_each_layer_once_in_interleaved_rounds(fake_registry, monkeypatch):
    """One measurement per layer through the one timing policy, nothing timed again."""
    import winomodel.evaluation.validate as validate

    calls = []

    def fake_rounds(fns, repeats, min_time):
        calls.append(sorted(k[0] for k in fns))
        return {key: Timing((1.0, 2.0, 3.0), 1) for key in fns}

    monkeypatch.setattr(validate, "measure_rounds", fake_rounds)
    layers = [LAYER.replace(name="toy1"), LAYER.replace(C=16, name="toy2")]
    df = run_grid(layers, [1.0, 0.5], bandwidth_bound_profile(), repeats=3, min_time=0.0, with_torch=False)
    assert [set(c) for c in calls] == [{"toy1"}, {"toy2"}]
    assert (df["measured_s"] == 2.0).all() and np.allclose(df["measured_iqr"], 0.5)
    assert "slowdown" not in df.columns


def test_grid_with_torch_adds_speedup(fake_registry):
    pytest.importorskip("torch")
    df = run_grid([LAYER], [0.5], bandwidth_bound_profile(), repeats=1, min_time=0.0)
    assert (df["torch_s"] > 0).all() and "measured_speedup_vs_torch" in df.columns


def _handmade():
    # two cells; in the first the model picks the fastest, in the second it picks a kernel
    # 20 % slower than the fastest
    return pd.DataFrame([
        dict(layer="a", density=1.0, kernel="fake_dense", predicted_s=1.0, measured_s=1.0),
        dict(layer="a", density=1.0, kernel="fake_sparse", predicted_s=2.0, measured_s=2.5),
        dict(layer="a", density=0.1, kernel="fake_dense", predicted_s=1.0, measured_s=1.0),
        dict(layer="a", density=0.1, kernel="fake_sparse", predicted_s=0.5, measured_s=1.2),
    ])


def test_error_statistics_known_values(fake_registry):
    df = _handmade()
    stats = error_statistics(df)
    errors = sorted([0.0, 20.0, 0.0, 100 * 0.7 / 1.2])
    assert stats["median_abs_error_pct"] == pytest.approx((errors[1] + errors[2]) / 2)
    assert stats["fastest_exact_fraction"] == 0.5
    assert stats["fastest_within_tolerance_fraction"] == 0.5
    assert stats["worst_time_lost_pct"] == pytest.approx(20.0)
    cells = cell_choices(df)
    assert list(cells["predicted_fastest"]) == ["fake_dense", "fake_sparse"]
    assert "median" in format_statistics(stats)


def test_crossover_rows(fake_registry):
    df = pd.DataFrame([
        dict(layer="toy", density=d, kernel=k, measured_s=t)
        for d, k, t in [(1.0, "fake_dense", 1.0), (0.3, "fake_dense", 1.0), (0.1, "fake_dense", 1.0),
                        (1.0, "fake_sparse", 3.0), (0.3, "fake_sparse", 1.2), (0.1, "fake_sparse", 0.8)]
    ])
    cross = crossover_rows(df, [LAYER], bandwidth_bound_profile())
    row = cross.iloc[0]
    assert row["measured_crossover"] == pytest.approx(0.1 + 0.2 * 0.2 / 0.4)
    assert row["predicted_crossover"] == pytest.approx(0.5, abs=1e-3)
    assert row["crossover_error"] == pytest.approx(0.5 - row["measured_crossover"], abs=1e-3)
    assert bool(row["is_3x3"])
    # the ratio rises 0.4 over 0.1..0.3: a ratio error of 0.1 * 2 moves the crossover by 0.1
    assert row["crossover_ratio_tolerance"] == pytest.approx(0.1 * 0.4 / 0.2)
    stats = error_statistics(df.assign(predicted_s=df["measured_s"]), cross)
    assert stats["crossover_3x3_ratio_tolerance_median_pct"] == pytest.approx(20.0)
    assert stats["crossover_3x3_ratio_tolerance_min_pct"] == pytest.approx(20.0)
    assert "may be off by 20.0 %" in format_statistics(stats)


def _wide_bracket_grid():
    # the sparse kernel crosses the dense one between 0.3 and 1: at 0.3 + 0.7 * 0.2 / 2.2
    return pd.DataFrame([
        dict(layer="toy", density=d, kernel=k, measured_s=t)
        for d, k, t in [(1.0, "fake_dense", 1.0), (0.3, "fake_dense", 1.0), (0.1, "fake_dense", 1.0),
                        (1.0, "fake_sparse", 3.0), (0.3, "fake_sparse", 0.8), (0.1, "fake_sparse", 0.5)]
    ])


def test_refine_crossovers_times_the_sparse_kernel_around_the_interpolated_density(fake_registry):
    grid = _wide_bracket_grid()
    points = refine_crossovers(grid, [LAYER], repeats=2, min_time=0.0)
    assert tuple(points.columns) == REFINEMENT_COLUMNS
    c = 0.3 + 0.7 * 0.2 / 2.2
    # the interpolated density and REFINE_HALF_WIDTH either side (below: halfway to 0.3)
    want = [round(max(c - REFINE_HALF_WIDTH, (0.3 + c) / 2), 3), round(c, 3), round(c + REFINE_HALF_WIDTH, 3)]
    assert sorted(points["density"].unique()) == pytest.approx(want)
    # one row per density and round
    rounds = points.groupby("density")["round"].apply(sorted).tolist()
    assert all(r == [0, 1] for r in rounds)
    assert set(points["layer"]) == {"toy"} and set(points["kernel"]) == {"fake_sparse"}
    assert set(points["dense_kernel"]) == {"fake_dense"}
    assert (points["measured_s"] > 0).all() and (points["dense_s"] > 0).all()
    assert points["ratio"].to_numpy() == pytest.approx((points["measured_s"] / points["dense_s"]).to_numpy())
    # every density of a round is compared with the dense sample of that same round
    assert (points.groupby("round")["dense_s"].nunique() == 1).all()
    assert (points["dense_grid_s"] == 1.0).all()
    # a bracket narrower than the gap is left alone
    narrow = grid.copy()
    narrow.loc[(narrow["kernel"] == "fake_sparse") & (narrow["density"] == 0.3), "measured_s"] = 1.5
    narrow.loc[(narrow["kernel"] == "fake_sparse") & (narrow["density"] == 0.1), "measured_s"] = 0.9
    assert 0.3 - 0.1 > REFINE_GAP
    assert refine_crossovers(narrow, [LAYER], repeats=1, min_time=0.0, gap=0.25).empty


def test_bracket_stays_between_the_grid_densities():
    assert _bracket(0.5, 0.3, 1.0, 0.05) == [0.45, 0.5, 0.55]
    assert _bracket(0.31, 0.3, 1.0, 0.05) == [0.305, 0.31, 0.36]      # halfway to 0.3
    assert _bracket(0.98, 0.3, 1.0, 0.05) == [0.93, 0.98, 0.99]       # halfway to 1
    assert _bracket(0.0004, 0.0, 0.1, 0.05) == [0.05]                 # the others round to 0


def _points(rows, dense_s=1.0):
    return pd.DataFrame([dict(layer="toy", kernel="fake_sparse", density=d, round=i, measured_s=r * dense_s,
                              dense_kernel="fake_dense", dense_s=dense_s, ratio=r, dense_grid_s=1.0)
                         for d, i, r in rows],
                        columns=list(REFINEMENT_COLUMNS))


def test_bracket_crossover_fits_a_line_and_gives_the_rounds_range():
    dens = (0.45, 0.5, 0.55)
    # round 0 runs the sparse kernel 2 % slower than the median, round 2 2 % faster
    pts = _points([(d, i, 2 * d * f) for d in dens for i, f in enumerate((1.02, 1.0, 0.98))])
    centre, low, high = bracket_crossover(pts)
    assert centre == pytest.approx(0.5)
    assert low == pytest.approx(0.5 / 1.02) and high == pytest.approx(0.5 / 0.98)
    # the median root, not the root of the median ratios: one round off at one density
    # moves the median ratios' line, not the median of the rounds' roots
    skewed = _points([(d, i, 2 * d * f) for d in dens for i, f in enumerate((1.0, 1.01, 1.02))]
                     + [(0.55, 3, 1.5), (0.5, 3, 1.0), (0.45, 3, 0.5)])
    centre, low, high = bracket_crossover(skewed)
    assert centre == pytest.approx(np.median([0.5, 0.5 / 1.01, 0.5 / 1.02, 0.5]))
    assert low <= centre <= high
    # fewer than half the rounds with a root: the median ratios' line, no range
    few = _points([(d, 0, 2 * d) for d in dens] + [(d, 1, 0.8) for d in dens] + [(d, 2, 1.2) for d in dens])
    assert bracket_crossover(few) == (pytest.approx(0.5), None, None)
    # a line that falls, or whose root lies far outside the bracket, gives none
    assert bracket_crossover(_points([(d, 0, 2 - 2 * d) for d in dens])) == (None, None, None)
    assert bracket_crossover(_points([(d, 0, 0.5 + 0.01 * d) for d in dens])) == (None, None, None)
    assert bracket_crossover(_points([(0.4, 0, 1.1), (0.4, 1, 1.2)])) == (None, None, None)


def test_crossover_rows_use_the_bracket_line(fake_registry):
    grid = _wide_bracket_grid()
    # around 0.4, in rounds where the dense kernel ran at 1.2 s (its grid time: 1.0 s): ratios
    # 0.9, 1.0, 1.1 at 0.35, 0.4, 0.45 -- the crossover is 0.4 whatever the grid's
    # interpolation says
    pts = _points([(d, i, r) for d, r in ((0.35, 0.9), (0.4, 1.0), (0.45, 1.1)) for i in range(3)],
                  dense_s=1.2)
    row = crossover_rows(grid, [LAYER], bandwidth_bound_profile(), pts).iloc[0]
    assert row["refine_dense_deviation"] == pytest.approx(0.2)
    assert row["measured_crossover_grid"] == pytest.approx(0.3 + 0.7 * 0.2 / 2.2)
    assert row["measured_crossover"] == pytest.approx(0.4)
    assert row["measured_crossover_low"] == pytest.approx(0.4) == row["measured_crossover_high"]
    assert row["crossover_error"] == pytest.approx(row["predicted_crossover"] - 0.4, abs=1e-9)


def test_crossover_rows_fall_back_to_interpolating_a_single_refinement(fake_registry):
    grid = _wide_bracket_grid()
    # one density only (no line): measured at 0.4, sparse 1.3 x the dense time of its own
    # rounds; interpolated with the grid point at 0.3 (ratio 0.8): below 0.4
    pts = _points([(0.4, 0, 1.25), (0.4, 1, 1.3), (0.4, 2, 1.35)])
    row = crossover_rows(grid, [LAYER], bandwidth_bound_profile(), pts).iloc[0]
    assert row["measured_crossover"] == pytest.approx(0.3 + 0.1 * 0.2 / 0.5)
    assert pd.isna(row["measured_crossover_low"]) and pd.isna(row["measured_crossover_high"])
    # without a refinement there is no dense deviation to tell
    assert pd.isna(crossover_rows(grid, [LAYER], bandwidth_bound_profile()).iloc[0]["refine_dense_deviation"])


def test_bad_input():
    with pytest.raises(WinomodelError, match="lack columns"):
        error_statistics(pd.DataFrame({"x": [1]}))
    with pytest.raises(WinomodelError, match="at least one layer"):
        run_grid([], [1.0], MachineProfile.synthetic())


@pytest.mark.slow  # JIT-compiles all four real kernels when the Numba cache is cold
def test_real_kernels_tiny_grid():
    """Smoke: the real kernels on a tiny grid (skips until every kernel is written)."""
    layer = ConvLayer(C=8, K=8, H=8, W=8, pad=1, name="tiny")
    prof = MachineProfile.synthetic()
    try:
        for n in kernels_module.kernel_names():
            k = kernels_module.get_kernel(n)
            k.work(layer, 0.5 if k.sparse else 1.0)
        df = run_grid([layer], [1.0, 0.3], prof, repeats=1, min_time=0.0, with_torch=False)
    except NotImplementedError as exc:
        pytest.skip(f"kernels not written yet: {exc}")
    stats = error_statistics(df, crossover_rows(df, [layer], prof))
    assert math.isfinite(stats["median_abs_error_pct"])
    assert set(df["kernel"]) == set(kernels_module.kernel_names())


def test_measure_rounds_times_every_callable_in_rounds():
    from winomodel.timing import measure_rounds

    calls = {"a": 0, "b": 0}

    def make(key):
        def fn():
            calls[key] += 1
        return fn

    out = measure_rounds({"a": make("a"), "b": make("b")}, repeats=3, min_time=0.0)
    assert set(out) == {"a", "b"} and all(len(t.samples) == 3 for t in out.values())
    assert calls["a"] == 2 + 3 * out["a"].calls_per_sample
    assert all(t.iqr_rel >= 0 for t in out.values())


def test_timing_reports_median_and_interquartile_spread():
    t = Timing((1.0, 2.0, 3.0, 4.0, 100.0), 1)
    assert t.median == 3.0 and t.iqr_rel == pytest.approx((4.0 - 2.0) / 3.0)
    assert Timing((2.0,), 1).iqr_rel == 0.0
