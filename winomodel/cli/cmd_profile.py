"""``winomodel profile``: measure this machine's roofline ceilings, print and save them."""

from __future__ import annotations

import time
from pathlib import Path

from ..formatting import format_bytes
from ..work import BLOCK_WIDTHS, CEILING_FALLBACK
from .argtypes import positive_int


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "profile", help="measure this machine's FLOP/s and bandwidth ceilings",
        description="Measure compute ceilings and the bandwidth of every memory level, print them "
                    "and write a machine profile (JSON).  A saved profile that matches this machine "
                    "and this winomodel's kernels is reused unless --force is given.")
    p.add_argument("--quick", action="store_true",
                   help="coarse sweep and small DRAM arrays: well under a minute")
    p.add_argument("--threads", type=positive_int, default=None, help="threads to measure with (default: all)")
    p.add_argument("-o", "--output", type=Path, default=None,
                   help="profile JSON to write (default: reports/<machine>/profile.json)")
    p.add_argument("--force", action="store_true", help="re-measure even if a matching profile exists")
    p.add_argument("--no-progress", action="store_true", help="do not show progress on stderr")
    p.add_argument("--no-calibrate", action="store_true",
                   help="skip the calibration runs (the model then uses the pure roofline)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..machine import profiler

    from ..fileio import check_writable

    path = args.output or profiler.default_profile_path()
    check_writable(path)  # before the measurements, not after
    profile = None
    if path.exists() and not args.force:
        profile = profiler.load_matching(path, quick=args.quick, threads=args.threads)
    if profile is not None:
        print(f"reusing the profile at {path} (measured {profile.created}); --force re-measures")
    else:
        t0 = time.perf_counter()
        profile = profiler.run_profile(quick=args.quick, threads=args.threads,
                                       progress=not args.no_progress)
        profile.save(path)
        print(f"measured in {time.perf_counter() - t0:.1f} s; profile written to {path}")
    current = profiler.calibration_is_current(profile, quick=args.quick)
    if not args.no_calibrate and not current:
        profile = profiler.calibrate_profile(profile, quick=args.quick, threads=args.threads,
                                             progress=not args.no_progress)
        profile.save(path)
        print(f"calibrated in {profile.calibration['wall_seconds']} s; profile written to {path}")
    render_profile(profile)
    return 0


def render_profile(profile) -> None:
    """Print every ceiling of ``profile`` as readable tables (stdout)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    extra = profile.extra
    points = extra.get("points", {})

    def cv_of(name):
        p = points.get(name)
        if not p:
            return ""
        return f"{100 * p['cv']:.1f}%" + (" NOISY" if p.get("noisy") else "")

    fp = profile.fingerprint
    kind = "quick" if extra.get("quick") else "full"
    console.print(f"[bold]{fp.get('cpu_model')}[/], {profile.threads} thread(s), "
                  f"{kind} profile, {extra.get('wall_seconds', '?')} s, created {profile.created}, "
                  f"load average at end {extra.get('load_average')}")
    isa = fp.get("isa")
    if isa:
        console.print(f"vector ISA: {isa['name']} ({isa['cpu']}), {isa['vector_bits']}-bit, "
                      f"{isa['f32_lanes']} fp32 lanes, {isa['registers']} registers; regime "
                      f"{isa.get('regime')}; dense block {isa['dense_block']}, "
                      f"{isa['fma_chains_f32']} FMA chains")

    compute = Table(title="Compute ceilings (GFLOP/s, 10^9)")
    for col in ("ceiling", "measures", "GFLOP/s", "CV"):
        compute.add_column(col, justify="right" if col in ("GFLOP/s", "CV") else "left")
    detail = extra.get("peak_gflops_detail", {})
    for key, value in detail.items():
        prec, t = key.split("_")
        name = f"peak_{'float32' if prec == 'fp32' else 'float64'}_{t}"
        compute.add_row(f"{prec} peak, {t[:-1]} thread(s)", "register-resident FMA chains",
                        f"{value:.1f}", cv_of(name))
    theory = extra.get("theoretical", {})
    for prec in ("fp32", "fp64"):
        if f"{prec}_gflops" in theory:
            compute.add_row(f"{prec} datasheet peak", f"{theory['cores']} cores x {theory['simd_bits']}-bit "
                            f"x {theory['fma_units_assumed']} FMA (assumed) x {theory['clock_ghz_measured']:.2f} GHz",
                            f"{theory[f'{prec}_gflops']:.1f}", "")
    descriptions = {"gemm": "dense_direct's micro-kernel: 6 channels x 48 pixels in registers",
                    "axpy": "sparse_direct's micro-kernel: 128-pixel run in registers",
                    "stream": "add/sub transform rows"}
    for tb in BLOCK_WIDTHS:
        descriptions[f"wgemm{tb}"] = f"dense_winograd's products, {tb}-lane blocks, U streamed"
        descriptions[f"wsparse{tb}"] = f"sparse_winograd's products per stored weight, {tb}-lane blocks"
        descriptions[f"wrows{tb}"] = f"sparse_winograd's products per row visit, {tb}-lane blocks"
    for name, by_level in profile.compute_gflops_by_level.items():
        if name in CEILING_FALLBACK and name in profile.compute_gflops:  # no by-level L1 value
            compute.add_row(f"{name} (in cache)", descriptions.get(name, ""),
                            f"{profile.compute_gflops[name]:.1f}", cv_of(name))
        for level, value in by_level.items():
            compute.add_row(f"{name} ({level})", descriptions.get(name, ""), f"{value:.1f}",
                            cv_of(f"{name}_{level}"))
    for name, value in profile.compute_gflops.items():  # derived from two runs each: no CV of their own
        if name != "fma_peak" and name not in profile.compute_gflops_by_level:
            compute.add_row(name, descriptions.get(name, ""), f"{value:.1f}", "")
    console.print(compute)

    memory = Table(title="Memory levels (GB/s, 10^9; reads + writes, no write-allocate)")
    for col in ("level", "GB/s", "capacity", "OS size (threads)", "sweep range", "check"):
        memory.add_column(col, justify="right" if col == "GB/s" else "left")
    levels = extra.get("levels", {})
    os_sizes = extra.get("os_cache_bytes_for_threads", {})
    notes = extra.get("level_notes", {})
    for level, bw in profile.bandwidth_gbs.items():
        info = levels.get(level, {})
        rng = f"{format_bytes(info['size_lo'])} - {format_bytes(info['size_hi'])}" if info else ""
        memory.add_row(level, f"{bw:.1f}", format_bytes(profile.level_capacity_bytes[level]),
                       format_bytes(os_sizes[level]) if level in os_sizes else "", rng, notes.get(level, ""))
    console.print(memory)
    if extra.get("dram_note"):
        console.print(f"DRAM: {extra['dram_note']}")
    for warning in extra.get("warnings", []):
        console.print(f"[yellow]warning: {warning}[/]")
    noisy = extra.get("noisy_points", [])
    if noisy:
        console.print(f"[yellow]{len(noisy)} point(s) stayed noisier than CV {100 * extra.get('max_cv', 0):.0f}% "
                      f"after re-measuring (flagged in the JSON): {', '.join(noisy[:12])}"
                      f"{' ...' if len(noisy) > 12 else ''}[/]")
    cal = profile.calibration
    if profile.calibrated:
        table = Table(title=f"Calibration factors (phase time = factor x roofline time), fitted on "
                            f"{len(cal.get('layers', []))} calibration layers x {len(cal.get('densities', []))} "
                            f"densities, none of them a validation or held-out shape"
                            )
        for col in ("kernel", "phase factors", "fixed µs/call", "fit median |error|"):
            table.add_column(col)
        for kernel, factors in cal["factors"].items():
            fit = cal.get("fit", {}).get(kernel, {})
            fixed = cal.get("overhead_s", {}).get(kernel)
            table.add_row(kernel, ", ".join(f"{ph} {f:.2f}" for ph, f in factors.items()),
                          "-" if fixed is None else f"{fixed * 1e6:.0f}",
                          f"{fit.get('median_abs_error_pct', float('nan')):.1f}% of {fit.get('runs', '?')} runs")
        console.print(table)
        if "parameters" in cal:
            bounds = cal.get("at_bounds") or {}
            console.print(f"{cal['parameters']} fitted parameters; on a bound of their range: "
                          + (", ".join(f"{p} x{v:g} ({side})" for p, (v, side) in sorted(bounds.items()))
                             or "none"), highlight=False)
    else:
        console.print("not calibrated: the model uses the pure roofline (run without --no-calibrate)")
