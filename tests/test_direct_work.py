"""Work accounting of the direct kernels: counts match what the code does."""

import numpy as np
import pytest

from winomodel.errors import WinomodelError
from winomodel.kernels import get_kernel
from winomodel.kernels import _direct_common as dc
from winomodel.layer import ConvLayer


def _window(layer, geo, width):
    """Input floats of one channel read by a pixel block: the block, the taps' reach
    (R-1 rows and S-1 columns of each polyphase plane) and every plane, capped at a plane."""
    reach = ((layer.R - 1) // geo.sv) * geo.Wph + (layer.S - 1) // geo.sh
    return geo.sv * geo.sh * min(geo.Hph * geo.Wph, width + reach)


def _independent_products_bytes(layer, chunk_ptr):
    """Walk the products loop nest in Python and add up what it moves into L1."""
    geo = dc.Geometry.of(layer)
    total = 0
    for _n in range(layer.N):
        for k0, k1 in dc.channel_blocks(layer):
            for j0 in range(0, geo.Lpad, dc.SPARSE_BLOCK):
                width = min(dc.SPARSE_BLOCK, geo.Lpad - j0)
                total += 4 * layer.C_per_group * _window(layer, geo, width)  # the block's input window
                for k in range(k0, k1):
                    total += 12 * (chunk_ptr[k, -1] - chunk_ptr[k, 0])  # value + offset per stored weight
    return total


LAYERS = [
    ConvLayer(C=6, K=9, H=13, W=10, R=5, S=5, N=2, stride=(2, 1), pad=(2, 1), groups=3),
    ConvLayer(C=17, K=40, H=30, W=31, R=3, S=3, N=1, pad=1),
    ConvLayer(C=3, K=8, H=35, W=35, R=11, S=11, N=1, stride=4, pad=2),
]


@pytest.mark.parametrize("layer", LAYERS, ids=lambda L: L.describe())
@pytest.mark.parametrize("density", [1.0, 0.3, 0.0])
def test_sparse_plan_work_counts_its_real_nonzeros(layer, density, rng):
    w = rng.standard_normal(layer.weight_shape).astype(np.float32)
    p = get_kernel("sparse_direct").plan(w, layer, density=density)
    geo = dc.Geometry.of(layer)
    nnz = int(p.chunk_ptr[-1, -1])
    assert p.chunk_ptr.shape == (layer.K, -(-layer.C_per_group // dc.chunk_channels(layer)) + 1)
    assert (np.diff(p.chunk_ptr, axis=1) >= 0).all() and (p.chunk_ptr[1:, 0] == p.chunk_ptr[:-1, -1]).all()
    est = p.work()
    prod = est.phase("products")
    assert prod.flops == 2 * nnz * layer.N * geo.Lpad
    assert prod.compute == "axpy"
    assert prod.bytes == _independent_products_bytes(layer, p.chunk_ptr)
    # the model's estimate at the same density agrees with the plan's (exact kept count)
    model = get_kernel("sparse_direct").work(layer, density)
    assert model.phase("products").flops == prod.flops
    assert model.phase("products").bytes == pytest.approx(prod.bytes)
    assert [ph.name for ph in est.phases] == ["pad_input", "pad_rows", "products", "crop", "rows", "calls"]
    # accumulator runs: cropped per channel, loaded and stored per non-empty chunk
    nonempty = int((np.diff(p.chunk_ptr, axis=1) > 0).sum())
    # the useful outputs written once (and their lines fetched); one copy per row segment
    assert est.phase("crop").bytes == 4 * layer.N * layer.K * 2 * layer.P * layer.Q
    assert est.phase("rows").bytes == 128 * layer.N * layer.K * _row_segments(layer, geo, dc.SPARSE_BLOCK)
    calls = est.phase("calls")
    assert calls.flops == 0
    assert calls.bytes == 8 * layer.N * geo.Lpad * nonempty
    if density in (0.0, 1.0):  # the expectation is exact at the ends
        assert model.phase("calls").bytes == pytest.approx(calls.bytes)


def _row_segments(layer, geo, block):
    """Count by brute force: (row, pixel block) pairs sharing an output pixel."""
    rows_of_block = [{j // geo.Wph for j in range(j0, min(geo.Lpad, j0 + block))
                      if j // geo.Wph < layer.P and j % geo.Wph < layer.Q}
                     for j0 in range(0, geo.Lpad, block)]
    return sum(len(r) for r in rows_of_block)


def _independent_dense_bytes(layer, plan):
    geo = dc.Geometry.of(layer)
    n_blocks, n_taps, kb = plan.wpk.shape
    n_runs = dc.dense_task_runs(n_blocks, layer.N)
    total = 0
    for _n in range(layer.N):
        for r in range(n_runs):
            b0, b1 = r * n_blocks // n_runs, (r + 1) * n_blocks // n_runs
            for j0 in range(0, geo.Lpad, dc.DENSE_BLOCK):
                width = min(dc.DENSE_BLOCK, geo.Lpad - j0)
                total += 4 * layer.C_per_group * _window(layer, geo, width)  # once per task
                for _b in range(b0, b1):
                    total += n_taps * (4 * kb + 8)                   # weights + tap offsets
    return total


@pytest.mark.parametrize("layer", LAYERS, ids=lambda L: L.describe())
def test_dense_work_counts_every_weight(layer, rng):
    w = rng.standard_normal(layer.weight_shape).astype(np.float32)
    w[0] = 0.0  # zeros are multiplied too
    p = get_kernel("dense_direct").plan(w, layer)
    geo = dc.Geometry.of(layer)
    kpad = p.wpk.shape[0] * p.wpk.shape[2]   # channels padded to DENSE_ROWS per group are multiplied too
    assert kpad == dc.dense_padded_channels(layer) and kpad >= layer.K
    assert p.wpk.shape[1] == layer.C_per_group * layer.R * layer.S
    est = p.work()
    assert est.phase("products").flops == 2 * kpad * p.wpk.shape[1] * layer.N * geo.Lpad
    assert est.phase("products").compute == "gemm"
    assert est.phase("products").bytes == _independent_dense_bytes(layer, p)
    assert est == get_kernel("dense_direct").work(layer)


def test_streaming_phases_bytes():
    layer = LAYERS[0]
    geo = dc.Geometry.of(layer)
    est = get_kernel("sparse_direct").work(layer, 0.5)
    n_in = layer.N * layer.C * layer.H * layer.W
    assert est.phase("pad_input").bytes == 4 * 2 * n_in   # the kept buffer's halo is already zero
    assert est.phase("pad_input").flops == 0
    # one short copy per input row and polyphase plane it lands in
    rows = layer.N * layer.C * layer.H * geo.sh
    assert est.phase("pad_rows").bytes == 128 * rows


def test_plan_work_scales_with_batch(rng):
    layer = LAYERS[1]
    w = rng.standard_normal(layer.weight_shape).astype(np.float32)
    p = get_kernel("sparse_direct").plan(w, layer, density=0.2)
    one, four = p.work(1), p.work(4)
    assert four.layer.N == 4
    assert four.phase("products").flops == 4 * one.phase("products").flops
    assert four.real_flops == pytest.approx(4 * one.real_flops)


def test_expected_nnz_and_working_set():
    layer = LAYERS[1]
    d = 0.1
    est = get_kernel("sparse_direct").work(layer, d)
    nnz = round(d * layer.weight_count)
    assert est.phase("products").flops == 2 * nnz * layer.N * dc.Geometry.of(layer).Lpad
    ws = est.phase("products").working_set_bytes
    assert 0 < ws < 2 ** 21  # a small layer's run window fits one core's L2
    assert est.density == d and est.effective_flops == layer.dense_flops


def test_work_refuses_bad_density():
    with pytest.raises(WinomodelError, match="density"):
        get_kernel("sparse_direct").work(LAYERS[0], 1.5)
    with pytest.raises(WinomodelError, match="density must be 1"):
        get_kernel("dense_direct").work(LAYERS[0], 0.5)


def test_workspace_is_checked_before_allocating(rng):
    layer = LAYERS[1]
    ws = get_kernel("dense_direct").workspace_bytes(layer)
    geo = dc.Geometry.of(layer)
    assert ws == 4 * layer.N * geo.image  # the polyphase buffer; outputs are stored cropped
    assert get_kernel("sparse_direct").workspace_bytes(layer) == ws


def test_numba_schedule_is_contiguous_chunks():
    """busiest_share assumes Numba's static schedule: one contiguous run of
    ceil(n / threads) items per thread.  Checked on the threads this process runs."""
    import numba

    @numba.njit(parallel=True)
    def owners(n):
        out = np.empty(n, np.int64)
        for i in numba.prange(n):
            out[i] = numba.get_thread_id()
        return out

    threads = numba.get_num_threads()
    for n in (3, 5, 7, 13):
        got = owners(n)
        per = -(-n // threads)
        # each thread's items are one contiguous run of at most ceil(n / threads)
        for t in set(got.tolist()):
            idx = np.flatnonzero(got == t)
            assert idx[-1] - idx[0] + 1 == idx.size <= per
        if threads == 2:
            assert got.tolist() == [0] * per + [1] * (n - per)


def test_busiest_share_and_even_split():
    assert dc.busiest_share([32, 32, 16], 2) == pytest.approx(64 / 40)
    assert dc.busiest_share([1] * 7, 2) == pytest.approx(8 / 7)
    assert dc.busiest_share([5, 5], 1) == 1.0
    assert dc.even_split(86, 12) == [i * 86 // 12 for i in range(13)]
    sizes = np.diff(dc.even_split(86, 12))
    assert sizes.sum() == 86 and sizes.max() - sizes.min() <= 1


@pytest.mark.parametrize("K, groups, N", [(80, 1, 1), (32, 1, 1), (208, 1, 1), (96, 1, 2), (9, 3, 2),
                                          (512, 1, 1), (288, 1, 1), (3, 1, 1)])
@pytest.mark.parametrize("threads", [1, 2, 3, 4])
def test_channel_blocks_are_balanced(K, groups, N, threads):
    layer = ConvLayer(C=2 * groups, K=K, H=8, W=8, pad=1, N=N, groups=groups)
    blocks = dc.channel_blocks(layer, threads=threads)
    kg = layer.K_per_group
    sizes = blocks[:, 1] - blocks[:, 0]
    # every channel once, in order, no block crossing a group or over CHANNEL_BLOCK
    assert blocks[0, 0] == 0 and blocks[-1, 1] == K and (blocks[1:, 0] == blocks[:-1, 1]).all()
    assert ((blocks[:, 0] // kg) == ((blocks[:, 1] - 1) // kg)).all()
    assert sizes.min() >= 1 and sizes.max() <= dc.CHANNEL_BLOCK and sizes.max() - sizes.min() <= 1
    least = groups * -(-kg // dc.CHANNEL_BLOCK)
    assert len(blocks) >= least
    # never worse than the fewest blocks of CHANNEL_BLOCK, and even where the count allows
    plain = [min(dc.CHANNEL_BLOCK, kg - k0) for _ in range(groups) for k0 in range(0, kg, dc.CHANNEL_BLOCK)]
    share = dc.busiest_share(list(sizes) * N, threads)
    assert share <= dc.busiest_share(plain * N, threads) + 1e-9
    if (K, threads) in ((80, 2), (32, 2), (208, 2), (512, 2)):
        assert share == pytest.approx(1.0)


def test_dense_task_runs_balance_and_work_items():
    assert dc.dense_task_runs(86, 1, threads=2) == 12      # 11 runs of 8 left one thread 48 of 86
    bounds = dc.even_split(86, 12)
    assert dc.busiest_share(np.diff(bounds).tolist(), 2) == pytest.approx(1.0)
    assert dc.dense_task_runs(11, 1, threads=2) == 11     # one block per task: nothing to even out
    layer = ConvLayer(C=16, K=80, H=12, W=12, pad=1, N=1)
    sparse = get_kernel("sparse_direct").work(layer, 0.3)
    dense = get_kernel("dense_direct").work(layer)
    n_blocks = len(dc.channel_blocks(layer))
    for name in ("products", "calls", "crop", "rows"):
        assert sparse.phase(name).items == layer.N * n_blocks
    n_kb = dc.dense_padded_channels(layer) // dc.DENSE_ROWS
    for name in ("products", "crop", "rows"):
        assert dense.phase(name).items == layer.N * dc.dense_task_runs(n_kb, layer.N)
