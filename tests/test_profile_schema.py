"""MachineProfile JSON: round trip, fingerprints and bad files."""

import json

import numba
import pytest

from winomodel.errors import ProfileError
from winomodel.machine.profile import (FORMAT_TAG, SCHEMA_VERSION, MachineProfile,
                                         fingerprint_mismatch, machine_fingerprint)


def measured_like(threads=2):
    """A synthetic profile carrying this machine's fingerprint, as a measured one would."""
    p = MachineProfile.synthetic(threads=threads)
    p.fingerprint = machine_fingerprint(threads)
    p.extra = {"quick": True, "sweep": {"size_bytes": [1.0, 2.0], "gbs": [3.0, 4.0]}}
    return p


def test_round_trip(tmp_path):
    p = measured_like()
    path = p.save(tmp_path / "sub" / "profile.json")
    q = MachineProfile.load(path)
    assert q == p
    d = json.loads(path.read_text())
    assert d["format"] == FORMAT_TAG and d["schema_version"] == SCHEMA_VERSION
    assert set(d["peak_gflops"]) >= {"fp32", "fp64"}
    assert set(d["bandwidth_gbs"]) == {"L1", "L2", "L3", "DRAM"}


def test_no_temporary_files_left(tmp_path):
    measured_like().save(tmp_path / "profile.json")
    assert [f.name for f in tmp_path.iterdir()] == ["profile.json"]


def test_missing_file(tmp_path):
    with pytest.raises(ProfileError, match="no machine profile"):
        MachineProfile.load(tmp_path / "nope.json")


def test_truncated_file(tmp_path):
    path = measured_like().save(tmp_path / "profile.json")
    path.write_text(path.read_text()[:200])
    with pytest.raises(ProfileError, match="corrupt or truncated"):
        MachineProfile.load(path)


def test_garbage_file(tmp_path):
    path = tmp_path / "profile.json"
    path.write_bytes(b"\x00\xffnot json")
    with pytest.raises(ProfileError):
        MachineProfile.load(path)


def test_foreign_json(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"hello": 1}))
    with pytest.raises(ProfileError, match="not a winomodel machine profile"):
        MachineProfile.load(path)


def test_future_schema(tmp_path):
    path = measured_like().save(tmp_path / "profile.json")
    d = json.loads(path.read_text())
    d["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(d))
    with pytest.raises(ProfileError, match="newer than this winomodel"):
        MachineProfile.load(path)


def test_missing_ceiling(tmp_path):
    path = measured_like().save(tmp_path / "profile.json")
    d = json.loads(path.read_text())
    del d["compute_gflops"]["axpy"]
    path.write_text(json.dumps(d))
    with pytest.raises(ProfileError, match="axpy"):
        MachineProfile.load(path)


def test_negative_bandwidth(tmp_path):
    path = measured_like().save(tmp_path / "profile.json")
    d = json.loads(path.read_text())
    d["bandwidth_gbs"]["L2"] = -1
    path.write_text(json.dumps(d))
    with pytest.raises(ProfileError, match="bandwidth_gbs.L2"):
        MachineProfile.load(path)


def test_other_machine(tmp_path):
    p = measured_like()
    p.fingerprint = dict(p.fingerprint, cpu_model="Some Other CPU 9000")
    path = p.save(tmp_path / "profile.json")
    with pytest.raises(ProfileError, match="another machine"):
        MachineProfile.load(path)
    # still readable on purpose (e.g. to plot another machine's roofline)
    assert MachineProfile.load(path, check_machine=False).fingerprint["cpu_model"] == "Some Other CPU 9000"


def test_other_software_versions_mismatch():
    fp = machine_fingerprint(2)
    assert fingerprint_mismatch(fp, dict(fp)) == ""
    assert "numba" in fingerprint_mismatch(dict(fp, numba="0.1"), fp)
    # a profile of other kernels (another winomodel) is not reused
    assert "kernels" in fingerprint_mismatch(dict(fp, kernels="0" * 16), fp)
    assert "threads" in fingerprint_mismatch(fp, machine_fingerprint(1))
    # the date is recorded, not matched
    assert fingerprint_mismatch(dict(fp, date="2000-01-01"), fp) == ""


def test_synthetic_profile_is_never_reused():
    assert "synthetic" in fingerprint_mismatch({"synthetic": True}, machine_fingerprint(2))


def test_sources_hash_follows_the_kernels_code(tmp_path):
    """The fingerprint's ``kernels`` entry changes when a kernel file changes or appears,
    and only then."""
    from winomodel.machine.profile import KERNEL_SOURCES, kernels_hash, sources_hash

    (tmp_path / "kernels").mkdir()
    (tmp_path / "kernels" / "a.py").write_text("x = 1\n")
    (tmp_path / "work.py").write_text("y = 2\n")
    (tmp_path / "notes.txt").write_text("not code the profile measured\n")
    first = sources_hash(tmp_path, KERNEL_SOURCES)
    assert sources_hash(tmp_path, KERNEL_SOURCES) == first
    (tmp_path / "notes.txt").write_text("changed\n")
    assert sources_hash(tmp_path, KERNEL_SOURCES) == first
    (tmp_path / "kernels" / "a.py").write_text("x = 3\n")
    changed = sources_hash(tmp_path, KERNEL_SOURCES)
    assert changed != first
    (tmp_path / "kernels" / "b.py").write_text("")
    assert sources_hash(tmp_path, KERNEL_SOURCES) != changed
    assert len(kernels_hash()) == 16


def test_a_saved_profile_of_other_kernels_is_not_used_and_the_warning_says_why(tmp_path,
                                                                               monkeypatch):
    from winomodel.machine import profiler
    from winomodel.select import load_default_profile

    path = tmp_path / "profile.json"
    monkeypatch.setattr(profiler, "default_profile_path", lambda: path)
    stale = measured_like(numba.get_num_threads())
    stale.fingerprint = dict(stale.fingerprint, kernels="0" * 16)
    stale.save(path)
    with pytest.warns(RuntimeWarning, match="kernels.*synthetic profile"):
        assert load_default_profile().fingerprint.get("synthetic")
    measured_like(numba.get_num_threads()).save(path)
    assert not load_default_profile().fingerprint.get("synthetic")
