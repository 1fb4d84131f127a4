"""Bad inputs as a user trips on them: every one a clear error (or a right answer),
never a traceback, a hang or a half-written file.  API first, then profiles, then the CLI."""

from __future__ import annotations

import copy
import errno
import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

import naive
import winomodel
from winomodel import fileio
from winomodel.cli import main
from winomodel.errors import (MemoryBudgetError, NetworkTableError, OutputFileError,
                              ProfileError, ShapeError, UnknownKernelError,
                              UnsupportedLayerError, WinomodelError)
from winomodel.layer import ConvLayer
from winomodel.machine.profile import MachineProfile, machine_fingerprint

KERNELS = ["dense_direct", "sparse_direct", "dense_winograd", "sparse_winograd"]
W3 = np.ones((6, 4, 3, 3), np.float32)


# ---- API: shapes and arguments ------------------------------------------------------------
@pytest.mark.parametrize("shape,match", [
    ((1, 4, 8, 8.5), "W must be an integer, got 8.5"),
    ((1, 4, 8.0, 8), "H must be an integer"),
    ((True, 4, 8, 8), "N must be an integer, got True"),
    ((1, 4, "8", 8), "H must be an integer"),
    ((1, 4, None, 8), "H must be an integer"),
    ((0, 4, 8, 8), "N must be >= 1, got 0"),
    ((1, 4, -8, 8), "H must be >= 1, got -8"),
    ((1, 4, 8), r"\(N, C, H, W\)"),
    ((1, 4, 8, 8, 1), r"\(N, C, H, W\)"),
    ("1,4,8,8", r"\(N, C, H, W\)"),
    (8, r"\(N, C, H, W\)"),
])
def test_plan_refuses_bad_input_shape(shape, match):
    with pytest.raises(ShapeError, match=match):
        winomodel.plan(W3, shape)


@pytest.mark.parametrize("x,match", [
    (np.ones((1, 4, 8, 8), np.int32), "floating-point.*int32"),
    (np.ones((1, 4, 8, 8), bool), "floating-point.*bool"),
    (np.ones((1, 4, 8, 8), np.complex64), "floating-point.*complex"),
    (np.array([[["a"]]]), "floating-point"),
    (np.ones((4, 8, 8), np.float32), "4-D"),
    ([[1.0], [1.0, 2.0]], "rectangular"),
    (np.ones((1, 3, 8, 8), np.float32), "channel mismatch"),
    (np.ones((0, 4, 8, 8), np.float32), "N must be >= 1"),
])
@pytest.mark.parametrize("kernel", ["dense_direct", "dense_winograd"])
def test_conv2d_refuses_bad_input(x, match, kernel):
    with pytest.raises(WinomodelError, match=match):
        winomodel.conv2d(x, W3, kernel=kernel)


@pytest.mark.parametrize("options,error,match", [
    ({"stride": 0}, WinomodelError, "stride must be >= 1"),
    ({"stride": 1.5}, WinomodelError, "stride must be an int"),
    ({"stride": True}, WinomodelError, "stride must be an int"),
    ({"stride": (1, 2, 3)}, WinomodelError, "stride must be an int"),
    ({"padding": -1}, WinomodelError, "padding must be >= 0"),
    ({"padding": "1"}, WinomodelError, "padding must be an int"),
    ({"groups": 0}, WinomodelError, "groups"),
    ({"groups": 3}, WinomodelError, "channel mismatch|groups"),
    ({"groups": True}, WinomodelError, "groups"),
    ({"kernel": "fast"}, UnknownKernelError, "unknown kernel 'fast'"),
    ({"kernel": None}, UnknownKernelError, "unknown kernel"),
    ({"kernel": "sparse_direct", "density": 1.5}, WinomodelError, r"\[0, 1\]"),
    ({"kernel": "sparse_direct", "density": float("nan")}, WinomodelError, r"\[0, 1\]"),
    ({"kernel": "sparse_direct", "density": "half"}, WinomodelError, r"\[0, 1\]"),
    ({"kernel": "sparse_direct", "density": True}, WinomodelError, r"\[0, 1\]"),
    ({"kernel": "dense_direct", "density": 0.5}, UnsupportedLayerError, "does not prune"),
    ({"kernel": "dense_winograd", "tile": 3}, WinomodelError, "tile must be one of"),
    ({"kernel": "dense_winograd", "tiles": 2}, WinomodelError, "unknown Winograd kernel option"),
    ({"kernel": "sparse_direct", "tile": 2}, WinomodelError, "takes no options"),
    ({"kernel": "dense_direct", "stride": 9}, WinomodelError, None),  # stride > input: a right answer
])
def test_plan_argument_errors(options, error, match):
    x = np.ones((1, 4, 8, 8), np.float32)
    if match is None:
        y = winomodel.conv2d(x, W3, **options)
        assert y.shape == (1, 6, 1, 1) and np.allclose(y, 36.0)
        return
    with pytest.raises(error, match=match):
        winomodel.conv2d(x, W3, **options)


def test_zero_padding_output_and_no_output_layer():
    with pytest.raises(WinomodelError, match="leaves no output"):
        winomodel.plan(np.ones((2, 4, 5, 5), np.float32), (1, 4, 3, 3))


# ---- API: values -----------------------------------------------------------------------
@pytest.mark.parametrize("kernel", ["dense_direct", "sparse_winograd"])
def test_float64_beyond_float32_range_is_refused(kernel):
    x = np.ones((1, 4, 8, 8))
    x[0, 1, 2, 3] = 1e300
    with pytest.raises(WinomodelError, match=r"input: 1 value\(s\) beyond float32's range.*1e\+300.*\(0, 1, 2, 3\)"):
        winomodel.conv2d(x, W3.astype(np.float64), kernel=kernel)
    w = np.full((6, 4, 3, 3), -1e39)
    with pytest.raises(WinomodelError, match="weights: 216 value.*beyond float32") as info:
        winomodel.conv2d(np.ones((1, 4, 8, 8)), w, kernel=kernel)
    assert "NaN" not in str(info.value)
    # large but representable values run
    assert np.isfinite(winomodel.conv2d(np.full((1, 4, 8, 8), 1e18), W3, kernel=kernel)).all()


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_weights_are_refused(bad):
    w = W3.copy()
    w[0, 0, 0, 0] = bad
    with pytest.raises(WinomodelError, match="1 NaN or Inf"):
        winomodel.plan(w, (1, 4, 8, 8))


# ---- API: Winograd-domain weights are never guessed from the shape -------------------------
@pytest.mark.parametrize("kernel", ["dense_winograd", "sparse_winograd"])
@pytest.mark.parametrize("size", [4, 6, 8])
def test_spatial_alpha_sized_weights_are_spatial(kernel, size, rng):
    x = rng.standard_normal((1, 4, 12, 12)).astype(np.float32)
    w = rng.standard_normal((6, 4, size, size)).astype(np.float32)
    want = naive.conv2d_reference(x.astype(np.float64), w.astype(np.float64))
    for k in (kernel, "dense_direct"):  # PyTorch's shape, PyTorch's values (decomposed pieces)
        y = winomodel.conv2d(x, w, kernel=k)
        assert y.shape == (1, 6, 13 - size, 13 - size)
        np.testing.assert_allclose(y, want, rtol=1e-4, atol=1e-4 * np.abs(want).max())


def test_auto_reads_alpha_sized_weights_as_spatial(rng):
    x = rng.standard_normal((1, 4, 12, 12)).astype(np.float32)
    w = rng.standard_normal((6, 4, 6, 6)).astype(np.float32)
    p = winomodel.plan(w, x.shape, kernel="auto", profile=MachineProfile.synthetic())
    assert p.layer.R == 6 and p(x).shape == (1, 6, 7, 7)
    p = winomodel.plan(w, x.shape, kernel="auto", profile=MachineProfile.synthetic(),
                       weights_domain="winograd")
    assert p.kernel in ("dense_winograd", "sparse_winograd") and p(x).shape == (1, 6, 10, 10)


@pytest.mark.parametrize("shape,options,error,match", [
    ((6, 4, 5, 5), {}, ShapeError, "alpha = tile \\+ r - 1"),
    ((6, 4, 6, 4), {}, ShapeError, "alpha = tile \\+ r - 1"),
    ((6, 4, 3, 3), {}, ShapeError, "alpha = tile \\+ r - 1"),
    ((6, 4, 6, 6), {"tile": 2}, ShapeError, "need tile=4"),
    ((6, 4, 6, 6), {"kernel": "dense_direct"}, UnsupportedLayerError, "spatial weights only"),
    ((6, 4, 6, 6), {"kernel": "sparse_direct"}, UnsupportedLayerError, "spatial weights only"),
])
def test_winograd_domain_weight_errors(shape, options, error, match):
    options = {"kernel": "dense_winograd", **options}
    with pytest.raises(error, match=match):
        winomodel.plan(np.ones(shape, np.float32), (1, 4, 8, 8), weights_domain="winograd", **options)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("domain", ["auto", "Winograd", "", None])
def test_unknown_weights_domain(kernel, domain):
    with pytest.raises(WinomodelError, match="weights_domain must be one of"):
        winomodel.plan(W3, (1, 4, 8, 8), kernel=kernel, weights_domain=domain)


def test_direct_kernels_take_weights_domain_spatial(rng):
    x = rng.standard_normal((1, 4, 8, 8)).astype(np.float32)
    a = winomodel.conv2d(x, W3, kernel="sparse_direct", weights_domain="spatial")
    np.testing.assert_array_equal(a, winomodel.conv2d(x, W3, kernel="sparse_direct"))


# ---- API: sizes are checked before anything proportional to them --------------------------
def test_huge_broadcast_input_is_a_budget_error_not_numpy_memoryerror():
    x = np.broadcast_to(np.float32(1), (4096, 64, 1024, 1024))  # 1 TiB once copied
    for kernel in KERNELS:
        with pytest.raises(MemoryBudgetError, match="GiB"):
            winomodel.conv2d(x, np.ones((8, 64, 3, 3), np.float32), kernel=kernel)
    p = winomodel.plan(np.ones((8, 64, 3, 3), np.float32), (1, 64, 1024, 1024))
    with pytest.raises(MemoryBudgetError):
        p(x)  # a plan for batch 1 meeting a 4096-image batch


@pytest.mark.parametrize("shape", [(10 ** 20, 4, 8, 8), (1, 4, 2 ** 40, 2 ** 40), (2 ** 30, 4, 1024, 1024)])
@pytest.mark.parametrize("kernel", KERNELS)
def test_absurd_sizes_are_budget_errors(shape, kernel):
    with pytest.raises(MemoryBudgetError):
        winomodel.plan(W3, shape, padding=1, kernel=kernel)


def test_layer_too_large_for_any_machine():
    with pytest.raises(MemoryBudgetError, match="too large.*2\\*\\*53"):
        ConvLayer(C=4, K=4, H=8, W=8, N=10 ** 20)
    with pytest.raises(MemoryBudgetError, match="too large"):
        ConvLayer(C=4, K=4, H=8, W=8, stride=10 ** 20)
    with pytest.raises(MemoryBudgetError, match="too large"):
        ConvLayer(C=4, K=4, H=8, W=8, pad=10 ** 16)


@pytest.mark.parametrize("kernel", ["dense_direct", "sparse_direct"])
@pytest.mark.parametrize("stride", [9, 10 ** 12, (1, 10 ** 9), (10 ** 9, 2)])
def test_absurd_stride_on_a_tiny_layer_runs(kernel, stride, rng):
    x = rng.standard_normal((2, 4, 8, 7)).astype(np.float32)
    w = rng.standard_normal((5, 4, 3, 3)).astype(np.float32)
    y = winomodel.conv2d(x, w, stride=stride, padding=1, kernel=kernel)
    ref = naive.conv2d_reference(x.astype(np.float64), w.astype(np.float64), stride=stride, padding=1)
    assert y.shape == ref.shape
    np.testing.assert_allclose(y, ref, rtol=1e-4, atol=1e-4)


# ---- API: NaN and Inf in the input ------------------------------------------------------
def receptive(pos, shape=(10, 10)):
    """Outputs of a 3x3 stride-1 unpadded convolution whose window holds input ``pos``."""
    mask = np.zeros(shape, bool)
    mask[max(0, pos[0] - 2):pos[0] + 1, max(0, pos[1] - 2):pos[1] + 1] = True
    return mask


def tiles_reading(pos, tile, shape=(10, 10)):
    """Outputs of the Winograd tiles whose (tile + 2)^2 input window holds input ``pos``."""
    mask = np.zeros(shape, bool)
    for t0 in range(0, shape[0], tile):
        for t1 in range(0, shape[1], tile):
            if t0 <= pos[0] < t0 + tile + 2 and t1 <= pos[1] < t1 + tile + 2:
                mask[t0:t0 + tile, t1:t1 + tile] = True
    return mask


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("pos", [(0, 0), (1, 1), (5, 6), (11, 11)])
def test_nan_and_inf_in_the_input(kernel, pos):
    """Direct kernels confine NaN/Inf to the outputs whose receptive field holds them and
    keep +Inf as +Inf (PyTorch's behaviour); Winograd kernels may spread them over the
    outputs of every tile whose input window holds them, as NaN (the transforms mix a
    tile's inputs) -- documented in plan()'s Notes."""
    w = np.ones((1, 1, 3, 3), np.float32)
    for bad in (np.nan, np.inf):
        x = np.zeros((1, 1, 12, 12), np.float32)
        x[0, 0][pos] = bad
        y = winomodel.conv2d(x, w, kernel=kernel, **({"tile": 4} if "winograd" in kernel else {}))[0, 0]
        hit = ~np.isfinite(y)
        if "direct" in kernel:
            np.testing.assert_array_equal(hit, receptive(pos))
            assert (np.isnan(y[hit]) if np.isnan(bad) else np.isposinf(y[hit])).all()
        else:
            assert (hit >= receptive(pos)).all() and (hit <= tiles_reading(pos, 4)).all()
    if "winograd" in kernel and pos == (1, 1):  # one +Inf: a whole 4x4 tile of NaN
        assert np.isnan(y[:4, :4]).all() and np.isfinite(y[4:]).all() and np.isfinite(y[:, 4:]).all()


# ---- profiles ---------------------------------------------------------------------------
def profile_dict() -> dict:
    p = MachineProfile.synthetic()
    p.fingerprint = machine_fingerprint(p.threads)
    return p.to_dict()


def changed(d: dict, dotted: str, value):
    d = copy.deepcopy(d)
    keys = dotted.split(".")
    target = d
    for k in keys[:-1]:
        target = target[k]
    if value is KeyError:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return d


BAD_FIELDS = [
    ("bandwidth_gbs", [36.0, 210.0], "bandwidth_gbs must be a table"),
    ("bandwidth_gbs", 36.0, "bandwidth_gbs must be a table"),
    ("bandwidth_gbs", "fast", "bandwidth_gbs must be a table"),
    ("bandwidth_gbs", {}, "no memory level"),
    ("bandwidth_gbs.DRAM", float("inf"), "bandwidth_gbs.DRAM must be a finite positive"),
    ("bandwidth_gbs.DRAM", float("nan"), "bandwidth_gbs.DRAM must be a finite positive"),
    ("bandwidth_gbs.DRAM", -1, "bandwidth_gbs.DRAM must be a finite positive"),
    ("bandwidth_gbs.DRAM", "36", "bandwidth_gbs.DRAM must be a finite positive"),
    ("peak_gflops", [1.0], "peak_gflops must be a table"),
    ("peak_gflops.fp32", float("inf"), "peak_gflops.fp32 must be a finite positive"),
    ("peak_gflops.fp32", 0, "peak_gflops.fp32 must be a finite positive"),
    ("peak_gflops.fp32", True, "peak_gflops.fp32 must be a finite positive"),
    ("peak_gflops.fp64", KeyError, "lacks peak_gflops.fp64"),
    ("level_capacity_bytes", None, "level_capacity_bytes must be a table"),
    ("level_capacity_bytes.L2", KeyError, "lacks level_capacity_bytes.L2"),
    ("level_capacity_bytes.L1", -96000, "level_capacity_bytes.L1"),
    ("compute_gflops", 3, "compute_gflops must be a table"),
    ("compute_gflops.gemm", KeyError, "lacks compute_gflops.gemm"),
    ("compute_gflops.axpy", float("-inf"), "compute_gflops.axpy"),
    ("compute_gflops_by_level", [], "compute_gflops_by_level must be a table"),
    ("compute_gflops_by_level", {"axpy": 3}, "compute_gflops_by_level.axpy must be a table"),
    ("threads", 2.5, "threads must be a positive integer, got 2.5"),
    ("threads", 0, "threads must be a positive integer"),
    ("threads", True, "threads must be a positive integer"),
    ("threads", "2", "threads must be a positive integer"),
    ("threads", KeyError, "incomplete: it lacks threads"),
    ("fingerprint", "mine", "fingerprint must be a table"),
    ("extra", [], "extra must be a table"),
    ("calibration", [], "calibration must be a table"),
    ("calibration", {"factors": [1]}, "calibration.factors must be a table"),
    ("calibration", {"factors": {"dense_direct": {"products": float("inf")}}},
     "calibration.factors.dense_direct.products"),
    ("calibration", {"overhead_s": {"dense_direct": -1e-6}}, "calibration.overhead_s.dense_direct"),
    ("created", 2026, "created must be a date string"),
    ("schema_version", "1", "no valid schema_version"),
    ("schema_version", 99, "newer than this winomodel"),
    ("format", "something-else", "not a winomodel machine profile"),
]


@pytest.mark.parametrize("field,value,match", BAD_FIELDS, ids=[f"{f}={v!r}"[:40] for f, v, _ in BAD_FIELDS])
def test_profile_fields_are_validated(tmp_path, field, value, match):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(changed(profile_dict(), field, value)))
    with pytest.raises(ProfileError, match=match) as info:
        MachineProfile.load(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("content,match", [
    ("", "not valid JSON"),
    ('{"format": "winomodel-machine-profile", "schema', "not valid JSON"),
    ("[1, 2, 3]", "not a winomodel machine profile"),
    ('{"name": "some other tool"}', "not a winomodel machine profile"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8|not valid JSON"),
    ("null", "not a winomodel machine profile"),
])
def test_corrupt_or_foreign_profile_files(tmp_path, content, match):
    path = tmp_path / "p.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ProfileError, match=match):
        MachineProfile.load(path)


def test_profile_path_missing_or_a_directory(tmp_path):
    with pytest.raises(ProfileError, match="no machine profile"):
        MachineProfile.load(tmp_path / "absent.json")
    with pytest.raises(ProfileError, match="cannot read profile"):
        MachineProfile.load(tmp_path)


# ---- file writing -------------------------------------------------------------------------
def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if fileio.TMP_MARK in p.name)


def test_write_errors_name_the_path(tmp_path):
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x")
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(OutputFileError, match="adir: it is a directory"):
        fileio.write_csv(tmp_path / "adir", frame)
    with pytest.raises(OutputFileError, match="afile/out.csv: a part of the path is a file"):
        fileio.write_csv(tmp_path / "afile" / "out.csv", frame)
    with pytest.raises(OutputFileError, match="not a regular file"):
        fileio.write_csv("/dev/null", frame)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("code,reason", [
    (errno.ENOSPC, "no space left"), (errno.EACCES, "permission denied"),
    (errno.EROFS, "read-only"), (errno.EDQUOT, "quota"), (errno.EIO, "input/output error"),
])
def test_write_failure_mid_file_keeps_the_old_file(tmp_path, monkeypatch, code, reason):
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    def failing(self, path, **kw):
        open(path, "w").write("half")
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing)
    with pytest.raises(OutputFileError, match=f"cannot write {target}: .*{reason}"):
        fileio.write_csv(target, pd.DataFrame({"a": [1]}))
    assert target.read_text() == "old\n" and leftovers(tmp_path) == []


def test_write_set_is_all_or_nothing(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.json"
    a.write_text("old a\n")
    with pytest.raises(RuntimeError):
        with fileio.write_set():
            fileio.write_text(a, "new a\n")
            assert a.read_text() == "old a\n"  # staged, not yet in place
            fileio.write_json(b, {"x": 1})
            raise RuntimeError("interrupted between the files")
    assert a.read_text() == "old a\n" and not b.exists() and leftovers(tmp_path) == []
    with fileio.write_set():
        fileio.write_text(a, "new a\n")
        fileio.write_json(b, {"x": 1})
    assert a.read_text() == "new a\n" and json.loads(b.read_text()) == {"x": 1}
    assert oct(a.stat().st_mode & 0o777) != "0o600"  # the usual mode, not mkstemp's


def test_temporaries_of_killed_writers_are_swept(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.csv{fileio.TMP_MARK}{dead.pid}-abcd.csv"
    alive = tmp_path / f".out.csv{fileio.TMP_MARK}1-efgh.csv"  # pid 1 runs: not ours to remove
    stale.write_text("half")
    alive.write_text("half")
    fileio.write_text(tmp_path / "other.txt", "x")
    assert not stale.exists() and alive.exists()


def test_sigkill_mid_write_leaves_only_a_swept_temporary(tmp_path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(winomodel.__file__)))
    script = (f"import sys; sys.path.insert(0, {root!r})\n"
              "import os, signal\nfrom winomodel import fileio\n"
              f"with fileio.atomic_path({str(tmp_path / 'out.csv')!r}) as tmp:\n"
              "    tmp.write_text('half')\n    os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", script])
    assert not (tmp_path / "out.csv").exists() and len(leftovers(tmp_path)) == 1
    fileio.write_text(tmp_path / "out.csv", "whole\n")
    assert (tmp_path / "out.csv").read_text() == "whole\n" and leftovers(tmp_path) == []


# ---- the CLI ------------------------------------------------------------------------------
@pytest.fixture
def env(tmp_path, monkeypatch):
    """A folder with a valid profile and a small layer table; the CLI runs in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "profile.json").write_text(json.dumps(profile_dict()))
    (tmp_path / "layers.csv").write_text("name,C,K,H,R\na,4,8,8,3\nb,8,8,6,1\n")
    return tmp_path


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, err, *fragments):
    assert code == 2, err
    assert "Traceback" not in err
    # the one informational line a command may print first: which profile it uses
    lines = [line for line in err.strip().splitlines() if not line.startswith("profile: ")]
    assert len(lines) == 1 and lines[0].startswith("winomodel ") and ": error: " in lines[0], err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, err)


def predict(capsys, *extra, layers="layers.csv", profile="profile.json", output="out.csv"):
    argv = ["predict", "--layers", layers, "--profile", profile, "-o", output, *extra]
    return run_cli(capsys, *argv)


def test_cli_predict_works(env, capsys):
    code, out, err = predict(capsys)
    assert code == 0, err
    assert (env / "out.csv").exists() and (env / "out_sweetspots.csv").exists()
    assert leftovers(env) == []


@pytest.mark.parametrize("output,fragment", [
    ("adir", "adir: it is a directory"),
    ("afile/out.csv", "afile/out.csv: a part of the path is a file"),
    ("/dev/null", "/dev/null: it exists and is not a regular file"),
])
def test_cli_bad_output_paths(env, capsys, output, fragment):
    (env / "adir").mkdir()
    (env / "afile").write_text("x")
    code, out, err = predict(capsys, output=output)
    assert_one_line_error(code, err, fragment)


@pytest.mark.parametrize("code_,reason", [(errno.EACCES, "permission denied"),
                                          (errno.EROFS, "read-only")])
def test_cli_unwritable_folder(env, capsys, monkeypatch, code_, reason):
    def refuse(*a, **k):
        raise OSError(code_, os.strerror(code_))

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    code, out, err = predict(capsys, output="ro/out.csv")
    assert_one_line_error(code, err, "ro/out.csv", reason)


def test_cli_full_disk_leaves_old_files_whole(env, capsys, monkeypatch):
    assert predict(capsys)[0] == 0
    before = {p: (env / p).read_text() for p in ("out.csv", "out_sweetspots.csv")}
    real = pd.DataFrame.to_csv
    calls = []

    def second_fails(self, path, **kw):  # the first file fits, the second finds the disk full
        calls.append(path)
        if len(calls) == 2:
            open(path, "w").write("half")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, **kw)

    monkeypatch.setattr(pd.DataFrame, "to_csv", second_fails)
    code, out, err = predict(capsys, "--densities", "0.5")
    assert_one_line_error(code, err, "no space left", "out_sweetspots.csv")
    assert {p: (env / p).read_text() for p in before} == before  # neither replaced
    assert leftovers(env) == []


@pytest.mark.parametrize("how,expected", [("sigint", 130), ("sigterm", 143)])
def test_cli_interrupted_mid_write_leaves_nothing_half_written(env, capsys, monkeypatch, how, expected):
    def interrupted(self, path, **kw):
        open(path, "w").write("half")
        os.kill(os.getpid(), signal.SIGINT if how == "sigint" else signal.SIGTERM)
        time.sleep(1)  # the signal lands here

    # Ctrl-C as an interactive Python sees it: a test run started in the background (`cmd &`
    # in a script) inherits SIGINT ignored, and Python then installs no handler for it
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        monkeypatch.setattr(pd.DataFrame, "to_csv", interrupted)
        code, out, err = predict(capsys)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert code == expected and "Traceback" not in err
    assert not (env / "out.csv").exists() and leftovers(env) == []


BAD_ROWS = [
    ("name,C,K,H,R\na,4,8,8.5,3\n", ["line 2", "column H", "expected an integer", "'8.5'"]),
    ("name,C,K,H,R\na,4,8,-8,3\n", ["line 2", "H must be >= 1"]),
    ("name,C,K,H,R\na,0,8,8,3\n", ["line 2", "C must be >= 1"]),
    ("name,C,K,H,R\na,4,8,,3\n", ["line 2", "column H", "empty"]),
    ("name,C,K,H,R\na,4,8,8,3\nb,4,8,x,3\n", ["line 3", "column H"]),
    ("name,C,K,H,R\na,4,8,8\n", ["line 2", "4 cells"]),
    ("name,C,K,H\na,4,8,8\n", ["line 1", "missing required column(s) R"]),
    ("name,C,K,H,R,colour\na,4,8,8,3,red\n", ["unknown column(s) 'colour'"]),
    ("name,C,K,H,R,stride\na,4,8,8,3,0\n", ["line 2", "stride must be >= 1"]),
    ("name,C,K,H,R,pad\na,4,8,8,3,1x\n", ["line 2", "column pad"]),
    ("name,C,K,H,R,groups\na,4,8,8,3,3\n", ["line 2", "groups=3"]),
    ("name,C,K,H,R\na,4,8,2,3\n", ["line 2", "leaves no output"]),
    ("name,C,K,H,R\na,4,8,8,3\na,4,8,8,3\n", ["line 3", "duplicate layer name"]),
    ("", ["is empty"]),
    ("name,C,K,H,R\n", ["no layers"]),
    ("name,C,K,H,R\nbig,1000000,1000000,1000000,3\n", ["line 2", "too large"]),
    ("name,N,C,K,H,R\nbig,100000000000000000000,4,4,8,3\n", ["line 2", "too large"]),
    ("name,C,K,H,R,stride\nbig,4,4,8,3,100000000000000000000\n", ["line 2", "too large"]),
]


@pytest.mark.parametrize("content,fragments", BAD_ROWS, ids=[f"row{i}" for i in range(len(BAD_ROWS))])
def test_cli_bad_layer_tables(env, capsys, content, fragments):
    (env / "bad.csv").write_text(content)
    started = time.perf_counter()
    code, out, err = predict(capsys, layers="bad.csv")
    assert time.perf_counter() - started < 30
    assert_one_line_error(code, err, "bad.csv", *fragments)
    assert not (env / "out.csv").exists()


def test_cli_layer_table_not_a_text_file(env, capsys):
    (env / "bin.csv").write_bytes(b"\x00\x01\x02")
    assert_one_line_error(*predict(capsys, layers="bin.csv")[::2], "bin.csv", "not a CSV text file")
    assert_one_line_error(*predict(capsys, layers="missing.csv")[::2], "missing.csv", "does not exist")
    (env / "adir").mkdir()
    assert_one_line_error(*predict(capsys, layers="adir")[::2], "adir", "is a directory")


def test_cli_huge_but_valid_layer_predicts_quickly(env, capsys):
    (env / "huge.csv").write_text("name,C,K,H,W,R,S\nwide,3,3,30000000,30000000,3,3\n"
                                  "fat,100000,100000,1,1,1,1\nline,3,3,1,3000000000,1,3\n"
                                  "column,3,3,3000000000,1,3,1\n")
    started = time.perf_counter()
    code, out, err = predict(capsys, "--densities", "0.5", layers="huge.csv")
    assert code == 0, err
    assert time.perf_counter() - started < 30


def test_row_segments_closed_form_matches_the_loop(rng):
    from winomodel.kernels import _direct_common as dc

    def by_loop(layer, block):
        geo, count = dc.Geometry.of(layer), 0
        for j0 in range(0, geo.Lpad, block):
            end = min(geo.Lpad, j0 + block)
            for p in range(j0 // geo.Wph, min(layer.P - 1, (end - 1) // geo.Wph) + 1):
                count += min(p * geo.Wph + layer.Q, end) > max(p * geo.Wph, j0)
        return count

    for _ in range(300):
        h, w = (int(v) for v in rng.integers(1, 60, 2))
        layer = ConvLayer(C=1, K=1, H=h, W=w, R=int(rng.integers(1, min(h, 5) + 1)),
                          S=int(rng.integers(1, min(w, 5) + 1)), stride=tuple(int(v) for v in rng.integers(1, 4, 2)),
                          pad=tuple(int(v) for v in rng.integers(0, 2, 2)))
        for block in (16, 48, 128):
            assert dc.row_segments(layer, block) == by_loop(layer, block)


@pytest.mark.parametrize("field,value,fragment", [
    ("bandwidth_gbs", [36.0], "bandwidth_gbs must be a table"),
    ("peak_gflops.fp32", float("inf"), "peak_gflops.fp32 must be a finite positive"),
    ("threads", 2.5, "threads must be a positive integer"),
])
def test_cli_bad_profile_fields(env, capsys, field, value, fragment):
    (env / "bad.json").write_text(json.dumps(changed(profile_dict(), field, value)))
    assert_one_line_error(*predict(capsys, profile="bad.json")[::2], "bad.json", fragment)
    code, out, err = run_cli(capsys, "plot", "roofline", "--profile", "bad.json", "-o", "roof")
    assert_one_line_error(code, err, "bad.json", fragment)


@pytest.mark.parametrize("content,fragment", [
    ("{", "not valid JSON"), ("[]", "not a winomodel machine profile"), ("", "not valid JSON")])
def test_cli_corrupt_profile(env, capsys, content, fragment):
    (env / "bad.json").write_text(content)
    assert_one_line_error(*predict(capsys, profile="bad.json")[::2], "bad.json", fragment)


def test_cli_profile_missing(env, capsys):
    assert_one_line_error(*predict(capsys, profile="nope.json")[::2], "nope.json")


def test_cli_plot_roofline_bad_output(env, capsys):
    (env / "adir.png").mkdir()
    code, out, err = run_cli(capsys, "plot", "roofline", "--profile", "profile.json", "-o", "adir")
    assert_one_line_error(code, err, "adir.png: it is a directory")
    assert leftovers(env) == [] and not (env / "adir.svg").exists()


@pytest.mark.parametrize("argv,fragment", [
    (["predict", "--network", "lenet", "--profile", "profile.json", "-o", "o.csv"], "unknown network 'lenet'"),
    (["predict", "--network", "alexnet", "--profile", "profile.json", "-o", "o.csv", "--densities", "2"], "[0, 1]"),
    (["predict", "--network", "alexnet", "--profile", "profile.json", "-o", "o.csv", "--densities", "nan"], "[0, 1]"),
    (["predict", "--network", "alexnet", "--profile", "profile.json", "-o", "o.csv", "--densities", "x"], "not a number"),
    (["predict", "--network", "alexnet", "--profile", "profile.json", "-o", "o.csv", "--densities", ","], "at least one"),
    (["predict", "--network", "alexnet", "--profile", "profile.json", "-o", "o.csv", "--kernels", "fft"], "unknown kernel 'fft'"),
    (["layers", "--layers", "nope.csv"], "does not exist"),
    (["layers", "--network", ""], "network name"),
    (["validate", "-o", "v.csv"], "give --network"),
])
def test_cli_bad_selections(env, capsys, argv, fragment):
    assert_one_line_error(*run_cli(capsys, *argv)[::2], fragment)


@pytest.mark.parametrize("argv", [
    ["predict", "--network", "alexnet", "-o", "o.csv", "--batch", "0"],
    ["predict", "--network", "alexnet", "-o", "o.csv", "--batch", "1.5"],
    ["predict", "--network", "alexnet", "-o", "o.csv", "--gain", "nan"],
    ["predict", "--network", "alexnet", "-o", "o.csv", "--gain", "1.5"],
    ["bench", "--network", "alexnet", "--threads", "0"],
    ["bench", "--network", "alexnet", "--repeats", "-1"],
    ["bench", "--network", "alexnet", "--min-time", "inf"],
    ["profile", "--threads", "-2"],
    ["layers", "--network", "alexnet", "--batch", "-1"],
    ["nonsense"],
])
def test_cli_bad_arguments_are_usage_errors(env, capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error: " in err


def test_cli_bug_shows_traceback_and_says_so(env, capsys, monkeypatch):
    import winomodel.model.predict as model

    def broken(*a, **k):
        raise RuntimeError("an internal mistake")

    monkeypatch.setattr(model, "predict_rows", broken)
    code, out, err = predict(capsys)
    assert code == 1
    assert "Traceback" in err and "RuntimeError: an internal mistake" in err
    assert "this is a bug in winomodel; please report it" in err
    assert not (env / "out.csv").exists() and leftovers(env) == []


def test_cli_memory_error_is_one_line(env, capsys, monkeypatch):
    import winomodel.model.predict as model

    def oom(*a, **k):
        raise MemoryError()

    monkeypatch.setattr(model, "predict_rows", oom)
    assert_one_line_error(*predict(capsys)[::2], "ran out of memory")


def test_cli_sigterm_handler_restored(env, capsys):
    before = signal.getsignal(signal.SIGTERM)
    assert predict(capsys)[0] == 0
    assert signal.getsignal(signal.SIGTERM) == before


def test_cli_report_unwritable_out_is_found_first(env, capsys):
    (env / "afile").write_text("x")
    code, out, err = run_cli(capsys, "report", "--out", "afile/rep")  # no profiling first
    assert_one_line_error(code, err, "afile/rep/summary.md", "a part of the path is a file")
