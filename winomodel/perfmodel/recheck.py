"""Was the calibration timed on the machine the report ran on?  Time a few of its runs again.

The calibration's factors are fitted to absolute times, so a calibration taken while
the machine ran slow (or fast) carries that state into every prediction.  The canary
(:mod:`.contention`) drops rounds it sees slowed, but not every slow state shows in it:
a quick report on a fresh checkout timed its calibration runs 1.17-1.40x (median per
kernel) slower than the full calibration of the day before (the guard let them
through), and its validation then ran at the usual speed -- calibrated median error 17 %, against
6.5 % for the pure roofline on the same runs; calibrated again minutes later, its runs
came within 1-3 % of the full calibration's.  Timing a couple of calibration layers
again after the validation tells which state the calibration saw.
"""

from __future__ import annotations

from typing import Callable, Dict, Optional, Sequence

import numpy as np

from .calibration_merge import run_key
from .profile import MachineProfile

#: calibration layers timed again (mid-size, both Winograd paths, a few ms in all)
RECHECK_LAYERS = ("googlenet_inception_4d_3x3", "madeup_c320_3x3")
#: the calibration counts as the report's machine while the median ratio of the runs
#: timed again to their calibration times lies within this of 1
RECHECK_TOLERANCE = 0.15


def recheck_calibration(profile: MachineProfile, *, quick: bool = False,
                        layer_names: Sequence[str] = RECHECK_LAYERS,
                        progress: Optional[Callable[[str], None]] = None) -> Optional[Dict[str, object]]:
    """Time the calibration's runs on ``layer_names`` again and compare.

    Parameters
    ----------
    profile : MachineProfile
        A calibrated profile (its ``calibration["runs"]`` hold the measured times).
    quick : bool
        Fewer timing repeats (as the quick grid).
    layer_names : sequence of str
        Calibration layers to time again (those the calibration did not run are skipped).

    Returns
    -------
    dict or None
        None when the profile has no calibration runs on those layers; else ``layers``,
        ``runs`` (how many were timed again), ``ratio_median``, ``ratio_min``,
        ``ratio_max`` (time now over calibration time), ``ratio_by_kernel`` (medians) and
        ``within`` (``|ratio_median - 1| <= RECHECK_TOLERANCE``).
    """
    from .calibrate import calibration_layers
    from .validate import run_grid

    runs = (profile.calibration or {}).get("runs") or []
    by_name = {layer.name: layer for layer in calibration_layers()}
    names = [n for n in layer_names if n in by_name and any(r["layer"] == n for r in runs)]
    if not names:
        return None
    stored = [r for r in runs if r["layer"] in names]
    densities = sorted({float(r["density"]) for r in stored}, reverse=True)
    grid = run_grid([by_name[n] for n in names], densities, profile, quick=quick,
                    kernels=sorted({r["kernel"] for r in stored}), with_torch=False,
                    progress=progress)
    now = {run_key(row.layer, row.kernel, row.density): float(row.measured_s) for row in grid.itertuples()}
    ratios: Dict[str, list] = {}
    for r in stored:
        key = run_key(r["layer"], r["kernel"], r["density"])
        if key in now and r["measured_s"] > 0:
            ratios.setdefault(r["kernel"], []).append(now[key] / r["measured_s"])
    every = [v for vs in ratios.values() for v in vs]
    if not every:
        return None
    median = float(np.median(every))
    return {"layers": names, "runs": len(every), "ratio_median": median,
            "ratio_min": float(min(every)), "ratio_max": float(max(every)),
            "ratio_by_kernel": {k: float(np.median(v)) for k, v in sorted(ratios.items())},
            "within": bool(abs(median - 1.0) <= RECHECK_TOLERANCE)}


def recheck_lines(check: Optional[Dict[str, object]]) -> list:
    """Markdown bullet lines of :func:`recheck_calibration`'s result for summary.md."""
    if not check:
        return []
    ratio = check["ratio_median"]
    by_kernel = ", ".join(f"{k} {v:.2f}x" for k, v in check["ratio_by_kernel"].items())
    text = (f"calibration timed again after validation ({check['runs']} runs on "
            f"{', '.join(check['layers'])}): {ratio:.2f}x their calibration time (median; "
            f"{check['ratio_min']:.2f}-{check['ratio_max']:.2f}; {by_kernel})")
    if check["within"]:
        return [f"- {text}"]
    if ratio < 1.0:
        return [f"- WARNING: {text}: the calibration ran slower than this machine runs now, and its "
                "factors carry that into every prediction; calibrate again (`winomodel profile "
                "--recalibrate` keeps each run's fastest time of both calibrations; add `--quick` "
                "for a quick profile)"]
    return [f"- WARNING: {text}: the machine ran slower after the validation than during the "
            "calibration; if the validation did too, its errors are the machine's state: report "
            "again when it is quiet"]
