"""The layer value, validation helpers, registry, timing and atomic writes."""

import json

import numpy as np
import pytest

import winomodel
from winomodel import ConvLayer
from winomodel.errors import (MemoryBudgetError, ShapeError, UnknownKernelError,
                              WinomodelError)
from winomodel.fileio import atomic_path, write_csv, write_json
from winomodel.timing import measure
from winomodel.validation import as_float32_array, check_density
from winomodel.work import Phase, WorkEstimate


def test_layer_output_shape_matches_pytorch_formula():
    layer = ConvLayer(C=3, K=96, H=227, W=227, R=11, S=11, stride=4, name="conv1")
    assert (layer.P, layer.Q) == (55, 55)
    rect = ConvLayer(C=4, K=8, H=9, W=14, R=1, S=7, stride=(2, 1), pad=(0, 3))
    assert (rect.P, rect.Q) == (5, 14)
    assert rect.stride == (2, 1) and rect.pad == (0, 3)


def test_layer_counts_dense_flops_with_groups():
    layer = ConvLayer(C=384, K=384, H=13, W=13, pad=1, groups=2)
    assert layer.macs == 384 * 192 * 9 * 13 * 13
    assert layer.dense_flops == 2 * layer.macs
    assert layer.weight_shape == (384, 192, 3, 3)


@pytest.mark.parametrize("kwargs, message", [
    (dict(C=0, K=4, H=5, W=5), "C must be >= 1"),
    (dict(C=4, K=4, H=5, W=5, stride=0), "stride must be >= 1"),
    (dict(C=4, K=4, H=5, W=5, pad=-1), "padding must be >= 0"),
    (dict(C=4, K=4, H=2, W=2, R=5, S=5), "leaves no output"),
    (dict(C=4, K=6, H=5, W=5, groups=4), "groups=4 must divide"),
    (dict(C=4.5, K=4, H=5, W=5), "must be an integer"),
    (dict(C=4, K=4, H=5, W=5, stride=(1, 2, 3)), "pair of ints"),
])
def test_layer_rejects_bad_values(kwargs, message):
    with pytest.raises(WinomodelError, match=message):
        ConvLayer(**kwargs)


def test_from_shapes_checks_rank_and_channels():
    with pytest.raises(ShapeError, match="4-D"):
        ConvLayer.from_shapes((1, 3, 5), (4, 3, 3, 3))
    with pytest.raises(ShapeError, match="channel mismatch"):
        ConvLayer.from_shapes((1, 3, 5, 5), (4, 2, 3, 3))
    layer = ConvLayer.from_shapes((2, 6, 7, 9), (4, 3, 3, 3), groups=2, padding=1)
    assert layer.output_shape == (2, 4, 7, 9)


def test_memory_estimate_refuses_huge_layer_before_allocating():
    huge = ConvLayer(C=1, K=64, H=1, W=1, R=1, S=1, pad=200_000)
    with pytest.raises(MemoryBudgetError, match="GiB"):
        huge.check_memory()


def test_density_and_array_checks():
    assert check_density(0) == 0.0 and check_density(1) == 1.0
    for bad in (-0.1, 1.5, float("nan"), "x", True):
        with pytest.raises(WinomodelError):
            check_density(bad)
    with pytest.raises(WinomodelError, match="floating-point"):
        as_float32_array(np.ones((2, 2), dtype=np.int32), "weights")
    with pytest.raises(WinomodelError, match="NaN or Inf"):
        as_float32_array(np.array([1.0, np.inf]), "weights", finite=True)
    out = as_float32_array(np.ones((2, 3), dtype=np.float64).T, "x")
    assert out.dtype == np.float32 and out.flags.c_contiguous


def test_registry_lists_the_four_kernels_and_refuses_unknown_names():
    assert winomodel.kernel_names() == ["dense_direct", "sparse_direct", "dense_winograd",
                                        "sparse_winograd"]
    assert winomodel.kernel_names(sparse=True) == ["sparse_direct", "sparse_winograd"]
    with pytest.raises(UnknownKernelError, match="available: dense_direct"):
        winomodel.get_kernel("fft")


def test_work_estimate_sums_phases():
    layer = ConvLayer(C=2, K=2, H=4, W=4)
    est = WorkEstimate("k", layer, 0.5, (Phase("a", 10, 100, 50, "stream"),
                                         Phase("b", 30, 20, 10, "gemm")))
    assert est.real_flops == 40 and est.total_bytes == 120
    assert est.effective_flops == layer.dense_flops
    assert est.phase("b").arithmetic_intensity == 1.5
    with pytest.raises(ValueError):
        Phase("c", 1, 1, 1, "warp-speed")


def test_measure_reports_median_and_spread():
    calls = []
    t = measure(lambda: calls.append(1), repeats=3, min_time=0.001, warmup=2)
    assert len(t.samples) == 3 and t.median > 0 and t.cv >= 0
    assert len(calls) == 2 + 1 + 3 * t.calls_per_sample


def test_atomic_writes_leave_no_partial_file(tmp_path):
    import pandas as pd

    target = tmp_path / "sub" / "table.csv"
    write_csv(target, pd.DataFrame({"a": [1, 2]}))
    assert target.read_text().splitlines() == ["a", "1", "2"]
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("interrupted")
    assert target.read_text().splitlines() == ["a", "1", "2"]  # old content kept
    assert [p.name for p in target.parent.iterdir()] == ["table.csv"]  # no temp left
    write_json(tmp_path / "x.json", {"v": np.float32(1.5)})
    assert json.loads((tmp_path / "x.json").read_text()) == {"v": 1.5}
