"""The data caches the OS reports: sizes per level and the last level's share per thread.

Kernels size their blocks from these (the Winograd kernels' per-thread V block lives in
the last-level cache); the profiler names its bandwidth plateaus after them."""

from __future__ import annotations

import functools
from pathlib import Path


def cache_sizes_from_os() -> dict:
    """Data/unified cache sizes per level in bytes as the OS reports them, per instance and total.

    Returns ``{"L1": {"size": bytes_per_instance, "instances": n}, ...}`` (empty if unknown).
    """
    return {lvl: dict(v) for lvl, v in _read_caches().items()}


@functools.lru_cache(maxsize=1)  # sysfs is read once: kernels ask on every new geometry
def _read_caches() -> dict:
    base = Path("/sys/devices/system/cpu")
    seen = {}
    for index in sorted(base.glob("cpu[0-9]*/cache/index[0-9]*")):
        try:
            ctype = (index / "type").read_text().strip()
            if ctype == "Instruction":
                continue
            level = int((index / "level").read_text())
            size_txt = (index / "size").read_text().strip()
            shared = (index / "shared_cpu_list").read_text().strip()
        except (OSError, ValueError):
            continue
        mult = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}.get(size_txt[-1], 1)
        size = int(size_txt.rstrip("KMG")) * mult
        seen.setdefault(f"L{level}", {})[shared] = size
    return {lvl: {"size": max(v.values()), "instances": len(v)} for lvl, v in sorted(seen.items())}


def last_level_share(threads: int, default: int = 4 << 20) -> int:
    """Bytes of the last-level cache each of ``threads`` threads can hold at once: one
    instance's size over the threads that share it (the threads spread evenly over the
    instances), ``default`` where the OS does not say."""
    caches = _read_caches()
    if not caches:
        return default
    last = caches[max(caches, key=lambda lvl: int(lvl[1:]))]
    threads = max(1, int(threads))
    per_instance = -(-threads // max(1, last["instances"]))
    return int(last["size"] // per_instance)


def l1_data_bytes(default: int = 32 << 10) -> int:
    """Bytes of one core's L1 data cache as the OS reports it, ``default`` where it does not."""
    return int(_read_caches().get("L1", {}).get("size", default))


def largest_total(caches: dict, default: float = 64 * 2 ** 20) -> float:
    """Bytes of the largest cache level summed over its instances (``caches`` as
    :func:`cache_sizes_from_os` returns them), ``default`` where there are none: the
    working set past which the profiler's sweeps reach DRAM."""
    return max((v["size"] * v["instances"] for v in caches.values()), default=default)
