"""The ``winomodel`` command line.

Each subcommand lives in its own module ``winomodel/cli/cmd_<name>.py`` that
defines ``register(subparsers)``: it adds its parser and sets ``func`` (a callable
taking the parsed arguments and returning an exit code).  Modules are discovered,
so a new command is one new module.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import signal
import sys
import threading
import traceback

from ..errors import WinomodelError
from ..fileio import os_error_reason


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="winomodel",
        description="Sparse/Winograd CPU convolution kernels and a roofline model of their speed.",
    )
    parser.add_argument("--isa", metavar="REGIME", default=None,
                        help="run the command with Numba and PyTorch limited to REGIME: native, "
                             "avx2 (an AVX-512 host limited to AVX2), generic (baseline x86-64) "
                             "or arm-sizes (baseline x86-64 code with every block sized for "
                             "AArch64 NEON: checks Arm's code paths, not their speed)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    package = importlib.import_module(__name__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM, so ``finally`` blocks (temporary files) run."""


def _on_sigterm(signum, frame):
    raise Terminated()


@contextlib.contextmanager
def _sigterm_raises():
    """SIGTERM raises :class:`Terminated` while the block runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _error(command: str, message: str) -> None:
    # one line: newlines inside a message (a wrapped library error) would read as several
    print(f"winomodel {command}: error: {' '.join(str(message).split())}", file=sys.stderr)


def main(argv=None) -> int:
    """Entry point of the ``winomodel`` console script.

    Exit status: 0 on success; 2 on a user's mistake or the environment's (bad
    arguments, files, paths, full disk, not enough memory), reported in one line
    ``winomodel COMMAND: error: ...``; 130 on Ctrl-C; 143 on SIGTERM; 1 on a bug
    (an unexpected exception: its traceback and a line asking to report it).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.isa is not None:
        try:
            _run_in_regime(args.isa, sys.argv[1:] if argv is None else list(argv))
        except WinomodelError as exc:
            _error("--isa", exc)
            return 2
    command = args.command
    if getattr(args, "plot_kind", None):
        command = f"{command} {args.plot_kind}"
    try:
        with _sigterm_raises():
            return int(args.func(args) or 0)
    except WinomodelError as exc:
        _error(command, exc)
        return 2
    except BrokenPipeError:  # `winomodel layers ... | head`: the reader left; not an error
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")
        return 141
    except OSError as exc:  # reading or writing a file the user named, or the disk
        where = f" {exc.filename}" if exc.filename else ""
        _error(command, f"cannot access{where}: {os_error_reason(exc)}")
        return 2
    except MemoryError:
        _error(command, "ran out of memory; try smaller layers or batch sizes")
        return 2
    except KeyboardInterrupt:
        print(f"winomodel {command}: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print(f"winomodel {command}: terminated", file=sys.stderr)
        return 143
    except Exception:  # a bug: show where it happened
        traceback.print_exc()
        print(f"winomodel {command}: this is a bug in winomodel; please report it with the "
              f"command line and the traceback above", file=sys.stderr)
        return 1


def _run_in_regime(regime: str, argv) -> None:
    """Re-run this command in a new process with ``regime``'s environment (Numba and
    PyTorch read it once, at import, which has happened here); returns only where this
    process already runs in it."""
    from ..machine.isa import regime_env

    env = regime_env(regime)
    if all(os.environ.get(k) == v for k, v in env.items()):
        return
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, "-m", "winomodel", *argv], {**os.environ, **env})


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
