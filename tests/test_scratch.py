"""Plans keep work arrays between calls: reuse must never leak one call's data into another."""

import threading

import numpy as np
import pytest

import naive
import winomodel
from winomodel.kernels.scratch import CACHE_LINE, Scratch, aligned_empty, aligned_rows


def test_scratch_reuses_per_key_and_never_shares_with_a_concurrent_session():
    s = Scratch()
    made = []

    def make():
        made.append(1)
        return np.zeros(4)

    with s.session() as get:
        a = get("buf", 1, make)
        assert get("buf", 1, make) is a
        with s.session() as concurrent:         # e.g. another thread calling the same plan
            assert concurrent("buf", 1, make) is not a
    with s.session() as get:
        assert get("buf", 1, make) is a         # kept
        b = get("buf", 2, make)                 # another batch size replaces it
        assert b is not a and get("buf", 2, make) is b
    assert len(made) == 3
    s.clear()
    with s.session() as get:
        assert get("buf", 2, make) is not b


@pytest.mark.parametrize("kernel", ["dense_direct", "sparse_direct"])
def test_repeated_calls_with_other_inputs_and_batches_stay_exact(kernel, rng):
    from winomodel.pruning import prune_magnitude

    w = rng.standard_normal((10, 6, 3, 3)).astype(np.float32)
    sparse = kernel == "sparse_direct"
    p = winomodel.plan(w, (2, 6, 9, 11), padding=2, stride=(2, 1), kernel=kernel,
                       **({"density": 0.4} if sparse else {}))
    w_used = prune_magnitude(w, 0.4) if sparse else w
    for n in (2, 2, 3, 1, 2):          # the same batch again, then other batches
        x = rng.standard_normal((n, 6, 9, 11)).astype(np.float32)
        got = p(x)
        exp = naive.conv2d_reference(x, w_used, stride=(2, 1), padding=2)
        assert np.abs(got - exp).max() <= 1e-5 * np.abs(exp).max()


def test_concurrent_calls_of_one_plan(rng):
    w = rng.standard_normal((8, 4, 3, 3)).astype(np.float32)
    p = winomodel.plan(w, (1, 4, 12, 12), padding=1, kernel="sparse_direct", density=0.5)
    xs = [rng.standard_normal((1, 4, 12, 12)).astype(np.float32) for _ in range(8)]
    expected = [p(x) for x in xs]
    results = [None] * len(xs)

    def run(i):
        for _ in range(20):
            results[i] = p(xs[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(xs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for got, exp in zip(results, expected):
        np.testing.assert_array_equal(got, exp)


@pytest.mark.parametrize("shape", [(1,), (3, 5), (36, 1040), (2, 36, 4113)])
def test_aligned_work_arrays_start_on_a_cache_line(shape):
    for _ in range(5):  # several allocations: NumPy's and Numba's alignment varies
        a = aligned_empty(shape)
        assert a.shape == shape and a.dtype == np.float32 and a.flags["C_CONTIGUOUS"]
        assert a.ctypes.data % CACHE_LINE == 0
        a[...] = 1.0  # the whole array is writable memory of its own
        b = aligned_rows(shape[0], int(np.prod(shape[1:])))
        assert b.shape == (shape[0], int(np.prod(shape[1:]))) and b.flags["C_CONTIGUOUS"]
        assert b.ctypes.data % CACHE_LINE == 0
        b[...] = 2.0
        assert (a == 1.0).all()

