"""Validation grid runner and error statistics (fake kernels; real ones once written)."""

import math

import numpy as np
import pandas as pd
import pytest

import winomodel.kernels as kernels_module
import winomodel.perfmodel.validate as validate_module
from test_model import LAYER, bandwidth_bound_profile, fake_registry  # noqa: F401  (fixture)
from winomodel.errors import WinomodelError
from winomodel.layer import ConvLayer
from winomodel.perfmodel.profile import MachineProfile
from winomodel.perfmodel.validate import (REFINE_DENSE_TOLERANCE, REFINE_GAP, REFINE_HALF_WIDTH, REFINE_RETRIES,
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


def test_grid_times_a_slowed_layer_again_at_the_end(fake_registry, monkeypatch):
    """Judged against the whole run's typical canary time, a layer still slowed after the
    guard's retries (here: toy1, which the guard, seeded in a slow spell, had let pass as
    1.0x) is timed after the others; the less slowed of its two timings is kept."""
    import winomodel.perfmodel.validate as validate
    from winomodel.timing import Timing

    canaries = iter([1.9, 1.0, 1.3])      # kept canary medians: toy1, toy2, toy1 again
    order = []

    def fake_guarded(measure, fns, progress=None):
        c = next(canaries)
        order.append((next(iter(fns))[0], c))
        return {key: Timing((c,), 1) for key in fns}, 1.0, c

    waits = []

    def fake_wait(max_wait_s):   # slow at first look, quiet after waiting
        waits.append(max_wait_s)
        return max_wait_s > 0

    monkeypatch.setattr(validate, "guarded", fake_guarded)
    monkeypatch.setattr(validate, "slowdown_of", lambda canary_s: canary_s / 1.0)  # typical 1 s
    monkeypatch.setattr(validate, "wait_for_quiet", fake_wait)
    layers = [LAYER.replace(name="toy1"), LAYER.replace(C=16, name="toy2")]
    df = run_grid(layers, [1.0], bandwidth_bound_profile(), repeats=1, min_time=0.0, with_torch=False)
    assert order == [("toy1", 1.9), ("toy2", 1.0), ("toy1", 1.3)]
    # the late re-timing first looked (0 s), then waited within the run's budget
    assert waits[0] == 0.0 and 0 < waits[1] <= validate.QUIET_WAIT_S and len(waits) == 2
    by_layer = df.groupby("layer")[["slowdown", "measured_s"]].first()
    assert by_layer.loc["toy1"].tolist() == [1.3, 1.3] and by_layer.loc["toy2"].tolist() == [1.0, 1.0]


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
    # the ratio rises 0.4 over 0.1..0.3: a ratio error of 0.05 * 2 moves the crossover by 0.05
    assert row["crossover_ratio_tolerance"] == pytest.approx(0.05 * 0.4 / 0.2)
    stats = error_statistics(df.assign(predicted_s=df["measured_s"]), cross)
    assert stats["crossover_3x3_ratio_tolerance_median_pct"] == pytest.approx(10.0)
    assert stats["crossover_3x3_ratio_tolerance_min_pct"] == pytest.approx(10.0)
    assert "may be off by 10.0 %" in format_statistics(stats)


def _wide_bracket_grid():
    # the sparse kernel crosses the dense one between 0.3 and 1: at 0.3 + 0.7 * 0.2 / 2.2
    return pd.DataFrame([
        dict(layer="toy", density=d, kernel=k, measured_s=t)
        for d, k, t in [(1.0, "fake_dense", 1.0), (0.3, "fake_dense", 1.0), (0.1, "fake_dense", 1.0),
                        (1.0, "fake_sparse", 3.0), (0.3, "fake_sparse", 0.8), (0.1, "fake_sparse", 0.5)]
    ])


def test_refine_crossovers_times_the_sparse_kernel_around_the_interpolated_density(fake_registry):
    grid = _wide_bracket_grid()
    points = refine_crossovers(grid, [LAYER], repeats=2, min_time=0.0, quiet_wait_s=0.0)
    assert tuple(points.columns) == REFINEMENT_COLUMNS
    c = 0.3 + 0.7 * 0.2 / 2.2
    # the interpolated density and REFINE_HALF_WIDTH either side (below: halfway to 0.3)
    want = [round(max(c - REFINE_HALF_WIDTH, (0.3 + c) / 2), 3), round(c, 3), round(c + REFINE_HALF_WIDTH, 3)]
    assert sorted(points["density"].unique()) == pytest.approx(want)
    # one row per density and kept round (the guard drops rounds a busy machine slowed)
    rounds = points.groupby("density")["round"].apply(sorted).tolist()
    assert rounds[0] and set(rounds[0]) <= {0, 1} and all(r == rounds[0] for r in rounds)
    assert set(points["layer"]) == {"toy"} and set(points["kernel"]) == {"fake_sparse"}
    assert set(points["dense_kernel"]) == {"fake_dense"}
    assert (points["measured_s"] > 0).all() and (points["dense_s"] > 0).all()
    assert points["ratio"].to_numpy() == pytest.approx((points["measured_s"] / points["dense_s"]).to_numpy())
    # every density of a round is compared with the dense sample of that same round
    assert (points.groupby("round")["dense_s"].nunique() == 1).all()
    # the grid's 1 s dense time is far from the fake's: timed again (and once more after
    # the other layers), the closest attempt kept
    assert (points["dense_grid_s"] == 1.0).all() and points["attempt"].nunique() == 1
    assert points["attempt"].iloc[0] in range(REFINE_RETRIES + 2)
    # a bracket narrower than the gap is left alone
    narrow = grid.copy()
    narrow.loc[(narrow["kernel"] == "fake_sparse") & (narrow["density"] == 0.3), "measured_s"] = 1.5
    narrow.loc[(narrow["kernel"] == "fake_sparse") & (narrow["density"] == 0.1), "measured_s"] = 0.9
    assert 0.3 - 0.1 > REFINE_GAP
    assert refine_crossovers(narrow, [LAYER], repeats=1, min_time=0.0, gap=0.25).empty


def _scripted_guard(dense_medians, calls):
    """A stand-in for ``guarded`` whose n-th measurement gives the dense kernel the n-th
    median time (and the sparse kernel 1 s)."""
    def fake_guarded(measure, fns, progress=None):
        t = dense_medians[len(calls)]
        calls.append(t)
        return {"dense": Timing((t, t), 1), **{k: Timing((1.0, 1.0), 1) for k in fns if k != "dense"}}, 1.0, 0.0
    return fake_guarded


@pytest.mark.parametrize("medians, attempts, kept", [
    ((1.05,), 1, 0),                  # within the tolerance of the grid's 1.0 s: one attempt
    ((1.3, 0.95), 2, 1),              # timed again until it matches
    ((1.3, 1.15, 1.2), 3, 1),         # never matches: the closest of 1 + REFINE_RETRIES attempts
])
def test_refinement_is_timed_again_while_its_dense_time_is_off_the_grid(monkeypatch, medians, attempts, kept):
    calls = []
    monkeypatch.setattr(validate_module, "guarded", _scripted_guard(medians, calls))
    monkeypatch.setattr(validate_module, "RETRY_PAUSE_S", 0.0)
    notes = []
    off, timed, attempt = validate_module._refinement_timing(
        {"dense": None, ("fake_sparse", 0.5): None}, 1.0, 2, 0.0, REFINE_DENSE_TOLERANCE, REFINE_RETRIES,
        notes.append)
    assert REFINE_DENSE_TOLERANCE == 0.10 and REFINE_RETRIES == 2
    assert len(calls) == attempts and attempt == kept
    assert timed["dense"].samples[0] == medians[kept]
    assert off == pytest.approx(abs(medians[kept] - 1.0))
    assert len(notes) == attempts - (medians[-1] <= 1 + REFINE_DENSE_TOLERANCE)


def test_refinement_off_in_every_attempt_is_timed_again_after_the_other_layers(fake_registry, monkeypatch):
    """Layer toy1's refinement ran its dense kernel 30 % and 25 % off the grid in both
    attempts: after toy2's refinement, once the machine is quiet, it is timed once more (on
    its own operands, not toy2's) and that closer attempt kept; toy2's (on the grid at once)
    is timed once."""
    grid = pd.concat([_wide_bracket_grid().assign(layer=name) for name in ("toy1", "toy2")])
    medians = iter([1.3, 1.25, 1.0, 1.05])   # dense medians: toy1, toy1 again, toy2, toy1 late
    order = []

    def fake_guarded(measure, fns, progress=None):
        for fn in fns.values():
            fn()                      # a plan run on another layer's input raises
        t = next(medians)
        order.append(t)
        return {key: Timing((t if key == "dense" else 0.9 * t,) * 2, 1) for key in fns}, 1.0, 0.0

    waits = []
    monkeypatch.setattr(validate_module, "guarded", fake_guarded)
    monkeypatch.setattr(validate_module, "RETRY_PAUSE_S", 0.0)
    monkeypatch.setattr(validate_module, "wait_for_quiet", lambda s: waits.append(s) or True)
    layers = [LAYER.replace(name="toy1"), LAYER.replace(C=16, name="toy2")]
    notes = []
    points = refine_crossovers(grid, layers, repeats=2, min_time=0.0, retries=1, progress=notes.append)
    assert order == [1.3, 1.25, 1.0, 1.05] and waits == [0.0]
    toy1, toy2 = points[points["layer"] == "toy1"], points[points["layer"] == "toy2"]
    assert (toy1["dense_s"] == 1.05).all() and set(toy1["attempt"]) == {2}     # retries + 1: the late one
    assert (toy2["dense_s"] == 1.0).all() and set(toy2["attempt"]) == {0}
    assert list(points["layer"].unique()) == ["toy1", "toy2"]                    # grid order kept
    assert any(n.startswith("[again 1/1, dense 25 % off its grid time]") for n in notes)


def test_a_late_refinement_further_off_than_the_kept_one_is_dropped(fake_registry, monkeypatch):
    medians = iter([1.2, 1.5])   # dense medians: the refinement, then its late timing

    def fake_guarded(measure, fns, progress=None):
        t = next(medians)
        return {key: Timing((t, t), 1) for key in fns}, 1.0, 0.0

    monkeypatch.setattr(validate_module, "guarded", fake_guarded)
    monkeypatch.setattr(validate_module, "wait_for_quiet", lambda s: True)
    points = refine_crossovers(_wide_bracket_grid(), [LAYER], repeats=2, min_time=0.0, retries=0)
    assert (points["dense_s"] == 1.2).all() and set(points["attempt"]) == {0}


def test_bracket_stays_between_the_grid_densities():
    assert _bracket(0.5, 0.3, 1.0, 0.05) == [0.45, 0.5, 0.55]
    assert _bracket(0.31, 0.3, 1.0, 0.05) == [0.305, 0.31, 0.36]      # halfway to 0.3
    assert _bracket(0.98, 0.3, 1.0, 0.05) == [0.93, 0.98, 0.99]       # halfway to 1
    assert _bracket(0.0004, 0.0, 0.1, 0.05) == [0.05]                 # the others round to 0


def _points(rows, dense_s=1.0):
    return pd.DataFrame([dict(layer="toy", kernel="fake_sparse", density=d, round=i, measured_s=r * dense_s,
                              dense_kernel="fake_dense", dense_s=dense_s, ratio=r, dense_grid_s=1.0,
                              attempt=0) for d, i, r in rows],
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


def test_measure_interleaved_times_every_callable():
    from winomodel.perfmodel.validate import measure_interleaved

    calls = {"a": 0, "b": 0}

    def make(key):
        def fn():
            calls[key] += 1
        return fn

    out = measure_interleaved({"a": make("a"), "b": make("b")}, repeats=3, min_time=0.0)
    assert set(out) == {"a", "b"} and all(len(t.samples) == 3 for t in out.values())
    assert calls["a"] == 2 + 3 * out["a"].calls_per_sample
