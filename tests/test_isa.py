"""The vector ISA winomodel sizes its kernels from, and the sizes that follow."""

import json
import os
import subprocess
import sys

import pytest

from winomodel.machine import isa as isa_mod
from winomodel.machine.isa import VectorISA, classify


def _isa(lanes, regs):
    return VectorISA(name="", arch="", cpu="", vector_bits=32 * lanes, registers=regs, fma=True)


@pytest.mark.parametrize("arch, cpu, features, disabled, expected", [
    ("x86_64", "znver5", {"avx512f", "avx2", "fma"}, set(), ("avx512", 512, 32, True)),
    ("x86_64", "znver3", {"avx2", "avx", "fma"}, set(), ("avx2", 256, 16, True)),
    # an AVX-512 host limited to AVX2 through NUMBA_CPU_FEATURES
    ("x86_64", "znver5", {"avx2", "avx", "fma"}, {"avx512f"}, ("avx2", 256, 16, True)),
    # Intel AVX-512 CPUs are tuned to 256-bit vectors unless told -prefer-256-bit
    ("x86_64", "sapphirerapids", {"avx512f", "fma"}, set(), ("avx512", 256, 32, True)),
    ("x86_64", "sapphirerapids", {"avx512f", "fma"}, {"prefer-256-bit"}, ("avx512", 512, 32, True)),
    ("x86_64", "generic", None, set(), ("sse", 128, 16, False)),
    ("x86_64", "haswell", None, set(), ("avx2", 256, 16, True)),
    ("x86_64", "x86-64-v4", None, set(), ("avx512", 512, 32, True)),
    ("aarch64", "neoverse-v1", {"neon"}, set(), ("neon", 128, 32, True)),
    ("ppc64le", "pwr9", {"vsx"}, set(), ("scalar", 128, 16, False)),
])
def test_classify(arch, cpu, features, disabled, expected):
    assert classify(arch, cpu, None if features is None else frozenset(features),
                    frozenset(disabled)) == expected


def test_register_blocks_fit_the_register_file():
    for lanes, regs in [(4, 16), (4, 32), (8, 16), (8, 32), (16, 32)]:
        isa = _isa(lanes, regs)
        rows, vectors = isa.dense_block
        assert rows * vectors + vectors + rows <= regs - 1       # accumulators, loads, broadcasts
        assert isa.dense_widths[-1] == vectors * lanes
        assert isa.sparse_widths[-1] == 8 * lanes                 # 8 accumulator vectors
        assert isa.fma_chains() // lanes <= regs - 4
    assert _isa(16, 32).dense_block == (6, 3)                     # AVX-512: 6 x 48, as tuned on Zen 5
    assert _isa(8, 16).dense_block == (3, 3)                      # AVX2: 3 x 24
    assert _isa(16, 32).fma_chains("float32") == 192
    assert _isa(8, 16).fma_chains("float64") == 48                # 12 ymm of 4 doubles
    assert [_isa(16, 32).accumulator_sets(w) for w in (16, 32, 64)] == [4, 4, 2]
    assert [_isa(8, 16).accumulator_sets(w) for w in (16, 32, 64)] == [4, 2, 1]


def test_current_is_consistent_with_the_kernels():
    from winomodel.kernels import _direct_common as dc

    isa = isa_mod.current()
    assert dc.PIXEL_BLOCK == isa.f32_lanes
    assert dc.DENSE_BLOCK == isa.dense_widths[-1] and dc.SPARSE_BLOCK == isa.sparse_widths[-1]
    d = isa.as_dict()
    assert json.loads(json.dumps(d))["f32_lanes"] == isa.f32_lanes
    assert str(isa.f32_lanes) in isa.describe()


def test_numba_overrides_are_honoured():
    """NUMBA_CPU_NAME/FEATURES (here: baseline x86-64, or a plain 128-bit target) set the ISA."""
    env = dict(os.environ, NUMBA_CPU_NAME="generic", NUMBA_CPU_FEATURES="")
    code = "from winomodel.machine import isa; i = isa.current(); print(i.f32_lanes, i.source)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    import platform
    if platform.machine() in ("x86_64", "AMD64"):
        assert out[0] == "4"
    assert "NUMBA_CPU_NAME" in " ".join(out[1:])


def test_arm_sizes_regime_sizes_for_neon_and_compiles_baseline_x86():
    """winomodel isa --env arm-sizes: NEON's shapes (4 lanes, 32 registers) with Numba at
    baseline x86-64, said so in the ISA's source."""
    import platform
    if platform.machine() not in ("x86_64", "AMD64"):
        pytest.skip("the arm-sizes regime runs on x86-64 hosts")
    env = dict(os.environ, **isa_mod.regime_env("arm-sizes"))
    code = ("from winomodel.machine import isa; i = isa.current(); "
            "print(i.name, i.arch, i.f32_lanes, i.registers, isa.regime(), i.source)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[:5] == ["neon", "aarch64", "4", "32", "arm-sizes"]
    assert isa_mod.SIZE_FOR_VARIABLE in " ".join(out[5:])
    assert env["NUMBA_CPU_NAME"] == "generic"


def test_datapath_width_sets_the_datasheet_peak():
    zen4 = VectorISA(name="avx512", arch="x86_64", cpu="znver4", vector_bits=512, registers=32, fma=True)
    zen5 = VectorISA(name="avx512", arch="x86_64", cpu="znver5", vector_bits=512, registers=32, fma=True)
    zen4_avx2 = VectorISA(name="avx2", arch="x86_64", cpu="znver4", vector_bits=256, registers=16, fma=True)
    assert (zen4.datapath_bits, zen5.datapath_bits, zen4_avx2.datapath_bits) == (256, 512, 256)
