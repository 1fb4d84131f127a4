"""``winomodel isa``: the vector ISA the kernels are sized for, and the regimes' settings."""

from __future__ import annotations

import shlex


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "isa", help="show the vector ISA the kernels are compiled and sized for",
        description="Show the vector ISA Numba compiles for (host or NUMBA_CPU_* overrides) and "
                    "the register blocks chosen from it; --env REGIME prints the environment "
                    "that runs winomodel and PyTorch in that regime (for a shell: "
                    "eval \"$(winomodel isa --env avx2)\").")
    p.add_argument("--env", metavar="REGIME", default=None,
                   help="print `export` lines for REGIME (native, avx2, generic, arm-sizes) and exit")
    p.add_argument("--json", action="store_true", help="print the facts as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    import json

    from ..machine import isa

    if args.env is not None:
        for key, value in isa.regime_env(args.env).items():
            print(f"export {key}={shlex.quote(value)}")
        return 0
    facts = isa.current().as_dict()
    if args.json:
        print(json.dumps(facts, indent=2))
        return 0
    print(isa.current().describe())
    print(f"regime: {facts['regime']}; dense direct block {facts['dense_block']} (rows x pixels), "
          f"sparse direct block {facts['sparse_block']} pixels, {facts['fma_chains_f32']} FMA "
          f"chains in the peak kernel")
    return 0
