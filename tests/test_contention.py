"""The contention guard: a measurement slowed by a busy machine (canary) is repeated."""

import statistics

import pytest

from winomodel.perfmodel import contention
from winomodel.timing import Timing


def fake_measure(slowdowns, calls):
    """An interleaved measurement whose canary ran ``slowdowns[i]`` x its typical time
    on attempt i; every kernel's time is attempt-tagged."""
    def measure(fns):
        attempt = len(calls)
        calls.append(sorted(map(str, fns)))
        quiet = statistics.median(contention._HISTORY)
        out = {key: Timing((float(attempt + 1),) * 3, 1) for key in fns if key != contention._CANARY_KEY}
        out[contention._CANARY_KEY] = Timing((quiet * slowdowns[attempt],) * 3, 1)
        return out
    return measure


def test_quiet_machine_measures_once():
    calls = []
    timed, slowdown = contention.guarded(fake_measure([1.05], calls), {"k": lambda: None}, pause_s=0)
    assert len(calls) == 1 and "('__canary__',)" in calls[0]
    assert timed == {"k": Timing((1.0,) * 3, 1)}
    assert slowdown == pytest.approx(1.05)


def test_busy_machine_is_measured_again_and_the_least_slowed_attempt_kept():
    calls, notes = [], []
    timed, slowdown = contention.guarded(fake_measure([2.0, 1.3, 1.6], calls), {"k": lambda: None},
                                         retries=2, pause_s=0, progress=notes.append)
    assert len(calls) == 3
    assert timed["k"].median == 2.0      # attempt 2 (1.3x) beat 2.0x and 1.6x
    assert slowdown == pytest.approx(1.3)
    assert len(notes) == 2 and "busy" in notes[0]


def test_stops_retrying_once_quiet():
    calls = []
    _, slowdown = contention.guarded(fake_measure([1.9, 1.0, 3.0], calls), {"k": lambda: None},
                                     retries=2, pause_s=0)
    assert len(calls) == 2 and slowdown == pytest.approx(1.0)


def test_canary_runs():
    run = contention.canary()
    assert contention.typical_canary_s(run, repeats=1, min_time=0.0) > 0
