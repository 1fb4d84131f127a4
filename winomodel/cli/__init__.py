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
    try:
        return int(args.func(args) or 0)
    except WinomodelError as exc:
        print(f"winomodel {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"winomodel {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
