"""The caches the OS reports and the blocks sized from them."""

import pytest

from winomodel.kernels import _winograd_common as wc
from winomodel.machine import caches

ZEN4_VM = {"L1": {"size": 32 << 10, "instances": 2}, "L2": {"size": 1 << 20, "instances": 2},
           "L3": {"size": 32 << 20, "instances": 1}}
TWO_CCX = {"L2": {"size": 1 << 20, "instances": 16}, "L3": {"size": 32 << 20, "instances": 2}}


@pytest.mark.parametrize("table, threads, share", [
    (ZEN4_VM, 1, 32 << 20), (ZEN4_VM, 2, 16 << 20), (ZEN4_VM, 3, (32 << 20) // 3),
    (TWO_CCX, 2, 32 << 20), (TWO_CCX, 16, 4 << 20), (TWO_CCX, 3, 16 << 20),
])
def test_last_level_share_divides_one_instance_among_its_threads(monkeypatch, table, threads, share):
    monkeypatch.setattr(caches, "_read_caches", lambda: table)
    assert caches.last_level_share(threads) == share


def test_last_level_share_falls_back_where_the_os_says_nothing(monkeypatch):
    monkeypatch.setattr(caches, "_read_caches", lambda: {})
    assert caches.last_level_share(2) == 4 << 20


def test_l1_data_bytes_from_the_os_or_default(monkeypatch):
    monkeypatch.setattr(caches, "_read_caches", lambda: ZEN4_VM)
    assert caches.l1_data_bytes() == 32 << 10
    monkeypatch.setattr(caches, "_read_caches", lambda: {"L1": {"size": 48 << 10, "instances": 8}})
    assert caches.l1_data_bytes() == 48 << 10
    monkeypatch.setattr(caches, "_read_caches", lambda: {})
    assert caches.l1_data_bytes() == 32 << 10
    assert caches.l1_data_bytes(default=64 << 10) == 64 << 10


def test_cache_sizes_are_a_copy():
    first = caches.cache_sizes_from_os()
    for level in first.values():
        level["size"] = -1
    assert all(v["size"] > 0 for v in caches.cache_sizes_from_os().values())


def test_dense_winograd_blocks_fill_the_threads_share_of_the_last_level(monkeypatch):
    monkeypatch.setattr(wc, "last_level_share", lambda threads: (32 << 20) // threads)
    assert wc.block_bytes("dense", 2) == 16 << 20
    assert wc.block_bytes("dense", 64) == wc.BLOCK_BYTES["dense"]  # never below the floor
    assert wc.block_bytes("sparse", 1) == wc.BLOCK_BYTES["sparse"]
