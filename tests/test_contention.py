"""The contention guard: rounds slowed by a busy machine (canary) are dropped, and a
measurement left with fewer than half its rounds is repeated."""

import numpy as np
import pytest

from winomodel.perfmodel import contention
from winomodel.timing import Timing


def fake_measure(slowdowns, calls):
    """An interleaved measurement whose canary ran ``slowdowns[i]`` x its typical time
    on attempt i (a number: every round; a tuple: round by round); every kernel's sample
    is tagged with its attempt (1, 2, ...) plus its round / 10."""
    def measure(fns):
        attempt = len(calls)
        calls.append(sorted(map(str, fns)))
        quiet = contention.typical_canary_s(lambda: None)
        per_round = slowdowns[attempt]
        per_round = per_round if isinstance(per_round, tuple) else (per_round,) * 3
        rounds = range(len(per_round))
        out = {key: Timing(tuple(attempt + 1 + r / 10 for r in rounds), 1)
               for key in fns if key != contention._CANARY_KEY}
        out[contention._CANARY_KEY] = Timing(tuple(quiet * s for s in per_round), 1)
        return out
    return measure


def test_quiet_machine_measures_once():
    calls = []
    timed, slowdown, _ = contention.guarded(fake_measure([1.05], calls), {"k": lambda: None}, pause_s=0)
    assert len(calls) == 1 and "('__canary__',)" in calls[0]
    assert timed == {"k": Timing((1.0, 1.1, 1.2), 1)}
    assert slowdown == pytest.approx(1.05)


def test_busy_machine_is_measured_again_and_the_least_slowed_attempt_kept():
    calls, notes = [], []
    timed, slowdown, _ = contention.guarded(fake_measure([2.0, 1.3, 1.6], calls), {"k": lambda: None},
                                         retries=2, pause_s=0, progress=notes.append)
    assert len(calls) == 3
    assert timed["k"].median == 2.1      # attempt 2 (1.3x) beat 2.0x and 1.6x
    assert slowdown == pytest.approx(1.3)
    assert len(notes) == 2 and "busy" in notes[0]


def test_stops_retrying_once_quiet():
    calls = []
    _, slowdown, _ = contention.guarded(fake_measure([1.9, 1.0, 3.0], calls), {"k": lambda: None},
                                     retries=2, pause_s=0)
    assert len(calls) == 2 and slowdown == pytest.approx(1.0)


def test_slow_rounds_are_dropped_without_measuring_again():
    calls = []
    timed, slowdown, _ = contention.guarded(fake_measure([(1.0, 1.05, 2.1, 0.95, 1.5)], calls),
                                         {"k": lambda: None}, pause_s=0)
    assert len(calls) == 1
    assert timed["k"].samples == (1.0, 1.1, 1.3)     # rounds 0, 1 and 3
    assert slowdown == pytest.approx(1.0)


def test_mostly_slow_measurement_is_repeated_and_the_quietest_kept():
    calls, notes = [], []
    timed, slowdown, _ = contention.guarded(
        fake_measure([(2.0, 1.0, 2.0, 2.0, 1.1), (1.0, 2.0, 2.0, 1.0, 2.0), (2.0,) * 5], calls),
        {"k": lambda: None}, retries=2, pause_s=0, progress=notes.append)
    assert len(calls) == 3 and len(notes) == 2 and "3 of 5" in notes[0]
    # attempts 1 and 2 left two quiet rounds each: attempt 2's (1.0, 1.0) are less slowed
    # than attempt 1's (1.0, 1.1)
    assert timed["k"].samples == (2.0, 2.3)
    assert slowdown == pytest.approx(1.0, rel=0.05)


def test_quiet_rounds():
    assert contention.quiet_rounds([1.0, 1.25, 1.19, 0.5], 1.0, tolerance=0.2) == [0, 2, 3]


def test_canary_runs_and_hands_its_chunks_over():
    run = contention.canary()
    assert contention.typical_canary_s(run, repeats=1, min_time=0.0) > 0
    x = np.ones(8, dtype=np.float32)
    turn = np.zeros(1, dtype=np.int64)
    for _ in range(3):
        contention._canary_kernel(x, 2, 1, turn)
    assert turn[0] == 3 and np.allclose(x, 1.0)


def test_typical_is_a_low_quantile(monkeypatch):
    """A process that spent most rounds slowed still judges against its quiet rounds."""
    monkeypatch.setattr(contention, "_HISTORY", [1.0] * 3 + [2.0] * 17)
    assert contention.typical_canary_s(lambda: None) == 1.0


def test_slowdown_of_judges_against_the_typical_time_now(monkeypatch):
    monkeypatch.setattr(contention, "_HISTORY", [2.0] * 3)
    assert contention.slowdown_of(2.0) == 1.0          # seeded in a slow spell: passes
    contention._HISTORY.extend([1.0] * 20)
    assert contention.slowdown_of(2.0) == 2.0          # the quiet rounds since show it
    monkeypatch.setattr(contention, "_HISTORY", [])
    with pytest.raises(RuntimeError):
        contention.slowdown_of(1.0)


def test_wait_for_quiet_polls_until_the_canary_is_typical(monkeypatch):
    monkeypatch.setattr(contention, "_HISTORY", [1.0] * 5)   # typical canary: 1 s
    now = [0.0]
    slept = []

    def sleep(s):
        slept.append(s)
        now[0] += s

    probes = iter([2.0, 1.9, 1.1])      # slow, slow, quiet (within 1.2x)
    assert contention.wait_for_quiet(10.0, poll_s=1.0, sleep=sleep, clock=lambda: now[0],
                                     probe=lambda: next(probes))
    assert slept == [1.0, 1.0]
    # a spell that outlasts the wait: gives up without sleeping past the deadline
    now[0], slept[:] = 0.0, []
    assert not contention.wait_for_quiet(2.5, poll_s=1.0, sleep=sleep, clock=lambda: now[0],
                                         probe=lambda: 2.0)
    assert slept == [1.0, 1.0] and now[0] <= 2.5
    assert not contention.wait_for_quiet(0.0, sleep=sleep, clock=lambda: now[0], probe=lambda: 2.0)
    assert contention._HISTORY == [1.0] * 5   # probes are not kept as measurement rounds


def test_wait_for_quiet_runs_the_real_canary(monkeypatch):
    """On this machine: the real probe runs and compares against the typical time."""
    monkeypatch.setattr(contention, "_HISTORY", [1e9])        # anything is quiet against 1e9 s
    assert contention.wait_for_quiet(0.0)
    monkeypatch.setattr(contention, "_HISTORY", [1e-12])      # nothing is
    assert not contention.wait_for_quiet(0.0)
