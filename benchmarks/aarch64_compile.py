"""Cross-compile every jitted winomodel function, sized for Arm, to AArch64 assembly.

Usage (on an x86-64 host; seconds to minutes: every kernel compiles from scratch)::

    eval "$(winomodel isa --env arm-sizes)"
    NUMBA_OPT=0 NUMBA_CACHE_DIR="$(mktemp -d)" python benchmarks/aarch64_compile.py

(an empty cache: code loaded from a cache cannot be inspected)

There is no Arm machine here.  In the arm-sizes regime winomodel sizes every block for an
AArch64 NEON core while Numba compiles baseline x86-64 code (the test suite runs there to
check those code paths' results).  This script runs each kernel once on small layers (so
every function they call is compiled for the types it meets), then takes each compiled
function's LLVM IR, unoptimised (``NUMBA_OPT=0``), retargets it to
``aarch64-unknown-linux-gnu`` (Neoverse N1, NEON), optimises and vectorises it with LLVM's
AArch64 backend and emits assembly.  It prints, per module, the functions compiled, those
that failed (with LLVM's message), and the NEON vector FMAs (``fmla vN.4s``) and scalar ones
(``fmadd sN``) in their code.  The counts are what LLVM's default O3 pipeline makes of
Numba's unoptimised IR: the same pipeline aimed at x86 AVX2 leaves the direct kernels'
micro-kernels scalar too, where Numba's own pipeline packs them into vectors, so they say
that the code lowers for AArch64, not how well.  Nor can this show that it runs there.
"""

from __future__ import annotations

import collections
import os
import re
import sys

import numba
import numpy as np

TRIPLE = "aarch64-unknown-linux-gnu"


def _target_machine():
    import llvmlite.binding as llvm

    llvm.initialize_all_targets()
    llvm.initialize_all_asmprinters()
    return llvm.Target.from_triple(TRIPLE).create_target_machine(
        cpu="neoverse-n1", features="+neon,+fp-armv8", opt=3)


def to_aarch64(ir: str, tm) -> str:
    """AArch64 assembly of one module of Numba's LLVM IR (host attributes stripped)."""
    import llvmlite.binding as llvm

    ir = re.sub(r'target triple = ".*"', f'target triple = "{TRIPLE}"', ir)
    ir = re.sub(r'target datalayout = ".*"\n', "", ir)
    ir = re.sub(r'"target-(cpu|features)"="[^"]*"', "", ir)
    module = llvm.parse_assembly(ir)
    module.data_layout = str(tm.target_data)
    module.verify()
    builder = llvm.create_pass_builder(tm, llvm.create_pipeline_tuning_options(speed_level=3))
    builder.getModulePassManager().run(module, builder)
    return tm.emit_assembly(module)


def exercise_kernels() -> None:
    """Run every kernel on a few small layers (stride 1 and 2, 3x3 and 5x5, groups)."""
    import winomodel

    rng = np.random.default_rng(0)
    shapes = [(1, 8, 12, 11, 11, 1, 1, 1, 3), (2, 6, 10, 9, 9, 1, 2, 1, 3),
              (1, 8, 8, 10, 10, 2, 1, 2, 5), (1, 16, 40, 14, 14, 1, 1, 1, 3)]
    for n, c, k, h, w, groups, stride, pad, r in shapes:
        x = rng.standard_normal((n, c, h, w), dtype=np.float32)
        weights = rng.standard_normal((k, c // groups, r, r), dtype=np.float32)
        for kernel in winomodel.kernel_names():
            options = {"density": 0.3} if winomodel.get_kernel(kernel).sparse else {}
            winomodel.conv2d(x, weights, stride=stride, padding=pad, groups=groups,
                             kernel=kernel, **options)


def compiled_functions():
    """(module name, function name, dispatcher) of every winomodel function compiled so far."""
    seen = set()
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("winomodel") or module is None:
            continue
        for attr, value in vars(module).items():
            if isinstance(value, numba.core.dispatcher.Dispatcher) and value.signatures \
                    and id(value) not in seen:
                seen.add(id(value))
                yield name, attr, value


def main() -> int:
    import warnings

    from winomodel.machine.isa import current

    # unoptimised IR holds the arrays' addresses: Numba warns it cannot cache such code
    warnings.filterwarnings("ignore", category=numba.NumbaWarning)
    isa = current()
    print(f"sized for: {isa.describe()}")
    if isa.name != "neon":
        print("run in the arm-sizes regime: eval \"$(winomodel isa --env arm-sizes)\"")
        return 2
    if os.environ.get("NUMBA_OPT") != "0":
        print("set NUMBA_OPT=0 (and an empty NUMBA_CACHE_DIR): the IR must reach LLVM unoptimised")
        return 2
    exercise_kernels()
    tm = _target_machine()
    per_module = collections.defaultdict(lambda: [0, 0, 0, 0])
    failures = []
    for module, attr, dispatcher in compiled_functions():
        for ir in dispatcher.inspect_llvm().values():
            try:
                asm = to_aarch64(ir, tm)
            except RuntimeError as exc:
                failures.append(f"{module}.{attr}: {str(exc).splitlines()[0]}")
                per_module[module][1] += 1
                continue
            per_module[module][0] += 1
            per_module[module][2] += len(re.findall(r"\bfmla\s+v\d+\.4s", asm))
            per_module[module][3] += len(re.findall(r"\bfmadd\s+s\d+", asm))
    print(f"{'module':40s} {'compiled':>8s} {'failed':>6s} {'fmla .4s':>8s} {'fmadd s':>7s}")
    for module, (ok, bad, fmla, scalar) in sorted(per_module.items()):
        print(f"{module:40s} {ok:8d} {bad:6d} {fmla:8d} {scalar:7d}")
    for line in failures:
        print("FAILED", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
