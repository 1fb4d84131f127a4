"""The profiler: microbenchmark correctness on tiny inputs, reuse rules, CLI and plot.

No timed assertions: speeds only have to be positive and finite.
"""

import dataclasses
import re

import numpy as np
import pytest

from winomodel.cli import main
from winomodel.errors import ProfileError, WinomodelError
from winomodel.machine import microbench as mb
from winomodel.machine import profiler
from winomodel.machine.profile import MachineProfile, machine_fingerprint


def measured_like(threads, quick=False):
    p = MachineProfile.synthetic(threads=threads)
    p.fingerprint = machine_fingerprint(threads)
    p.extra = {"quick": quick}
    return p


# ---- microbenchmarks compute what they claim ----------------------------------
def test_sweep_and_triad_kernels():
    x = np.concatenate([np.zeros(16), np.arange(16), np.full(16, 2.0), [9.0]]).astype(np.float32)
    mb.sweep_kernel(x, 3, np.float32(0.5))   # thirds of 49 floats: 16 each, the last float untouched
    np.testing.assert_allclose(x[:16], np.arange(16) + 1.0)
    np.testing.assert_allclose(x[16:], np.concatenate([np.arange(16), np.full(16, 2.0), [9.0]]))
    a, b, c = np.zeros(40, np.float32), np.arange(40, dtype=np.float32), np.ones(40, np.float32)
    mb.triad_kernel(a, b, c, np.float32(0.5))
    np.testing.assert_allclose(a, b + 0.5)


def test_axpy_kernel_is_a_csr_row_over_one_run(rng):
    from winomodel.kernels._direct_common import SPARSE_WIDTHS

    run, n_taps = SPARSE_WIDTHS[5], 8  # a width this ISA's micro-kernels exist for
    x = rng.random(200 + run, dtype=np.float32)
    offsets = rng.integers(0, 200, n_taps).astype(np.int64)  # unaligned, like tap offsets
    values = rng.random(n_taps, dtype=np.float32)
    acc = np.full(run, 7.0, np.float32)  # the micro-kernel accumulates into the run
    mb.axpy_kernel(acc, x, values, offsets, 2)
    expected = sum(values[e] * x[offsets[e]:offsets[e] + run].astype(np.float64) for e in range(n_taps))
    np.testing.assert_allclose(acc, 7.0 + 2 * expected, rtol=1e-5)


def test_gemm_kernel_is_rows_by_taps_over_one_run(rng):
    from winomodel.kernels._direct_common import DENSE_BLOCK as run, DENSE_ROWS

    n_taps = 12
    x = rng.random(100 + run, dtype=np.float32)
    offsets = rng.integers(0, 100, n_taps).astype(np.int64)
    weights = rng.random((n_taps, DENSE_ROWS), dtype=np.float32)
    acc = np.ones((DENSE_ROWS, run), np.float32)  # overwritten by each call
    mb.gemm_kernel(acc, x, weights, offsets, 3)
    windows = np.stack([x[o:o + run] for o in offsets]).astype(np.float64)  # (taps, run)
    np.testing.assert_allclose(acc, weights.T.astype(np.float64) @ windows, rtol=1e-5)


def test_stream_transform_kernel(rng):
    d = rng.random((4, 48), dtype=np.float32)
    out = np.zeros_like(d)
    mb.stream_transform_kernel(d, out, 1)
    np.testing.assert_allclose(out, [d[0] - d[2], d[1] + d[2], d[2] - d[1], d[1] - d[3]], rtol=1e-6)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_fma_chains_compute_their_chains(dtype):
    n, iters, seed = mb.FMA_CHAINS[dtype], 1000, 1.0
    chains = seed + np.arange(n) * 1e-3
    for _ in range(iters):
        chains = chains * 0.9999 + 1e-4
    assert mb.fma_chains_kernel(dtype)(iters, seed) == pytest.approx(chains.sum(), rel=1e-4)
    assert mb.fma_chains_kernel(dtype)(0, seed) == pytest.approx(seed * n + 1e-3 * n * (n - 1) / 2, rel=1e-5)


def test_fma_chains_are_full_width_vector_fmas():
    from winomodel.machine.isa import current

    isa = current()
    if not (isa.fma and isa.arch in ("x86_64", "AMD64")):
        pytest.skip("checks x86 FMA assembly")
    register = {512: "zmm", 256: "ymm", 128: "xmm"}[isa.vector_bits]
    for dtype, suffix in (("float32", "ps"), ("float64", "pd")):
        kernel = mb.fma_chains_kernel(dtype)
        kernel(1, 1.0)
        asm = "\n".join(kernel.inspect_asm().values())
        assert "vfmadd" in asm and f"{suffix}\t%{register}" in asm.replace(" ", "\t")


def test_thread_team_runs_every_thread():
    out = np.zeros((2, 16), np.float32)
    with mb.ThreadTeam(2) as team:
        team.run(mb.triad_kernel, [(out[t], out[t] + 1, out[t] + t, np.float32(1.0)) for t in range(2)])
    np.testing.assert_allclose(out, [[1.0] * 16, [2.0] * 16])


# ---- timing rules -----------------------------------------------------------------
def test_noisy_point_is_flagged_not_kept_silently(monkeypatch):
    from winomodel.timing import Timing

    # every measurement comes back with a 40 % spread, however often it is retried
    # (a fake timer: real sleeps averaged out within a sample and made this flaky)
    calls = []

    def jittery_measure(fn, **kwargs):
        calls.append(1)
        return Timing((0.010, 0.018, 0.011), 1)

    monkeypatch.setattr(profiler, "measure", jittery_measure)
    prof = profiler._Profiler(quick=True, threads=1, bar=profiler._Progress(False), team=None)
    value = prof.rate("jittery", lambda: None, 1e9, repeats=3)
    assert len(calls) == profiler.RETRIES + 1  # re-measured before being flagged
    assert value > 0
    assert prof.points["jittery"]["noisy"] is True
    assert "jittery" in prof.noisy


def test_steady_point_is_not_flagged():
    prof = profiler._Profiler(quick=True, threads=1, bar=profiler._Progress(False), team=None)
    x = np.ones(4096, np.float32)
    prof.rate("steady", lambda: mb.sweep_kernel(x, 200, np.float32(0.5)), 12.0 * 4095 // 3 * 200)
    point = prof.points["steady"]
    assert point["value"] > 0 and point["cv"] >= 0 and point["samples"] >= 3


def test_sweep_sizes_cover_the_caches():
    prof = profiler._Profiler(quick=False, threads=2, bar=profiler._Progress(False), team=None)
    sizes = prof.sweep_sizes({"L1": {"size": 48 * 1024, "instances": 2},
                              "L3": {"size": 32 * 2 ** 20, "instances": 1}})
    assert sizes[0] <= 64 * 1024 and sizes[-1] >= 0.99 * 4 * 32 * 2 ** 20
    ratios = sizes[1:] / sizes[:-1]
    assert np.all(ratios > 1.05) and np.all(ratios < 1.15)


# ---- where profiles live and when they are reused ----------------------------------
def test_paths(monkeypatch, tmp_path):
    slug = profiler.machine_slug()
    assert re.fullmatch(r"[a-z0-9-]+-\d+t(-[a-z0-9]+-\d+)?", slug), slug  # regime suffix off-host
    monkeypatch.setenv("WINOMODEL_REPORTS", str(tmp_path))
    assert profiler.report_dir() == tmp_path / slug
    assert profiler.default_profile_path() == tmp_path / slug / "profile.json"


def _fake_calibration(calls=None):
    """A stand-in for calibrate_profile: records the call, adds a current calibration."""
    def fake(profile, *, quick=False, threads=None, progress=True, merge=False):
        if calls is not None:
            calls.append(("calibrate", quick) + (("merge",) if merge else ()))
        cal = {"factors": {"dense_direct": {"products": 1.25}}, "quick": quick, "layers": ["x"],
               "densities": [1.0], "fit": {"dense_direct": {"runs": 1, "median_abs_error_pct": 0.0}},
               "kernels_code": profiler.kernels_code_fingerprint(), "wall_seconds": 0.0}
        return dataclasses.replace(profile, calibration=cal)
    return fake


def test_get_profile_reuses_only_a_matching_profile(monkeypatch, tmp_path):
    calls = []

    def fake_run(*, quick=False, threads=None, progress=True, before_timing=None):
        calls.append(quick)
        return measured_like(threads, quick=quick)

    monkeypatch.setattr(profiler, "run_profile", fake_run)
    monkeypatch.setattr(profiler, "calibrate_profile", _fake_calibration())
    path = tmp_path / "p.json"
    profiler.get_profile(path, quick=True, threads=1)
    profiler.get_profile(path, quick=True, threads=1)
    assert calls == [True]                      # reused
    profiler.get_profile(path, quick=False, threads=1)
    assert calls == [True, False]               # a quick profile does not stand in for a full one
    profiler.get_profile(path, threads=1, force=True)
    assert len(calls) == 3                      # --force
    if profiler._check_threads(None) > 1:
        profiler.get_profile(path, threads=2)
        assert len(calls) == 4                  # other thread count: other setup


def test_calibration_is_redone_only_when_stale(monkeypatch, tmp_path):
    calls = []
    order = []

    def fake_run(*, quick=False, threads=None, progress=True, before_timing=None):
        before_timing()
        order.append("profile")
        return measured_like(threads, quick)

    fake_calibration = _fake_calibration(calls)

    def fake_calibrate(profile, **kw):
        order.append("calibrate")
        return fake_calibration(profile, **kw)

    monkeypatch.setattr(profiler, "run_profile", fake_run)
    monkeypatch.setattr(profiler, "calibrate_profile", fake_calibrate)
    path = tmp_path / "p.json"
    # the hook (a background compile's wait) runs before the profile and the calibration time anything
    p = profiler.get_profile(path, quick=True, threads=1, before_timing=lambda: order.append("wait"))
    assert order == ["wait", "profile", "wait", "calibrate"]
    assert p.calibrated and calls == [("calibrate", True)]
    assert MachineProfile.load(path, check_machine=False).phase_factor("dense_direct", "products") == 1.25
    profiler.get_profile(path, quick=True, threads=1)
    assert len(calls) == 1                                   # current: reused
    monkeypatch.setattr(profiler, "kernels_code_fingerprint", lambda: "other-code")
    profiler.get_profile(path, quick=True, threads=1)
    assert len(calls) == 2                                   # the kernels changed: redone
    assert profiler.get_profile(path, quick=True, threads=1, calibrate=False).calibrated


def test_get_profile_refuses_to_overwrite_corrupt_file(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"format": "winomodel-machine-pro')
    with pytest.raises(ProfileError, match="corrupt or truncated"):
        profiler.get_profile(path, threads=1)


@pytest.mark.parametrize("bad", [0, -1, 1000, 1.5, True])
def test_bad_thread_count(bad):
    with pytest.raises(WinomodelError, match="threads"):
        profiler.run_profile(threads=bad, progress=False)


# ---- command line and plot ------------------------------------------------------------
def test_cli_profile_prints_table(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(profiler, "run_profile",
                        lambda *, quick=False, threads=None, progress=True: measured_like(threads or 1, quick))
    monkeypatch.setattr(profiler, "calibrate_profile", _fake_calibration())
    out = tmp_path / "p.json"
    assert main(["profile", "--quick", "--threads", "1", "-o", str(out), "--no-calibrate"]) == 0
    text = capsys.readouterr().out
    assert "Memory levels" in text and "DRAM" in text and out.exists()
    assert "not calibrated" in text
    assert main(["profile", "--quick", "--threads", "1", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Calibration factors" in text and "products 1.25" in text
    assert main(["profile", "--quick", "--threads", "1", "-o", str(out)]) == 0
    assert "reusing" in capsys.readouterr().out


def test_cli_profile_calibrates_only_when_stale(monkeypatch, tmp_path, capsys):
    calls = []
    monkeypatch.setattr(profiler, "run_profile",
                        lambda *, quick=False, threads=None, progress=True: measured_like(threads or 1, quick))
    monkeypatch.setattr(profiler, "calibrate_profile", _fake_calibration(calls))
    out = tmp_path / "p.json"
    args = ["profile", "--quick", "--threads", "1", "-o", str(out)]
    assert main(args) == 0 and calls == [("calibrate", True)]
    assert main(args) == 0 and len(calls) == 1               # current: reused
    monkeypatch.setattr(profiler, "kernels_code_fingerprint", lambda: "other-code")
    assert main(args) == 0 and len(calls) == 2               # stale: calibrated again
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(args + ["--recalibrate"])                       # retired with the merges


def test_predict_uses_the_saved_profile_and_never_measures_unasked(monkeypatch, tmp_path, capsys):
    """predict reads whatever profile is saved (a quick one too) and says which; with none
    it fails telling the user how to make one, unless --measure."""
    monkeypatch.setenv("WINOMODEL_REPORTS", str(tmp_path / "reports"))
    measured = []
    monkeypatch.setattr(profiler, "run_profile", lambda **kw: measured.append(kw) or measured_like(1, True))
    monkeypatch.setattr(profiler, "calibrate_profile", _fake_calibration())
    args = ["predict", "--network", "alexnet", "--densities", "0.5", "-o", str(tmp_path / "p.csv")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "no saved profile" in err and "winomodel profile --quick" in err and "--measure" in err
    assert measured == []
    measured_like(profiler._check_threads(None), True).save(profiler.default_profile_path())
    assert main(args) == 0
    err = capsys.readouterr().err
    assert str(profiler.default_profile_path()) in err and "quick profile" in err
    assert "not calibrated" in err and measured == []
def test_cli_plot_roofline(tmp_path, capsys):
    path = measured_like(1).save(tmp_path / "p.json")
    assert main(["plot", "roofline", "--profile", str(path), "-o", str(tmp_path / "roof")]) == 0
    assert (tmp_path / "roof.png").stat().st_size > 1000
    assert (tmp_path / "roof.svg").read_text().lstrip().startswith("<?xml")


def test_cli_bad_profile_message(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text("{")
    assert main(["plot", "roofline", "--profile", str(path)]) == 2
    assert "corrupt or truncated" in capsys.readouterr().err


def test_draw_roofline_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from winomodel.machine.roofline_plot import draw_roofline, ridge_points

    p = MachineProfile.synthetic()
    fig, ax = plt.subplots()
    assert draw_roofline(ax, p) is ax
    plt.close(fig)
    ridges = ridge_points(p)
    assert ridges["DRAM"] > ridges["L3"] > ridges["L2"] > ridges["L1"]


@pytest.mark.slow
def test_quick_profile_end_to_end():
    p = profiler.run_profile(quick=True, threads=1, progress=False)
    assert p.peak_gflops["fp32"] > 0 and p.bandwidth_gbs["DRAM"] > 0
    assert "L1" in p.bandwidth_gbs
    assert set(p.compute_gflops) == {"fma_peak", "gemm", "axpy", "stream", "wgemm16", "wgemm32", "wgemm64",
                                     "wsparse16", "wsparse32", "wsparse64", "wrows16", "wrows32", "wrows64"}
    # which width runs fastest per weight depends on the ISA (sized for Arm and run as
    # SSE2, 64 lanes spill: 22 against 31 GFLOP/s at 16), so no order is asserted; the
    # two runs' solution must give a finite, positive time per weight and per visit
    for name in ("wsparse", "wrows"):
        for tb in (16, 32, 64):
            assert 0 < p.compute_gflops[f"{name}{tb}"] < float("inf")
    # the Winograd products' ceilings with U in the last cache and in memory
    assert set(p.compute_gflops_by_level["wgemm16"]) == {"DRAM"}
    sizes = p.extra["consumed_operand_bytes"]   # where those two values were measured
    assert 0 < sizes["cache"] < sizes["memory"]
