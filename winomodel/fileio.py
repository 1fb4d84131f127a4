"""Atomic file writing: temporary files in the target's folder, then renames.

An interrupted run never leaves a truncated CSV, JSON or image behind: readers see
either the old file or the complete new one.

* Every file is written to a hidden temporary ``.NAME.winomodel-tmp-PID-XXXX`` beside
  its target and renamed onto it only once complete.  On an error, SIGINT or SIGTERM
  (the CLI turns SIGTERM into an exception) the temporary is removed.  A process
  killed outright (SIGKILL, power loss) cannot clean up: the next write into the same
  folder removes the temporaries of processes that no longer run.
* :func:`write_set` groups the files of one command: they are all written first and
  renamed together at the end (with SIGINT and SIGTERM held back during the renames),
  so a command that writes several files leaves all of them new or none.
* Any ``OSError`` of a write (permission, full disk, read-only file system, a folder
  or a file in the way) becomes one :class:`~winomodel.errors.OutputFileError` naming
  the path.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import json
import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import Iterator, List, Optional, Tuple, Union

from .errors import OutputFileError

PathLike = Union[str, os.PathLike]

#: marks winomodel's temporary files: ``.NAME`` + TMP_MARK + ``PID-random`` + suffix
TMP_MARK = ".winomodel-tmp-"

#: plain-words reasons of the errors a user's path or disk can cause
_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a directory",
    errno.ENOTDIR: "a part of the path is a file, not a directory",
    errno.EEXIST: "a part of the path is a file, not a directory",
    errno.ENOENT: "a part of the path does not exist",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EFBIG: "the file is too large for the file system",
    errno.EIO: "input/output error on the device",
}


def os_error_reason(exc: OSError) -> str:
    """A short plain-words reason for ``exc`` (its strerror when not a common one)."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: permissions of a new file (mkstemp creates 0600; a written file should get the usual mode)
_FILE_MODE = 0o666 & ~_umask()

_active: "contextvars.ContextVar[Optional[WriteSet]]" = contextvars.ContextVar(
    "winomodel_write_set", default=None)


@contextlib.contextmanager
def os_errors_named(path: PathLike, action: str = "write") -> Iterator[None]:
    """Turn an ``OSError`` raised in the block into one :class:`OutputFileError` naming ``path``."""
    try:
        yield
    except OutputFileError:
        raise
    except OSError as exc:
        raise OutputFileError(f"cannot {action} {path}: {os_error_reason(exc)}") from None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def sweep_stale_temporaries(folder: PathLike) -> List[Path]:
    """Remove winomodel temporaries in ``folder`` left by processes that no longer run
    (killed with SIGKILL mid-write); returns the removed paths."""
    removed = []
    try:
        candidates = list(Path(folder).glob(f".*{TMP_MARK}*"))
    except OSError:
        return removed
    for tmp in candidates:
        pid_text = tmp.name.rsplit(TMP_MARK, 1)[-1].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


class WriteSet:
    """Files staged as temporaries, renamed onto their targets together by :meth:`commit`."""

    def __init__(self):
        self._staged: List[Tuple[Path, Path]] = []

    def stage(self, path: PathLike, suffix: str = "") -> Path:
        """Create and return a temporary file for ``path`` (checked to be writable)."""
        path = Path(path)
        with os_errors_named(path):
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
            if path.exists() and not path.is_file():  # a device or pipe: never replace it
                raise OutputFileError(f"cannot write {path}: it exists and is not a regular file")
            path.parent.mkdir(parents=True, exist_ok=True)
            sweep_stale_temporaries(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TMP_MARK}{os.getpid()}-",
                                       suffix=suffix or path.suffix, dir=path.parent)
            try:
                os.fchmod(fd, _FILE_MODE)
            finally:
                os.close(fd)
        self._staged.append((Path(tmp), path))
        return Path(tmp)

    def unstage(self, tmp: Path) -> None:
        """Drop one staged temporary (its writer failed)."""
        self._staged = [(t, p) for t, p in self._staged if t != tmp]
        with contextlib.suppress(OSError):
            tmp.unlink()

    def commit(self) -> List[Path]:
        """Rename every staged temporary onto its target; SIGINT/SIGTERM wait until done."""
        with _signals_held():
            done = []
            for tmp, path in self._staged:
                with os_errors_named(path):
                    os.replace(tmp, path)
                done.append(path)
            self._staged = []
        return done

    def discard(self) -> None:
        """Remove every staged temporary (the targets keep their old content)."""
        for tmp, _ in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._staged = []


@contextlib.contextmanager
def _signals_held():
    """Hold back SIGINT and SIGTERM (main thread only) while the block runs."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def write_set() -> Iterator[WriteSet]:
    """Write several files as one set: every :func:`atomic_path` / ``write_*`` call in the
    block is staged and all are renamed at its end, or none if it raises.

    Nested sets join the outermost one.
    """
    outer = _active.get()
    if outer is not None:
        yield outer
        return
    ws = WriteSet()
    token = _active.set(ws)
    try:
        yield ws
        ws.commit()
    finally:
        _active.reset(token)
        ws.discard()


@contextlib.contextmanager
def atomic_path(path: PathLike, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path next to ``path``; it replaces ``path`` if the block succeeds
    (at the end of the enclosing :func:`write_set`, if any).

    Use for writers that want a file name (``savefig``, ``to_csv``).  ``suffix``
    keeps the extension, for writers that infer the format from it.

    Raises
    ------
    OutputFileError
        If the file cannot be written (the message names the path and the reason).
    """
    with write_set() as ws:
        tmp = ws.stage(path, suffix)
        try:
            with os_errors_named(path):
                yield tmp
        except BaseException:
            ws.unstage(tmp)
            raise


def check_writable(path: PathLike) -> Path:
    """Raise :class:`OutputFileError` now if ``path`` could not be written (creating its
    folder if needed); commands call it before their long work, not after."""
    ws = WriteSet()
    try:
        ws.stage(path)
    finally:
        ws.discard()
    return Path(path)


def write_text(path: PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` atomically; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_json(path: PathLike, obj) -> Path:
    """Write ``obj`` as indented JSON to ``path`` atomically."""
    return write_text(path, json.dumps(obj, indent=2, sort_keys=False, default=_json_default) + "\n")


def write_csv(path: PathLike, frame) -> Path:
    """Write a pandas DataFrame to ``path`` atomically, without the index."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False)
    return Path(path)


def _json_default(obj):
    import numpy as np

    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")
