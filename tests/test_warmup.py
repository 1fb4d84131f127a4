"""Numba's cache: the kernels' warm-up (in-process and in background processes) and
clearing stale cached code after the generators run."""

import numba

from winomodel.kernels import warmup


def test_compile_kernels_reaches_both_winograd_paths():
    from winomodel.kernels import _winograd_common as wc
    from winomodel.layer import ConvLayer

    # the two warm shapes take the split and the fused path on this machine's threads
    paths = set()
    for n, c, h, k in warmup.WARM_SHAPES:
        layer = ConvLayer(N=n, C=c, H=h, W=h, K=k, R=3, S=3, pad=(1, 1))
        blocks = wc.geometry(layer, wc.default_tile(layer), n, "sparse")[4]
        paths.add(wc.use_split(blocks, 1))
    if numba.get_num_threads() > 1:
        assert paths == {True, False}
    warmup.compile_kernels(["dense_winograd", "sparse_winograd"])  # runs (from the cache here)


def test_background_compile_runs_and_reports_each_process():
    job = warmup.BackgroundCompile(families=[("dense_direct",)]).start()
    assert len(job.procs) == 1
    job.wait()
    job.wait()  # idempotent
    assert job.returncodes == [0]
    assert job.procs == []


def test_clear_jit_cache_removes_only_numba_cache_files(tmp_path):
    from winomodel._config import clear_jit_cache

    cache = tmp_path / "kernels" / "__pycache__"
    cache.mkdir(parents=True)
    for name in ("a.f-1.py311.nbi", "a.f-1.py311.1.nbc", "a.cpython-311.pyc"):
        (cache / name).write_text("x")
    (tmp_path / "kernels" / "a.py").write_text("x")
    assert clear_jit_cache(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.cpython-311.pyc", "a.py"]


def test_background_processes_import_this_copy_not_the_current_folders(tmp_path, monkeypatch):
    import subprocess
    import sys
    from pathlib import Path

    import winomodel

    # a decoy package in the current folder, as in a checkout after `pip install .`
    (tmp_path / "winomodel").mkdir()
    (tmp_path / "winomodel" / "__init__.py").write_text("raise SystemExit('the decoy was imported')\n")
    monkeypatch.chdir(tmp_path)
    code = warmup._child_code().replace("from winomodel.kernels.warmup import main; main()",
                                        "import winomodel; print(winomodel.__file__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert Path(out.stdout.strip()).resolve() == Path(winomodel.__file__).resolve()
