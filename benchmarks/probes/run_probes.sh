#!/usr/bin/env bash
# Build and run the independent C probes: fp32/fp64 FMA peaks, triad bandwidth at cache
# working sets and from DRAM.  Compare with `winomodel profile` run in the same minute,
# with the same threads and regime.
# Usage: benchmarks/probes/run_probes.sh [threads] [regime]
#   regime: native (default), avx2 (an AVX-512 host limited to AVX2, as `winomodel --isa
#   avx2`), generic (baseline x86-64)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${PROBE_BUILD_DIR:-${TMPDIR:-/tmp}/winomodel-probes}"
mkdir -p "$build"
threads="${1:-$(nproc)}"
regime="${2:-native}"
case "$regime" in
  native)  isa_flags="-march=native" ;;
  avx2)    isa_flags="-march=native -mno-avx512f" ;;
  generic) isa_flags="-march=x86-64" ;;
  *) echo "unknown regime $regime (native, avx2, generic)" >&2; exit 2 ;;
esac
cflags="-O3 -ffp-contract=fast -fopenmp $isa_flags"
gcc $cflags -o "$build/fma_peak" "$here/fma_peak.c"
gcc $cflags -o "$build/triad" "$here/triad.c"
# last-level cache (bytes) as the OS reports it: largest cache index, times its instances
llc=$(python3 - <<'PY'
import glob, os
best = 0
seen = {}
for idx in glob.glob("/sys/devices/system/cpu/cpu[0-9]*/cache/index[0-9]*"):
    try:
        if open(idx + "/type").read().strip() == "Instruction":
            continue
        lvl = int(open(idx + "/level").read())
        size = open(idx + "/size").read().strip()
        shared = open(idx + "/shared_cpu_list").read().strip()
    except OSError:
        continue
    mult = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}.get(size[-1], 1)
    seen.setdefault(lvl, {})[shared] = int(size.rstrip("KMG")) * mult
top = max(seen) if seen else None
print(sum(seen[top].values()) if top else 64 * 1024 * 1024)
PY
)
echo "date=$(date -u +%FT%TZ) threads=$threads regime=$regime cflags='$cflags' llc_bytes=$llc load=$(cut -d' ' -f1-3 /proc/loadavg)"
OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread "$build/fma_peak"
# cache points: 48 KiB, 512 KiB, 4 MiB, 16 MiB of arrays in all
OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread "$build/triad" "$llc" 6 49152 524288 4194304 16777216
