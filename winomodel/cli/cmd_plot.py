"""``winomodel plot <kind>``: figures drawn from saved results.

Each plot kind is a sub-subcommand registered in :data:`PLOT_KINDS`, so other
kinds (speedup vs density, ...) can be added next to ``roofline``.
"""

from __future__ import annotations

from pathlib import Path


def _register_roofline(sub) -> None:
    p = sub.add_parser("roofline", help="the machine's roofline from a profile (PNG + SVG)")
    p.add_argument("--profile", type=Path, default=None,
                   help="profile JSON (default: this machine's reports/<machine>/profile.json)")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="output stem; .png and .svg are added (default: next to the profile, 'roofline')")
    p.add_argument("--any-machine", action="store_true",
                   help="plot a profile measured on another machine")
    p.set_defaults(func=_run_roofline)


def _run_roofline(args) -> int:
    from ..machine.profile import MachineProfile
    from ..machine.profiler import default_profile_path
    from ..machine.roofline_plot import plot_roofline

    from ..fileio import check_writable
    from .cmd_predict import describe_profile

    path = args.profile or default_profile_path()
    profile = MachineProfile.load(path, check_machine=not args.any_machine)
    print(describe_profile(profile, path))
    stem = args.output or Path(path).with_name("roofline")
    for ext in (".png", ".svg"):
        check_writable(stem.with_name(stem.name + ext))
    for written in plot_roofline(profile, stem):
        print(f"wrote {written}")
    return 0


#: plot kind -> function adding its parser
PLOT_KINDS = {"roofline": _register_roofline}


def register(subparsers) -> None:
    p = subparsers.add_parser("plot", help="draw figures (roofline, ...)")
    sub = p.add_subparsers(dest="plot_kind", metavar="KIND")
    sub.required = True
    for add in PLOT_KINDS.values():
        add(sub)
