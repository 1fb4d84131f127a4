"""Smoke tests of the benchmark (no timed assertions) and of its argument checks."""

import math
import re

import pandas as pd
import pytest

from conftest import HAVE_TORCH
from winomodel import bench
from winomodel.cli import main
from winomodel.errors import NetworkTableError, UnknownKernelError, WinomodelError
from winomodel.kernels import kernel_names
from winomodel.layer import ConvLayer
from winomodel.machine.profile import MachineProfile

TINY = ConvLayer(C=4, K=8, H=6, W=6, R=3, S=3, pad=1, name="tiny")
FAST = dict(repeats=2, min_time=0.0)


def _check_rows(results, kernels, densities):
    assert list(results.columns) == list(bench.COLUMNS)
    expected = (set(kernels) | ({bench.TORCH} if HAVE_TORCH else set())
                | ({bench.ORT} if bench._onnxruntime_available() else set()))
    assert set(results["kernel"]) == expected
    assert len(results) == len(expected) * len(densities)
    for r in results.itertuples():
        # a kernel either ran, or was skipped with a reason (not implemented, unsupported layer)
        if r.note:
            assert r.note.startswith("skipped:"), r.note
            assert math.isnan(r.median_ms)
        else:
            assert r.median_ms > 0 and r.real_gflops > 0 and r.effective_gflops > 0
            assert r.cv >= 0 and r.samples == 2


def test_run_bench_smoke_on_a_tiny_layer():
    densities = [1.0, 0.25]
    results = bench.run_bench([TINY], batches=[1], densities=densities, **FAST)
    _check_rows(results, kernel_names(), densities)
    # dense kernels and torch are measured once and repeated for every density
    for kernel in kernel_names(sparse=False) + ([bench.TORCH] if HAVE_TORCH else []):
        rows = results[results.kernel == kernel]
        assert rows["median_ms"].nunique(dropna=False) == 1
    if HAVE_TORCH:
        assert (results[results.kernel == bench.TORCH]["speedup_vs_torch"] == 1.0).all()
    sparse_rows = results[results.kernel.isin(kernel_names(sparse=True))].dropna(subset=["median_ms"])
    for r in sparse_rows.itertuples():
        assert r.stored_density <= r.density + 1e-6 or r.density == 1.0
    assert results["pct_peak"].isna().all()  # no profile given
    summary = bench.summarize(results)
    assert list(summary.columns) == ["kernel", "density", "cells", "geomean_speedup_vs_torch",
                                     "geomean_speedup_vs_peer", "geomean_speedup_vs_best_dense"]


def test_unsupported_layers_are_skipped_with_a_note():
    # stride 4 is beyond the Winograd kernels' polyphase split: routed, the reason noted
    layer = ConvLayer(C=4, K=4, H=17, W=17, R=5, S=5, stride=4, pad=2, name="k5s4")
    results = bench.run_bench([("mine", layer)], densities=[0.5], torch=False, **FAST)
    for kernel in kernel_names():
        (note,) = results.loc[results.kernel == kernel, "note"]
        if "winograd" in kernel:
            assert note.startswith("skipped:") and "stride (4, 4)" in note and "dense_direct" in note
        else:
            assert note == ""
    assert (results["network"] == "mine").all()


def test_profile_gives_percent_of_peak():
    profile = MachineProfile.synthetic(peak_gflops=100.0)
    results = bench.run_bench([TINY], densities=[1.0], kernels=["dense_winograd"], torch=False,
                              profile=profile, **FAST)
    ran = results.dropna(subset=["median_ms"])
    for r in ran.itertuples():
        assert r.pct_peak == pytest.approx(r.real_gflops)  # peak is 100 GFLOP/s


def test_cli_writes_the_csv(tmp_path, capsys):
    table = tmp_path / "layers.csv"
    table.write_text("name,C,K,H,R,pad\ntiny,4,8,6,3,1\nother,4,4,6,1,0\n")
    out = tmp_path / "sub" / "bench.csv"
    rc = main(["bench", "--layers", str(table), "--select", "tiny", "--batch", "1,2",
               "--densities", "1,0.2", "--repeats", "2", "--min-time", "0", "-o", str(out)])
    assert rc == 0
    results = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert set(results["layer"]) == {"tiny"} and set(results["batch"]) == {1, 2}
    assert set(kernel_names()) <= set(results["kernel"])
    printed = capsys.readouterr().out
    assert "geomean speedups" in printed and str(out.name) in printed
    assert not list(out.parent.glob(".bench.csv.*"))  # atomic write left no temporary file


def test_suite_issue5_layers():
    pairs = bench.resolve_layers(suite="issue5")
    assert [(n, l.name) for n, l in pairs] == [
        ("vgg16", "conv3_2"), ("vgg16", "conv4_2"), ("vgg16", "conv5_2"),
        ("alexnet", "conv3"), ("alexnet", "conv4"), ("alexnet", "conv5")]
    assert all(l.is_unit_stride_3x3 for _, l in pairs)


def test_suite_issue22_layers():
    """ResNet-50's stride-2 3x3s, GoogLeNet's 5x5s and AlexNet conv2: all run by both
    Winograd kernels, decomposed."""
    from winomodel.kernels import get_kernel

    pairs = bench.resolve_layers(suite="issue22")
    assert len(pairs) == 13
    assert sum(l.stride == (2, 2) and (l.R, l.S) == (3, 3) for _, l in pairs) == 3
    assert sum((l.R, l.S) == (5, 5) for _, l in pairs) == 10
    assert all(get_kernel(k).supports(l) for _, l in pairs for k in ("dense_winograd", "sparse_winograd"))


@pytest.mark.parametrize("kwargs, error, pattern", [
    (dict(kernels=["fast_conv"]), UnknownKernelError, r"unknown kernel 'fast_conv'.*dense_direct"),
    (dict(kernels=[]), UnknownKernelError, r"no kernel given"),
    (dict(densities=[]), WinomodelError, r"at least one"),
    (dict(densities=[0.5, 1.5]), WinomodelError, r"1\.5"),
    (dict(densities=["a"]), WinomodelError, r"'a'"),
    (dict(batches=[0]), WinomodelError, r"batch sizes must be positive integers, got 0"),
    (dict(batches=[1.5]), WinomodelError, r"1\.5"),
    (dict(repeats=0), WinomodelError, r"repeats must be an integer >= 1"),
    (dict(min_time=-1), WinomodelError, r"min_time"),
    (dict(threads=0), WinomodelError, r"threads must be an integer"),
])
def test_run_bench_argument_errors(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        bench.run_bench([TINY], **{**FAST, **kwargs})


def test_run_bench_refuses_non_layers():
    with pytest.raises(WinomodelError, match="no layers"):
        bench.run_bench([])
    with pytest.raises(WinomodelError, match="ConvLayer"):
        bench.run_bench(["conv3"])


@pytest.mark.parametrize("kwargs, pattern", [
    (dict(network="lenet"), r"unknown network 'lenet'"),
    (dict(network="alexnet", select="conv9"), r"no layer named 'conv9'"),
    (dict(suite="issue9"), r"unknown suite 'issue9'.*issue5"),
    (dict(), r"exactly one"),
    (dict(network="alexnet", suite="issue5"), r"exactly one"),
])
def test_resolve_layers_errors(kwargs, pattern):
    with pytest.raises(NetworkTableError, match=pattern):
        bench.resolve_layers(**kwargs)


@pytest.mark.parametrize("argv, pattern", [
    (["--network", "alexnet", "--batch", "1,x"], r"--batch: 'x' is not a valid int"),
    (["--network", "alexnet", "--densities", "0.1,,0.2"], r"--densities: '' is not a valid float"),
    (["--network", "alexnet", "--kernels", "nope"], r"unknown kernel 'nope'"),
    (["--network", "nonet"], r"unknown network 'nonet'"),
    (["--network", "alexnet", "--batch", "0"], r"batch sizes must be positive"),
    (["--network", "alexnet", "-o", "out.json"], r"must end in \.csv"),
    (["--network", "alexnet", "--profile", "/nonexistent/profile.json"], r"no machine profile"),
])
def test_cli_argument_errors(argv, pattern, capsys):
    assert main(["bench", *argv]) == 2
    assert re.search(pattern, capsys.readouterr().err)


def test_onnxruntime_is_a_second_peer_and_ratios_take_the_faster():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    layer = ConvLayer(N=1, C=8, K=12, H=9, W=9, R=3, S=3, pad=1, stride=2, groups=2, name="l")
    r = bench.run_bench([layer], densities=[0.5], kernels="dense_direct", repeats=2, min_time=0.0,
                        torch=True, onnxruntime=True)
    assert set(r["kernel"]) == {"dense_direct", "torch", "onnxruntime"}
    peer_ms = r.set_index("kernel")["median_ms"][["torch", "onnxruntime"]]
    assert (r["peer"] == peer_ms.idxmin()).all()
    ours = r.set_index("kernel").loc["dense_direct"]
    assert ours["speedup_vs_peer"] == pytest.approx(peer_ms.min() / ours["median_ms"])
    assert "geomean_speedup_vs_peer" in bench.summarize(r).columns


def test_onnxruntime_conv_computes_the_convolution(rng, monkeypatch):
    """The peer is timed on the same convolution (strides, pads, groups) as ours."""
    pytest.importorskip("onnxruntime")
    import numpy as np
    from naive import conv2d_reference

    layer = ConvLayer(N=2, C=4, K=6, H=7, W=8, R=3, S=3, pad=1, stride=2, groups=2, name="l")
    x = rng.standard_normal(layer.input_shape).astype(np.float32)
    w = rng.standard_normal(layer.weight_shape).astype(np.float32)
    outputs = []
    timed = bench.measure

    def keep_output(fn, **kw):
        outputs.append(fn()[0])
        return timed(fn, **kw)

    monkeypatch.setattr(bench, "measure", keep_output)
    bench._time_onnxruntime(w, x, layer, 1, 0.0, 1)
    ref = conv2d_reference(x, w, stride=2, padding=1, groups=2)
    np.testing.assert_allclose(outputs[0], ref, rtol=1e-4, atol=1e-4)
