"""``winomodel bench``: time every kernel and PyTorch on layers x batches x densities."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import WinomodelError
from ..formatting import is_missing
from .argtypes import nonnegative_float, positive_int


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "bench", help="time the kernels (and PyTorch) on network layers",
        description="Time every kernel and torch.nn.functional.conv2d on each layer x batch x "
                    "density; print a table and a geomean summary and write a CSV.")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--network", metavar="NAME", help="shipped network (see `winomodel layers`)")
    source.add_argument("--layers", metavar="FILE.csv", help="your own layer table")
    source.add_argument("--suite", metavar="NAME",
                        help="named layer set: issue5 = VGG-16 conv3_2,conv4_2,conv5_2 + "
                             "AlexNet conv3,conv4,conv5; issue22 = ResNet-50's stride-2 3x3s, "
                             "GoogLeNet's 5x5s, AlexNet conv2")
    p.add_argument("--select", metavar="L1,L2", default=None, help="only these layers")
    p.add_argument("--batch", default="1", metavar="N1,N2", help="batch sizes (default 1)")
    p.add_argument("--densities", default="1,0.1,0.05", metavar="D1,D2",
                   help="sparse-kernel densities in [0, 1] (default 1,0.1,0.05)")
    p.add_argument("--kernels", default=None, metavar="K1,K2",
                   help="kernels to time (default: all registered)")
    p.add_argument("--threads", type=positive_int, default=None, help="threads for Numba and PyTorch")
    p.add_argument("--repeats", type=positive_int, default=5, help="timing samples per cell (default 5)")
    p.add_argument("--min-time", type=nonnegative_float, default=0.05, dest="min_time",
                   help="minimum seconds per sample (default 0.05)")
    p.add_argument("--profile", metavar="FILE", default=None,
                   help="machine profile JSON for %% of peak (default: the saved one, if any)")
    p.add_argument("--no-torch", action="store_true", help="do not time PyTorch")
    p.add_argument("--no-onnxruntime", action="store_true",
                   help="do not time ONNX Runtime (timed when onnxruntime and onnx are installed)")
    p.add_argument("-o", "--output", metavar="FILE.csv", default=None,
                   help="CSV to write (default reports/<machine>/bench.csv)")
    p.set_defaults(func=run)


def _fmt(value, spec: str) -> str:
    if is_missing(value):
        return ""
    return format(value, spec)


def _warn_if_busy(console, threads) -> None:
    """Parallel kernels slow down by large factors when other processes hold the cores."""
    import os

    import numba

    try:
        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover - not available on every platform
        return
    cores = os.cpu_count() or 1
    wanted = threads or numba.get_num_threads()
    if load + wanted > cores + 0.5:
        console.print(f"[yellow]warning: load average {load:.1f} on {cores} cores; timings with "
                      f"{wanted} thread(s) will be noisy (compare within one run)[/yellow]")


def regime_line() -> str:
    """Which ISA regime the kernels (and PyTorch, when installed) run in."""
    from ..machine.isa import current, regime

    line = f"winomodel: {current().describe()}; regime {regime()}"
    try:
        import torch

        line += f"; PyTorch CPU capability {torch.backends.cpu.get_cpu_capability()}"
    except ImportError:
        pass
    return line


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from .. import bench
    from ..fileio import write_csv
    from ..machine.profile import MachineProfile

    batches = bench.parse_list(args.batch, int, "--batch")
    densities = bench.parse_list(args.densities, float, "--densities")
    kernels = bench.parse_list(args.kernels, str, "--kernels") if args.kernels else None
    pairs = bench.resolve_layers(network=args.network, layers_file=args.layers,
                                 select=args.select, suite=args.suite)
    if args.profile:
        profile, profile_note = MachineProfile.load(args.profile), f"% of peak from {args.profile}"
    else:
        profile, profile_note = bench.default_profile()
    output = Path(args.output) if args.output else bench.default_output_path()
    if output.suffix.lower() != ".csv":
        raise WinomodelError(f"output file must end in .csv, got {output}")
    from ..fileio import check_writable

    check_writable(output)  # before minutes of timing, not after

    out = Console() if sys.stdout.isatty() else Console(width=170)
    err = Console(stderr=True)
    err.print(f"[dim]{profile_note}[/dim]")
    out.print(regime_line(), highlight=False)
    _warn_if_busy(err, args.threads)
    with err.status("benchmarking") as status:
        results = bench.run_bench(
            pairs, batches=batches, densities=densities, kernels=kernels, threads=args.threads,
            repeats=args.repeats, min_time=args.min_time, profile=profile,
            torch=False if args.no_torch else None,
            onnxruntime=False if args.no_onnxruntime else None,
            progress=lambda msg: status.update(f"benchmarking {msg}"))

    table = Table(title="winomodel bench (median of repeats; speedups = baseline time / time; "
                        "peer = the faster of PyTorch and ONNX Runtime)")
    headers = ["network", "layer", "batch", "kernel", "density", "median ms", "CV",
               "real GFLOP/s", "eff GFLOP/s"]
    if profile is not None:
        headers.append("% peak")
    headers += ["x torch", "x peer", "x best dense"]  # skipped kernels are listed below the table
    for h in headers:
        table.add_column(h, justify="left" if h in ("network", "layer", "kernel") else "right")
    previous = None
    skipped = {}
    for r in results.itertuples(index=False):
        if is_missing(r.median_ms):
            skipped.setdefault((r.network, r.layer, r.batch, r.kernel), r.note)
            continue
        key = (r.network, r.layer, r.batch, r.density)
        if previous is not None and key != previous:
            table.add_section()
        previous = key
        cells = [r.network, r.layer, str(r.batch), r.kernel, f"{r.density:g}",
                 _fmt(r.median_ms, ".3f"), _fmt(r.cv, ".1%"), _fmt(r.real_gflops, ".1f"),
                 _fmt(r.effective_gflops, ".1f")]
        if profile is not None:
            cells.append(_fmt(r.pct_peak, ".1f"))
        cells += [_fmt(r.speedup_vs_torch, ".2f"), _fmt(r.speedup_vs_peer, ".2f"),
                  _fmt(r.speedup_vs_best_dense, ".2f")]
        table.add_row(*cells)
    out.print(table)
    for (network, layer, batch, kernel), note in skipped.items():
        out.print(f"[yellow]{network} {layer} batch {batch}: {kernel} {note}[/yellow]",
                  highlight=False)

    summary = bench.summarize(results)
    st = Table(title="geomean speedups per kernel x density")
    for h in ("kernel", "density", "cells", "x torch", "x peer", "x best dense"):
        st.add_column(h, justify="left" if h == "kernel" else "right")
    for r in summary.itertuples(index=False):
        st.add_row(r.kernel, f"{r.density:g}", str(r.cells), _fmt(r.geomean_speedup_vs_torch, ".2f"),
                   _fmt(r.geomean_speedup_vs_peer, ".2f"),
                   _fmt(r.geomean_speedup_vs_best_dense, ".2f"))
    out.print(st)

    write_csv(output, results)
    out.print(f"wrote {output}")
    return 0
