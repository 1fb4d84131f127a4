"""Calibrations of several sessions, merged run by run.

A calibration keeps each run's fastest of two passes minutes apart
(:data:`.calibrate.CALIBRATION_PASSES`), but on a shared machine a slow spell can
outlast both passes: on 2026-11-26 one full calibration met the contention canary
52 times and another, quick one, timed its runs 1.17-1.40x slower than the day
before.  Calibrating again later and keeping, for every (kernel, layer, density), the
fastest time of either session mends such a calibration without throwing away a good
one, and the factors are refitted on the merged runs.

Refitted on three full calibrations of the same code (one of them in a long slow
spell) and judged on the six stored reports of 2026-11-25/26, the merge of all three
put the predicted crossover within +-0.05 on 81 % of validation and 79 % of held-out
3x3 pairs, against 72-83 % and 74-76 % for each calibration alone (median time errors
4.9 % against 4.5-5.2 %).
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from ..errors import WinomodelError
from .calibrate import fit_calibration


def run_key(layer: str, kernel: str, density: float) -> Tuple[str, str, Optional[float]]:
    """What names one calibration run: a calibration stores a dense kernel once per layer,
    at whatever density its row had, so a dense kernel's key leaves the density out."""
    from ..kernels import get_kernel

    return layer, kernel, round(float(density), 9) if get_kernel(kernel).sparse else None


def _key(run: dict) -> Tuple[str, str, Optional[float]]:
    return run_key(run["layer"], run["kernel"], run["density"])


def merge_problem(stored: dict, new: dict) -> str:
    """Why ``new`` cannot be merged into ``stored`` ("" when it can): both need runs
    from the same kernels' code, of the same thoroughness (quick or full: a quick
    calibration's fewer repeats make its fastest times noisier) and over the same grid."""
    if not stored.get("runs") or not new.get("runs"):
        return "a calibration without stored runs"
    if stored.get("kernels_code") != new.get("kernels_code"):
        return "calibrations of different kernels' code"
    if bool(stored.get("quick")) != bool(new.get("quick")):
        return "a quick and a full calibration"
    if {_key(r) for r in stored["runs"]} != {_key(r) for r in new["runs"]}:
        return "calibrations over different layers or densities"
    return ""


def merge_calibrations(stored: dict, new: dict) -> Dict[str, object]:
    """``new`` calibration with each run's time the fastest of ``stored``'s and its own,
    the call overheads likewise, and the factors refitted on them.

    Parameters
    ----------
    stored, new : dict
        :attr:`MachineProfile.calibration` values (``new`` just measured, on the same
        profile's ceilings: its roofline times are kept).

    Returns
    -------
    dict
        ``new`` with ``factors``, ``overhead_s``, ``fit`` and ``runs`` refitted, plus
        ``sessions`` (calibrations merged so far), ``session_wall_seconds`` and
        ``runs_from_latest`` (runs the latest session timed fastest).

    Raises
    ------
    WinomodelError
        If :func:`merge_problem` finds the two cannot be merged.
    """
    problem = merge_problem(stored, new)
    if problem:
        raise WinomodelError(f"cannot merge {problem}")
    before = {_key(r): float(r["measured_s"]) for r in stored["runs"]}
    runs, from_latest = [], 0
    for r in new["runs"]:
        earlier = before[_key(r)]
        from_latest += r["measured_s"] < earlier
        runs.append({**r, "measured_s": min(float(r["measured_s"]), earlier)})
    overhead = {k: min(float(v), float(stored.get("overhead_measured_s", {}).get(k, v)))
                for k, v in new["overhead_measured_s"].items()}
    merged = {**new, **fit_calibration(runs, overhead)}
    merged["sessions"] = int(stored.get("sessions", 1)) + 1
    merged["session_wall_seconds"] = [*stored.get("session_wall_seconds", [stored.get("wall_seconds")]),
                                      new.get("wall_seconds")]
    merged["runs_from_latest"] = int(from_latest)
    return merged
