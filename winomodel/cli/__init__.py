"""The ``winomodel`` command line.

Each subcommand lives in its own module ``winomodel/cli/cmd_<name>.py`` that
defines ``register(subparsers)``: it adds its parser and sets ``func`` (a callable
taking the parsed arguments and returning an exit code).  Modules are discovered,
so a new command is one new module.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ..errors import WinomodelError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="winomodel",
        description="Sparse/Winograd CPU convolution kernels and a roofline model of their speed.",
    )
    parser.add_argument("--isa", metavar="REGIME", default=None,
                        help="run the command with Numba and PyTorch limited to REGIME: native, "
                             "avx2 (an AVX-512 host limited to AVX2) or generic (baseline x86-64)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    package = importlib.import_module(__name__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"{__name__}.{info.name}").register(sub)
    return parser


def main(argv=None) -> int:
    """Entry point of the ``winomodel`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.isa is not None:
        try:
            _run_in_regime(args.isa, sys.argv[1:] if argv is None else list(argv))
        except WinomodelError as exc:
            print(f"winomodel: error: {exc}", file=sys.stderr)
            return 2
    try:
        return int(args.func(args) or 0)
    except WinomodelError as exc:
        print(f"winomodel {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"winomodel {args.command}: interrupted", file=sys.stderr)
        return 130


def _run_in_regime(regime: str, argv) -> None:
    """Re-run this command in a new process with ``regime``'s environment (Numba and
    PyTorch read it once, at import, which has happened here); returns only where this
    process already runs in it."""
    import os

    from ..machine.isa import regime_env

    env = regime_env(regime)
    if all(os.environ.get(k) == v for k, v in env.items()):
        return
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, "-m", "winomodel", *argv], {**os.environ, **env})


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
