"""The roofline model on synthetic profiles where the right answer is known.

Fake kernels (defined here, reused by the other model tests) state simple,
hand-checkable work, so the tests do not depend on the real kernels.
"""

import dataclasses
import math

import numpy as np
import pytest

import winomodel.kernels as kernels_module
import winomodel.evaluation.validate as validate_module
from winomodel.errors import UnsupportedLayerError, WinomodelError
from winomodel.kernels.base import ConvKernel, ConvPlan
from winomodel.layer import ConvLayer
from winomodel.model.predict import place_phase, predict, predict_rows, predict_work
from winomodel.machine.profile import MachineProfile
from winomodel.work import Phase, WorkEstimate

LAYER = ConvLayer(C=32, K=32, H=16, W=16, pad=1, name="toy")


class _ZeroPlan(ConvPlan):
    def __init__(self, kernel, layer, density):
        self.kernel, self.layer, self.density = kernel, layer, density

    def _execute(self, x):
        return np.zeros(self.layer.replace(N=x.shape[0]).output_shape, np.float32)

    def work(self, batch=None):
        return None


class FakeDense(ConvKernel):
    """One phase: all dense FLOPs under the gemm ceiling, moving input+weights+output."""

    name, sparse, domain = "fake_dense", False, "spatial"

    def _plan(self, weights, layer, density, **options):
        return _ZeroPlan(self.name, layer, 1.0)

    def work(self, layer, density=1.0, **options):
        b = sum(layer.tensor_bytes().values())
        return WorkEstimate(self.name, layer, 1.0,
                            (Phase("products", layer.dense_flops, b, b, "gemm"),))


class FakeSparse(ConvKernel):
    """A density-independent streaming phase plus products proportional to density (axpy)."""

    name, sparse, domain = "fake_sparse", True, "spatial"

    def _plan(self, weights, layer, density, **options):
        return _ZeroPlan(self.name, layer, 1.0 if density is None else density)

    def work(self, layer, density=1.0, **options):
        t = layer.tensor_bytes()
        io = t["input"] + t["output"]
        return WorkEstimate(self.name, layer, density, (
            Phase("pad_input", 0.0, io, io, "stream"),
            Phase("products", density * layer.dense_flops, density * t["weights"] * 2, io, "axpy"),
        ))


class FakeOnly1x1(FakeDense):
    name = "fake_only_1x1"

    def check_layer(self, layer):
        if layer.R != 1:
            raise UnsupportedLayerError("only 1x1")


FAKES = {"fake_dense": FakeDense(), "fake_sparse": FakeSparse()}


@pytest.fixture
def fake_registry(monkeypatch):
    """Replace the kernel registry by the fake kernels for one test."""
    monkeypatch.setattr(kernels_module, "_REGISTRY", dict(FAKES))
    return FAKES


def bandwidth_bound_profile():
    """Huge compute, slow memory: every phase is memory-bound."""
    return MachineProfile.synthetic(peak_gflops=1e6, bandwidth_gbs={"L1": 10.0, "L2": 5.0, "DRAM": 1.0},
                                    capacity_bytes={"L1": 1e3, "L2": 1e9, "DRAM": 1e12})


def compute_bound_profile():
    """Slow compute, huge bandwidth: every phase that computes is compute-bound."""
    return MachineProfile.synthetic(peak_gflops=10.0, bandwidth_gbs={"L1": 1e6, "DRAM": 1e5},
                                    capacity_bytes={"L1": 1e9, "DRAM": 1e12},
                                    compute_gflops={"gemm": 8.0, "axpy": 4.0, "stream": 2.0})


def test_bandwidth_bound_time_is_bytes_over_level_bandwidth():
    prof = bandwidth_bound_profile()
    work = FakeDense().work(LAYER)
    p = predict_work(work, prof)
    b = sum(LAYER.tensor_bytes().values())
    assert b > 1e3  # lives in L2 (5 GB/s)
    assert p.seconds == pytest.approx(b / 5e9)
    assert p.bound == "memory:L2"
    assert p.phases[0].level == "L2"


def test_compute_bound_time_is_flops_over_named_ceiling():
    prof = compute_bound_profile()
    p = predict(LAYER, FakeDense(), 1.0, prof)
    assert p.seconds == pytest.approx(LAYER.dense_flops / 8e9)
    assert p.bound == "compute:gemm"
    assert p.effective_gflops == pytest.approx(8.0)
    assert p.real_gflops == pytest.approx(8.0)


def test_phases_add_and_sparse_effective_exceeds_real():
    prof = compute_bound_profile()
    p = predict(LAYER, FakeSparse(), 0.25, prof)
    t = LAYER.tensor_bytes()
    expected = (t["input"] + t["output"]) / 1e15 + 0.25 * LAYER.dense_flops / 4e9
    assert p.seconds == pytest.approx(expected)
    assert p.bound == "compute:axpy"
    assert p.effective_gflops == pytest.approx(4 * p.real_gflops, rel=1e-6)


def test_level_chosen_by_working_set():
    prof = bandwidth_bound_profile()
    small = place_phase(Phase("x", 0.0, 100.0, 500.0), prof)
    big = place_phase(Phase("x", 0.0, 100.0, 1e10), prof)
    assert (small.level, big.level) == ("L1", "DRAM")
    assert big.memory_s == pytest.approx(100.0 / 1e9)


def test_compute_ceiling_by_level_is_used():
    prof = compute_bound_profile()
    prof.compute_gflops_by_level = {"axpy": {"DRAM": 1.0}}
    fast = place_phase(Phase("p", 1e9, 0.0, 10.0, "axpy"), prof)
    slow = place_phase(Phase("p", 1e9, 0.0, 1e10, "axpy"), prof)
    assert fast.compute_s == pytest.approx(1e9 / 4e9)
    assert slow.compute_s == pytest.approx(1.0)


def test_dense_kernel_ignores_density():
    prof = compute_bound_profile()
    assert predict(LAYER, FakeDense(), 0.1, prof).seconds == predict(LAYER, FakeDense(), 1.0, prof).seconds


def test_predict_rows_repeat_dense_in_every_density(fake_registry):
    prof = compute_bound_profile()
    rows = predict_rows([LAYER], [1.0, 0.5, 0.1], prof)
    assert len(rows) == 6
    dense = [r for r in rows if r["kernel"] == "fake_dense"]
    assert [r["density"] for r in dense] == [1.0, 0.5, 0.1]
    assert len({r["predicted_s"] for r in dense}) == 1
    sparse = {r["density"]: r for r in rows if r["kernel"] == "fake_sparse"}
    assert sparse[0.1]["speedup_vs_best_dense"] > sparse[1.0]["speedup_vs_best_dense"]
    for key in ("layer", "kernel", "density", "predicted_s", "bound", "effective_gflops", "real_gflops"):
        assert key in rows[0]


def test_unsupported_kernels_are_skipped(monkeypatch):
    monkeypatch.setattr(kernels_module, "_REGISTRY", dict(FAKES, fake_only_1x1=FakeOnly1x1()))
    rows = predict_rows([LAYER], [1.0], compute_bound_profile())
    assert {r["kernel"] for r in rows} == {"fake_dense", "fake_sparse"}
    with pytest.raises(UnsupportedLayerError):
        predict(LAYER, FakeOnly1x1(), 1.0, compute_bound_profile())


def test_bad_inputs_fail_clearly():
    prof = compute_bound_profile()
    with pytest.raises(WinomodelError, match="density"):
        predict(LAYER, FakeSparse(), 1.5, prof)
    with pytest.raises(WinomodelError, match="profile"):
        predict(LAYER, FakeSparse(), 0.5, {"peak": 1})
    with pytest.raises(WinomodelError, match="layer"):
        predict("conv3", FakeSparse(), 0.5, prof)
    with pytest.raises(WinomodelError, match="unknown kernel"):
        predict(LAYER, "nope", 0.5, prof)
    with pytest.raises(WinomodelError, match="densities"):
        predict_rows([LAYER], [], prof)


def test_real_kernels_predict_when_available():
    """Every registered kernel's work() gives a finite positive prediction (skips until written)."""
    prof = MachineProfile.synthetic()
    layer = ConvLayer(C=16, K=16, H=12, W=12, pad=1)
    for name in kernels_module.kernel_names():
        k = kernels_module.get_kernel(name)
        try:
            p = predict(layer, k, 0.3, prof)
        except NotImplementedError:
            pytest.skip(f"{name}.work() not written yet")
        assert math.isfinite(p.seconds) and p.seconds > 0


def test_working_sets_are_per_thread_unless_shared():
    """The profiler's capacities hold the whole team's data: a phase's per-thread working
    set counts once per thread, a shared one once."""
    from winomodel.model.predict import place_phase
    from winomodel.work import Phase

    for threads, level in ((1, "L1"), (2, "L2")):
        prof = MachineProfile.synthetic(capacity_bytes={"L1": 60e3, "L2": 1e6, "DRAM": 1e12},
                                        bandwidth_gbs={"L1": 100.0, "L2": 50.0, "DRAM": 10.0},
                                        threads=threads)
        own = Phase("products", flops=0.0, bytes=1e6, working_set_bytes=40e3)
        assert place_phase(own, prof).level == level
        shared = Phase("pad_input", flops=0.0, bytes=1e6, working_set_bytes=40e3, shared=True)
        assert place_phase(shared, prof).level == "L1"


def _swept(profile, sizes, gbs):
    """``profile`` with a working-set sweep of ``gbs`` at ``sizes``."""
    return dataclasses.replace(profile, extra={"sweep": {"size_bytes": list(sizes), "gbs": list(gbs)}})


def test_swept_bandwidth_interpolates_in_log_size():
    """The sweep's value at its sizes, log-linear between them, its ends outside; None
    without a sweep."""
    from winomodel.model.predict import swept_bandwidth_gbs

    prof = _swept(MachineProfile.synthetic(), (1e6, 1e7, 1e8), (400.0, 200.0, 50.0))
    assert swept_bandwidth_gbs(MachineProfile.synthetic(), 1e7) is None
    assert swept_bandwidth_gbs(prof, 1e7) == pytest.approx(200.0)
    assert swept_bandwidth_gbs(prof, 10 ** 7.5) == pytest.approx(125.0)
    assert swept_bandwidth_gbs(prof, 1e3) == pytest.approx(400.0)
    assert swept_bandwidth_gbs(prof, 1e12) == pytest.approx(50.0)


def _four_levels_plain_and_swept():
    """A 2-thread profile with L1-L3 and DRAM plateaus, and the same with a sweep whose
    bandwidth falls smoothly past the 16 MB L3."""
    plain = MachineProfile.synthetic(capacity_bytes={"L1": 60e3, "L2": 1e6, "L3": 16e6, "DRAM": 1e12},
                                     bandwidth_gbs={"L1": 600.0, "L2": 400.0, "L3": 300.0, "DRAM": 50.0},
                                     threads=2)
    return plain, _swept(plain, (1e4, 1e6, 16e6, 32e6, 128e6), (600.0, 400.0, 300.0, 150.0, 60.0))


def test_shared_levels_stream_at_the_swept_bandwidth():
    """A phase placed in L3 or DRAM moves its bytes at the sweep's bandwidth for the team's
    working set (no step at the L3's capacity); a private level keeps its plateau, and a
    profile without a sweep the plateaus everywhere."""
    from winomodel.model.predict import place_phase
    from winomodel.work import Phase

    plain, prof = _four_levels_plain_and_swept()
    for ws, level, gbs in ((40e3, "L1", 600.0), (8e6, "L3", 325.0), (16e6, "L3", 300.0),
                           (17e6, "DRAM", 286.9), (32e6, "DRAM", 150.0), (1e9, "DRAM", 60.0)):
        stream = Phase("pad_input", flops=0.0, bytes=4e9, working_set_bytes=ws, shared=True)
        placed = place_phase(stream, prof)
        assert placed.level == level
        assert placed.memory_s == pytest.approx(4e9 / (gbs * 1e9), rel=2e-3)
        assert place_phase(stream, plain).memory_s == pytest.approx(4e9 / (plain.bandwidth_gbs[level] * 1e9))


def test_weight_streams_past_the_last_cache_stream_from_memory():
    """sparse_winograd's CSR stream (its per-weight cost measured apart) past the last
    cache goes to DRAM at the swept bandwidth, factor capped, like a plain copy."""
    from winomodel.model.predict import place_phase
    from winomodel.work import Phase

    plain, prof = _four_levels_plain_and_swept()
    prof.calibration = {"factors": {"sparse_winograd": {"weights": 3.0, "pad_input": 3.0}}}
    for ws in (17e6, 32e6, 1e9):
        weights, copy = (place_phase(Phase(name, flops=0.0, bytes=4e9, working_set_bytes=ws, shared=True),
                                     prof, "sparse_winograd") for name in ("weights", "pad_input"))
        assert (weights.level, weights.factor) == (copy.level, copy.factor) == ("DRAM", 1.0)
        assert weights.memory_s == copy.memory_s


def test_products_ceiling_is_valued_where_the_streamed_operand_lives():
    """Dense Winograd products name the ceiling of their block width; with U in the
    caches they get its in-cache value, with U past the last cache its memory value,
    and a profile that lacks the ceiling (older profilers) falls back to ``gemm``."""
    prof = MachineProfile.synthetic(capacity_bytes={"L1": 60e3, "L3": 32e6, "DRAM": 1e12},
                                    bandwidth_gbs={"L1": 900.0, "L3": 300.0, "DRAM": 40.0},
                                    compute_gflops={"wgemm16": 200.0}, threads=2)
    prof.compute_gflops_by_level["wgemm16"] = {"DRAM": 100.0}
    for u_bytes, gflops in ((0.0, 200.0), (1e6, 200.0), (64e6, 100.0)):
        ph = place_phase(Phase("products", flops=2e9, bytes=1e3, working_set_bytes=1e3,
                               compute="wgemm16", consumed_bytes=u_bytes), prof)
        assert ph.compute_s == pytest.approx(2e9 / (gflops * 1e9))
    older = MachineProfile.synthetic(threads=2)
    ph = place_phase(Phase("products", flops=2e9, bytes=1e3, working_set_bytes=1e3,
                           compute="wgemm64", consumed_bytes=64e6), older)
    assert ph.compute_s == pytest.approx(2e9 / (older.compute_gflops["gemm"] * 1e9))
    older.validate()


def test_products_ceiling_between_the_measured_operand_sizes_is_interpolated():
    """With the operand sizes the profiler measured at (in the last cache, past it), a U
    between them gets the ceiling interpolated in log size; outside, the nearer value."""
    from winomodel.model.predict import consumed_ceiling

    prof = MachineProfile.synthetic(capacity_bytes={"L1": 60e3, "L3": 32e6, "DRAM": 1e12},
                                    bandwidth_gbs={"L1": 900.0, "L3": 300.0, "DRAM": 40.0},
                                    compute_gflops={"wgemm16": 200.0}, threads=2)
    prof.compute_gflops_by_level["wgemm16"] = {"DRAM": 100.0}
    prof.extra["consumed_operand_bytes"] = {"cache": 1e7, "memory": 1e8}
    for u_bytes, gflops in ((1e6, 200.0), (1e7, 200.0), (10 ** 7.5, 150.0), (1e8, 100.0), (1e9, 100.0)):
        assert consumed_ceiling(prof, "wgemm16", u_bytes) == pytest.approx(gflops)
    # the level rule where the sizes are missing or make no range
    for sizes in ({}, {"cache": 1e8, "memory": 1e7}):
        prof.extra["consumed_operand_bytes"] = sizes
        assert consumed_ceiling(prof, "wgemm16", 10 ** 7.5) == 200.0
        assert consumed_ceiling(prof, "wgemm16", 1e8) == 100.0


def test_uneven_work_items_cost_the_busiest_threads_share():
    """7 work items on 2 threads: one thread runs 4, so the phase takes 8/7 of the even
    split; items that divide evenly (or none stated) cost nothing extra."""
    from winomodel.model.predict import place_phase
    from winomodel.work import Phase

    prof = MachineProfile.synthetic(capacity_bytes={"L1": 60e3, "DRAM": 1e12},
                                    bandwidth_gbs={"L1": 100.0, "DRAM": 10.0}, threads=2)
    even = place_phase(Phase("products", flops=0.0, bytes=1e6, working_set_bytes=1e3), prof)
    for items, share in ((0, 1.0), (8, 1.0), (7, 8 / 7), (1, 2.0)):
        placed = place_phase(Phase("products", flops=0.0, bytes=1e6, working_set_bytes=1e3,
                                   items=items), prof)
        assert placed.seconds == pytest.approx(share * even.seconds)
    with pytest.raises(ValueError):
        Phase("products", flops=0.0, bytes=1.0, working_set_bytes=1.0, items=-1)


def test_winograd_work_items_follow_the_execution_path():
    """The fused path deals out one item per (block, group); the split path one per
    (block, group, channel chunk) for the transform and (block, group, K slice) after."""
    import numba

    from winomodel.kernels import _winograd_common as wc
    from winomodel.kernels.dense_winograd import DenseWinograd
    from winomodel.kernels.sparse_winograd import SparseWinograd

    layer = ConvLayer(N=1, C=64, K=96, H=12, W=12, R=3, S=3, pad=1, groups=2)
    for n_blocks in (1, 3, 8):
        transform, products = wc.work_items(layer, n_blocks)
        if wc.use_split(n_blocks, 2):
            n_ks = -(-48 // wc.k_step(48, 2 * n_blocks))
            assert (transform, products) == (2 * n_blocks * 2, 2 * n_blocks * n_ks)
        else:
            assert transform == products == 2 * n_blocks
    for kernel in (DenseWinograd(), SparseWinograd()):
        seen = set()
        for batch in (1, 16):   # one tile block (split on 2+ threads), five (fused)
            one_group = layer.replace(N=batch, groups=1)
            n_blocks = wc.geometry(one_group, 4, batch, kernel.workspace_kind)[4]
            split = wc.use_split(n_blocks, 1)
            products = kernel.work(one_group, 0.5).phase("products")
            assert products.items == wc.work_items(one_group, n_blocks)[1]
            seen.add(split)
        assert seen == {True, False} or numba.get_num_threads() == 1
