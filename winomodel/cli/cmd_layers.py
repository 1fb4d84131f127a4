"""``winomodel layers``: print a network's conv layers with output sizes, GFLOPs and
published pruned densities."""

from __future__ import annotations

from ..networks import load_layers_csv, load_network, network_names, published_densities
from .argtypes import positive_int


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "layers", help="print the conv layers of a shipped network or a layer CSV",
        description="Print a layer table: shapes, output sizes, GFLOPs and published density.")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--network", metavar="NAME",
                        help=f"shipped network ({', '.join(network_names())})")
    source.add_argument("--layers", metavar="FILE.csv",
                        help="your own table (columns name,N,C,K,H,W,R,S,stride,pad,groups; "
                             "C,K,H,R required)")
    p.add_argument("--batch", type=positive_int, default=None, help="batch size N for every layer")
    p.set_defaults(func=run)


def _pair_text(pair) -> str:
    return str(pair[0]) if pair[0] == pair[1] else f"{pair[0]}x{pair[1]}"


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    if args.network is not None:
        layers = load_network(args.network, batch=args.batch)
        densities = published_densities(args.network)
        title = f"{args.network}: {len(layers)} conv layers"
    else:
        layers = load_layers_csv(args.layers, batch=args.batch)
        densities = {}
        title = f"{args.layers}: {len(layers)} conv layers"
    table = Table(title=title)
    for col in ("layer", "N", "C->K", "input", "kernel", "stride", "pad", "groups", "output",
                "GFLOPs", "published density"):
        table.add_column(col, justify="left" if col == "layer" else "right")
    for layer in layers:
        density = densities.get(layer.name)
        table.add_row(layer.name, str(layer.N), f"{layer.C}->{layer.K}", f"{layer.H}x{layer.W}",
                      f"{layer.R}x{layer.S}", _pair_text(layer.stride), _pair_text(layer.pad),
                      str(layer.groups), f"{layer.P}x{layer.Q}", f"{layer.dense_flops / 1e9:.3f}",
                      "" if density is None else f"{density:.3f}")
    total = sum(layer.dense_flops for layer in layers) / 1e9
    table.add_section()
    table.add_row("total", "", "", "", "", "", "", "", "", f"{total:.3f}", "")
    console = Console()
    if not console.is_terminal:  # piped output: do not squeeze the table into 80 columns
        console = Console(width=160)
    console.print(table)
    return 0
