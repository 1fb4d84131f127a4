#!/usr/bin/env bash
# Build and run the independent C probes; prints fp32 FMA GFLOP/s and DRAM triad GB/s.
# Usage: benchmarks/probes/run_probes.sh [threads]
# Compare with `winomodel profile` run in the same minute (same thread count).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${PROBE_BUILD_DIR:-${TMPDIR:-/tmp}/winomodel-probes}"
mkdir -p "$build"
threads="${1:-$(nproc)}"
gcc -O3 -march=native -fopenmp -o "$build/fma_peak" "$here/fma_peak.c"
gcc -O3 -march=native -fopenmp -o "$build/triad" "$here/triad.c"
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
echo "date=$(date -u +%FT%TZ) threads=$threads llc_bytes=$llc load=$(cut -d' ' -f1-3 /proc/loadavg)"
OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread "$build/fma_peak"
OMP_NUM_THREADS=$threads OMP_PROC_BIND=spread "$build/triad" "$llc"
