"""Memory levels found as plateaus of a working-set bandwidth sweep (pure numpy).

The rule is ERT's: walking from small to large working sets, a point within
``+-tolerance`` (5 %) of the current plateau's median joins it; a point more than
``drop`` (15 %) below it may start a new level; points in between are transition
points and belong to no level.  To survive noise, a new level needs
``min_points`` consecutive points that agree with each other, and a single
outlier inside a plateau is skipped instead of ending it.

:func:`name_levels` then names the plateaus L1, L2, ..., DRAM and cross-checks
each level's size range against the cache sizes the OS reports.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..errors import ProfileError


@dataclasses.dataclass(frozen=True)
class Plateau:
    """One memory level seen in a sweep.

    Attributes
    ----------
    bandwidth : float
        Median bandwidth of the plateau's points.
    size_lo, size_hi : float
        Smallest and largest working set (bytes) on the plateau.
    n_points : int
        Points on the plateau.
    """

    bandwidth: float
    size_lo: float
    size_hi: float
    n_points: int


def find_plateaus(sizes: Sequence[float], bandwidths: Sequence[float], *, tolerance: float = 0.05,
                  drop: float = 0.15, min_points: int = 3) -> List[Plateau]:
    """Group a sweep's points into plateaus, fastest (smallest working set) first.

    Parameters
    ----------
    sizes : sequence of float
        Working-set sizes in bytes, strictly increasing.
    bandwidths : sequence of float
        Measured bandwidth at each size (any unit), all positive.
    tolerance : float
        A point within ``+-tolerance`` of a plateau's median belongs to it.
    drop : float
        A new level starts only ``drop`` or more below the previous level.
    min_points : int
        Consecutive agreeing points a plateau needs to count.

    Returns
    -------
    list of Plateau
    """
    sizes = np.asarray(sizes, dtype=float)
    bws = np.asarray(bandwidths, dtype=float)
    if sizes.ndim != 1 or sizes.shape != bws.shape:
        raise ProfileError(f"sweep sizes and bandwidths must be 1-D and equally long, "
                           f"got shapes {sizes.shape} and {bws.shape}")
    if sizes.size == 0:
        return []
    if not np.all(np.isfinite(bws)) or np.any(bws <= 0):
        raise ProfileError(f"sweep bandwidths must be positive and finite, got {bws.tolist()}")
    if np.any(np.diff(sizes) <= 0):
        raise ProfileError("sweep sizes must be strictly increasing")
    if not (0 < tolerance < drop < 1):
        raise ProfileError(f"need 0 < tolerance < drop < 1, got tolerance={tolerance}, drop={drop}")
    if min_points < 1:
        raise ProfileError(f"min_points must be >= 1, got {min_points}")

    plateaus: List[tuple] = []         # (indices, last index of its extent) of each accepted plateau
    current: List[int] = []            # indices of the plateau being grown
    candidate: List[int] = []          # indices of a possible next plateau

    def median(idx):
        return float(np.median(bws[idx]))

    def accept(idx, limit):
        # A level's extent runs on past its flat part through the points that stay within
        # its band or above it: e.g. L1 bandwidth still rising with the working set (less
        # per-trip overhead) belongs to L1, not to a gap before L2.  Transition points
        # (below the band) are left out so the capacity is not overstated.
        if len(idx) >= min_points:
            floor = (1 - tolerance) * median(idx)
            end = max(idx)
            while end + 1 < limit:
                if bws[end + 1] >= floor:
                    end += 1
                elif end + 2 < limit and bws[end + 2] >= floor:
                    end += 2  # a single noisy point below the band does not end the level
                else:
                    break
            plateaus.append((list(idx), end))

    for i in range(sizes.size):
        if not current:
            current = [i]
            continue
        ref = median(current)
        if abs(bws[i] - ref) <= tolerance * ref:
            current.append(i)
            candidate = []
            continue
        # left the current plateau: does it form a candidate for a new one?
        if candidate and abs(bws[i] - median(candidate)) <= tolerance * median(candidate):
            candidate.append(i)
        else:
            candidate = [i]
        if len(candidate) >= min_points:
            cand_bw = median(candidate)
            if len(current) >= min_points:
                last_bw = median(current)
                if cand_bw <= (1 - drop) * last_bw:
                    accept(current, candidate[0])
                    current, candidate = candidate, []
                elif len(candidate) > len(current):
                    # not a clear new level (less than ``drop`` below, or above): the
                    # plateau drifted; keep the longer run
                    current, candidate = candidate, []
            else:
                # the current run never became a plateau (transition points): restart
                current, candidate = candidate, []
    accept(current, sizes.size)

    # a level must be slower than the one before it by ``drop``; merge any that are not
    merged: List[tuple] = []
    for idx, end in plateaus:
        if merged and median(idx) > (1 - drop) * median(merged[-1][0]):
            merged[-1] = (merged[-1][0] + idx, max(merged[-1][1], end))
        else:
            merged.append((idx, end))
    return [Plateau(bandwidth=median(idx), size_lo=float(sizes[min(idx)]),
                    size_hi=float(sizes[end]), n_points=len(idx)) for idx, end in merged]


def name_levels(plateaus: Sequence[Plateau], os_cache_bytes: Dict[str, float],
                *, memory_bytes: Optional[float] = None) -> Dict[str, dict]:
    """Name plateaus L1, L2, ... and DRAM by where they lie against the OS cache sizes.

    A plateau is named after the smallest cache whose OS size holds the plateau's
    middle working set (geometric mean of its first and last point); beyond the
    last cache it is DRAM.  Naming by size rather than by order keeps a level the
    sweep missed (a noisy L1, say) from shifting every name after it.  Where two
    plateaus fall in the same level, the one with more points keeps the name.

    Parameters
    ----------
    plateaus : sequence of Plateau
        From :func:`find_plateaus`, fastest first.
    os_cache_bytes : dict
        Total bytes of each cache level available to the threads measured,
        e.g. ``{"L1": 96e3, "L2": 4e6, "L3": 480e6}``.
    memory_bytes : float, optional
        Memory size; becomes the DRAM capacity.

    Returns
    -------
    dict
        ``{name: {"bandwidth", "size_lo", "size_hi", "capacity", "os_bytes", "agrees",
        "n_points"}}`` in fastest-first order, where ``capacity`` is the largest
        working set the level served at its bandwidth (the OS size where the sweep
        stopped inside the level) and ``agrees`` says whether the OS size lies
        between this level's largest point and the next level's first point
        (within a factor of 2).
    """
    cache_names = sorted(os_cache_bytes, key=lambda k: int(k[1:]))
    chosen: Dict[str, tuple] = {}
    for k, p in enumerate(plateaus):
        middle = math.sqrt(p.size_lo * p.size_hi)
        name = next((c for c in cache_names if middle <= os_cache_bytes[c]), "DRAM")
        if not cache_names:
            name = f"L{k + 1}" if k + 1 < len(plateaus) else "DRAM"
        if name not in chosen or p.n_points > chosen[name][1].n_points:
            chosen[name] = (k, p)
    order = sorted(chosen.items(), key=lambda item: item[1][0])
    out: Dict[str, dict] = {}
    last_cache = os_cache_bytes[cache_names[-1]] if cache_names else 0.0
    for pos, (name, (_, p)) in enumerate(order):
        os_bytes = os_cache_bytes.get(name)
        next_lo = order[pos + 1][1][1].size_lo if pos + 1 < len(order) else None
        if name == "DRAM":
            capacity = memory_bytes if memory_bytes else p.size_hi
            agrees = last_cache == 0 or p.size_lo > 0.5 * last_cache
        else:
            agrees = bool(os_bytes) and p.size_hi <= 2.0 * os_bytes and \
                (next_lo is None or next_lo >= 0.5 * os_bytes)
            capacity = p.size_hi if next_lo is not None else max(p.size_hi, os_bytes or 0.0)
        out[name] = {"bandwidth": p.bandwidth, "size_lo": p.size_lo, "size_hi": p.size_hi,
                     "capacity": float(capacity), "os_bytes": os_bytes, "agrees": bool(agrees),
                     "n_points": p.n_points}
    return out
