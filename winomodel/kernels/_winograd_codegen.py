"""Generated straight-line Winograd transforms and product micro-kernels (generator + output).

Why generated
-------------
Applying ``B^T d B`` with generic vector ops over whole channel chunks kept the
intermediates in L2-sized buffers that every pass streamed (8-11 GFLOP/s).  Here one
function per tile size holds the transform of ONE tile as straight-line scalar code
(coefficients are literal float32 constants, zero coefficients vanish, +-1 become
adds/subs, pairs of rows or columns belonging to interpolation points +-x share their
even/odd parts) inside a loop over the block's tiles ``for t in range(nt)``.  LLVM
vectorises that loop 16 tiles per zmm register, so every intermediate stays in
registers: the input is gathered once and V written once.

The register-blocked product micro-kernels (one per block width) are generated here
too.

Why the output is in this file
------------------------------
Numba's on-disk cache needs a source file; functions built with ``exec`` recompiled at
every import.  So this module is both the generator (above the marker line) and its
own output (below it).  Regenerate after editing the generator::

    python -m winomodel.kernels._winograd_codegen

(which also clears the package's cached JIT code: Numba would keep running the
callers' cached copies of the old functions).  ``tests/test_winograd_codegen.py``
fails when the generated part is stale.
"""

from __future__ import annotations

import pathlib
from fractions import Fraction

import numba
import numpy as np

from .._config import JIT
from ..machine.isa import VectorISA
from . import _simd

#: Block widths (tiles per block) the product micro-kernels exist for.
MICRO_WIDTHS = (16, 32, 64)
#: Output rows of one dense micro-kernel call.
DENSE_ROWS = 4
#: Widths that also get an 8-row dense micro-kernel: 4 rows x 16 lanes are only 4 zmm
#: FMA chains (latency bound); 8 x 16 measured 126 vs 105 GFLOP/s single-threaded
#: (C = K = 256), while 8 x 32 lost to 4 x 32 (112 vs 129)
DENSE_ROWS8_WIDTHS = (16,)
#: Tile sizes m of F(m x m, 3 x 3) the transforms are generated for.
GEN_TILES = (2, 4, 6)
#: How many channels ahead the transforms prefetch the tiles' rows (input) and output
#: rows (for writing): 1, 2, 4 and 8 measured alike on VGG-16 conv3_2 at batch 8
#: (input transform 2.5-2.8 ms instead of 7.6 single-threaded, output 2.7-2.9 instead
#: of 5.6, see :func:`._simd.make_tile_prefetch`)
PREFETCH_CHANNELS = 2

SOURCE_PATH = pathlib.Path(__file__)
_MARK = "# ---- GENERATED BELOW (python -m winomodel.kernels._winograd_codegen); do not edit ----\n"

# No 'reassoc': with it the loop vectorizer turns the micro-kernels' accumulators into
# reductions across nonzeros (with gathers) instead of SLP-packing the lanes; and it
# would let LLVM re-associate the transforms' exact float sums.
_OPTS = dict(JIT, fastmath={"contract", "nnan", "ninf", "nsz"})


# ---- the 1-D transform as a short program -----------------------------------------
def _const_name(value: Fraction) -> str:
    text = repr(float(abs(value))).replace(".", "_").replace("-", "m")
    return f"_c{text}"


def _row_cost(coeffs):
    """(instructions, flops) of one linear combination: first term a copy (+-1) or a
    multiply, every further term an add/sub (+-1) or an FMA (2 flops, 1 instruction)."""
    nz = [c for c in coeffs if c != 0]
    if not nz:
        return 0, 0
    units = sorted(nz, key=lambda c: abs(c) != 1)  # a +-1 term goes first when there is one
    instr = (len(nz) - 1) + (0 if abs(units[0]) == 1 else 1)
    flops = (0 if abs(units[0]) == 1 else 1) + sum(1 if abs(c) == 1 else 2 for c in units[1:])
    return instr, flops


def _expr(coeffs, names, consts):
    """Python expression of sum_k coeffs[k] * names[k] (a +1 term first if any)."""
    terms = [(c, n) for c, n in zip(coeffs, names) if c != 0]
    if not terms:
        consts.add(Fraction(0))
        return _const_name(Fraction(0))
    terms.sort(key=lambda cn: (cn[0] != 1, abs(cn[0]) != 1))
    parts = []
    for i, (c, n) in enumerate(terms):
        if abs(c) == 1:
            body = n
        else:
            consts.add(abs(c))
            body = f"{_const_name(c)} * {n}"
        if i == 0:
            parts.append(body if c > 0 else f"-{body}")
        else:
            parts.append(f"{'+' if c > 0 else '-'} {body}")
    return " ".join(parts)


def _plain_program(Mx):
    """Every output row on its own: [(("out", i), coeffs over the inputs)]."""
    steps = [(("out", i), list(row)) for i, row in enumerate(Mx)]
    return steps


def _paired_outputs_program(Mx):
    """Rows i, i' of points +-x: r_i = e + c*o, r_i' = e - c*o with e, o on disjoint
    inputs (the even and odd parts), computed once."""
    rows = [list(r) for r in Mx]
    n_in = len(rows[0])
    used = set()
    steps = []
    for i in range(len(rows)):
        if i in used:
            continue
        best = None
        for j in range(i + 1, len(rows)):
            if j in used:
                continue
            e = [(a + b) / 2 for a, b in zip(rows[i], rows[j])]
            o = [(a - b) / 2 for a, b in zip(rows[i], rows[j])]
            if not any(e) or not any(o):
                continue
            if any(a != 0 and b != 0 for a, b in zip(e, o)):
                continue
            mags = {abs(v) for v in o if v != 0}
            scale = mags.pop() if len(mags) == 1 else Fraction(1)
            o_unit = [v / scale for v in o]
            cost = _row_cost(e)[0] + _row_cost(o_unit)[0] + 2
            plain = _row_cost(rows[i])[0] + _row_cost(rows[j])[0]
            if cost < plain and (best is None or cost < best[0]):
                best = (cost, j, e, o_unit, scale)
        if best is None:
            continue
        _, j, e, o_unit, scale = best
        used.update((i, j))
        steps.append((("even", i), e))
        steps.append((("odd", i), o_unit))
        steps.append((("out", i), ("pair", i, scale, +1)))
        steps.append((("out", j), ("pair", i, scale, -1)))
    for i, row in enumerate(rows):
        if i not in used:
            steps.append((("out", i), row))
    return steps, n_in


def _paired_inputs_program(Mx):
    """Inputs j, j' whose columns agree up to sign per row (points +-x): form
    s = x_j + x_j' and d = x_j - x_j' once; each row then uses s or d."""
    cols = [list(c) for c in zip(*Mx)]
    n_in = len(cols)
    partner = {}
    for j in range(n_in):
        if j in partner:
            continue
        for k in range(j + 1, n_in):
            if k in partner or not any(cols[j]):
                continue
            if all(abs(a) == abs(b) for a, b in zip(cols[j], cols[k])):
                partner[j], partner[k] = k, j
                break
    # extended inputs: originals, then (s, d) per pair
    pairs = sorted((j, k) for j, k in partner.items() if j < k)
    ext_rows = []
    for row in Mx:
        new = [row[j] if j not in partner else Fraction(0) for j in range(n_in)]
        extra = []
        for j, k in pairs:
            a, b = row[j], row[k]
            extra += [a if (a != 0 and a == b) else Fraction(0),
                      a if (a != 0 and a == -b) else Fraction(0)]
        ext_rows.append(new + extra)
    return pairs, ext_rows


def program_1d(Mx):
    """A short program for y = Mx @ x: (``pre``, ``rows``) where ``pre`` lists input
    pairs (j, k) whose sum and difference are formed first (inputs n .. n + 2p - 1
    are s_0, d_0, s_1, d_1, ...), and ``rows`` is the output program of
    :func:`_paired_outputs_program` over the extended inputs.  Picks the variant with
    the fewest instructions."""
    Mx = [[Fraction(v) for v in row] for row in Mx]
    candidates = []
    for use_pairs in (False, True):
        if use_pairs:
            pairs, rows = _paired_inputs_program(Mx)
        else:
            pairs, rows = [], Mx
        for paired_out in (False, True):
            if paired_out:
                steps, _ = _paired_outputs_program(rows)
            else:
                steps = _plain_program(rows)
            candidates.append((program_cost((pairs, steps))[0], (pairs, steps)))
    candidates.sort(key=lambda c: c[0])
    return candidates[0][1]


def program_cost(program):
    """(instructions, flops) of a 1-D program (FMA = 1 instruction, 2 flops)."""
    pairs, steps = program
    instr = flops = 0
    for j, k in pairs:
        instr += 2
        flops += 2
    for _, body in steps:
        if isinstance(body, tuple):  # e +- scale * o
            instr += 1
            flops += 1 if body[2] == 1 else 2
        else:
            ci, cf = _row_cost(body)
            instr += ci
            flops += cf
    return instr, flops


def _emit_1d(program, in_names, out_names, tmp, consts):
    """Lines computing out_names from in_names with the program; ``tmp`` prefixes temporaries."""
    pairs, steps = program
    lines = []
    names = list(in_names)
    for q, (j, k) in enumerate(pairs):
        s, d = f"{tmp}s{q}", f"{tmp}d{q}"
        lines.append(f"{s} = {in_names[j]} + {in_names[k]}")
        lines.append(f"{d} = {in_names[j]} - {in_names[k]}")
        names += [s, d]
    for (kind, i), body in steps:
        if kind in ("even", "odd"):
            lines.append(f"{tmp}{kind[0]}{i} = {_expr(body, names, consts)}")
        elif isinstance(body, tuple):
            _, p, scale, sign = body
            odd = f"{tmp}o{p}" if scale == 1 else f"{_const_name(scale)} * {tmp}o{p}"
            if scale != 1:
                consts.add(scale)
            lines.append(f"{out_names[i]} = {tmp}e{p} {'+' if sign > 0 else '-'} {odd}")
        else:
            lines.append(f"{out_names[i]} = {_expr(body, names, consts)}")
    return lines


def transform_cost(tile: int):
    """Instructions and flops of the generated transforms for one tile of one channel:
    ``{"input": (instr, flops), "output": (instr, flops)}`` (2-D: the 1-D program on
    alpha columns then alpha rows for the input; alpha columns then m rows for the
    output).  Compare with :func:`.winograd_transforms.input_transform_flops`."""
    from . import winograd_transforms as wt

    t = wt.winograd_transforms(tile)
    a, m = t.alpha, t.m
    ci = program_cost(program_1d(t.BT))
    co = program_cost(program_1d(t.AT))
    return {"input": (2 * a * ci[0], 2 * a * ci[1]),
            "output": ((a + m) * co[0], (a + m) * co[1])}


# ---- function sources ----------------------------------------------------------------
#: tiles of one straight-line transform group: one zmm register of float32, the lane
#: count the transposing gathers and scatters of :mod:`._simd` are built for
LANES = _simd.LANES


def _transform_lines(Mx, a, n_out, consts):
    """Loop body of the 2-D transform ``X -> Mx X Mx^T`` of one lane (``Mx`` n_out x a):
    reads B[q*LANES + L] (q < a*a), writes B[(a*a + p)*LANES + L] (p < n_out^2).

    Every access is B at a constant offset from the lane, so LLVM proves the loop free
    of dependences and vectorises it (LANES lanes = one zmm per value); the values
    stay in registers.  (Separate input/output arrays with runtime row strides needed
    more runtime alias checks than LLVM will emit, and SLP across straight-line lanes
    gave up on the shared subexpressions.)"""
    prog = program_1d(Mx)
    lines = [f"x{q} = B[{q * LANES} + L]" for q in range(a * a)]
    for j in range(a):  # pass 1 over columns j: e{i}_{j} = sum_k Mx[i, k] x{k*a + j}
        lines += _emit_1d(prog, [f"x{k * a + j}" for k in range(a)],
                          [f"e{i}_{j}" for i in range(n_out)], f"q{j}_", consts)
    for i in range(n_out):  # pass 2 over rows i: out[i*n_out + l] = sum_j Mx[l, j] e{i}_{j}
        lines += _emit_1d(prog, [f"e{i}_{j}" for j in range(a)],
                          [f"w{i}_{l}" for l in range(n_out)], f"r{i}_", consts)
        for l in range(n_out):
            lines.append(f"B[{(a * a + i * n_out + l) * LANES} + L] = w{i}_{l}")
    return lines


def _input_source(tile: int, consts) -> str:
    from . import winograd_transforms as wt

    t = wt.winograd_transforms(tile)
    a = t.alpha
    a2 = a * a
    lines = [
        "",
        "",
        "@numba.njit(**_OPTS)",
        f"def input_transform_{tile}(xflat, off, c0, cg, chan_stride, wp, tb, V, col0):",
        f'    """V[p, col0 + c*tb + t] = (B^T d B)[p] of tile t, d = the {a}x{a} input tile at',
        "    xflat[(c0 + c)*chan_stride + off[t]] (c < cg, t < tb; off: uint64 with tb",
        f"    valid entries; tb a multiple of {LANES}; V's row pitch should not be a multiple",
        '    of 4 KiB, see ROW_PAD in _winograd_common)."""',
        f"    B = np.empty({2 * a2 * LANES}, dtype=np.float32)",
        "    # unsigned row offsets within a tile; one view per channel",
    ]
    lines.append("    " + "; ".join(f"r{i} = np.uint64({i} * wp)" for i in range(a)))
    lines += [
        f"    ahead = {PREFETCH_CHANNELS} * chan_stride",
        "    for c in range(cg):",
        "        xc = xflat[(c0 + c) * chan_stride:]",
        "        col = col0 + c * tb",
        f"        for t0 in range(0, tb, {LANES}):",
        f"            _simd.prefetch_rows_{a}(xc, off, t0, wp, ahead)",
        f"            # B[(i*{a} + j)*{LANES} + L] = row i, column j of tile t0 + L: vector loads of",
        "            # each tile's row transposed in registers (_simd: 6x faster than scalar copies)",
    ]
    lines += [f"            _simd.gather_rows_{a}(xc, off, t0, r{i}, B, {i * a * LANES})" for i in range(a)]
    lines += [
        f"            for L in range({LANES}):",
    ]
    lines += ["                " + s for s in _transform_lines(t.BT, a, a, consts)]
    lines += [f"            for p in range({a2}):"]
    lines += ["                " + s for s in _copy_lines("V[p, col + t0:]", "B", f"({a2} + p) * {LANES}")]
    return "\n".join(lines) + "\n"


def _copy_lines(dst: str, src: str, src_off: str):
    """Copy LANES floats ``src[src_off + L]`` to ``dst[L]`` as all loads, then all stores:
    LLVM packs them into one zmm load and store.  A loop ``dst[L] = src[L]`` stayed 16
    scalar moves (the two arrays might overlap): 90 vs 20 ns per 36 x 16 floats."""
    return [f"cdst = {dst}", f"csrc = {src}", f"coff = {src_off}",
            "; ".join(f"v{l} = csrc[coff + {l}]" for l in range(LANES)),
            "; ".join(f"cdst[{l}] = v{l}" for l in range(LANES))]


def _output_source(tile: int, consts) -> str:
    from . import winograd_transforms as wt

    t = wt.winograd_transforms(tile)
    a, m = t.alpha, t.m
    a2 = a * a
    lines = [
        "",
        "",
        "@numba.njit(**_OPTS)",
        f"def output_transform_{tile}(M, outflat, k_lo, k_hi, obase, chan_out, rows, cols, Q, "
        "nt, tb):",
        f'    """For k in [k_lo, k_hi): the {m}x{m} tile A^T M A of M[p, k*tb + t] (t < nt) is',
        "    stored at outflat[obase[t] + k*chan_out + i*Q + j] for i < rows[t], j < cols[t]",
        f'    (obase: uint64; tb a multiple of {LANES})."""',
        f"    B = np.empty({(a2 + m * m) * LANES}, dtype=np.float32)",
        "    pitch = np.uint64(Q)",
        f"    ahead = np.uint64({PREFETCH_CHANNELS} * chan_out)",
    ]
    lines += [
        "    for k in range(k_lo, k_hi):",
        "        col = k * tb",
        "        kb = np.uint64(k * chan_out)",
        f"        for t0 in range(0, nt, {LANES}):",
        f"            for p in range({a2}):",
    ]
    lines += ["                " + s for s in _copy_lines(f"B[p * {LANES}:]", "M[p, col + t0:]", "0")]
    lines += [
        f"            for L in range({LANES}):",
    ]
    lines += ["                " + s for s in _transform_lines(t.AT, a, m, consts)]
    # scatter: the 16 tiles' rows transposed in registers and stored with masked
    # vector stores that crop border tiles (_simd)
    lines.append(f"            _simd.prefetchw_rows_{m}(outflat, obase, t0, pitch, kb + ahead)")
    lines.append(f"            _simd.scatter_tiles_{m}(B, {a2 * LANES}, outflat, obase, t0, kb, pitch, "
                 "rows, cols, nt - t0)")
    return "\n".join(lines) + "\n"


def _dense_micro_source(w: int, rows: int = DENSE_ROWS, strided: bool = False) -> str:
    """``dense_micro_<w>`` (``dense_micro<rows>_<w>``): a whole block row of ``w`` lanes.
    ``strided``: ``dense_micro_<rows>x<w>_of``, lanes [t0, t0 + w) of a wider block (row
    pitch ``tb``), for ISAs whose register file cannot hold a whole block row's
    accumulators (4 x 64 lanes are 32 ymm: spilled)."""
    if strided:
        name, args, pitch, off = f"dense_micro_{rows}x{w}_of", "u, k, V, M, p, cg, mk, tb, t0", "tb", " + t0"
    else:
        name = f"dense_micro_{w}" if rows == DENSE_ROWS else f"dense_micro{rows}_{w}"
        args, pitch, off = "u, k, V, M, p, cg, mk", str(w), ""
    lines = ["", "", "@numba.njit(**_OPTS)", f"def {name}({args}):",
             f'    """M[p, (mk+r)*{pitch}{off} + t] = sum_c u[k+r, c] V[p, c*{pitch}{off} + t], '
             f'r < {rows}, t < {w}."""',
             "    vp = V[p]", "    mp = M[p]"]
    for r in range(rows):
        lines.append("    " + "; ".join(f"a{r}_{t} = _c0_0" for t in range(w)))
    lines.append("    for c in range(cg):")
    lines.append(f"        vs = vp[c * {pitch}{off}:c * {pitch}{off} + {w}]")
    lines.append("        " + "; ".join(f"u{r} = u[k + {r}, c]" for r in range(rows)))
    for t in range(w):
        lines.append(f"        v = vs[{t}]")
        lines.append("        " + "; ".join(f"a{r}_{t} += u{r} * v" for r in range(rows)))
    for r in range(rows):
        lo = f"(mk + {r}) * {pitch}{off}"
        lines.append(f"    mo = mp[{lo}:{lo} + {w}]")
        lines.append("    " + "; ".join(f"mo[{t}] = a{r}_{t}" for t in range(w)))
    return "\n".join(lines) + "\n"


#: (rows, lanes) of the strided dense micro-kernels, one per narrow ISA width: 4 rows x 2
#: vectors (8 accumulators, 2 loads, 4 broadcasts: 14 of 16 registers) of 8 lanes (AVX2)
#: or 4 lanes (SSE, NEON)
STRIDED_DENSE = ((4, 16), (4, 8))


#: fp32 lanes of the ISAs the sparse micro-kernels are generated for (4: SSE, NEON;
#: 8: AVX2; 16: AVX-512)
SPARSE_LANES = (4, 8, 16)


def sparse_unrolls(w: int):
    """Nonzeros per sparse micro-kernel step over ``w`` lanes, one per ISA width:
    independent accumulator sets so that 8 vector FMA chains cover the FMA latency (one
    set of tb/16 zmm chains was latency bound: 7.6 cycles per nonzero at tb = 64, for 4
    FMAs), see :meth:`winomodel.machine.isa.VectorISA.accumulator_sets`."""
    return sorted({VectorISA(name="", arch="", cpu="", vector_bits=32 * lanes, registers=32,
                             fma=True).accumulator_sets(w) for lanes in SPARSE_LANES})


def _sparse_micro_source(w: int, u: int, accumulate: bool = False) -> str:
    """``sparse_rows_<w>u<u>`` stores rows of M; ``sparse_rows_acc_<w>u<u>`` adds to them (a
    later input-channel window).  Two functions, not a flag: a run-time flag choosing
    how the accumulators start cost 6 % at density 0.1, where rows are not split.

    One call runs a range of rows: a call per row passed ~30 words of array
    descriptors and cost ~26 cycles (6.5 ns) even for an empty row, 40 % of the
    products of a batch-1 13x13 layer at density 0.1."""
    acc = [[f"a{s_}_{t}" for t in range(w)] for s_ in range(u)]
    name = f"sparse_rows_acc_{w}u{u}" if accumulate else f"sparse_rows_{w}u{u}"
    verb = "+=" if accumulate else "="
    lines = ["", "", "@numba.njit(**_OPTS)",
             f"def {name}(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):",
             f'    """M[p, (k - mk0)*{w} + t] {verb} sum_e values[e] V[p, indices[e]*{w} + t], e in',
             f'    [lo[k], hi[k]), for k in [k_lo, k_hi) ({u} nonzeros per step into {u} accumulator',
             '    sets; unsigned indices, so no negative-index fix-ups or slice clamping per',
             '    nonzero).' + (' Rows without nonzeros are skipped."""' if accumulate else '"""'),
             "    vp = V[p]",
             "    mp = M[p]",
             "    for k in range(k_lo, k_hi):",
             "        e = np.uint64(lo[k])",
             "        end = np.uint64(hi[k])"]
    if accumulate:
        lines.append("        if e == end:")
        lines.append("            continue")
    lines.append(f"        mb = np.uint64(k - mk0) * _u{w}")
    if accumulate:
        lines.append("        " + "; ".join(f"{acc[0][t]} = mp[mb + _u{t}]" for t in range(w)))
    else:
        lines.append("        " + "; ".join(f"{x} = _c0_0" for x in acc[0]))
    for s_ in range(1, u):
        lines.append("        " + "; ".join(f"{x} = _c0_0" for x in acc[s_]))
    lines.append(f"        while e + _u{u} <= end:")
    for s_ in range(u):
        lines.append(f"            val{s_} = values[e + _u{s_}]")
        lines.append(f"            b{s_} = np.uint64(indices[e + _u{s_}]) * _u{w}")
    for t in range(w):
        lines.append("            " + "; ".join(f"{acc[s_][t]} += val{s_} * vp[b{s_} + _u{t}]"
                                                 for s_ in range(u)))
    lines.append(f"            e += _u{u}")
    lines.append("        while e < end:")
    lines.append("            val = values[e]")
    lines.append(f"            b = np.uint64(indices[e]) * _u{w}")
    for t in range(w):
        lines.append(f"            {acc[0][t]} += val * vp[b + _u{t}]")
    lines.append("            e += _u1")
    for t in range(w):
        total = " + ".join(acc[s_][t] for s_ in range(u))
        lines.append(f"        mp[mb + _u{t}] = {total}")
    return "\n".join(lines) + "\n"


def render() -> str:
    """Text of the generated part of this module (everything after the marker line)."""
    consts = {Fraction(0)}
    parts = []
    for tile in GEN_TILES:
        parts.append(_input_source(tile, consts))
        parts.append(_output_source(tile, consts))
    for w in MICRO_WIDTHS:
        parts.append(_dense_micro_source(w))
        if w in DENSE_ROWS8_WIDTHS:
            parts.append(_dense_micro_source(w, 8))
        for u in sparse_unrolls(w):
            parts.append(_sparse_micro_source(w, u))
            parts.append(_sparse_micro_source(w, u, accumulate=True))
    for rows, w in STRIDED_DENSE:
        parts.append(_dense_micro_source(w, rows, strided=True))
    head = ["", "# float32 constants: a float64 literal would promote the arithmetic to float64"]
    for c in sorted(consts, key=abs):
        head.append(f"{_const_name(c)} = np.float32({float(abs(c))!r})")
    head.append("# uint64 constants: unsigned index arithmetic needs no negative-index fix-up")
    head.append("; ".join(f"_u{i} = np.uint64({i})" for i in range(max(MICRO_WIDTHS) + 1)))
    return _MARK + "\n".join(head) + "\n" + "".join(parts)


def write(path: pathlib.Path = SOURCE_PATH) -> None:
    """Replace the generated part of ``path`` with :func:`render`'s output."""
    text = path.read_text()
    head = text.split(_MARK)[0]
    path.write_text(head + render())


def shipped_generated_part(path: pathlib.Path = SOURCE_PATH) -> str:
    text = path.read_text()
    return _MARK + text.split(_MARK, 1)[1] if _MARK in text else ""


if __name__ == "__main__":
    from .._config import clear_jit_cache

    write()
    print(f"regenerated {SOURCE_PATH}; removed {clear_jit_cache()} stale cached JIT files")


# ---- GENERATED BELOW (python -m winomodel.kernels._winograd_codegen); do not edit ----

# float32 constants: a float64 literal would promote the arithmetic to float64
_c0_0 = np.float32(0.0)
_c0_03125 = np.float32(0.03125)
_c0_0625 = np.float32(0.0625)
_c0_125 = np.float32(0.125)
_c0_25 = np.float32(0.25)
_c0_5 = np.float32(0.5)
_c1_25 = np.float32(1.25)
_c2_0 = np.float32(2.0)
_c2_5 = np.float32(2.5)
_c4_0 = np.float32(4.0)
_c4_25 = np.float32(4.25)
_c5_0 = np.float32(5.0)
_c5_25 = np.float32(5.25)
_c8_0 = np.float32(8.0)
_c16_0 = np.float32(16.0)
_c32_0 = np.float32(32.0)
# uint64 constants: unsigned index arithmetic needs no negative-index fix-up
_u0 = np.uint64(0); _u1 = np.uint64(1); _u2 = np.uint64(2); _u3 = np.uint64(3); _u4 = np.uint64(4); _u5 = np.uint64(5); _u6 = np.uint64(6); _u7 = np.uint64(7); _u8 = np.uint64(8); _u9 = np.uint64(9); _u10 = np.uint64(10); _u11 = np.uint64(11); _u12 = np.uint64(12); _u13 = np.uint64(13); _u14 = np.uint64(14); _u15 = np.uint64(15); _u16 = np.uint64(16); _u17 = np.uint64(17); _u18 = np.uint64(18); _u19 = np.uint64(19); _u20 = np.uint64(20); _u21 = np.uint64(21); _u22 = np.uint64(22); _u23 = np.uint64(23); _u24 = np.uint64(24); _u25 = np.uint64(25); _u26 = np.uint64(26); _u27 = np.uint64(27); _u28 = np.uint64(28); _u29 = np.uint64(29); _u30 = np.uint64(30); _u31 = np.uint64(31); _u32 = np.uint64(32); _u33 = np.uint64(33); _u34 = np.uint64(34); _u35 = np.uint64(35); _u36 = np.uint64(36); _u37 = np.uint64(37); _u38 = np.uint64(38); _u39 = np.uint64(39); _u40 = np.uint64(40); _u41 = np.uint64(41); _u42 = np.uint64(42); _u43 = np.uint64(43); _u44 = np.uint64(44); _u45 = np.uint64(45); _u46 = np.uint64(46); _u47 = np.uint64(47); _u48 = np.uint64(48); _u49 = np.uint64(49); _u50 = np.uint64(50); _u51 = np.uint64(51); _u52 = np.uint64(52); _u53 = np.uint64(53); _u54 = np.uint64(54); _u55 = np.uint64(55); _u56 = np.uint64(56); _u57 = np.uint64(57); _u58 = np.uint64(58); _u59 = np.uint64(59); _u60 = np.uint64(60); _u61 = np.uint64(61); _u62 = np.uint64(62); _u63 = np.uint64(63); _u64 = np.uint64(64)


@numba.njit(**_OPTS)
def input_transform_2(xflat, off, c0, cg, chan_stride, wp, tb, V, col0):
    """V[p, col0 + c*tb + t] = (B^T d B)[p] of tile t, d = the 4x4 input tile at
    xflat[(c0 + c)*chan_stride + off[t]] (c < cg, t < tb; off: uint64 with tb
    valid entries; tb a multiple of 16; V's row pitch should not be a multiple
    of 4 KiB, see ROW_PAD in _winograd_common)."""
    B = np.empty(512, dtype=np.float32)
    # unsigned row offsets within a tile; one view per channel
    r0 = np.uint64(0 * wp); r1 = np.uint64(1 * wp); r2 = np.uint64(2 * wp); r3 = np.uint64(3 * wp)
    ahead = 2 * chan_stride
    for c in range(cg):
        xc = xflat[(c0 + c) * chan_stride:]
        col = col0 + c * tb
        for t0 in range(0, tb, 16):
            _simd.prefetch_rows_4(xc, off, t0, wp, ahead)
            # B[(i*4 + j)*16 + L] = row i, column j of tile t0 + L: vector loads of
            # each tile's row transposed in registers (_simd: 6x faster than scalar copies)
            _simd.gather_rows_4(xc, off, t0, r0, B, 0)
            _simd.gather_rows_4(xc, off, t0, r1, B, 64)
            _simd.gather_rows_4(xc, off, t0, r2, B, 128)
            _simd.gather_rows_4(xc, off, t0, r3, B, 192)
            for L in range(16):
                x0 = B[0 + L]
                x1 = B[16 + L]
                x2 = B[32 + L]
                x3 = B[48 + L]
                x4 = B[64 + L]
                x5 = B[80 + L]
                x6 = B[96 + L]
                x7 = B[112 + L]
                x8 = B[128 + L]
                x9 = B[144 + L]
                x10 = B[160 + L]
                x11 = B[176 + L]
                x12 = B[192 + L]
                x13 = B[208 + L]
                x14 = B[224 + L]
                x15 = B[240 + L]
                e0_0 = x8 - x0
                e1_0 = x4 + x8
                e2_0 = x8 - x4
                e3_0 = x12 - x4
                e0_1 = x9 - x1
                e1_1 = x5 + x9
                e2_1 = x9 - x5
                e3_1 = x13 - x5
                e0_2 = x10 - x2
                e1_2 = x6 + x10
                e2_2 = x10 - x6
                e3_2 = x14 - x6
                e0_3 = x11 - x3
                e1_3 = x7 + x11
                e2_3 = x11 - x7
                e3_3 = x15 - x7
                w0_0 = e0_2 - e0_0
                w0_1 = e0_1 + e0_2
                w0_2 = e0_2 - e0_1
                w0_3 = e0_3 - e0_1
                B[256 + L] = w0_0
                B[272 + L] = w0_1
                B[288 + L] = w0_2
                B[304 + L] = w0_3
                w1_0 = e1_2 - e1_0
                w1_1 = e1_1 + e1_2
                w1_2 = e1_2 - e1_1
                w1_3 = e1_3 - e1_1
                B[320 + L] = w1_0
                B[336 + L] = w1_1
                B[352 + L] = w1_2
                B[368 + L] = w1_3
                w2_0 = e2_2 - e2_0
                w2_1 = e2_1 + e2_2
                w2_2 = e2_2 - e2_1
                w2_3 = e2_3 - e2_1
                B[384 + L] = w2_0
                B[400 + L] = w2_1
                B[416 + L] = w2_2
                B[432 + L] = w2_3
                w3_0 = e3_2 - e3_0
                w3_1 = e3_1 + e3_2
                w3_2 = e3_2 - e3_1
                w3_3 = e3_3 - e3_1
                B[448 + L] = w3_0
                B[464 + L] = w3_1
                B[480 + L] = w3_2
                B[496 + L] = w3_3
            for p in range(16):
                cdst = V[p, col + t0:]
                csrc = B
                coff = (16 + p) * 16
                v0 = csrc[coff + 0]; v1 = csrc[coff + 1]; v2 = csrc[coff + 2]; v3 = csrc[coff + 3]; v4 = csrc[coff + 4]; v5 = csrc[coff + 5]; v6 = csrc[coff + 6]; v7 = csrc[coff + 7]; v8 = csrc[coff + 8]; v9 = csrc[coff + 9]; v10 = csrc[coff + 10]; v11 = csrc[coff + 11]; v12 = csrc[coff + 12]; v13 = csrc[coff + 13]; v14 = csrc[coff + 14]; v15 = csrc[coff + 15]
                cdst[0] = v0; cdst[1] = v1; cdst[2] = v2; cdst[3] = v3; cdst[4] = v4; cdst[5] = v5; cdst[6] = v6; cdst[7] = v7; cdst[8] = v8; cdst[9] = v9; cdst[10] = v10; cdst[11] = v11; cdst[12] = v12; cdst[13] = v13; cdst[14] = v14; cdst[15] = v15


@numba.njit(**_OPTS)
def output_transform_2(M, outflat, k_lo, k_hi, obase, chan_out, rows, cols, Q, nt, tb):
    """For k in [k_lo, k_hi): the 2x2 tile A^T M A of M[p, k*tb + t] (t < nt) is
    stored at outflat[obase[t] + k*chan_out + i*Q + j] for i < rows[t], j < cols[t]
    (obase: uint64; tb a multiple of 16)."""
    B = np.empty(320, dtype=np.float32)
    pitch = np.uint64(Q)
    ahead = np.uint64(2 * chan_out)
    for k in range(k_lo, k_hi):
        col = k * tb
        kb = np.uint64(k * chan_out)
        for t0 in range(0, nt, 16):
            for p in range(16):
                cdst = B[p * 16:]
                csrc = M[p, col + t0:]
                coff = 0
                v0 = csrc[coff + 0]; v1 = csrc[coff + 1]; v2 = csrc[coff + 2]; v3 = csrc[coff + 3]; v4 = csrc[coff + 4]; v5 = csrc[coff + 5]; v6 = csrc[coff + 6]; v7 = csrc[coff + 7]; v8 = csrc[coff + 8]; v9 = csrc[coff + 9]; v10 = csrc[coff + 10]; v11 = csrc[coff + 11]; v12 = csrc[coff + 12]; v13 = csrc[coff + 13]; v14 = csrc[coff + 14]; v15 = csrc[coff + 15]
                cdst[0] = v0; cdst[1] = v1; cdst[2] = v2; cdst[3] = v3; cdst[4] = v4; cdst[5] = v5; cdst[6] = v6; cdst[7] = v7; cdst[8] = v8; cdst[9] = v9; cdst[10] = v10; cdst[11] = v11; cdst[12] = v12; cdst[13] = v13; cdst[14] = v14; cdst[15] = v15
            for L in range(16):
                x0 = B[0 + L]
                x1 = B[16 + L]
                x2 = B[32 + L]
                x3 = B[48 + L]
                x4 = B[64 + L]
                x5 = B[80 + L]
                x6 = B[96 + L]
                x7 = B[112 + L]
                x8 = B[128 + L]
                x9 = B[144 + L]
                x10 = B[160 + L]
                x11 = B[176 + L]
                x12 = B[192 + L]
                x13 = B[208 + L]
                x14 = B[224 + L]
                x15 = B[240 + L]
                e0_0 = x0 + x4 + x8
                e1_0 = x4 + x12 - x8
                e0_1 = x1 + x5 + x9
                e1_1 = x5 + x13 - x9
                e0_2 = x2 + x6 + x10
                e1_2 = x6 + x14 - x10
                e0_3 = x3 + x7 + x11
                e1_3 = x7 + x15 - x11
                w0_0 = e0_0 + e0_1 + e0_2
                w0_1 = e0_1 + e0_3 - e0_2
                B[256 + L] = w0_0
                B[272 + L] = w0_1
                w1_0 = e1_0 + e1_1 + e1_2
                w1_1 = e1_1 + e1_3 - e1_2
                B[288 + L] = w1_0
                B[304 + L] = w1_1
            _simd.prefetchw_rows_2(outflat, obase, t0, pitch, kb + ahead)
            _simd.scatter_tiles_2(B, 256, outflat, obase, t0, kb, pitch, rows, cols, nt - t0)


@numba.njit(**_OPTS)
def input_transform_4(xflat, off, c0, cg, chan_stride, wp, tb, V, col0):
    """V[p, col0 + c*tb + t] = (B^T d B)[p] of tile t, d = the 6x6 input tile at
    xflat[(c0 + c)*chan_stride + off[t]] (c < cg, t < tb; off: uint64 with tb
    valid entries; tb a multiple of 16; V's row pitch should not be a multiple
    of 4 KiB, see ROW_PAD in _winograd_common)."""
    B = np.empty(1152, dtype=np.float32)
    # unsigned row offsets within a tile; one view per channel
    r0 = np.uint64(0 * wp); r1 = np.uint64(1 * wp); r2 = np.uint64(2 * wp); r3 = np.uint64(3 * wp); r4 = np.uint64(4 * wp); r5 = np.uint64(5 * wp)
    ahead = 2 * chan_stride
    for c in range(cg):
        xc = xflat[(c0 + c) * chan_stride:]
        col = col0 + c * tb
        for t0 in range(0, tb, 16):
            _simd.prefetch_rows_6(xc, off, t0, wp, ahead)
            # B[(i*6 + j)*16 + L] = row i, column j of tile t0 + L: vector loads of
            # each tile's row transposed in registers (_simd: 6x faster than scalar copies)
            _simd.gather_rows_6(xc, off, t0, r0, B, 0)
            _simd.gather_rows_6(xc, off, t0, r1, B, 96)
            _simd.gather_rows_6(xc, off, t0, r2, B, 192)
            _simd.gather_rows_6(xc, off, t0, r3, B, 288)
            _simd.gather_rows_6(xc, off, t0, r4, B, 384)
            _simd.gather_rows_6(xc, off, t0, r5, B, 480)
            for L in range(16):
                x0 = B[0 + L]
                x1 = B[16 + L]
                x2 = B[32 + L]
                x3 = B[48 + L]
                x4 = B[64 + L]
                x5 = B[80 + L]
                x6 = B[96 + L]
                x7 = B[112 + L]
                x8 = B[128 + L]
                x9 = B[144 + L]
                x10 = B[160 + L]
                x11 = B[176 + L]
                x12 = B[192 + L]
                x13 = B[208 + L]
                x14 = B[224 + L]
                x15 = B[240 + L]
                x16 = B[256 + L]
                x17 = B[272 + L]
                x18 = B[288 + L]
                x19 = B[304 + L]
                x20 = B[320 + L]
                x21 = B[336 + L]
                x22 = B[352 + L]
                x23 = B[368 + L]
                x24 = B[384 + L]
                x25 = B[400 + L]
                x26 = B[416 + L]
                x27 = B[432 + L]
                x28 = B[448 + L]
                x29 = B[464 + L]
                x30 = B[480 + L]
                x31 = B[496 + L]
                x32 = B[512 + L]
                x33 = B[528 + L]
                x34 = B[544 + L]
                x35 = B[560 + L]
                q0_e1 = x24 - _c4_0 * x12
                q0_o1 = x18 - _c4_0 * x6
                e1_0 = q0_e1 + q0_o1
                e2_0 = q0_e1 - q0_o1
                q0_e3 = x24 - x12
                q0_o3 = x18 - x6
                e3_0 = q0_e3 + _c2_0 * q0_o3
                e4_0 = q0_e3 - _c2_0 * q0_o3
                e0_0 = x24 + _c4_0 * x0 - _c5_0 * x12
                e5_0 = x30 + _c4_0 * x6 - _c5_0 * x18
                q1_e1 = x25 - _c4_0 * x13
                q1_o1 = x19 - _c4_0 * x7
                e1_1 = q1_e1 + q1_o1
                e2_1 = q1_e1 - q1_o1
                q1_e3 = x25 - x13
                q1_o3 = x19 - x7
                e3_1 = q1_e3 + _c2_0 * q1_o3
                e4_1 = q1_e3 - _c2_0 * q1_o3
                e0_1 = x25 + _c4_0 * x1 - _c5_0 * x13
                e5_1 = x31 + _c4_0 * x7 - _c5_0 * x19
                q2_e1 = x26 - _c4_0 * x14
                q2_o1 = x20 - _c4_0 * x8
                e1_2 = q2_e1 + q2_o1
                e2_2 = q2_e1 - q2_o1
                q2_e3 = x26 - x14
                q2_o3 = x20 - x8
                e3_2 = q2_e3 + _c2_0 * q2_o3
                e4_2 = q2_e3 - _c2_0 * q2_o3
                e0_2 = x26 + _c4_0 * x2 - _c5_0 * x14
                e5_2 = x32 + _c4_0 * x8 - _c5_0 * x20
                q3_e1 = x27 - _c4_0 * x15
                q3_o1 = x21 - _c4_0 * x9
                e1_3 = q3_e1 + q3_o1
                e2_3 = q3_e1 - q3_o1
                q3_e3 = x27 - x15
                q3_o3 = x21 - x9
                e3_3 = q3_e3 + _c2_0 * q3_o3
                e4_3 = q3_e3 - _c2_0 * q3_o3
                e0_3 = x27 + _c4_0 * x3 - _c5_0 * x15
                e5_3 = x33 + _c4_0 * x9 - _c5_0 * x21
                q4_e1 = x28 - _c4_0 * x16
                q4_o1 = x22 - _c4_0 * x10
                e1_4 = q4_e1 + q4_o1
                e2_4 = q4_e1 - q4_o1
                q4_e3 = x28 - x16
                q4_o3 = x22 - x10
                e3_4 = q4_e3 + _c2_0 * q4_o3
                e4_4 = q4_e3 - _c2_0 * q4_o3
                e0_4 = x28 + _c4_0 * x4 - _c5_0 * x16
                e5_4 = x34 + _c4_0 * x10 - _c5_0 * x22
                q5_e1 = x29 - _c4_0 * x17
                q5_o1 = x23 - _c4_0 * x11
                e1_5 = q5_e1 + q5_o1
                e2_5 = q5_e1 - q5_o1
                q5_e3 = x29 - x17
                q5_o3 = x23 - x11
                e3_5 = q5_e3 + _c2_0 * q5_o3
                e4_5 = q5_e3 - _c2_0 * q5_o3
                e0_5 = x29 + _c4_0 * x5 - _c5_0 * x17
                e5_5 = x35 + _c4_0 * x11 - _c5_0 * x23
                r0_e1 = e0_4 - _c4_0 * e0_2
                r0_o1 = e0_3 - _c4_0 * e0_1
                w0_1 = r0_e1 + r0_o1
                w0_2 = r0_e1 - r0_o1
                r0_e3 = e0_4 - e0_2
                r0_o3 = e0_3 - e0_1
                w0_3 = r0_e3 + _c2_0 * r0_o3
                w0_4 = r0_e3 - _c2_0 * r0_o3
                w0_0 = e0_4 + _c4_0 * e0_0 - _c5_0 * e0_2
                w0_5 = e0_5 + _c4_0 * e0_1 - _c5_0 * e0_3
                B[576 + L] = w0_0
                B[592 + L] = w0_1
                B[608 + L] = w0_2
                B[624 + L] = w0_3
                B[640 + L] = w0_4
                B[656 + L] = w0_5
                r1_e1 = e1_4 - _c4_0 * e1_2
                r1_o1 = e1_3 - _c4_0 * e1_1
                w1_1 = r1_e1 + r1_o1
                w1_2 = r1_e1 - r1_o1
                r1_e3 = e1_4 - e1_2
                r1_o3 = e1_3 - e1_1
                w1_3 = r1_e3 + _c2_0 * r1_o3
                w1_4 = r1_e3 - _c2_0 * r1_o3
                w1_0 = e1_4 + _c4_0 * e1_0 - _c5_0 * e1_2
                w1_5 = e1_5 + _c4_0 * e1_1 - _c5_0 * e1_3
                B[672 + L] = w1_0
                B[688 + L] = w1_1
                B[704 + L] = w1_2
                B[720 + L] = w1_3
                B[736 + L] = w1_4
                B[752 + L] = w1_5
                r2_e1 = e2_4 - _c4_0 * e2_2
                r2_o1 = e2_3 - _c4_0 * e2_1
                w2_1 = r2_e1 + r2_o1
                w2_2 = r2_e1 - r2_o1
                r2_e3 = e2_4 - e2_2
                r2_o3 = e2_3 - e2_1
                w2_3 = r2_e3 + _c2_0 * r2_o3
                w2_4 = r2_e3 - _c2_0 * r2_o3
                w2_0 = e2_4 + _c4_0 * e2_0 - _c5_0 * e2_2
                w2_5 = e2_5 + _c4_0 * e2_1 - _c5_0 * e2_3
                B[768 + L] = w2_0
                B[784 + L] = w2_1
                B[800 + L] = w2_2
                B[816 + L] = w2_3
                B[832 + L] = w2_4
                B[848 + L] = w2_5
                r3_e1 = e3_4 - _c4_0 * e3_2
                r3_o1 = e3_3 - _c4_0 * e3_1
                w3_1 = r3_e1 + r3_o1
                w3_2 = r3_e1 - r3_o1
                r3_e3 = e3_4 - e3_2
                r3_o3 = e3_3 - e3_1
                w3_3 = r3_e3 + _c2_0 * r3_o3
                w3_4 = r3_e3 - _c2_0 * r3_o3
                w3_0 = e3_4 + _c4_0 * e3_0 - _c5_0 * e3_2
                w3_5 = e3_5 + _c4_0 * e3_1 - _c5_0 * e3_3
                B[864 + L] = w3_0
                B[880 + L] = w3_1
                B[896 + L] = w3_2
                B[912 + L] = w3_3
                B[928 + L] = w3_4
                B[944 + L] = w3_5
                r4_e1 = e4_4 - _c4_0 * e4_2
                r4_o1 = e4_3 - _c4_0 * e4_1
                w4_1 = r4_e1 + r4_o1
                w4_2 = r4_e1 - r4_o1
                r4_e3 = e4_4 - e4_2
                r4_o3 = e4_3 - e4_1
                w4_3 = r4_e3 + _c2_0 * r4_o3
                w4_4 = r4_e3 - _c2_0 * r4_o3
                w4_0 = e4_4 + _c4_0 * e4_0 - _c5_0 * e4_2
                w4_5 = e4_5 + _c4_0 * e4_1 - _c5_0 * e4_3
                B[960 + L] = w4_0
                B[976 + L] = w4_1
                B[992 + L] = w4_2
                B[1008 + L] = w4_3
                B[1024 + L] = w4_4
                B[1040 + L] = w4_5
                r5_e1 = e5_4 - _c4_0 * e5_2
                r5_o1 = e5_3 - _c4_0 * e5_1
                w5_1 = r5_e1 + r5_o1
                w5_2 = r5_e1 - r5_o1
                r5_e3 = e5_4 - e5_2
                r5_o3 = e5_3 - e5_1
                w5_3 = r5_e3 + _c2_0 * r5_o3
                w5_4 = r5_e3 - _c2_0 * r5_o3
                w5_0 = e5_4 + _c4_0 * e5_0 - _c5_0 * e5_2
                w5_5 = e5_5 + _c4_0 * e5_1 - _c5_0 * e5_3
                B[1056 + L] = w5_0
                B[1072 + L] = w5_1
                B[1088 + L] = w5_2
                B[1104 + L] = w5_3
                B[1120 + L] = w5_4
                B[1136 + L] = w5_5
            for p in range(36):
                cdst = V[p, col + t0:]
                csrc = B
                coff = (36 + p) * 16
                v0 = csrc[coff + 0]; v1 = csrc[coff + 1]; v2 = csrc[coff + 2]; v3 = csrc[coff + 3]; v4 = csrc[coff + 4]; v5 = csrc[coff + 5]; v6 = csrc[coff + 6]; v7 = csrc[coff + 7]; v8 = csrc[coff + 8]; v9 = csrc[coff + 9]; v10 = csrc[coff + 10]; v11 = csrc[coff + 11]; v12 = csrc[coff + 12]; v13 = csrc[coff + 13]; v14 = csrc[coff + 14]; v15 = csrc[coff + 15]
                cdst[0] = v0; cdst[1] = v1; cdst[2] = v2; cdst[3] = v3; cdst[4] = v4; cdst[5] = v5; cdst[6] = v6; cdst[7] = v7; cdst[8] = v8; cdst[9] = v9; cdst[10] = v10; cdst[11] = v11; cdst[12] = v12; cdst[13] = v13; cdst[14] = v14; cdst[15] = v15


@numba.njit(**_OPTS)
def output_transform_4(M, outflat, k_lo, k_hi, obase, chan_out, rows, cols, Q, nt, tb):
    """For k in [k_lo, k_hi): the 4x4 tile A^T M A of M[p, k*tb + t] (t < nt) is
    stored at outflat[obase[t] + k*chan_out + i*Q + j] for i < rows[t], j < cols[t]
    (obase: uint64; tb a multiple of 16)."""
    B = np.empty(832, dtype=np.float32)
    pitch = np.uint64(Q)
    ahead = np.uint64(2 * chan_out)
    for k in range(k_lo, k_hi):
        col = k * tb
        kb = np.uint64(k * chan_out)
        for t0 in range(0, nt, 16):
            for p in range(36):
                cdst = B[p * 16:]
                csrc = M[p, col + t0:]
                coff = 0
                v0 = csrc[coff + 0]; v1 = csrc[coff + 1]; v2 = csrc[coff + 2]; v3 = csrc[coff + 3]; v4 = csrc[coff + 4]; v5 = csrc[coff + 5]; v6 = csrc[coff + 6]; v7 = csrc[coff + 7]; v8 = csrc[coff + 8]; v9 = csrc[coff + 9]; v10 = csrc[coff + 10]; v11 = csrc[coff + 11]; v12 = csrc[coff + 12]; v13 = csrc[coff + 13]; v14 = csrc[coff + 14]; v15 = csrc[coff + 15]
                cdst[0] = v0; cdst[1] = v1; cdst[2] = v2; cdst[3] = v3; cdst[4] = v4; cdst[5] = v5; cdst[6] = v6; cdst[7] = v7; cdst[8] = v8; cdst[9] = v9; cdst[10] = v10; cdst[11] = v11; cdst[12] = v12; cdst[13] = v13; cdst[14] = v14; cdst[15] = v15
            for L in range(16):
                x0 = B[0 + L]
                x1 = B[16 + L]
                x2 = B[32 + L]
                x3 = B[48 + L]
                x4 = B[64 + L]
                x5 = B[80 + L]
                x6 = B[96 + L]
                x7 = B[112 + L]
                x8 = B[128 + L]
                x9 = B[144 + L]
                x10 = B[160 + L]
                x11 = B[176 + L]
                x12 = B[192 + L]
                x13 = B[208 + L]
                x14 = B[224 + L]
                x15 = B[240 + L]
                x16 = B[256 + L]
                x17 = B[272 + L]
                x18 = B[288 + L]
                x19 = B[304 + L]
                x20 = B[320 + L]
                x21 = B[336 + L]
                x22 = B[352 + L]
                x23 = B[368 + L]
                x24 = B[384 + L]
                x25 = B[400 + L]
                x26 = B[416 + L]
                x27 = B[432 + L]
                x28 = B[448 + L]
                x29 = B[464 + L]
                x30 = B[480 + L]
                x31 = B[496 + L]
                x32 = B[512 + L]
                x33 = B[528 + L]
                x34 = B[544 + L]
                x35 = B[560 + L]
                q0_s0 = x6 + x12
                q0_d0 = x6 - x12
                q0_s1 = x18 + x24
                q0_d1 = x18 - x24
                e0_0 = x0 + q0_s0 + q0_s1
                e1_0 = q0_d0 + _c2_0 * q0_d1
                e2_0 = q0_s0 + _c4_0 * q0_s1
                e3_0 = x30 + q0_d0 + _c8_0 * q0_d1
                q1_s0 = x7 + x13
                q1_d0 = x7 - x13
                q1_s1 = x19 + x25
                q1_d1 = x19 - x25
                e0_1 = x1 + q1_s0 + q1_s1
                e1_1 = q1_d0 + _c2_0 * q1_d1
                e2_1 = q1_s0 + _c4_0 * q1_s1
                e3_1 = x31 + q1_d0 + _c8_0 * q1_d1
                q2_s0 = x8 + x14
                q2_d0 = x8 - x14
                q2_s1 = x20 + x26
                q2_d1 = x20 - x26
                e0_2 = x2 + q2_s0 + q2_s1
                e1_2 = q2_d0 + _c2_0 * q2_d1
                e2_2 = q2_s0 + _c4_0 * q2_s1
                e3_2 = x32 + q2_d0 + _c8_0 * q2_d1
                q3_s0 = x9 + x15
                q3_d0 = x9 - x15
                q3_s1 = x21 + x27
                q3_d1 = x21 - x27
                e0_3 = x3 + q3_s0 + q3_s1
                e1_3 = q3_d0 + _c2_0 * q3_d1
                e2_3 = q3_s0 + _c4_0 * q3_s1
                e3_3 = x33 + q3_d0 + _c8_0 * q3_d1
                q4_s0 = x10 + x16
                q4_d0 = x10 - x16
                q4_s1 = x22 + x28
                q4_d1 = x22 - x28
                e0_4 = x4 + q4_s0 + q4_s1
                e1_4 = q4_d0 + _c2_0 * q4_d1
                e2_4 = q4_s0 + _c4_0 * q4_s1
                e3_4 = x34 + q4_d0 + _c8_0 * q4_d1
                q5_s0 = x11 + x17
                q5_d0 = x11 - x17
                q5_s1 = x23 + x29
                q5_d1 = x23 - x29
                e0_5 = x5 + q5_s0 + q5_s1
                e1_5 = q5_d0 + _c2_0 * q5_d1
                e2_5 = q5_s0 + _c4_0 * q5_s1
                e3_5 = x35 + q5_d0 + _c8_0 * q5_d1
                r0_s0 = e0_1 + e0_2
                r0_d0 = e0_1 - e0_2
                r0_s1 = e0_3 + e0_4
                r0_d1 = e0_3 - e0_4
                w0_0 = e0_0 + r0_s0 + r0_s1
                w0_1 = r0_d0 + _c2_0 * r0_d1
                w0_2 = r0_s0 + _c4_0 * r0_s1
                w0_3 = e0_5 + r0_d0 + _c8_0 * r0_d1
                B[576 + L] = w0_0
                B[592 + L] = w0_1
                B[608 + L] = w0_2
                B[624 + L] = w0_3
                r1_s0 = e1_1 + e1_2
                r1_d0 = e1_1 - e1_2
                r1_s1 = e1_3 + e1_4
                r1_d1 = e1_3 - e1_4
                w1_0 = e1_0 + r1_s0 + r1_s1
                w1_1 = r1_d0 + _c2_0 * r1_d1
                w1_2 = r1_s0 + _c4_0 * r1_s1
                w1_3 = e1_5 + r1_d0 + _c8_0 * r1_d1
                B[640 + L] = w1_0
                B[656 + L] = w1_1
                B[672 + L] = w1_2
                B[688 + L] = w1_3
                r2_s0 = e2_1 + e2_2
                r2_d0 = e2_1 - e2_2
                r2_s1 = e2_3 + e2_4
                r2_d1 = e2_3 - e2_4
                w2_0 = e2_0 + r2_s0 + r2_s1
                w2_1 = r2_d0 + _c2_0 * r2_d1
                w2_2 = r2_s0 + _c4_0 * r2_s1
                w2_3 = e2_5 + r2_d0 + _c8_0 * r2_d1
                B[704 + L] = w2_0
                B[720 + L] = w2_1
                B[736 + L] = w2_2
                B[752 + L] = w2_3
                r3_s0 = e3_1 + e3_2
                r3_d0 = e3_1 - e3_2
                r3_s1 = e3_3 + e3_4
                r3_d1 = e3_3 - e3_4
                w3_0 = e3_0 + r3_s0 + r3_s1
                w3_1 = r3_d0 + _c2_0 * r3_d1
                w3_2 = r3_s0 + _c4_0 * r3_s1
                w3_3 = e3_5 + r3_d0 + _c8_0 * r3_d1
                B[768 + L] = w3_0
                B[784 + L] = w3_1
                B[800 + L] = w3_2
                B[816 + L] = w3_3
            _simd.prefetchw_rows_4(outflat, obase, t0, pitch, kb + ahead)
            _simd.scatter_tiles_4(B, 576, outflat, obase, t0, kb, pitch, rows, cols, nt - t0)


@numba.njit(**_OPTS)
def input_transform_6(xflat, off, c0, cg, chan_stride, wp, tb, V, col0):
    """V[p, col0 + c*tb + t] = (B^T d B)[p] of tile t, d = the 8x8 input tile at
    xflat[(c0 + c)*chan_stride + off[t]] (c < cg, t < tb; off: uint64 with tb
    valid entries; tb a multiple of 16; V's row pitch should not be a multiple
    of 4 KiB, see ROW_PAD in _winograd_common)."""
    B = np.empty(2048, dtype=np.float32)
    # unsigned row offsets within a tile; one view per channel
    r0 = np.uint64(0 * wp); r1 = np.uint64(1 * wp); r2 = np.uint64(2 * wp); r3 = np.uint64(3 * wp); r4 = np.uint64(4 * wp); r5 = np.uint64(5 * wp); r6 = np.uint64(6 * wp); r7 = np.uint64(7 * wp)
    ahead = 2 * chan_stride
    for c in range(cg):
        xc = xflat[(c0 + c) * chan_stride:]
        col = col0 + c * tb
        for t0 in range(0, tb, 16):
            _simd.prefetch_rows_8(xc, off, t0, wp, ahead)
            # B[(i*8 + j)*16 + L] = row i, column j of tile t0 + L: vector loads of
            # each tile's row transposed in registers (_simd: 6x faster than scalar copies)
            _simd.gather_rows_8(xc, off, t0, r0, B, 0)
            _simd.gather_rows_8(xc, off, t0, r1, B, 128)
            _simd.gather_rows_8(xc, off, t0, r2, B, 256)
            _simd.gather_rows_8(xc, off, t0, r3, B, 384)
            _simd.gather_rows_8(xc, off, t0, r4, B, 512)
            _simd.gather_rows_8(xc, off, t0, r5, B, 640)
            _simd.gather_rows_8(xc, off, t0, r6, B, 768)
            _simd.gather_rows_8(xc, off, t0, r7, B, 896)
            for L in range(16):
                x0 = B[0 + L]
                x1 = B[16 + L]
                x2 = B[32 + L]
                x3 = B[48 + L]
                x4 = B[64 + L]
                x5 = B[80 + L]
                x6 = B[96 + L]
                x7 = B[112 + L]
                x8 = B[128 + L]
                x9 = B[144 + L]
                x10 = B[160 + L]
                x11 = B[176 + L]
                x12 = B[192 + L]
                x13 = B[208 + L]
                x14 = B[224 + L]
                x15 = B[240 + L]
                x16 = B[256 + L]
                x17 = B[272 + L]
                x18 = B[288 + L]
                x19 = B[304 + L]
                x20 = B[320 + L]
                x21 = B[336 + L]
                x22 = B[352 + L]
                x23 = B[368 + L]
                x24 = B[384 + L]
                x25 = B[400 + L]
                x26 = B[416 + L]
                x27 = B[432 + L]
                x28 = B[448 + L]
                x29 = B[464 + L]
                x30 = B[480 + L]
                x31 = B[496 + L]
                x32 = B[512 + L]
                x33 = B[528 + L]
                x34 = B[544 + L]
                x35 = B[560 + L]
                x36 = B[576 + L]
                x37 = B[592 + L]
                x38 = B[608 + L]
                x39 = B[624 + L]
                x40 = B[640 + L]
                x41 = B[656 + L]
                x42 = B[672 + L]
                x43 = B[688 + L]
                x44 = B[704 + L]
                x45 = B[720 + L]
                x46 = B[736 + L]
                x47 = B[752 + L]
                x48 = B[768 + L]
                x49 = B[784 + L]
                x50 = B[800 + L]
                x51 = B[816 + L]
                x52 = B[832 + L]
                x53 = B[848 + L]
                x54 = B[864 + L]
                x55 = B[880 + L]
                x56 = B[896 + L]
                x57 = B[912 + L]
                x58 = B[928 + L]
                x59 = B[944 + L]
                x60 = B[960 + L]
                x61 = B[976 + L]
                x62 = B[992 + L]
                x63 = B[1008 + L]
                q0_e1 = x16 + x48 - _c4_25 * x32
                q0_o1 = x8 + x40 - _c4_25 * x24
                e1_0 = q0_e1 + q0_o1
                e2_0 = q0_e1 - q0_o1
                q0_e3 = x48 + _c0_25 * x16 - _c1_25 * x32
                q0_o3 = _c0_5 * x8 - _c2_5 * x24 + _c2_0 * x40
                e3_0 = q0_e3 + q0_o3
                e4_0 = q0_e3 - q0_o3
                q0_e5 = x48 + _c4_0 * x16 - _c5_0 * x32
                q0_o5 = _c2_0 * x8 - _c2_5 * x24 + _c0_5 * x40
                e5_0 = q0_e5 + q0_o5
                e6_0 = q0_e5 - q0_o5
                e0_0 = x48 - x0 + _c5_25 * x16 - _c5_25 * x32
                e7_0 = x56 - x8 + _c5_25 * x24 - _c5_25 * x40
                q1_e1 = x17 + x49 - _c4_25 * x33
                q1_o1 = x9 + x41 - _c4_25 * x25
                e1_1 = q1_e1 + q1_o1
                e2_1 = q1_e1 - q1_o1
                q1_e3 = x49 + _c0_25 * x17 - _c1_25 * x33
                q1_o3 = _c0_5 * x9 - _c2_5 * x25 + _c2_0 * x41
                e3_1 = q1_e3 + q1_o3
                e4_1 = q1_e3 - q1_o3
                q1_e5 = x49 + _c4_0 * x17 - _c5_0 * x33
                q1_o5 = _c2_0 * x9 - _c2_5 * x25 + _c0_5 * x41
                e5_1 = q1_e5 + q1_o5
                e6_1 = q1_e5 - q1_o5
                e0_1 = x49 - x1 + _c5_25 * x17 - _c5_25 * x33
                e7_1 = x57 - x9 + _c5_25 * x25 - _c5_25 * x41
                q2_e1 = x18 + x50 - _c4_25 * x34
                q2_o1 = x10 + x42 - _c4_25 * x26
                e1_2 = q2_e1 + q2_o1
                e2_2 = q2_e1 - q2_o1
                q2_e3 = x50 + _c0_25 * x18 - _c1_25 * x34
                q2_o3 = _c0_5 * x10 - _c2_5 * x26 + _c2_0 * x42
                e3_2 = q2_e3 + q2_o3
                e4_2 = q2_e3 - q2_o3
                q2_e5 = x50 + _c4_0 * x18 - _c5_0 * x34
                q2_o5 = _c2_0 * x10 - _c2_5 * x26 + _c0_5 * x42
                e5_2 = q2_e5 + q2_o5
                e6_2 = q2_e5 - q2_o5
                e0_2 = x50 - x2 + _c5_25 * x18 - _c5_25 * x34
                e7_2 = x58 - x10 + _c5_25 * x26 - _c5_25 * x42
                q3_e1 = x19 + x51 - _c4_25 * x35
                q3_o1 = x11 + x43 - _c4_25 * x27
                e1_3 = q3_e1 + q3_o1
                e2_3 = q3_e1 - q3_o1
                q3_e3 = x51 + _c0_25 * x19 - _c1_25 * x35
                q3_o3 = _c0_5 * x11 - _c2_5 * x27 + _c2_0 * x43
                e3_3 = q3_e3 + q3_o3
                e4_3 = q3_e3 - q3_o3
                q3_e5 = x51 + _c4_0 * x19 - _c5_0 * x35
                q3_o5 = _c2_0 * x11 - _c2_5 * x27 + _c0_5 * x43
                e5_3 = q3_e5 + q3_o5
                e6_3 = q3_e5 - q3_o5
                e0_3 = x51 - x3 + _c5_25 * x19 - _c5_25 * x35
                e7_3 = x59 - x11 + _c5_25 * x27 - _c5_25 * x43
                q4_e1 = x20 + x52 - _c4_25 * x36
                q4_o1 = x12 + x44 - _c4_25 * x28
                e1_4 = q4_e1 + q4_o1
                e2_4 = q4_e1 - q4_o1
                q4_e3 = x52 + _c0_25 * x20 - _c1_25 * x36
                q4_o3 = _c0_5 * x12 - _c2_5 * x28 + _c2_0 * x44
                e3_4 = q4_e3 + q4_o3
                e4_4 = q4_e3 - q4_o3
                q4_e5 = x52 + _c4_0 * x20 - _c5_0 * x36
                q4_o5 = _c2_0 * x12 - _c2_5 * x28 + _c0_5 * x44
                e5_4 = q4_e5 + q4_o5
                e6_4 = q4_e5 - q4_o5
                e0_4 = x52 - x4 + _c5_25 * x20 - _c5_25 * x36
                e7_4 = x60 - x12 + _c5_25 * x28 - _c5_25 * x44
                q5_e1 = x21 + x53 - _c4_25 * x37
                q5_o1 = x13 + x45 - _c4_25 * x29
                e1_5 = q5_e1 + q5_o1
                e2_5 = q5_e1 - q5_o1
                q5_e3 = x53 + _c0_25 * x21 - _c1_25 * x37
                q5_o3 = _c0_5 * x13 - _c2_5 * x29 + _c2_0 * x45
                e3_5 = q5_e3 + q5_o3
                e4_5 = q5_e3 - q5_o3
                q5_e5 = x53 + _c4_0 * x21 - _c5_0 * x37
                q5_o5 = _c2_0 * x13 - _c2_5 * x29 + _c0_5 * x45
                e5_5 = q5_e5 + q5_o5
                e6_5 = q5_e5 - q5_o5
                e0_5 = x53 - x5 + _c5_25 * x21 - _c5_25 * x37
                e7_5 = x61 - x13 + _c5_25 * x29 - _c5_25 * x45
                q6_e1 = x22 + x54 - _c4_25 * x38
                q6_o1 = x14 + x46 - _c4_25 * x30
                e1_6 = q6_e1 + q6_o1
                e2_6 = q6_e1 - q6_o1
                q6_e3 = x54 + _c0_25 * x22 - _c1_25 * x38
                q6_o3 = _c0_5 * x14 - _c2_5 * x30 + _c2_0 * x46
                e3_6 = q6_e3 + q6_o3
                e4_6 = q6_e3 - q6_o3
                q6_e5 = x54 + _c4_0 * x22 - _c5_0 * x38
                q6_o5 = _c2_0 * x14 - _c2_5 * x30 + _c0_5 * x46
                e5_6 = q6_e5 + q6_o5
                e6_6 = q6_e5 - q6_o5
                e0_6 = x54 - x6 + _c5_25 * x22 - _c5_25 * x38
                e7_6 = x62 - x14 + _c5_25 * x30 - _c5_25 * x46
                q7_e1 = x23 + x55 - _c4_25 * x39
                q7_o1 = x15 + x47 - _c4_25 * x31
                e1_7 = q7_e1 + q7_o1
                e2_7 = q7_e1 - q7_o1
                q7_e3 = x55 + _c0_25 * x23 - _c1_25 * x39
                q7_o3 = _c0_5 * x15 - _c2_5 * x31 + _c2_0 * x47
                e3_7 = q7_e3 + q7_o3
                e4_7 = q7_e3 - q7_o3
                q7_e5 = x55 + _c4_0 * x23 - _c5_0 * x39
                q7_o5 = _c2_0 * x15 - _c2_5 * x31 + _c0_5 * x47
                e5_7 = q7_e5 + q7_o5
                e6_7 = q7_e5 - q7_o5
                e0_7 = x55 - x7 + _c5_25 * x23 - _c5_25 * x39
                e7_7 = x63 - x15 + _c5_25 * x31 - _c5_25 * x47
                r0_e1 = e0_2 + e0_6 - _c4_25 * e0_4
                r0_o1 = e0_1 + e0_5 - _c4_25 * e0_3
                w0_1 = r0_e1 + r0_o1
                w0_2 = r0_e1 - r0_o1
                r0_e3 = e0_6 + _c0_25 * e0_2 - _c1_25 * e0_4
                r0_o3 = _c0_5 * e0_1 - _c2_5 * e0_3 + _c2_0 * e0_5
                w0_3 = r0_e3 + r0_o3
                w0_4 = r0_e3 - r0_o3
                r0_e5 = e0_6 + _c4_0 * e0_2 - _c5_0 * e0_4
                r0_o5 = _c2_0 * e0_1 - _c2_5 * e0_3 + _c0_5 * e0_5
                w0_5 = r0_e5 + r0_o5
                w0_6 = r0_e5 - r0_o5
                w0_0 = e0_6 - e0_0 + _c5_25 * e0_2 - _c5_25 * e0_4
                w0_7 = e0_7 - e0_1 + _c5_25 * e0_3 - _c5_25 * e0_5
                B[1024 + L] = w0_0
                B[1040 + L] = w0_1
                B[1056 + L] = w0_2
                B[1072 + L] = w0_3
                B[1088 + L] = w0_4
                B[1104 + L] = w0_5
                B[1120 + L] = w0_6
                B[1136 + L] = w0_7
                r1_e1 = e1_2 + e1_6 - _c4_25 * e1_4
                r1_o1 = e1_1 + e1_5 - _c4_25 * e1_3
                w1_1 = r1_e1 + r1_o1
                w1_2 = r1_e1 - r1_o1
                r1_e3 = e1_6 + _c0_25 * e1_2 - _c1_25 * e1_4
                r1_o3 = _c0_5 * e1_1 - _c2_5 * e1_3 + _c2_0 * e1_5
                w1_3 = r1_e3 + r1_o3
                w1_4 = r1_e3 - r1_o3
                r1_e5 = e1_6 + _c4_0 * e1_2 - _c5_0 * e1_4
                r1_o5 = _c2_0 * e1_1 - _c2_5 * e1_3 + _c0_5 * e1_5
                w1_5 = r1_e5 + r1_o5
                w1_6 = r1_e5 - r1_o5
                w1_0 = e1_6 - e1_0 + _c5_25 * e1_2 - _c5_25 * e1_4
                w1_7 = e1_7 - e1_1 + _c5_25 * e1_3 - _c5_25 * e1_5
                B[1152 + L] = w1_0
                B[1168 + L] = w1_1
                B[1184 + L] = w1_2
                B[1200 + L] = w1_3
                B[1216 + L] = w1_4
                B[1232 + L] = w1_5
                B[1248 + L] = w1_6
                B[1264 + L] = w1_7
                r2_e1 = e2_2 + e2_6 - _c4_25 * e2_4
                r2_o1 = e2_1 + e2_5 - _c4_25 * e2_3
                w2_1 = r2_e1 + r2_o1
                w2_2 = r2_e1 - r2_o1
                r2_e3 = e2_6 + _c0_25 * e2_2 - _c1_25 * e2_4
                r2_o3 = _c0_5 * e2_1 - _c2_5 * e2_3 + _c2_0 * e2_5
                w2_3 = r2_e3 + r2_o3
                w2_4 = r2_e3 - r2_o3
                r2_e5 = e2_6 + _c4_0 * e2_2 - _c5_0 * e2_4
                r2_o5 = _c2_0 * e2_1 - _c2_5 * e2_3 + _c0_5 * e2_5
                w2_5 = r2_e5 + r2_o5
                w2_6 = r2_e5 - r2_o5
                w2_0 = e2_6 - e2_0 + _c5_25 * e2_2 - _c5_25 * e2_4
                w2_7 = e2_7 - e2_1 + _c5_25 * e2_3 - _c5_25 * e2_5
                B[1280 + L] = w2_0
                B[1296 + L] = w2_1
                B[1312 + L] = w2_2
                B[1328 + L] = w2_3
                B[1344 + L] = w2_4
                B[1360 + L] = w2_5
                B[1376 + L] = w2_6
                B[1392 + L] = w2_7
                r3_e1 = e3_2 + e3_6 - _c4_25 * e3_4
                r3_o1 = e3_1 + e3_5 - _c4_25 * e3_3
                w3_1 = r3_e1 + r3_o1
                w3_2 = r3_e1 - r3_o1
                r3_e3 = e3_6 + _c0_25 * e3_2 - _c1_25 * e3_4
                r3_o3 = _c0_5 * e3_1 - _c2_5 * e3_3 + _c2_0 * e3_5
                w3_3 = r3_e3 + r3_o3
                w3_4 = r3_e3 - r3_o3
                r3_e5 = e3_6 + _c4_0 * e3_2 - _c5_0 * e3_4
                r3_o5 = _c2_0 * e3_1 - _c2_5 * e3_3 + _c0_5 * e3_5
                w3_5 = r3_e5 + r3_o5
                w3_6 = r3_e5 - r3_o5
                w3_0 = e3_6 - e3_0 + _c5_25 * e3_2 - _c5_25 * e3_4
                w3_7 = e3_7 - e3_1 + _c5_25 * e3_3 - _c5_25 * e3_5
                B[1408 + L] = w3_0
                B[1424 + L] = w3_1
                B[1440 + L] = w3_2
                B[1456 + L] = w3_3
                B[1472 + L] = w3_4
                B[1488 + L] = w3_5
                B[1504 + L] = w3_6
                B[1520 + L] = w3_7
                r4_e1 = e4_2 + e4_6 - _c4_25 * e4_4
                r4_o1 = e4_1 + e4_5 - _c4_25 * e4_3
                w4_1 = r4_e1 + r4_o1
                w4_2 = r4_e1 - r4_o1
                r4_e3 = e4_6 + _c0_25 * e4_2 - _c1_25 * e4_4
                r4_o3 = _c0_5 * e4_1 - _c2_5 * e4_3 + _c2_0 * e4_5
                w4_3 = r4_e3 + r4_o3
                w4_4 = r4_e3 - r4_o3
                r4_e5 = e4_6 + _c4_0 * e4_2 - _c5_0 * e4_4
                r4_o5 = _c2_0 * e4_1 - _c2_5 * e4_3 + _c0_5 * e4_5
                w4_5 = r4_e5 + r4_o5
                w4_6 = r4_e5 - r4_o5
                w4_0 = e4_6 - e4_0 + _c5_25 * e4_2 - _c5_25 * e4_4
                w4_7 = e4_7 - e4_1 + _c5_25 * e4_3 - _c5_25 * e4_5
                B[1536 + L] = w4_0
                B[1552 + L] = w4_1
                B[1568 + L] = w4_2
                B[1584 + L] = w4_3
                B[1600 + L] = w4_4
                B[1616 + L] = w4_5
                B[1632 + L] = w4_6
                B[1648 + L] = w4_7
                r5_e1 = e5_2 + e5_6 - _c4_25 * e5_4
                r5_o1 = e5_1 + e5_5 - _c4_25 * e5_3
                w5_1 = r5_e1 + r5_o1
                w5_2 = r5_e1 - r5_o1
                r5_e3 = e5_6 + _c0_25 * e5_2 - _c1_25 * e5_4
                r5_o3 = _c0_5 * e5_1 - _c2_5 * e5_3 + _c2_0 * e5_5
                w5_3 = r5_e3 + r5_o3
                w5_4 = r5_e3 - r5_o3
                r5_e5 = e5_6 + _c4_0 * e5_2 - _c5_0 * e5_4
                r5_o5 = _c2_0 * e5_1 - _c2_5 * e5_3 + _c0_5 * e5_5
                w5_5 = r5_e5 + r5_o5
                w5_6 = r5_e5 - r5_o5
                w5_0 = e5_6 - e5_0 + _c5_25 * e5_2 - _c5_25 * e5_4
                w5_7 = e5_7 - e5_1 + _c5_25 * e5_3 - _c5_25 * e5_5
                B[1664 + L] = w5_0
                B[1680 + L] = w5_1
                B[1696 + L] = w5_2
                B[1712 + L] = w5_3
                B[1728 + L] = w5_4
                B[1744 + L] = w5_5
                B[1760 + L] = w5_6
                B[1776 + L] = w5_7
                r6_e1 = e6_2 + e6_6 - _c4_25 * e6_4
                r6_o1 = e6_1 + e6_5 - _c4_25 * e6_3
                w6_1 = r6_e1 + r6_o1
                w6_2 = r6_e1 - r6_o1
                r6_e3 = e6_6 + _c0_25 * e6_2 - _c1_25 * e6_4
                r6_o3 = _c0_5 * e6_1 - _c2_5 * e6_3 + _c2_0 * e6_5
                w6_3 = r6_e3 + r6_o3
                w6_4 = r6_e3 - r6_o3
                r6_e5 = e6_6 + _c4_0 * e6_2 - _c5_0 * e6_4
                r6_o5 = _c2_0 * e6_1 - _c2_5 * e6_3 + _c0_5 * e6_5
                w6_5 = r6_e5 + r6_o5
                w6_6 = r6_e5 - r6_o5
                w6_0 = e6_6 - e6_0 + _c5_25 * e6_2 - _c5_25 * e6_4
                w6_7 = e6_7 - e6_1 + _c5_25 * e6_3 - _c5_25 * e6_5
                B[1792 + L] = w6_0
                B[1808 + L] = w6_1
                B[1824 + L] = w6_2
                B[1840 + L] = w6_3
                B[1856 + L] = w6_4
                B[1872 + L] = w6_5
                B[1888 + L] = w6_6
                B[1904 + L] = w6_7
                r7_e1 = e7_2 + e7_6 - _c4_25 * e7_4
                r7_o1 = e7_1 + e7_5 - _c4_25 * e7_3
                w7_1 = r7_e1 + r7_o1
                w7_2 = r7_e1 - r7_o1
                r7_e3 = e7_6 + _c0_25 * e7_2 - _c1_25 * e7_4
                r7_o3 = _c0_5 * e7_1 - _c2_5 * e7_3 + _c2_0 * e7_5
                w7_3 = r7_e3 + r7_o3
                w7_4 = r7_e3 - r7_o3
                r7_e5 = e7_6 + _c4_0 * e7_2 - _c5_0 * e7_4
                r7_o5 = _c2_0 * e7_1 - _c2_5 * e7_3 + _c0_5 * e7_5
                w7_5 = r7_e5 + r7_o5
                w7_6 = r7_e5 - r7_o5
                w7_0 = e7_6 - e7_0 + _c5_25 * e7_2 - _c5_25 * e7_4
                w7_7 = e7_7 - e7_1 + _c5_25 * e7_3 - _c5_25 * e7_5
                B[1920 + L] = w7_0
                B[1936 + L] = w7_1
                B[1952 + L] = w7_2
                B[1968 + L] = w7_3
                B[1984 + L] = w7_4
                B[2000 + L] = w7_5
                B[2016 + L] = w7_6
                B[2032 + L] = w7_7
            for p in range(64):
                cdst = V[p, col + t0:]
                csrc = B
                coff = (64 + p) * 16
                v0 = csrc[coff + 0]; v1 = csrc[coff + 1]; v2 = csrc[coff + 2]; v3 = csrc[coff + 3]; v4 = csrc[coff + 4]; v5 = csrc[coff + 5]; v6 = csrc[coff + 6]; v7 = csrc[coff + 7]; v8 = csrc[coff + 8]; v9 = csrc[coff + 9]; v10 = csrc[coff + 10]; v11 = csrc[coff + 11]; v12 = csrc[coff + 12]; v13 = csrc[coff + 13]; v14 = csrc[coff + 14]; v15 = csrc[coff + 15]
                cdst[0] = v0; cdst[1] = v1; cdst[2] = v2; cdst[3] = v3; cdst[4] = v4; cdst[5] = v5; cdst[6] = v6; cdst[7] = v7; cdst[8] = v8; cdst[9] = v9; cdst[10] = v10; cdst[11] = v11; cdst[12] = v12; cdst[13] = v13; cdst[14] = v14; cdst[15] = v15


@numba.njit(**_OPTS)
def output_transform_6(M, outflat, k_lo, k_hi, obase, chan_out, rows, cols, Q, nt, tb):
    """For k in [k_lo, k_hi): the 6x6 tile A^T M A of M[p, k*tb + t] (t < nt) is
    stored at outflat[obase[t] + k*chan_out + i*Q + j] for i < rows[t], j < cols[t]
    (obase: uint64; tb a multiple of 16)."""
    B = np.empty(1600, dtype=np.float32)
    pitch = np.uint64(Q)
    ahead = np.uint64(2 * chan_out)
    for k in range(k_lo, k_hi):
        col = k * tb
        kb = np.uint64(k * chan_out)
        for t0 in range(0, nt, 16):
            for p in range(64):
                cdst = B[p * 16:]
                csrc = M[p, col + t0:]
                coff = 0
                v0 = csrc[coff + 0]; v1 = csrc[coff + 1]; v2 = csrc[coff + 2]; v3 = csrc[coff + 3]; v4 = csrc[coff + 4]; v5 = csrc[coff + 5]; v6 = csrc[coff + 6]; v7 = csrc[coff + 7]; v8 = csrc[coff + 8]; v9 = csrc[coff + 9]; v10 = csrc[coff + 10]; v11 = csrc[coff + 11]; v12 = csrc[coff + 12]; v13 = csrc[coff + 13]; v14 = csrc[coff + 14]; v15 = csrc[coff + 15]
                cdst[0] = v0; cdst[1] = v1; cdst[2] = v2; cdst[3] = v3; cdst[4] = v4; cdst[5] = v5; cdst[6] = v6; cdst[7] = v7; cdst[8] = v8; cdst[9] = v9; cdst[10] = v10; cdst[11] = v11; cdst[12] = v12; cdst[13] = v13; cdst[14] = v14; cdst[15] = v15
            for L in range(16):
                x0 = B[0 + L]
                x1 = B[16 + L]
                x2 = B[32 + L]
                x3 = B[48 + L]
                x4 = B[64 + L]
                x5 = B[80 + L]
                x6 = B[96 + L]
                x7 = B[112 + L]
                x8 = B[128 + L]
                x9 = B[144 + L]
                x10 = B[160 + L]
                x11 = B[176 + L]
                x12 = B[192 + L]
                x13 = B[208 + L]
                x14 = B[224 + L]
                x15 = B[240 + L]
                x16 = B[256 + L]
                x17 = B[272 + L]
                x18 = B[288 + L]
                x19 = B[304 + L]
                x20 = B[320 + L]
                x21 = B[336 + L]
                x22 = B[352 + L]
                x23 = B[368 + L]
                x24 = B[384 + L]
                x25 = B[400 + L]
                x26 = B[416 + L]
                x27 = B[432 + L]
                x28 = B[448 + L]
                x29 = B[464 + L]
                x30 = B[480 + L]
                x31 = B[496 + L]
                x32 = B[512 + L]
                x33 = B[528 + L]
                x34 = B[544 + L]
                x35 = B[560 + L]
                x36 = B[576 + L]
                x37 = B[592 + L]
                x38 = B[608 + L]
                x39 = B[624 + L]
                x40 = B[640 + L]
                x41 = B[656 + L]
                x42 = B[672 + L]
                x43 = B[688 + L]
                x44 = B[704 + L]
                x45 = B[720 + L]
                x46 = B[736 + L]
                x47 = B[752 + L]
                x48 = B[768 + L]
                x49 = B[784 + L]
                x50 = B[800 + L]
                x51 = B[816 + L]
                x52 = B[832 + L]
                x53 = B[848 + L]
                x54 = B[864 + L]
                x55 = B[880 + L]
                x56 = B[896 + L]
                x57 = B[912 + L]
                x58 = B[928 + L]
                x59 = B[944 + L]
                x60 = B[960 + L]
                x61 = B[976 + L]
                x62 = B[992 + L]
                x63 = B[1008 + L]
                q0_s0 = x8 + x16
                q0_d0 = x8 - x16
                q0_s1 = x24 + x32
                q0_d1 = x24 - x32
                q0_s2 = x40 + x48
                q0_d2 = x40 - x48
                e0_0 = x0 + q0_s0 + q0_s1 + q0_s2
                e1_0 = q0_d0 + _c2_0 * q0_d1 + _c0_5 * q0_d2
                e2_0 = q0_s0 + _c4_0 * q0_s1 + _c0_25 * q0_s2
                e3_0 = q0_d0 + _c8_0 * q0_d1 + _c0_125 * q0_d2
                e4_0 = q0_s0 + _c16_0 * q0_s1 + _c0_0625 * q0_s2
                e5_0 = x56 + q0_d0 + _c32_0 * q0_d1 + _c0_03125 * q0_d2
                q1_s0 = x9 + x17
                q1_d0 = x9 - x17
                q1_s1 = x25 + x33
                q1_d1 = x25 - x33
                q1_s2 = x41 + x49
                q1_d2 = x41 - x49
                e0_1 = x1 + q1_s0 + q1_s1 + q1_s2
                e1_1 = q1_d0 + _c2_0 * q1_d1 + _c0_5 * q1_d2
                e2_1 = q1_s0 + _c4_0 * q1_s1 + _c0_25 * q1_s2
                e3_1 = q1_d0 + _c8_0 * q1_d1 + _c0_125 * q1_d2
                e4_1 = q1_s0 + _c16_0 * q1_s1 + _c0_0625 * q1_s2
                e5_1 = x57 + q1_d0 + _c32_0 * q1_d1 + _c0_03125 * q1_d2
                q2_s0 = x10 + x18
                q2_d0 = x10 - x18
                q2_s1 = x26 + x34
                q2_d1 = x26 - x34
                q2_s2 = x42 + x50
                q2_d2 = x42 - x50
                e0_2 = x2 + q2_s0 + q2_s1 + q2_s2
                e1_2 = q2_d0 + _c2_0 * q2_d1 + _c0_5 * q2_d2
                e2_2 = q2_s0 + _c4_0 * q2_s1 + _c0_25 * q2_s2
                e3_2 = q2_d0 + _c8_0 * q2_d1 + _c0_125 * q2_d2
                e4_2 = q2_s0 + _c16_0 * q2_s1 + _c0_0625 * q2_s2
                e5_2 = x58 + q2_d0 + _c32_0 * q2_d1 + _c0_03125 * q2_d2
                q3_s0 = x11 + x19
                q3_d0 = x11 - x19
                q3_s1 = x27 + x35
                q3_d1 = x27 - x35
                q3_s2 = x43 + x51
                q3_d2 = x43 - x51
                e0_3 = x3 + q3_s0 + q3_s1 + q3_s2
                e1_3 = q3_d0 + _c2_0 * q3_d1 + _c0_5 * q3_d2
                e2_3 = q3_s0 + _c4_0 * q3_s1 + _c0_25 * q3_s2
                e3_3 = q3_d0 + _c8_0 * q3_d1 + _c0_125 * q3_d2
                e4_3 = q3_s0 + _c16_0 * q3_s1 + _c0_0625 * q3_s2
                e5_3 = x59 + q3_d0 + _c32_0 * q3_d1 + _c0_03125 * q3_d2
                q4_s0 = x12 + x20
                q4_d0 = x12 - x20
                q4_s1 = x28 + x36
                q4_d1 = x28 - x36
                q4_s2 = x44 + x52
                q4_d2 = x44 - x52
                e0_4 = x4 + q4_s0 + q4_s1 + q4_s2
                e1_4 = q4_d0 + _c2_0 * q4_d1 + _c0_5 * q4_d2
                e2_4 = q4_s0 + _c4_0 * q4_s1 + _c0_25 * q4_s2
                e3_4 = q4_d0 + _c8_0 * q4_d1 + _c0_125 * q4_d2
                e4_4 = q4_s0 + _c16_0 * q4_s1 + _c0_0625 * q4_s2
                e5_4 = x60 + q4_d0 + _c32_0 * q4_d1 + _c0_03125 * q4_d2
                q5_s0 = x13 + x21
                q5_d0 = x13 - x21
                q5_s1 = x29 + x37
                q5_d1 = x29 - x37
                q5_s2 = x45 + x53
                q5_d2 = x45 - x53
                e0_5 = x5 + q5_s0 + q5_s1 + q5_s2
                e1_5 = q5_d0 + _c2_0 * q5_d1 + _c0_5 * q5_d2
                e2_5 = q5_s0 + _c4_0 * q5_s1 + _c0_25 * q5_s2
                e3_5 = q5_d0 + _c8_0 * q5_d1 + _c0_125 * q5_d2
                e4_5 = q5_s0 + _c16_0 * q5_s1 + _c0_0625 * q5_s2
                e5_5 = x61 + q5_d0 + _c32_0 * q5_d1 + _c0_03125 * q5_d2
                q6_s0 = x14 + x22
                q6_d0 = x14 - x22
                q6_s1 = x30 + x38
                q6_d1 = x30 - x38
                q6_s2 = x46 + x54
                q6_d2 = x46 - x54
                e0_6 = x6 + q6_s0 + q6_s1 + q6_s2
                e1_6 = q6_d0 + _c2_0 * q6_d1 + _c0_5 * q6_d2
                e2_6 = q6_s0 + _c4_0 * q6_s1 + _c0_25 * q6_s2
                e3_6 = q6_d0 + _c8_0 * q6_d1 + _c0_125 * q6_d2
                e4_6 = q6_s0 + _c16_0 * q6_s1 + _c0_0625 * q6_s2
                e5_6 = x62 + q6_d0 + _c32_0 * q6_d1 + _c0_03125 * q6_d2
                q7_s0 = x15 + x23
                q7_d0 = x15 - x23
                q7_s1 = x31 + x39
                q7_d1 = x31 - x39
                q7_s2 = x47 + x55
                q7_d2 = x47 - x55
                e0_7 = x7 + q7_s0 + q7_s1 + q7_s2
                e1_7 = q7_d0 + _c2_0 * q7_d1 + _c0_5 * q7_d2
                e2_7 = q7_s0 + _c4_0 * q7_s1 + _c0_25 * q7_s2
                e3_7 = q7_d0 + _c8_0 * q7_d1 + _c0_125 * q7_d2
                e4_7 = q7_s0 + _c16_0 * q7_s1 + _c0_0625 * q7_s2
                e5_7 = x63 + q7_d0 + _c32_0 * q7_d1 + _c0_03125 * q7_d2
                r0_s0 = e0_1 + e0_2
                r0_d0 = e0_1 - e0_2
                r0_s1 = e0_3 + e0_4
                r0_d1 = e0_3 - e0_4
                r0_s2 = e0_5 + e0_6
                r0_d2 = e0_5 - e0_6
                w0_0 = e0_0 + r0_s0 + r0_s1 + r0_s2
                w0_1 = r0_d0 + _c2_0 * r0_d1 + _c0_5 * r0_d2
                w0_2 = r0_s0 + _c4_0 * r0_s1 + _c0_25 * r0_s2
                w0_3 = r0_d0 + _c8_0 * r0_d1 + _c0_125 * r0_d2
                w0_4 = r0_s0 + _c16_0 * r0_s1 + _c0_0625 * r0_s2
                w0_5 = e0_7 + r0_d0 + _c32_0 * r0_d1 + _c0_03125 * r0_d2
                B[1024 + L] = w0_0
                B[1040 + L] = w0_1
                B[1056 + L] = w0_2
                B[1072 + L] = w0_3
                B[1088 + L] = w0_4
                B[1104 + L] = w0_5
                r1_s0 = e1_1 + e1_2
                r1_d0 = e1_1 - e1_2
                r1_s1 = e1_3 + e1_4
                r1_d1 = e1_3 - e1_4
                r1_s2 = e1_5 + e1_6
                r1_d2 = e1_5 - e1_6
                w1_0 = e1_0 + r1_s0 + r1_s1 + r1_s2
                w1_1 = r1_d0 + _c2_0 * r1_d1 + _c0_5 * r1_d2
                w1_2 = r1_s0 + _c4_0 * r1_s1 + _c0_25 * r1_s2
                w1_3 = r1_d0 + _c8_0 * r1_d1 + _c0_125 * r1_d2
                w1_4 = r1_s0 + _c16_0 * r1_s1 + _c0_0625 * r1_s2
                w1_5 = e1_7 + r1_d0 + _c32_0 * r1_d1 + _c0_03125 * r1_d2
                B[1120 + L] = w1_0
                B[1136 + L] = w1_1
                B[1152 + L] = w1_2
                B[1168 + L] = w1_3
                B[1184 + L] = w1_4
                B[1200 + L] = w1_5
                r2_s0 = e2_1 + e2_2
                r2_d0 = e2_1 - e2_2
                r2_s1 = e2_3 + e2_4
                r2_d1 = e2_3 - e2_4
                r2_s2 = e2_5 + e2_6
                r2_d2 = e2_5 - e2_6
                w2_0 = e2_0 + r2_s0 + r2_s1 + r2_s2
                w2_1 = r2_d0 + _c2_0 * r2_d1 + _c0_5 * r2_d2
                w2_2 = r2_s0 + _c4_0 * r2_s1 + _c0_25 * r2_s2
                w2_3 = r2_d0 + _c8_0 * r2_d1 + _c0_125 * r2_d2
                w2_4 = r2_s0 + _c16_0 * r2_s1 + _c0_0625 * r2_s2
                w2_5 = e2_7 + r2_d0 + _c32_0 * r2_d1 + _c0_03125 * r2_d2
                B[1216 + L] = w2_0
                B[1232 + L] = w2_1
                B[1248 + L] = w2_2
                B[1264 + L] = w2_3
                B[1280 + L] = w2_4
                B[1296 + L] = w2_5
                r3_s0 = e3_1 + e3_2
                r3_d0 = e3_1 - e3_2
                r3_s1 = e3_3 + e3_4
                r3_d1 = e3_3 - e3_4
                r3_s2 = e3_5 + e3_6
                r3_d2 = e3_5 - e3_6
                w3_0 = e3_0 + r3_s0 + r3_s1 + r3_s2
                w3_1 = r3_d0 + _c2_0 * r3_d1 + _c0_5 * r3_d2
                w3_2 = r3_s0 + _c4_0 * r3_s1 + _c0_25 * r3_s2
                w3_3 = r3_d0 + _c8_0 * r3_d1 + _c0_125 * r3_d2
                w3_4 = r3_s0 + _c16_0 * r3_s1 + _c0_0625 * r3_s2
                w3_5 = e3_7 + r3_d0 + _c32_0 * r3_d1 + _c0_03125 * r3_d2
                B[1312 + L] = w3_0
                B[1328 + L] = w3_1
                B[1344 + L] = w3_2
                B[1360 + L] = w3_3
                B[1376 + L] = w3_4
                B[1392 + L] = w3_5
                r4_s0 = e4_1 + e4_2
                r4_d0 = e4_1 - e4_2
                r4_s1 = e4_3 + e4_4
                r4_d1 = e4_3 - e4_4
                r4_s2 = e4_5 + e4_6
                r4_d2 = e4_5 - e4_6
                w4_0 = e4_0 + r4_s0 + r4_s1 + r4_s2
                w4_1 = r4_d0 + _c2_0 * r4_d1 + _c0_5 * r4_d2
                w4_2 = r4_s0 + _c4_0 * r4_s1 + _c0_25 * r4_s2
                w4_3 = r4_d0 + _c8_0 * r4_d1 + _c0_125 * r4_d2
                w4_4 = r4_s0 + _c16_0 * r4_s1 + _c0_0625 * r4_s2
                w4_5 = e4_7 + r4_d0 + _c32_0 * r4_d1 + _c0_03125 * r4_d2
                B[1408 + L] = w4_0
                B[1424 + L] = w4_1
                B[1440 + L] = w4_2
                B[1456 + L] = w4_3
                B[1472 + L] = w4_4
                B[1488 + L] = w4_5
                r5_s0 = e5_1 + e5_2
                r5_d0 = e5_1 - e5_2
                r5_s1 = e5_3 + e5_4
                r5_d1 = e5_3 - e5_4
                r5_s2 = e5_5 + e5_6
                r5_d2 = e5_5 - e5_6
                w5_0 = e5_0 + r5_s0 + r5_s1 + r5_s2
                w5_1 = r5_d0 + _c2_0 * r5_d1 + _c0_5 * r5_d2
                w5_2 = r5_s0 + _c4_0 * r5_s1 + _c0_25 * r5_s2
                w5_3 = r5_d0 + _c8_0 * r5_d1 + _c0_125 * r5_d2
                w5_4 = r5_s0 + _c16_0 * r5_s1 + _c0_0625 * r5_s2
                w5_5 = e5_7 + r5_d0 + _c32_0 * r5_d1 + _c0_03125 * r5_d2
                B[1504 + L] = w5_0
                B[1520 + L] = w5_1
                B[1536 + L] = w5_2
                B[1552 + L] = w5_3
                B[1568 + L] = w5_4
                B[1584 + L] = w5_5
            _simd.prefetchw_rows_6(outflat, obase, t0, pitch, kb + ahead)
            _simd.scatter_tiles_6(B, 1024, outflat, obase, t0, kb, pitch, rows, cols, nt - t0)


@numba.njit(**_OPTS)
def dense_micro_16(u, k, V, M, p, cg, mk):
    """M[p, (mk+r)*16 + t] = sum_c u[k+r, c] V[p, c*16 + t], r < 4, t < 16."""
    vp = V[p]
    mp = M[p]
    a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0
    a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
    a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0
    a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0
    for c in range(cg):
        vs = vp[c * 16:c * 16 + 16]
        u0 = u[k + 0, c]; u1 = u[k + 1, c]; u2 = u[k + 2, c]; u3 = u[k + 3, c]
        v = vs[0]
        a0_0 += u0 * v; a1_0 += u1 * v; a2_0 += u2 * v; a3_0 += u3 * v
        v = vs[1]
        a0_1 += u0 * v; a1_1 += u1 * v; a2_1 += u2 * v; a3_1 += u3 * v
        v = vs[2]
        a0_2 += u0 * v; a1_2 += u1 * v; a2_2 += u2 * v; a3_2 += u3 * v
        v = vs[3]
        a0_3 += u0 * v; a1_3 += u1 * v; a2_3 += u2 * v; a3_3 += u3 * v
        v = vs[4]
        a0_4 += u0 * v; a1_4 += u1 * v; a2_4 += u2 * v; a3_4 += u3 * v
        v = vs[5]
        a0_5 += u0 * v; a1_5 += u1 * v; a2_5 += u2 * v; a3_5 += u3 * v
        v = vs[6]
        a0_6 += u0 * v; a1_6 += u1 * v; a2_6 += u2 * v; a3_6 += u3 * v
        v = vs[7]
        a0_7 += u0 * v; a1_7 += u1 * v; a2_7 += u2 * v; a3_7 += u3 * v
        v = vs[8]
        a0_8 += u0 * v; a1_8 += u1 * v; a2_8 += u2 * v; a3_8 += u3 * v
        v = vs[9]
        a0_9 += u0 * v; a1_9 += u1 * v; a2_9 += u2 * v; a3_9 += u3 * v
        v = vs[10]
        a0_10 += u0 * v; a1_10 += u1 * v; a2_10 += u2 * v; a3_10 += u3 * v
        v = vs[11]
        a0_11 += u0 * v; a1_11 += u1 * v; a2_11 += u2 * v; a3_11 += u3 * v
        v = vs[12]
        a0_12 += u0 * v; a1_12 += u1 * v; a2_12 += u2 * v; a3_12 += u3 * v
        v = vs[13]
        a0_13 += u0 * v; a1_13 += u1 * v; a2_13 += u2 * v; a3_13 += u3 * v
        v = vs[14]
        a0_14 += u0 * v; a1_14 += u1 * v; a2_14 += u2 * v; a3_14 += u3 * v
        v = vs[15]
        a0_15 += u0 * v; a1_15 += u1 * v; a2_15 += u2 * v; a3_15 += u3 * v
    mo = mp[(mk + 0) * 16:(mk + 0) * 16 + 16]
    mo[0] = a0_0; mo[1] = a0_1; mo[2] = a0_2; mo[3] = a0_3; mo[4] = a0_4; mo[5] = a0_5; mo[6] = a0_6; mo[7] = a0_7; mo[8] = a0_8; mo[9] = a0_9; mo[10] = a0_10; mo[11] = a0_11; mo[12] = a0_12; mo[13] = a0_13; mo[14] = a0_14; mo[15] = a0_15
    mo = mp[(mk + 1) * 16:(mk + 1) * 16 + 16]
    mo[0] = a1_0; mo[1] = a1_1; mo[2] = a1_2; mo[3] = a1_3; mo[4] = a1_4; mo[5] = a1_5; mo[6] = a1_6; mo[7] = a1_7; mo[8] = a1_8; mo[9] = a1_9; mo[10] = a1_10; mo[11] = a1_11; mo[12] = a1_12; mo[13] = a1_13; mo[14] = a1_14; mo[15] = a1_15
    mo = mp[(mk + 2) * 16:(mk + 2) * 16 + 16]
    mo[0] = a2_0; mo[1] = a2_1; mo[2] = a2_2; mo[3] = a2_3; mo[4] = a2_4; mo[5] = a2_5; mo[6] = a2_6; mo[7] = a2_7; mo[8] = a2_8; mo[9] = a2_9; mo[10] = a2_10; mo[11] = a2_11; mo[12] = a2_12; mo[13] = a2_13; mo[14] = a2_14; mo[15] = a2_15
    mo = mp[(mk + 3) * 16:(mk + 3) * 16 + 16]
    mo[0] = a3_0; mo[1] = a3_1; mo[2] = a3_2; mo[3] = a3_3; mo[4] = a3_4; mo[5] = a3_5; mo[6] = a3_6; mo[7] = a3_7; mo[8] = a3_8; mo[9] = a3_9; mo[10] = a3_10; mo[11] = a3_11; mo[12] = a3_12; mo[13] = a3_13; mo[14] = a3_14; mo[15] = a3_15


@numba.njit(**_OPTS)
def dense_micro8_16(u, k, V, M, p, cg, mk):
    """M[p, (mk+r)*16 + t] = sum_c u[k+r, c] V[p, c*16 + t], r < 8, t < 16."""
    vp = V[p]
    mp = M[p]
    a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0
    a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
    a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0
    a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0
    a4_0 = _c0_0; a4_1 = _c0_0; a4_2 = _c0_0; a4_3 = _c0_0; a4_4 = _c0_0; a4_5 = _c0_0; a4_6 = _c0_0; a4_7 = _c0_0; a4_8 = _c0_0; a4_9 = _c0_0; a4_10 = _c0_0; a4_11 = _c0_0; a4_12 = _c0_0; a4_13 = _c0_0; a4_14 = _c0_0; a4_15 = _c0_0
    a5_0 = _c0_0; a5_1 = _c0_0; a5_2 = _c0_0; a5_3 = _c0_0; a5_4 = _c0_0; a5_5 = _c0_0; a5_6 = _c0_0; a5_7 = _c0_0; a5_8 = _c0_0; a5_9 = _c0_0; a5_10 = _c0_0; a5_11 = _c0_0; a5_12 = _c0_0; a5_13 = _c0_0; a5_14 = _c0_0; a5_15 = _c0_0
    a6_0 = _c0_0; a6_1 = _c0_0; a6_2 = _c0_0; a6_3 = _c0_0; a6_4 = _c0_0; a6_5 = _c0_0; a6_6 = _c0_0; a6_7 = _c0_0; a6_8 = _c0_0; a6_9 = _c0_0; a6_10 = _c0_0; a6_11 = _c0_0; a6_12 = _c0_0; a6_13 = _c0_0; a6_14 = _c0_0; a6_15 = _c0_0
    a7_0 = _c0_0; a7_1 = _c0_0; a7_2 = _c0_0; a7_3 = _c0_0; a7_4 = _c0_0; a7_5 = _c0_0; a7_6 = _c0_0; a7_7 = _c0_0; a7_8 = _c0_0; a7_9 = _c0_0; a7_10 = _c0_0; a7_11 = _c0_0; a7_12 = _c0_0; a7_13 = _c0_0; a7_14 = _c0_0; a7_15 = _c0_0
    for c in range(cg):
        vs = vp[c * 16:c * 16 + 16]
        u0 = u[k + 0, c]; u1 = u[k + 1, c]; u2 = u[k + 2, c]; u3 = u[k + 3, c]; u4 = u[k + 4, c]; u5 = u[k + 5, c]; u6 = u[k + 6, c]; u7 = u[k + 7, c]
        v = vs[0]
        a0_0 += u0 * v; a1_0 += u1 * v; a2_0 += u2 * v; a3_0 += u3 * v; a4_0 += u4 * v; a5_0 += u5 * v; a6_0 += u6 * v; a7_0 += u7 * v
        v = vs[1]
        a0_1 += u0 * v; a1_1 += u1 * v; a2_1 += u2 * v; a3_1 += u3 * v; a4_1 += u4 * v; a5_1 += u5 * v; a6_1 += u6 * v; a7_1 += u7 * v
        v = vs[2]
        a0_2 += u0 * v; a1_2 += u1 * v; a2_2 += u2 * v; a3_2 += u3 * v; a4_2 += u4 * v; a5_2 += u5 * v; a6_2 += u6 * v; a7_2 += u7 * v
        v = vs[3]
        a0_3 += u0 * v; a1_3 += u1 * v; a2_3 += u2 * v; a3_3 += u3 * v; a4_3 += u4 * v; a5_3 += u5 * v; a6_3 += u6 * v; a7_3 += u7 * v
        v = vs[4]
        a0_4 += u0 * v; a1_4 += u1 * v; a2_4 += u2 * v; a3_4 += u3 * v; a4_4 += u4 * v; a5_4 += u5 * v; a6_4 += u6 * v; a7_4 += u7 * v
        v = vs[5]
        a0_5 += u0 * v; a1_5 += u1 * v; a2_5 += u2 * v; a3_5 += u3 * v; a4_5 += u4 * v; a5_5 += u5 * v; a6_5 += u6 * v; a7_5 += u7 * v
        v = vs[6]
        a0_6 += u0 * v; a1_6 += u1 * v; a2_6 += u2 * v; a3_6 += u3 * v; a4_6 += u4 * v; a5_6 += u5 * v; a6_6 += u6 * v; a7_6 += u7 * v
        v = vs[7]
        a0_7 += u0 * v; a1_7 += u1 * v; a2_7 += u2 * v; a3_7 += u3 * v; a4_7 += u4 * v; a5_7 += u5 * v; a6_7 += u6 * v; a7_7 += u7 * v
        v = vs[8]
        a0_8 += u0 * v; a1_8 += u1 * v; a2_8 += u2 * v; a3_8 += u3 * v; a4_8 += u4 * v; a5_8 += u5 * v; a6_8 += u6 * v; a7_8 += u7 * v
        v = vs[9]
        a0_9 += u0 * v; a1_9 += u1 * v; a2_9 += u2 * v; a3_9 += u3 * v; a4_9 += u4 * v; a5_9 += u5 * v; a6_9 += u6 * v; a7_9 += u7 * v
        v = vs[10]
        a0_10 += u0 * v; a1_10 += u1 * v; a2_10 += u2 * v; a3_10 += u3 * v; a4_10 += u4 * v; a5_10 += u5 * v; a6_10 += u6 * v; a7_10 += u7 * v
        v = vs[11]
        a0_11 += u0 * v; a1_11 += u1 * v; a2_11 += u2 * v; a3_11 += u3 * v; a4_11 += u4 * v; a5_11 += u5 * v; a6_11 += u6 * v; a7_11 += u7 * v
        v = vs[12]
        a0_12 += u0 * v; a1_12 += u1 * v; a2_12 += u2 * v; a3_12 += u3 * v; a4_12 += u4 * v; a5_12 += u5 * v; a6_12 += u6 * v; a7_12 += u7 * v
        v = vs[13]
        a0_13 += u0 * v; a1_13 += u1 * v; a2_13 += u2 * v; a3_13 += u3 * v; a4_13 += u4 * v; a5_13 += u5 * v; a6_13 += u6 * v; a7_13 += u7 * v
        v = vs[14]
        a0_14 += u0 * v; a1_14 += u1 * v; a2_14 += u2 * v; a3_14 += u3 * v; a4_14 += u4 * v; a5_14 += u5 * v; a6_14 += u6 * v; a7_14 += u7 * v
        v = vs[15]
        a0_15 += u0 * v; a1_15 += u1 * v; a2_15 += u2 * v; a3_15 += u3 * v; a4_15 += u4 * v; a5_15 += u5 * v; a6_15 += u6 * v; a7_15 += u7 * v
    mo = mp[(mk + 0) * 16:(mk + 0) * 16 + 16]
    mo[0] = a0_0; mo[1] = a0_1; mo[2] = a0_2; mo[3] = a0_3; mo[4] = a0_4; mo[5] = a0_5; mo[6] = a0_6; mo[7] = a0_7; mo[8] = a0_8; mo[9] = a0_9; mo[10] = a0_10; mo[11] = a0_11; mo[12] = a0_12; mo[13] = a0_13; mo[14] = a0_14; mo[15] = a0_15
    mo = mp[(mk + 1) * 16:(mk + 1) * 16 + 16]
    mo[0] = a1_0; mo[1] = a1_1; mo[2] = a1_2; mo[3] = a1_3; mo[4] = a1_4; mo[5] = a1_5; mo[6] = a1_6; mo[7] = a1_7; mo[8] = a1_8; mo[9] = a1_9; mo[10] = a1_10; mo[11] = a1_11; mo[12] = a1_12; mo[13] = a1_13; mo[14] = a1_14; mo[15] = a1_15
    mo = mp[(mk + 2) * 16:(mk + 2) * 16 + 16]
    mo[0] = a2_0; mo[1] = a2_1; mo[2] = a2_2; mo[3] = a2_3; mo[4] = a2_4; mo[5] = a2_5; mo[6] = a2_6; mo[7] = a2_7; mo[8] = a2_8; mo[9] = a2_9; mo[10] = a2_10; mo[11] = a2_11; mo[12] = a2_12; mo[13] = a2_13; mo[14] = a2_14; mo[15] = a2_15
    mo = mp[(mk + 3) * 16:(mk + 3) * 16 + 16]
    mo[0] = a3_0; mo[1] = a3_1; mo[2] = a3_2; mo[3] = a3_3; mo[4] = a3_4; mo[5] = a3_5; mo[6] = a3_6; mo[7] = a3_7; mo[8] = a3_8; mo[9] = a3_9; mo[10] = a3_10; mo[11] = a3_11; mo[12] = a3_12; mo[13] = a3_13; mo[14] = a3_14; mo[15] = a3_15
    mo = mp[(mk + 4) * 16:(mk + 4) * 16 + 16]
    mo[0] = a4_0; mo[1] = a4_1; mo[2] = a4_2; mo[3] = a4_3; mo[4] = a4_4; mo[5] = a4_5; mo[6] = a4_6; mo[7] = a4_7; mo[8] = a4_8; mo[9] = a4_9; mo[10] = a4_10; mo[11] = a4_11; mo[12] = a4_12; mo[13] = a4_13; mo[14] = a4_14; mo[15] = a4_15
    mo = mp[(mk + 5) * 16:(mk + 5) * 16 + 16]
    mo[0] = a5_0; mo[1] = a5_1; mo[2] = a5_2; mo[3] = a5_3; mo[4] = a5_4; mo[5] = a5_5; mo[6] = a5_6; mo[7] = a5_7; mo[8] = a5_8; mo[9] = a5_9; mo[10] = a5_10; mo[11] = a5_11; mo[12] = a5_12; mo[13] = a5_13; mo[14] = a5_14; mo[15] = a5_15
    mo = mp[(mk + 6) * 16:(mk + 6) * 16 + 16]
    mo[0] = a6_0; mo[1] = a6_1; mo[2] = a6_2; mo[3] = a6_3; mo[4] = a6_4; mo[5] = a6_5; mo[6] = a6_6; mo[7] = a6_7; mo[8] = a6_8; mo[9] = a6_9; mo[10] = a6_10; mo[11] = a6_11; mo[12] = a6_12; mo[13] = a6_13; mo[14] = a6_14; mo[15] = a6_15
    mo = mp[(mk + 7) * 16:(mk + 7) * 16 + 16]
    mo[0] = a7_0; mo[1] = a7_1; mo[2] = a7_2; mo[3] = a7_3; mo[4] = a7_4; mo[5] = a7_5; mo[6] = a7_6; mo[7] = a7_7; mo[8] = a7_8; mo[9] = a7_9; mo[10] = a7_10; mo[11] = a7_11; mo[12] = a7_12; mo[13] = a7_13; mo[14] = a7_14; mo[15] = a7_15


@numba.njit(**_OPTS)
def sparse_rows_16u2(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*16 + t] = sum_e values[e] V[p, indices[e]*16 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (2 nonzeros per step into 2 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u16
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
        while e + _u2 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u16
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u16
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]
            e += _u2
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u16
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0
        mp[mb + _u1] = a0_1 + a1_1
        mp[mb + _u2] = a0_2 + a1_2
        mp[mb + _u3] = a0_3 + a1_3
        mp[mb + _u4] = a0_4 + a1_4
        mp[mb + _u5] = a0_5 + a1_5
        mp[mb + _u6] = a0_6 + a1_6
        mp[mb + _u7] = a0_7 + a1_7
        mp[mb + _u8] = a0_8 + a1_8
        mp[mb + _u9] = a0_9 + a1_9
        mp[mb + _u10] = a0_10 + a1_10
        mp[mb + _u11] = a0_11 + a1_11
        mp[mb + _u12] = a0_12 + a1_12
        mp[mb + _u13] = a0_13 + a1_13
        mp[mb + _u14] = a0_14 + a1_14
        mp[mb + _u15] = a0_15 + a1_15


@numba.njit(**_OPTS)
def sparse_rows_acc_16u2(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*16 + t] += sum_e values[e] V[p, indices[e]*16 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (2 nonzeros per step into 2 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u16
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
        while e + _u2 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u16
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u16
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]
            e += _u2
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u16
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0
        mp[mb + _u1] = a0_1 + a1_1
        mp[mb + _u2] = a0_2 + a1_2
        mp[mb + _u3] = a0_3 + a1_3
        mp[mb + _u4] = a0_4 + a1_4
        mp[mb + _u5] = a0_5 + a1_5
        mp[mb + _u6] = a0_6 + a1_6
        mp[mb + _u7] = a0_7 + a1_7
        mp[mb + _u8] = a0_8 + a1_8
        mp[mb + _u9] = a0_9 + a1_9
        mp[mb + _u10] = a0_10 + a1_10
        mp[mb + _u11] = a0_11 + a1_11
        mp[mb + _u12] = a0_12 + a1_12
        mp[mb + _u13] = a0_13 + a1_13
        mp[mb + _u14] = a0_14 + a1_14
        mp[mb + _u15] = a0_15 + a1_15


@numba.njit(**_OPTS)
def sparse_rows_16u4(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*16 + t] = sum_e values[e] V[p, indices[e]*16 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (4 nonzeros per step into 4 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u16
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
        a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0
        a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0
        while e + _u4 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u16
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u16
            val2 = values[e + _u2]
            b2 = np.uint64(indices[e + _u2]) * _u16
            val3 = values[e + _u3]
            b3 = np.uint64(indices[e + _u3]) * _u16
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]; a2_0 += val2 * vp[b2 + _u0]; a3_0 += val3 * vp[b3 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]; a2_1 += val2 * vp[b2 + _u1]; a3_1 += val3 * vp[b3 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]; a2_2 += val2 * vp[b2 + _u2]; a3_2 += val3 * vp[b3 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]; a2_3 += val2 * vp[b2 + _u3]; a3_3 += val3 * vp[b3 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]; a2_4 += val2 * vp[b2 + _u4]; a3_4 += val3 * vp[b3 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]; a2_5 += val2 * vp[b2 + _u5]; a3_5 += val3 * vp[b3 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]; a2_6 += val2 * vp[b2 + _u6]; a3_6 += val3 * vp[b3 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]; a2_7 += val2 * vp[b2 + _u7]; a3_7 += val3 * vp[b3 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]; a2_8 += val2 * vp[b2 + _u8]; a3_8 += val3 * vp[b3 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]; a2_9 += val2 * vp[b2 + _u9]; a3_9 += val3 * vp[b3 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]; a2_10 += val2 * vp[b2 + _u10]; a3_10 += val3 * vp[b3 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]; a2_11 += val2 * vp[b2 + _u11]; a3_11 += val3 * vp[b3 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]; a2_12 += val2 * vp[b2 + _u12]; a3_12 += val3 * vp[b3 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]; a2_13 += val2 * vp[b2 + _u13]; a3_13 += val3 * vp[b3 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]; a2_14 += val2 * vp[b2 + _u14]; a3_14 += val3 * vp[b3 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]; a2_15 += val2 * vp[b2 + _u15]; a3_15 += val3 * vp[b3 + _u15]
            e += _u4
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u16
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0 + a2_0 + a3_0
        mp[mb + _u1] = a0_1 + a1_1 + a2_1 + a3_1
        mp[mb + _u2] = a0_2 + a1_2 + a2_2 + a3_2
        mp[mb + _u3] = a0_3 + a1_3 + a2_3 + a3_3
        mp[mb + _u4] = a0_4 + a1_4 + a2_4 + a3_4
        mp[mb + _u5] = a0_5 + a1_5 + a2_5 + a3_5
        mp[mb + _u6] = a0_6 + a1_6 + a2_6 + a3_6
        mp[mb + _u7] = a0_7 + a1_7 + a2_7 + a3_7
        mp[mb + _u8] = a0_8 + a1_8 + a2_8 + a3_8
        mp[mb + _u9] = a0_9 + a1_9 + a2_9 + a3_9
        mp[mb + _u10] = a0_10 + a1_10 + a2_10 + a3_10
        mp[mb + _u11] = a0_11 + a1_11 + a2_11 + a3_11
        mp[mb + _u12] = a0_12 + a1_12 + a2_12 + a3_12
        mp[mb + _u13] = a0_13 + a1_13 + a2_13 + a3_13
        mp[mb + _u14] = a0_14 + a1_14 + a2_14 + a3_14
        mp[mb + _u15] = a0_15 + a1_15 + a2_15 + a3_15


@numba.njit(**_OPTS)
def sparse_rows_acc_16u4(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*16 + t] += sum_e values[e] V[p, indices[e]*16 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (4 nonzeros per step into 4 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u16
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
        a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0
        a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0
        while e + _u4 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u16
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u16
            val2 = values[e + _u2]
            b2 = np.uint64(indices[e + _u2]) * _u16
            val3 = values[e + _u3]
            b3 = np.uint64(indices[e + _u3]) * _u16
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]; a2_0 += val2 * vp[b2 + _u0]; a3_0 += val3 * vp[b3 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]; a2_1 += val2 * vp[b2 + _u1]; a3_1 += val3 * vp[b3 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]; a2_2 += val2 * vp[b2 + _u2]; a3_2 += val3 * vp[b3 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]; a2_3 += val2 * vp[b2 + _u3]; a3_3 += val3 * vp[b3 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]; a2_4 += val2 * vp[b2 + _u4]; a3_4 += val3 * vp[b3 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]; a2_5 += val2 * vp[b2 + _u5]; a3_5 += val3 * vp[b3 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]; a2_6 += val2 * vp[b2 + _u6]; a3_6 += val3 * vp[b3 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]; a2_7 += val2 * vp[b2 + _u7]; a3_7 += val3 * vp[b3 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]; a2_8 += val2 * vp[b2 + _u8]; a3_8 += val3 * vp[b3 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]; a2_9 += val2 * vp[b2 + _u9]; a3_9 += val3 * vp[b3 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]; a2_10 += val2 * vp[b2 + _u10]; a3_10 += val3 * vp[b3 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]; a2_11 += val2 * vp[b2 + _u11]; a3_11 += val3 * vp[b3 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]; a2_12 += val2 * vp[b2 + _u12]; a3_12 += val3 * vp[b3 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]; a2_13 += val2 * vp[b2 + _u13]; a3_13 += val3 * vp[b3 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]; a2_14 += val2 * vp[b2 + _u14]; a3_14 += val3 * vp[b3 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]; a2_15 += val2 * vp[b2 + _u15]; a3_15 += val3 * vp[b3 + _u15]
            e += _u4
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u16
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0 + a2_0 + a3_0
        mp[mb + _u1] = a0_1 + a1_1 + a2_1 + a3_1
        mp[mb + _u2] = a0_2 + a1_2 + a2_2 + a3_2
        mp[mb + _u3] = a0_3 + a1_3 + a2_3 + a3_3
        mp[mb + _u4] = a0_4 + a1_4 + a2_4 + a3_4
        mp[mb + _u5] = a0_5 + a1_5 + a2_5 + a3_5
        mp[mb + _u6] = a0_6 + a1_6 + a2_6 + a3_6
        mp[mb + _u7] = a0_7 + a1_7 + a2_7 + a3_7
        mp[mb + _u8] = a0_8 + a1_8 + a2_8 + a3_8
        mp[mb + _u9] = a0_9 + a1_9 + a2_9 + a3_9
        mp[mb + _u10] = a0_10 + a1_10 + a2_10 + a3_10
        mp[mb + _u11] = a0_11 + a1_11 + a2_11 + a3_11
        mp[mb + _u12] = a0_12 + a1_12 + a2_12 + a3_12
        mp[mb + _u13] = a0_13 + a1_13 + a2_13 + a3_13
        mp[mb + _u14] = a0_14 + a1_14 + a2_14 + a3_14
        mp[mb + _u15] = a0_15 + a1_15 + a2_15 + a3_15


@numba.njit(**_OPTS)
def dense_micro_32(u, k, V, M, p, cg, mk):
    """M[p, (mk+r)*32 + t] = sum_c u[k+r, c] V[p, c*32 + t], r < 4, t < 32."""
    vp = V[p]
    mp = M[p]
    a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0
    a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0
    a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0; a2_16 = _c0_0; a2_17 = _c0_0; a2_18 = _c0_0; a2_19 = _c0_0; a2_20 = _c0_0; a2_21 = _c0_0; a2_22 = _c0_0; a2_23 = _c0_0; a2_24 = _c0_0; a2_25 = _c0_0; a2_26 = _c0_0; a2_27 = _c0_0; a2_28 = _c0_0; a2_29 = _c0_0; a2_30 = _c0_0; a2_31 = _c0_0
    a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0; a3_16 = _c0_0; a3_17 = _c0_0; a3_18 = _c0_0; a3_19 = _c0_0; a3_20 = _c0_0; a3_21 = _c0_0; a3_22 = _c0_0; a3_23 = _c0_0; a3_24 = _c0_0; a3_25 = _c0_0; a3_26 = _c0_0; a3_27 = _c0_0; a3_28 = _c0_0; a3_29 = _c0_0; a3_30 = _c0_0; a3_31 = _c0_0
    for c in range(cg):
        vs = vp[c * 32:c * 32 + 32]
        u0 = u[k + 0, c]; u1 = u[k + 1, c]; u2 = u[k + 2, c]; u3 = u[k + 3, c]
        v = vs[0]
        a0_0 += u0 * v; a1_0 += u1 * v; a2_0 += u2 * v; a3_0 += u3 * v
        v = vs[1]
        a0_1 += u0 * v; a1_1 += u1 * v; a2_1 += u2 * v; a3_1 += u3 * v
        v = vs[2]
        a0_2 += u0 * v; a1_2 += u1 * v; a2_2 += u2 * v; a3_2 += u3 * v
        v = vs[3]
        a0_3 += u0 * v; a1_3 += u1 * v; a2_3 += u2 * v; a3_3 += u3 * v
        v = vs[4]
        a0_4 += u0 * v; a1_4 += u1 * v; a2_4 += u2 * v; a3_4 += u3 * v
        v = vs[5]
        a0_5 += u0 * v; a1_5 += u1 * v; a2_5 += u2 * v; a3_5 += u3 * v
        v = vs[6]
        a0_6 += u0 * v; a1_6 += u1 * v; a2_6 += u2 * v; a3_6 += u3 * v
        v = vs[7]
        a0_7 += u0 * v; a1_7 += u1 * v; a2_7 += u2 * v; a3_7 += u3 * v
        v = vs[8]
        a0_8 += u0 * v; a1_8 += u1 * v; a2_8 += u2 * v; a3_8 += u3 * v
        v = vs[9]
        a0_9 += u0 * v; a1_9 += u1 * v; a2_9 += u2 * v; a3_9 += u3 * v
        v = vs[10]
        a0_10 += u0 * v; a1_10 += u1 * v; a2_10 += u2 * v; a3_10 += u3 * v
        v = vs[11]
        a0_11 += u0 * v; a1_11 += u1 * v; a2_11 += u2 * v; a3_11 += u3 * v
        v = vs[12]
        a0_12 += u0 * v; a1_12 += u1 * v; a2_12 += u2 * v; a3_12 += u3 * v
        v = vs[13]
        a0_13 += u0 * v; a1_13 += u1 * v; a2_13 += u2 * v; a3_13 += u3 * v
        v = vs[14]
        a0_14 += u0 * v; a1_14 += u1 * v; a2_14 += u2 * v; a3_14 += u3 * v
        v = vs[15]
        a0_15 += u0 * v; a1_15 += u1 * v; a2_15 += u2 * v; a3_15 += u3 * v
        v = vs[16]
        a0_16 += u0 * v; a1_16 += u1 * v; a2_16 += u2 * v; a3_16 += u3 * v
        v = vs[17]
        a0_17 += u0 * v; a1_17 += u1 * v; a2_17 += u2 * v; a3_17 += u3 * v
        v = vs[18]
        a0_18 += u0 * v; a1_18 += u1 * v; a2_18 += u2 * v; a3_18 += u3 * v
        v = vs[19]
        a0_19 += u0 * v; a1_19 += u1 * v; a2_19 += u2 * v; a3_19 += u3 * v
        v = vs[20]
        a0_20 += u0 * v; a1_20 += u1 * v; a2_20 += u2 * v; a3_20 += u3 * v
        v = vs[21]
        a0_21 += u0 * v; a1_21 += u1 * v; a2_21 += u2 * v; a3_21 += u3 * v
        v = vs[22]
        a0_22 += u0 * v; a1_22 += u1 * v; a2_22 += u2 * v; a3_22 += u3 * v
        v = vs[23]
        a0_23 += u0 * v; a1_23 += u1 * v; a2_23 += u2 * v; a3_23 += u3 * v
        v = vs[24]
        a0_24 += u0 * v; a1_24 += u1 * v; a2_24 += u2 * v; a3_24 += u3 * v
        v = vs[25]
        a0_25 += u0 * v; a1_25 += u1 * v; a2_25 += u2 * v; a3_25 += u3 * v
        v = vs[26]
        a0_26 += u0 * v; a1_26 += u1 * v; a2_26 += u2 * v; a3_26 += u3 * v
        v = vs[27]
        a0_27 += u0 * v; a1_27 += u1 * v; a2_27 += u2 * v; a3_27 += u3 * v
        v = vs[28]
        a0_28 += u0 * v; a1_28 += u1 * v; a2_28 += u2 * v; a3_28 += u3 * v
        v = vs[29]
        a0_29 += u0 * v; a1_29 += u1 * v; a2_29 += u2 * v; a3_29 += u3 * v
        v = vs[30]
        a0_30 += u0 * v; a1_30 += u1 * v; a2_30 += u2 * v; a3_30 += u3 * v
        v = vs[31]
        a0_31 += u0 * v; a1_31 += u1 * v; a2_31 += u2 * v; a3_31 += u3 * v
    mo = mp[(mk + 0) * 32:(mk + 0) * 32 + 32]
    mo[0] = a0_0; mo[1] = a0_1; mo[2] = a0_2; mo[3] = a0_3; mo[4] = a0_4; mo[5] = a0_5; mo[6] = a0_6; mo[7] = a0_7; mo[8] = a0_8; mo[9] = a0_9; mo[10] = a0_10; mo[11] = a0_11; mo[12] = a0_12; mo[13] = a0_13; mo[14] = a0_14; mo[15] = a0_15; mo[16] = a0_16; mo[17] = a0_17; mo[18] = a0_18; mo[19] = a0_19; mo[20] = a0_20; mo[21] = a0_21; mo[22] = a0_22; mo[23] = a0_23; mo[24] = a0_24; mo[25] = a0_25; mo[26] = a0_26; mo[27] = a0_27; mo[28] = a0_28; mo[29] = a0_29; mo[30] = a0_30; mo[31] = a0_31
    mo = mp[(mk + 1) * 32:(mk + 1) * 32 + 32]
    mo[0] = a1_0; mo[1] = a1_1; mo[2] = a1_2; mo[3] = a1_3; mo[4] = a1_4; mo[5] = a1_5; mo[6] = a1_6; mo[7] = a1_7; mo[8] = a1_8; mo[9] = a1_9; mo[10] = a1_10; mo[11] = a1_11; mo[12] = a1_12; mo[13] = a1_13; mo[14] = a1_14; mo[15] = a1_15; mo[16] = a1_16; mo[17] = a1_17; mo[18] = a1_18; mo[19] = a1_19; mo[20] = a1_20; mo[21] = a1_21; mo[22] = a1_22; mo[23] = a1_23; mo[24] = a1_24; mo[25] = a1_25; mo[26] = a1_26; mo[27] = a1_27; mo[28] = a1_28; mo[29] = a1_29; mo[30] = a1_30; mo[31] = a1_31
    mo = mp[(mk + 2) * 32:(mk + 2) * 32 + 32]
    mo[0] = a2_0; mo[1] = a2_1; mo[2] = a2_2; mo[3] = a2_3; mo[4] = a2_4; mo[5] = a2_5; mo[6] = a2_6; mo[7] = a2_7; mo[8] = a2_8; mo[9] = a2_9; mo[10] = a2_10; mo[11] = a2_11; mo[12] = a2_12; mo[13] = a2_13; mo[14] = a2_14; mo[15] = a2_15; mo[16] = a2_16; mo[17] = a2_17; mo[18] = a2_18; mo[19] = a2_19; mo[20] = a2_20; mo[21] = a2_21; mo[22] = a2_22; mo[23] = a2_23; mo[24] = a2_24; mo[25] = a2_25; mo[26] = a2_26; mo[27] = a2_27; mo[28] = a2_28; mo[29] = a2_29; mo[30] = a2_30; mo[31] = a2_31
    mo = mp[(mk + 3) * 32:(mk + 3) * 32 + 32]
    mo[0] = a3_0; mo[1] = a3_1; mo[2] = a3_2; mo[3] = a3_3; mo[4] = a3_4; mo[5] = a3_5; mo[6] = a3_6; mo[7] = a3_7; mo[8] = a3_8; mo[9] = a3_9; mo[10] = a3_10; mo[11] = a3_11; mo[12] = a3_12; mo[13] = a3_13; mo[14] = a3_14; mo[15] = a3_15; mo[16] = a3_16; mo[17] = a3_17; mo[18] = a3_18; mo[19] = a3_19; mo[20] = a3_20; mo[21] = a3_21; mo[22] = a3_22; mo[23] = a3_23; mo[24] = a3_24; mo[25] = a3_25; mo[26] = a3_26; mo[27] = a3_27; mo[28] = a3_28; mo[29] = a3_29; mo[30] = a3_30; mo[31] = a3_31


@numba.njit(**_OPTS)
def sparse_rows_32u1(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*32 + t] = sum_e values[e] V[p, indices[e]*32 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (1 nonzeros per step into 1 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u32
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0
        while e + _u1 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u32
            a0_0 += val0 * vp[b0 + _u0]
            a0_1 += val0 * vp[b0 + _u1]
            a0_2 += val0 * vp[b0 + _u2]
            a0_3 += val0 * vp[b0 + _u3]
            a0_4 += val0 * vp[b0 + _u4]
            a0_5 += val0 * vp[b0 + _u5]
            a0_6 += val0 * vp[b0 + _u6]
            a0_7 += val0 * vp[b0 + _u7]
            a0_8 += val0 * vp[b0 + _u8]
            a0_9 += val0 * vp[b0 + _u9]
            a0_10 += val0 * vp[b0 + _u10]
            a0_11 += val0 * vp[b0 + _u11]
            a0_12 += val0 * vp[b0 + _u12]
            a0_13 += val0 * vp[b0 + _u13]
            a0_14 += val0 * vp[b0 + _u14]
            a0_15 += val0 * vp[b0 + _u15]
            a0_16 += val0 * vp[b0 + _u16]
            a0_17 += val0 * vp[b0 + _u17]
            a0_18 += val0 * vp[b0 + _u18]
            a0_19 += val0 * vp[b0 + _u19]
            a0_20 += val0 * vp[b0 + _u20]
            a0_21 += val0 * vp[b0 + _u21]
            a0_22 += val0 * vp[b0 + _u22]
            a0_23 += val0 * vp[b0 + _u23]
            a0_24 += val0 * vp[b0 + _u24]
            a0_25 += val0 * vp[b0 + _u25]
            a0_26 += val0 * vp[b0 + _u26]
            a0_27 += val0 * vp[b0 + _u27]
            a0_28 += val0 * vp[b0 + _u28]
            a0_29 += val0 * vp[b0 + _u29]
            a0_30 += val0 * vp[b0 + _u30]
            a0_31 += val0 * vp[b0 + _u31]
            e += _u1
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u32
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            e += _u1
        mp[mb + _u0] = a0_0
        mp[mb + _u1] = a0_1
        mp[mb + _u2] = a0_2
        mp[mb + _u3] = a0_3
        mp[mb + _u4] = a0_4
        mp[mb + _u5] = a0_5
        mp[mb + _u6] = a0_6
        mp[mb + _u7] = a0_7
        mp[mb + _u8] = a0_8
        mp[mb + _u9] = a0_9
        mp[mb + _u10] = a0_10
        mp[mb + _u11] = a0_11
        mp[mb + _u12] = a0_12
        mp[mb + _u13] = a0_13
        mp[mb + _u14] = a0_14
        mp[mb + _u15] = a0_15
        mp[mb + _u16] = a0_16
        mp[mb + _u17] = a0_17
        mp[mb + _u18] = a0_18
        mp[mb + _u19] = a0_19
        mp[mb + _u20] = a0_20
        mp[mb + _u21] = a0_21
        mp[mb + _u22] = a0_22
        mp[mb + _u23] = a0_23
        mp[mb + _u24] = a0_24
        mp[mb + _u25] = a0_25
        mp[mb + _u26] = a0_26
        mp[mb + _u27] = a0_27
        mp[mb + _u28] = a0_28
        mp[mb + _u29] = a0_29
        mp[mb + _u30] = a0_30
        mp[mb + _u31] = a0_31


@numba.njit(**_OPTS)
def sparse_rows_acc_32u1(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*32 + t] += sum_e values[e] V[p, indices[e]*32 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (1 nonzeros per step into 1 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u32
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]; a0_16 = mp[mb + _u16]; a0_17 = mp[mb + _u17]; a0_18 = mp[mb + _u18]; a0_19 = mp[mb + _u19]; a0_20 = mp[mb + _u20]; a0_21 = mp[mb + _u21]; a0_22 = mp[mb + _u22]; a0_23 = mp[mb + _u23]; a0_24 = mp[mb + _u24]; a0_25 = mp[mb + _u25]; a0_26 = mp[mb + _u26]; a0_27 = mp[mb + _u27]; a0_28 = mp[mb + _u28]; a0_29 = mp[mb + _u29]; a0_30 = mp[mb + _u30]; a0_31 = mp[mb + _u31]
        while e + _u1 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u32
            a0_0 += val0 * vp[b0 + _u0]
            a0_1 += val0 * vp[b0 + _u1]
            a0_2 += val0 * vp[b0 + _u2]
            a0_3 += val0 * vp[b0 + _u3]
            a0_4 += val0 * vp[b0 + _u4]
            a0_5 += val0 * vp[b0 + _u5]
            a0_6 += val0 * vp[b0 + _u6]
            a0_7 += val0 * vp[b0 + _u7]
            a0_8 += val0 * vp[b0 + _u8]
            a0_9 += val0 * vp[b0 + _u9]
            a0_10 += val0 * vp[b0 + _u10]
            a0_11 += val0 * vp[b0 + _u11]
            a0_12 += val0 * vp[b0 + _u12]
            a0_13 += val0 * vp[b0 + _u13]
            a0_14 += val0 * vp[b0 + _u14]
            a0_15 += val0 * vp[b0 + _u15]
            a0_16 += val0 * vp[b0 + _u16]
            a0_17 += val0 * vp[b0 + _u17]
            a0_18 += val0 * vp[b0 + _u18]
            a0_19 += val0 * vp[b0 + _u19]
            a0_20 += val0 * vp[b0 + _u20]
            a0_21 += val0 * vp[b0 + _u21]
            a0_22 += val0 * vp[b0 + _u22]
            a0_23 += val0 * vp[b0 + _u23]
            a0_24 += val0 * vp[b0 + _u24]
            a0_25 += val0 * vp[b0 + _u25]
            a0_26 += val0 * vp[b0 + _u26]
            a0_27 += val0 * vp[b0 + _u27]
            a0_28 += val0 * vp[b0 + _u28]
            a0_29 += val0 * vp[b0 + _u29]
            a0_30 += val0 * vp[b0 + _u30]
            a0_31 += val0 * vp[b0 + _u31]
            e += _u1
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u32
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            e += _u1
        mp[mb + _u0] = a0_0
        mp[mb + _u1] = a0_1
        mp[mb + _u2] = a0_2
        mp[mb + _u3] = a0_3
        mp[mb + _u4] = a0_4
        mp[mb + _u5] = a0_5
        mp[mb + _u6] = a0_6
        mp[mb + _u7] = a0_7
        mp[mb + _u8] = a0_8
        mp[mb + _u9] = a0_9
        mp[mb + _u10] = a0_10
        mp[mb + _u11] = a0_11
        mp[mb + _u12] = a0_12
        mp[mb + _u13] = a0_13
        mp[mb + _u14] = a0_14
        mp[mb + _u15] = a0_15
        mp[mb + _u16] = a0_16
        mp[mb + _u17] = a0_17
        mp[mb + _u18] = a0_18
        mp[mb + _u19] = a0_19
        mp[mb + _u20] = a0_20
        mp[mb + _u21] = a0_21
        mp[mb + _u22] = a0_22
        mp[mb + _u23] = a0_23
        mp[mb + _u24] = a0_24
        mp[mb + _u25] = a0_25
        mp[mb + _u26] = a0_26
        mp[mb + _u27] = a0_27
        mp[mb + _u28] = a0_28
        mp[mb + _u29] = a0_29
        mp[mb + _u30] = a0_30
        mp[mb + _u31] = a0_31


@numba.njit(**_OPTS)
def sparse_rows_32u2(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*32 + t] = sum_e values[e] V[p, indices[e]*32 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (2 nonzeros per step into 2 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u32
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0
        while e + _u2 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u32
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u32
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]
            a0_16 += val0 * vp[b0 + _u16]; a1_16 += val1 * vp[b1 + _u16]
            a0_17 += val0 * vp[b0 + _u17]; a1_17 += val1 * vp[b1 + _u17]
            a0_18 += val0 * vp[b0 + _u18]; a1_18 += val1 * vp[b1 + _u18]
            a0_19 += val0 * vp[b0 + _u19]; a1_19 += val1 * vp[b1 + _u19]
            a0_20 += val0 * vp[b0 + _u20]; a1_20 += val1 * vp[b1 + _u20]
            a0_21 += val0 * vp[b0 + _u21]; a1_21 += val1 * vp[b1 + _u21]
            a0_22 += val0 * vp[b0 + _u22]; a1_22 += val1 * vp[b1 + _u22]
            a0_23 += val0 * vp[b0 + _u23]; a1_23 += val1 * vp[b1 + _u23]
            a0_24 += val0 * vp[b0 + _u24]; a1_24 += val1 * vp[b1 + _u24]
            a0_25 += val0 * vp[b0 + _u25]; a1_25 += val1 * vp[b1 + _u25]
            a0_26 += val0 * vp[b0 + _u26]; a1_26 += val1 * vp[b1 + _u26]
            a0_27 += val0 * vp[b0 + _u27]; a1_27 += val1 * vp[b1 + _u27]
            a0_28 += val0 * vp[b0 + _u28]; a1_28 += val1 * vp[b1 + _u28]
            a0_29 += val0 * vp[b0 + _u29]; a1_29 += val1 * vp[b1 + _u29]
            a0_30 += val0 * vp[b0 + _u30]; a1_30 += val1 * vp[b1 + _u30]
            a0_31 += val0 * vp[b0 + _u31]; a1_31 += val1 * vp[b1 + _u31]
            e += _u2
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u32
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0
        mp[mb + _u1] = a0_1 + a1_1
        mp[mb + _u2] = a0_2 + a1_2
        mp[mb + _u3] = a0_3 + a1_3
        mp[mb + _u4] = a0_4 + a1_4
        mp[mb + _u5] = a0_5 + a1_5
        mp[mb + _u6] = a0_6 + a1_6
        mp[mb + _u7] = a0_7 + a1_7
        mp[mb + _u8] = a0_8 + a1_8
        mp[mb + _u9] = a0_9 + a1_9
        mp[mb + _u10] = a0_10 + a1_10
        mp[mb + _u11] = a0_11 + a1_11
        mp[mb + _u12] = a0_12 + a1_12
        mp[mb + _u13] = a0_13 + a1_13
        mp[mb + _u14] = a0_14 + a1_14
        mp[mb + _u15] = a0_15 + a1_15
        mp[mb + _u16] = a0_16 + a1_16
        mp[mb + _u17] = a0_17 + a1_17
        mp[mb + _u18] = a0_18 + a1_18
        mp[mb + _u19] = a0_19 + a1_19
        mp[mb + _u20] = a0_20 + a1_20
        mp[mb + _u21] = a0_21 + a1_21
        mp[mb + _u22] = a0_22 + a1_22
        mp[mb + _u23] = a0_23 + a1_23
        mp[mb + _u24] = a0_24 + a1_24
        mp[mb + _u25] = a0_25 + a1_25
        mp[mb + _u26] = a0_26 + a1_26
        mp[mb + _u27] = a0_27 + a1_27
        mp[mb + _u28] = a0_28 + a1_28
        mp[mb + _u29] = a0_29 + a1_29
        mp[mb + _u30] = a0_30 + a1_30
        mp[mb + _u31] = a0_31 + a1_31


@numba.njit(**_OPTS)
def sparse_rows_acc_32u2(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*32 + t] += sum_e values[e] V[p, indices[e]*32 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (2 nonzeros per step into 2 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u32
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]; a0_16 = mp[mb + _u16]; a0_17 = mp[mb + _u17]; a0_18 = mp[mb + _u18]; a0_19 = mp[mb + _u19]; a0_20 = mp[mb + _u20]; a0_21 = mp[mb + _u21]; a0_22 = mp[mb + _u22]; a0_23 = mp[mb + _u23]; a0_24 = mp[mb + _u24]; a0_25 = mp[mb + _u25]; a0_26 = mp[mb + _u26]; a0_27 = mp[mb + _u27]; a0_28 = mp[mb + _u28]; a0_29 = mp[mb + _u29]; a0_30 = mp[mb + _u30]; a0_31 = mp[mb + _u31]
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0
        while e + _u2 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u32
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u32
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]
            a0_16 += val0 * vp[b0 + _u16]; a1_16 += val1 * vp[b1 + _u16]
            a0_17 += val0 * vp[b0 + _u17]; a1_17 += val1 * vp[b1 + _u17]
            a0_18 += val0 * vp[b0 + _u18]; a1_18 += val1 * vp[b1 + _u18]
            a0_19 += val0 * vp[b0 + _u19]; a1_19 += val1 * vp[b1 + _u19]
            a0_20 += val0 * vp[b0 + _u20]; a1_20 += val1 * vp[b1 + _u20]
            a0_21 += val0 * vp[b0 + _u21]; a1_21 += val1 * vp[b1 + _u21]
            a0_22 += val0 * vp[b0 + _u22]; a1_22 += val1 * vp[b1 + _u22]
            a0_23 += val0 * vp[b0 + _u23]; a1_23 += val1 * vp[b1 + _u23]
            a0_24 += val0 * vp[b0 + _u24]; a1_24 += val1 * vp[b1 + _u24]
            a0_25 += val0 * vp[b0 + _u25]; a1_25 += val1 * vp[b1 + _u25]
            a0_26 += val0 * vp[b0 + _u26]; a1_26 += val1 * vp[b1 + _u26]
            a0_27 += val0 * vp[b0 + _u27]; a1_27 += val1 * vp[b1 + _u27]
            a0_28 += val0 * vp[b0 + _u28]; a1_28 += val1 * vp[b1 + _u28]
            a0_29 += val0 * vp[b0 + _u29]; a1_29 += val1 * vp[b1 + _u29]
            a0_30 += val0 * vp[b0 + _u30]; a1_30 += val1 * vp[b1 + _u30]
            a0_31 += val0 * vp[b0 + _u31]; a1_31 += val1 * vp[b1 + _u31]
            e += _u2
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u32
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0
        mp[mb + _u1] = a0_1 + a1_1
        mp[mb + _u2] = a0_2 + a1_2
        mp[mb + _u3] = a0_3 + a1_3
        mp[mb + _u4] = a0_4 + a1_4
        mp[mb + _u5] = a0_5 + a1_5
        mp[mb + _u6] = a0_6 + a1_6
        mp[mb + _u7] = a0_7 + a1_7
        mp[mb + _u8] = a0_8 + a1_8
        mp[mb + _u9] = a0_9 + a1_9
        mp[mb + _u10] = a0_10 + a1_10
        mp[mb + _u11] = a0_11 + a1_11
        mp[mb + _u12] = a0_12 + a1_12
        mp[mb + _u13] = a0_13 + a1_13
        mp[mb + _u14] = a0_14 + a1_14
        mp[mb + _u15] = a0_15 + a1_15
        mp[mb + _u16] = a0_16 + a1_16
        mp[mb + _u17] = a0_17 + a1_17
        mp[mb + _u18] = a0_18 + a1_18
        mp[mb + _u19] = a0_19 + a1_19
        mp[mb + _u20] = a0_20 + a1_20
        mp[mb + _u21] = a0_21 + a1_21
        mp[mb + _u22] = a0_22 + a1_22
        mp[mb + _u23] = a0_23 + a1_23
        mp[mb + _u24] = a0_24 + a1_24
        mp[mb + _u25] = a0_25 + a1_25
        mp[mb + _u26] = a0_26 + a1_26
        mp[mb + _u27] = a0_27 + a1_27
        mp[mb + _u28] = a0_28 + a1_28
        mp[mb + _u29] = a0_29 + a1_29
        mp[mb + _u30] = a0_30 + a1_30
        mp[mb + _u31] = a0_31 + a1_31


@numba.njit(**_OPTS)
def sparse_rows_32u4(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*32 + t] = sum_e values[e] V[p, indices[e]*32 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (4 nonzeros per step into 4 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u32
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0
        a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0; a2_16 = _c0_0; a2_17 = _c0_0; a2_18 = _c0_0; a2_19 = _c0_0; a2_20 = _c0_0; a2_21 = _c0_0; a2_22 = _c0_0; a2_23 = _c0_0; a2_24 = _c0_0; a2_25 = _c0_0; a2_26 = _c0_0; a2_27 = _c0_0; a2_28 = _c0_0; a2_29 = _c0_0; a2_30 = _c0_0; a2_31 = _c0_0
        a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0; a3_16 = _c0_0; a3_17 = _c0_0; a3_18 = _c0_0; a3_19 = _c0_0; a3_20 = _c0_0; a3_21 = _c0_0; a3_22 = _c0_0; a3_23 = _c0_0; a3_24 = _c0_0; a3_25 = _c0_0; a3_26 = _c0_0; a3_27 = _c0_0; a3_28 = _c0_0; a3_29 = _c0_0; a3_30 = _c0_0; a3_31 = _c0_0
        while e + _u4 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u32
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u32
            val2 = values[e + _u2]
            b2 = np.uint64(indices[e + _u2]) * _u32
            val3 = values[e + _u3]
            b3 = np.uint64(indices[e + _u3]) * _u32
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]; a2_0 += val2 * vp[b2 + _u0]; a3_0 += val3 * vp[b3 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]; a2_1 += val2 * vp[b2 + _u1]; a3_1 += val3 * vp[b3 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]; a2_2 += val2 * vp[b2 + _u2]; a3_2 += val3 * vp[b3 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]; a2_3 += val2 * vp[b2 + _u3]; a3_3 += val3 * vp[b3 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]; a2_4 += val2 * vp[b2 + _u4]; a3_4 += val3 * vp[b3 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]; a2_5 += val2 * vp[b2 + _u5]; a3_5 += val3 * vp[b3 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]; a2_6 += val2 * vp[b2 + _u6]; a3_6 += val3 * vp[b3 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]; a2_7 += val2 * vp[b2 + _u7]; a3_7 += val3 * vp[b3 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]; a2_8 += val2 * vp[b2 + _u8]; a3_8 += val3 * vp[b3 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]; a2_9 += val2 * vp[b2 + _u9]; a3_9 += val3 * vp[b3 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]; a2_10 += val2 * vp[b2 + _u10]; a3_10 += val3 * vp[b3 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]; a2_11 += val2 * vp[b2 + _u11]; a3_11 += val3 * vp[b3 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]; a2_12 += val2 * vp[b2 + _u12]; a3_12 += val3 * vp[b3 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]; a2_13 += val2 * vp[b2 + _u13]; a3_13 += val3 * vp[b3 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]; a2_14 += val2 * vp[b2 + _u14]; a3_14 += val3 * vp[b3 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]; a2_15 += val2 * vp[b2 + _u15]; a3_15 += val3 * vp[b3 + _u15]
            a0_16 += val0 * vp[b0 + _u16]; a1_16 += val1 * vp[b1 + _u16]; a2_16 += val2 * vp[b2 + _u16]; a3_16 += val3 * vp[b3 + _u16]
            a0_17 += val0 * vp[b0 + _u17]; a1_17 += val1 * vp[b1 + _u17]; a2_17 += val2 * vp[b2 + _u17]; a3_17 += val3 * vp[b3 + _u17]
            a0_18 += val0 * vp[b0 + _u18]; a1_18 += val1 * vp[b1 + _u18]; a2_18 += val2 * vp[b2 + _u18]; a3_18 += val3 * vp[b3 + _u18]
            a0_19 += val0 * vp[b0 + _u19]; a1_19 += val1 * vp[b1 + _u19]; a2_19 += val2 * vp[b2 + _u19]; a3_19 += val3 * vp[b3 + _u19]
            a0_20 += val0 * vp[b0 + _u20]; a1_20 += val1 * vp[b1 + _u20]; a2_20 += val2 * vp[b2 + _u20]; a3_20 += val3 * vp[b3 + _u20]
            a0_21 += val0 * vp[b0 + _u21]; a1_21 += val1 * vp[b1 + _u21]; a2_21 += val2 * vp[b2 + _u21]; a3_21 += val3 * vp[b3 + _u21]
            a0_22 += val0 * vp[b0 + _u22]; a1_22 += val1 * vp[b1 + _u22]; a2_22 += val2 * vp[b2 + _u22]; a3_22 += val3 * vp[b3 + _u22]
            a0_23 += val0 * vp[b0 + _u23]; a1_23 += val1 * vp[b1 + _u23]; a2_23 += val2 * vp[b2 + _u23]; a3_23 += val3 * vp[b3 + _u23]
            a0_24 += val0 * vp[b0 + _u24]; a1_24 += val1 * vp[b1 + _u24]; a2_24 += val2 * vp[b2 + _u24]; a3_24 += val3 * vp[b3 + _u24]
            a0_25 += val0 * vp[b0 + _u25]; a1_25 += val1 * vp[b1 + _u25]; a2_25 += val2 * vp[b2 + _u25]; a3_25 += val3 * vp[b3 + _u25]
            a0_26 += val0 * vp[b0 + _u26]; a1_26 += val1 * vp[b1 + _u26]; a2_26 += val2 * vp[b2 + _u26]; a3_26 += val3 * vp[b3 + _u26]
            a0_27 += val0 * vp[b0 + _u27]; a1_27 += val1 * vp[b1 + _u27]; a2_27 += val2 * vp[b2 + _u27]; a3_27 += val3 * vp[b3 + _u27]
            a0_28 += val0 * vp[b0 + _u28]; a1_28 += val1 * vp[b1 + _u28]; a2_28 += val2 * vp[b2 + _u28]; a3_28 += val3 * vp[b3 + _u28]
            a0_29 += val0 * vp[b0 + _u29]; a1_29 += val1 * vp[b1 + _u29]; a2_29 += val2 * vp[b2 + _u29]; a3_29 += val3 * vp[b3 + _u29]
            a0_30 += val0 * vp[b0 + _u30]; a1_30 += val1 * vp[b1 + _u30]; a2_30 += val2 * vp[b2 + _u30]; a3_30 += val3 * vp[b3 + _u30]
            a0_31 += val0 * vp[b0 + _u31]; a1_31 += val1 * vp[b1 + _u31]; a2_31 += val2 * vp[b2 + _u31]; a3_31 += val3 * vp[b3 + _u31]
            e += _u4
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u32
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0 + a2_0 + a3_0
        mp[mb + _u1] = a0_1 + a1_1 + a2_1 + a3_1
        mp[mb + _u2] = a0_2 + a1_2 + a2_2 + a3_2
        mp[mb + _u3] = a0_3 + a1_3 + a2_3 + a3_3
        mp[mb + _u4] = a0_4 + a1_4 + a2_4 + a3_4
        mp[mb + _u5] = a0_5 + a1_5 + a2_5 + a3_5
        mp[mb + _u6] = a0_6 + a1_6 + a2_6 + a3_6
        mp[mb + _u7] = a0_7 + a1_7 + a2_7 + a3_7
        mp[mb + _u8] = a0_8 + a1_8 + a2_8 + a3_8
        mp[mb + _u9] = a0_9 + a1_9 + a2_9 + a3_9
        mp[mb + _u10] = a0_10 + a1_10 + a2_10 + a3_10
        mp[mb + _u11] = a0_11 + a1_11 + a2_11 + a3_11
        mp[mb + _u12] = a0_12 + a1_12 + a2_12 + a3_12
        mp[mb + _u13] = a0_13 + a1_13 + a2_13 + a3_13
        mp[mb + _u14] = a0_14 + a1_14 + a2_14 + a3_14
        mp[mb + _u15] = a0_15 + a1_15 + a2_15 + a3_15
        mp[mb + _u16] = a0_16 + a1_16 + a2_16 + a3_16
        mp[mb + _u17] = a0_17 + a1_17 + a2_17 + a3_17
        mp[mb + _u18] = a0_18 + a1_18 + a2_18 + a3_18
        mp[mb + _u19] = a0_19 + a1_19 + a2_19 + a3_19
        mp[mb + _u20] = a0_20 + a1_20 + a2_20 + a3_20
        mp[mb + _u21] = a0_21 + a1_21 + a2_21 + a3_21
        mp[mb + _u22] = a0_22 + a1_22 + a2_22 + a3_22
        mp[mb + _u23] = a0_23 + a1_23 + a2_23 + a3_23
        mp[mb + _u24] = a0_24 + a1_24 + a2_24 + a3_24
        mp[mb + _u25] = a0_25 + a1_25 + a2_25 + a3_25
        mp[mb + _u26] = a0_26 + a1_26 + a2_26 + a3_26
        mp[mb + _u27] = a0_27 + a1_27 + a2_27 + a3_27
        mp[mb + _u28] = a0_28 + a1_28 + a2_28 + a3_28
        mp[mb + _u29] = a0_29 + a1_29 + a2_29 + a3_29
        mp[mb + _u30] = a0_30 + a1_30 + a2_30 + a3_30
        mp[mb + _u31] = a0_31 + a1_31 + a2_31 + a3_31


@numba.njit(**_OPTS)
def sparse_rows_acc_32u4(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*32 + t] += sum_e values[e] V[p, indices[e]*32 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (4 nonzeros per step into 4 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u32
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]; a0_16 = mp[mb + _u16]; a0_17 = mp[mb + _u17]; a0_18 = mp[mb + _u18]; a0_19 = mp[mb + _u19]; a0_20 = mp[mb + _u20]; a0_21 = mp[mb + _u21]; a0_22 = mp[mb + _u22]; a0_23 = mp[mb + _u23]; a0_24 = mp[mb + _u24]; a0_25 = mp[mb + _u25]; a0_26 = mp[mb + _u26]; a0_27 = mp[mb + _u27]; a0_28 = mp[mb + _u28]; a0_29 = mp[mb + _u29]; a0_30 = mp[mb + _u30]; a0_31 = mp[mb + _u31]
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0
        a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0; a2_16 = _c0_0; a2_17 = _c0_0; a2_18 = _c0_0; a2_19 = _c0_0; a2_20 = _c0_0; a2_21 = _c0_0; a2_22 = _c0_0; a2_23 = _c0_0; a2_24 = _c0_0; a2_25 = _c0_0; a2_26 = _c0_0; a2_27 = _c0_0; a2_28 = _c0_0; a2_29 = _c0_0; a2_30 = _c0_0; a2_31 = _c0_0
        a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0; a3_16 = _c0_0; a3_17 = _c0_0; a3_18 = _c0_0; a3_19 = _c0_0; a3_20 = _c0_0; a3_21 = _c0_0; a3_22 = _c0_0; a3_23 = _c0_0; a3_24 = _c0_0; a3_25 = _c0_0; a3_26 = _c0_0; a3_27 = _c0_0; a3_28 = _c0_0; a3_29 = _c0_0; a3_30 = _c0_0; a3_31 = _c0_0
        while e + _u4 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u32
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u32
            val2 = values[e + _u2]
            b2 = np.uint64(indices[e + _u2]) * _u32
            val3 = values[e + _u3]
            b3 = np.uint64(indices[e + _u3]) * _u32
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]; a2_0 += val2 * vp[b2 + _u0]; a3_0 += val3 * vp[b3 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]; a2_1 += val2 * vp[b2 + _u1]; a3_1 += val3 * vp[b3 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]; a2_2 += val2 * vp[b2 + _u2]; a3_2 += val3 * vp[b3 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]; a2_3 += val2 * vp[b2 + _u3]; a3_3 += val3 * vp[b3 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]; a2_4 += val2 * vp[b2 + _u4]; a3_4 += val3 * vp[b3 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]; a2_5 += val2 * vp[b2 + _u5]; a3_5 += val3 * vp[b3 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]; a2_6 += val2 * vp[b2 + _u6]; a3_6 += val3 * vp[b3 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]; a2_7 += val2 * vp[b2 + _u7]; a3_7 += val3 * vp[b3 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]; a2_8 += val2 * vp[b2 + _u8]; a3_8 += val3 * vp[b3 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]; a2_9 += val2 * vp[b2 + _u9]; a3_9 += val3 * vp[b3 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]; a2_10 += val2 * vp[b2 + _u10]; a3_10 += val3 * vp[b3 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]; a2_11 += val2 * vp[b2 + _u11]; a3_11 += val3 * vp[b3 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]; a2_12 += val2 * vp[b2 + _u12]; a3_12 += val3 * vp[b3 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]; a2_13 += val2 * vp[b2 + _u13]; a3_13 += val3 * vp[b3 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]; a2_14 += val2 * vp[b2 + _u14]; a3_14 += val3 * vp[b3 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]; a2_15 += val2 * vp[b2 + _u15]; a3_15 += val3 * vp[b3 + _u15]
            a0_16 += val0 * vp[b0 + _u16]; a1_16 += val1 * vp[b1 + _u16]; a2_16 += val2 * vp[b2 + _u16]; a3_16 += val3 * vp[b3 + _u16]
            a0_17 += val0 * vp[b0 + _u17]; a1_17 += val1 * vp[b1 + _u17]; a2_17 += val2 * vp[b2 + _u17]; a3_17 += val3 * vp[b3 + _u17]
            a0_18 += val0 * vp[b0 + _u18]; a1_18 += val1 * vp[b1 + _u18]; a2_18 += val2 * vp[b2 + _u18]; a3_18 += val3 * vp[b3 + _u18]
            a0_19 += val0 * vp[b0 + _u19]; a1_19 += val1 * vp[b1 + _u19]; a2_19 += val2 * vp[b2 + _u19]; a3_19 += val3 * vp[b3 + _u19]
            a0_20 += val0 * vp[b0 + _u20]; a1_20 += val1 * vp[b1 + _u20]; a2_20 += val2 * vp[b2 + _u20]; a3_20 += val3 * vp[b3 + _u20]
            a0_21 += val0 * vp[b0 + _u21]; a1_21 += val1 * vp[b1 + _u21]; a2_21 += val2 * vp[b2 + _u21]; a3_21 += val3 * vp[b3 + _u21]
            a0_22 += val0 * vp[b0 + _u22]; a1_22 += val1 * vp[b1 + _u22]; a2_22 += val2 * vp[b2 + _u22]; a3_22 += val3 * vp[b3 + _u22]
            a0_23 += val0 * vp[b0 + _u23]; a1_23 += val1 * vp[b1 + _u23]; a2_23 += val2 * vp[b2 + _u23]; a3_23 += val3 * vp[b3 + _u23]
            a0_24 += val0 * vp[b0 + _u24]; a1_24 += val1 * vp[b1 + _u24]; a2_24 += val2 * vp[b2 + _u24]; a3_24 += val3 * vp[b3 + _u24]
            a0_25 += val0 * vp[b0 + _u25]; a1_25 += val1 * vp[b1 + _u25]; a2_25 += val2 * vp[b2 + _u25]; a3_25 += val3 * vp[b3 + _u25]
            a0_26 += val0 * vp[b0 + _u26]; a1_26 += val1 * vp[b1 + _u26]; a2_26 += val2 * vp[b2 + _u26]; a3_26 += val3 * vp[b3 + _u26]
            a0_27 += val0 * vp[b0 + _u27]; a1_27 += val1 * vp[b1 + _u27]; a2_27 += val2 * vp[b2 + _u27]; a3_27 += val3 * vp[b3 + _u27]
            a0_28 += val0 * vp[b0 + _u28]; a1_28 += val1 * vp[b1 + _u28]; a2_28 += val2 * vp[b2 + _u28]; a3_28 += val3 * vp[b3 + _u28]
            a0_29 += val0 * vp[b0 + _u29]; a1_29 += val1 * vp[b1 + _u29]; a2_29 += val2 * vp[b2 + _u29]; a3_29 += val3 * vp[b3 + _u29]
            a0_30 += val0 * vp[b0 + _u30]; a1_30 += val1 * vp[b1 + _u30]; a2_30 += val2 * vp[b2 + _u30]; a3_30 += val3 * vp[b3 + _u30]
            a0_31 += val0 * vp[b0 + _u31]; a1_31 += val1 * vp[b1 + _u31]; a2_31 += val2 * vp[b2 + _u31]; a3_31 += val3 * vp[b3 + _u31]
            e += _u4
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u32
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0 + a2_0 + a3_0
        mp[mb + _u1] = a0_1 + a1_1 + a2_1 + a3_1
        mp[mb + _u2] = a0_2 + a1_2 + a2_2 + a3_2
        mp[mb + _u3] = a0_3 + a1_3 + a2_3 + a3_3
        mp[mb + _u4] = a0_4 + a1_4 + a2_4 + a3_4
        mp[mb + _u5] = a0_5 + a1_5 + a2_5 + a3_5
        mp[mb + _u6] = a0_6 + a1_6 + a2_6 + a3_6
        mp[mb + _u7] = a0_7 + a1_7 + a2_7 + a3_7
        mp[mb + _u8] = a0_8 + a1_8 + a2_8 + a3_8
        mp[mb + _u9] = a0_9 + a1_9 + a2_9 + a3_9
        mp[mb + _u10] = a0_10 + a1_10 + a2_10 + a3_10
        mp[mb + _u11] = a0_11 + a1_11 + a2_11 + a3_11
        mp[mb + _u12] = a0_12 + a1_12 + a2_12 + a3_12
        mp[mb + _u13] = a0_13 + a1_13 + a2_13 + a3_13
        mp[mb + _u14] = a0_14 + a1_14 + a2_14 + a3_14
        mp[mb + _u15] = a0_15 + a1_15 + a2_15 + a3_15
        mp[mb + _u16] = a0_16 + a1_16 + a2_16 + a3_16
        mp[mb + _u17] = a0_17 + a1_17 + a2_17 + a3_17
        mp[mb + _u18] = a0_18 + a1_18 + a2_18 + a3_18
        mp[mb + _u19] = a0_19 + a1_19 + a2_19 + a3_19
        mp[mb + _u20] = a0_20 + a1_20 + a2_20 + a3_20
        mp[mb + _u21] = a0_21 + a1_21 + a2_21 + a3_21
        mp[mb + _u22] = a0_22 + a1_22 + a2_22 + a3_22
        mp[mb + _u23] = a0_23 + a1_23 + a2_23 + a3_23
        mp[mb + _u24] = a0_24 + a1_24 + a2_24 + a3_24
        mp[mb + _u25] = a0_25 + a1_25 + a2_25 + a3_25
        mp[mb + _u26] = a0_26 + a1_26 + a2_26 + a3_26
        mp[mb + _u27] = a0_27 + a1_27 + a2_27 + a3_27
        mp[mb + _u28] = a0_28 + a1_28 + a2_28 + a3_28
        mp[mb + _u29] = a0_29 + a1_29 + a2_29 + a3_29
        mp[mb + _u30] = a0_30 + a1_30 + a2_30 + a3_30
        mp[mb + _u31] = a0_31 + a1_31 + a2_31 + a3_31


@numba.njit(**_OPTS)
def dense_micro_64(u, k, V, M, p, cg, mk):
    """M[p, (mk+r)*64 + t] = sum_c u[k+r, c] V[p, c*64 + t], r < 4, t < 64."""
    vp = V[p]
    mp = M[p]
    a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0; a0_32 = _c0_0; a0_33 = _c0_0; a0_34 = _c0_0; a0_35 = _c0_0; a0_36 = _c0_0; a0_37 = _c0_0; a0_38 = _c0_0; a0_39 = _c0_0; a0_40 = _c0_0; a0_41 = _c0_0; a0_42 = _c0_0; a0_43 = _c0_0; a0_44 = _c0_0; a0_45 = _c0_0; a0_46 = _c0_0; a0_47 = _c0_0; a0_48 = _c0_0; a0_49 = _c0_0; a0_50 = _c0_0; a0_51 = _c0_0; a0_52 = _c0_0; a0_53 = _c0_0; a0_54 = _c0_0; a0_55 = _c0_0; a0_56 = _c0_0; a0_57 = _c0_0; a0_58 = _c0_0; a0_59 = _c0_0; a0_60 = _c0_0; a0_61 = _c0_0; a0_62 = _c0_0; a0_63 = _c0_0
    a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0; a1_32 = _c0_0; a1_33 = _c0_0; a1_34 = _c0_0; a1_35 = _c0_0; a1_36 = _c0_0; a1_37 = _c0_0; a1_38 = _c0_0; a1_39 = _c0_0; a1_40 = _c0_0; a1_41 = _c0_0; a1_42 = _c0_0; a1_43 = _c0_0; a1_44 = _c0_0; a1_45 = _c0_0; a1_46 = _c0_0; a1_47 = _c0_0; a1_48 = _c0_0; a1_49 = _c0_0; a1_50 = _c0_0; a1_51 = _c0_0; a1_52 = _c0_0; a1_53 = _c0_0; a1_54 = _c0_0; a1_55 = _c0_0; a1_56 = _c0_0; a1_57 = _c0_0; a1_58 = _c0_0; a1_59 = _c0_0; a1_60 = _c0_0; a1_61 = _c0_0; a1_62 = _c0_0; a1_63 = _c0_0
    a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0; a2_16 = _c0_0; a2_17 = _c0_0; a2_18 = _c0_0; a2_19 = _c0_0; a2_20 = _c0_0; a2_21 = _c0_0; a2_22 = _c0_0; a2_23 = _c0_0; a2_24 = _c0_0; a2_25 = _c0_0; a2_26 = _c0_0; a2_27 = _c0_0; a2_28 = _c0_0; a2_29 = _c0_0; a2_30 = _c0_0; a2_31 = _c0_0; a2_32 = _c0_0; a2_33 = _c0_0; a2_34 = _c0_0; a2_35 = _c0_0; a2_36 = _c0_0; a2_37 = _c0_0; a2_38 = _c0_0; a2_39 = _c0_0; a2_40 = _c0_0; a2_41 = _c0_0; a2_42 = _c0_0; a2_43 = _c0_0; a2_44 = _c0_0; a2_45 = _c0_0; a2_46 = _c0_0; a2_47 = _c0_0; a2_48 = _c0_0; a2_49 = _c0_0; a2_50 = _c0_0; a2_51 = _c0_0; a2_52 = _c0_0; a2_53 = _c0_0; a2_54 = _c0_0; a2_55 = _c0_0; a2_56 = _c0_0; a2_57 = _c0_0; a2_58 = _c0_0; a2_59 = _c0_0; a2_60 = _c0_0; a2_61 = _c0_0; a2_62 = _c0_0; a2_63 = _c0_0
    a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0; a3_16 = _c0_0; a3_17 = _c0_0; a3_18 = _c0_0; a3_19 = _c0_0; a3_20 = _c0_0; a3_21 = _c0_0; a3_22 = _c0_0; a3_23 = _c0_0; a3_24 = _c0_0; a3_25 = _c0_0; a3_26 = _c0_0; a3_27 = _c0_0; a3_28 = _c0_0; a3_29 = _c0_0; a3_30 = _c0_0; a3_31 = _c0_0; a3_32 = _c0_0; a3_33 = _c0_0; a3_34 = _c0_0; a3_35 = _c0_0; a3_36 = _c0_0; a3_37 = _c0_0; a3_38 = _c0_0; a3_39 = _c0_0; a3_40 = _c0_0; a3_41 = _c0_0; a3_42 = _c0_0; a3_43 = _c0_0; a3_44 = _c0_0; a3_45 = _c0_0; a3_46 = _c0_0; a3_47 = _c0_0; a3_48 = _c0_0; a3_49 = _c0_0; a3_50 = _c0_0; a3_51 = _c0_0; a3_52 = _c0_0; a3_53 = _c0_0; a3_54 = _c0_0; a3_55 = _c0_0; a3_56 = _c0_0; a3_57 = _c0_0; a3_58 = _c0_0; a3_59 = _c0_0; a3_60 = _c0_0; a3_61 = _c0_0; a3_62 = _c0_0; a3_63 = _c0_0
    for c in range(cg):
        vs = vp[c * 64:c * 64 + 64]
        u0 = u[k + 0, c]; u1 = u[k + 1, c]; u2 = u[k + 2, c]; u3 = u[k + 3, c]
        v = vs[0]
        a0_0 += u0 * v; a1_0 += u1 * v; a2_0 += u2 * v; a3_0 += u3 * v
        v = vs[1]
        a0_1 += u0 * v; a1_1 += u1 * v; a2_1 += u2 * v; a3_1 += u3 * v
        v = vs[2]
        a0_2 += u0 * v; a1_2 += u1 * v; a2_2 += u2 * v; a3_2 += u3 * v
        v = vs[3]
        a0_3 += u0 * v; a1_3 += u1 * v; a2_3 += u2 * v; a3_3 += u3 * v
        v = vs[4]
        a0_4 += u0 * v; a1_4 += u1 * v; a2_4 += u2 * v; a3_4 += u3 * v
        v = vs[5]
        a0_5 += u0 * v; a1_5 += u1 * v; a2_5 += u2 * v; a3_5 += u3 * v
        v = vs[6]
        a0_6 += u0 * v; a1_6 += u1 * v; a2_6 += u2 * v; a3_6 += u3 * v
        v = vs[7]
        a0_7 += u0 * v; a1_7 += u1 * v; a2_7 += u2 * v; a3_7 += u3 * v
        v = vs[8]
        a0_8 += u0 * v; a1_8 += u1 * v; a2_8 += u2 * v; a3_8 += u3 * v
        v = vs[9]
        a0_9 += u0 * v; a1_9 += u1 * v; a2_9 += u2 * v; a3_9 += u3 * v
        v = vs[10]
        a0_10 += u0 * v; a1_10 += u1 * v; a2_10 += u2 * v; a3_10 += u3 * v
        v = vs[11]
        a0_11 += u0 * v; a1_11 += u1 * v; a2_11 += u2 * v; a3_11 += u3 * v
        v = vs[12]
        a0_12 += u0 * v; a1_12 += u1 * v; a2_12 += u2 * v; a3_12 += u3 * v
        v = vs[13]
        a0_13 += u0 * v; a1_13 += u1 * v; a2_13 += u2 * v; a3_13 += u3 * v
        v = vs[14]
        a0_14 += u0 * v; a1_14 += u1 * v; a2_14 += u2 * v; a3_14 += u3 * v
        v = vs[15]
        a0_15 += u0 * v; a1_15 += u1 * v; a2_15 += u2 * v; a3_15 += u3 * v
        v = vs[16]
        a0_16 += u0 * v; a1_16 += u1 * v; a2_16 += u2 * v; a3_16 += u3 * v
        v = vs[17]
        a0_17 += u0 * v; a1_17 += u1 * v; a2_17 += u2 * v; a3_17 += u3 * v
        v = vs[18]
        a0_18 += u0 * v; a1_18 += u1 * v; a2_18 += u2 * v; a3_18 += u3 * v
        v = vs[19]
        a0_19 += u0 * v; a1_19 += u1 * v; a2_19 += u2 * v; a3_19 += u3 * v
        v = vs[20]
        a0_20 += u0 * v; a1_20 += u1 * v; a2_20 += u2 * v; a3_20 += u3 * v
        v = vs[21]
        a0_21 += u0 * v; a1_21 += u1 * v; a2_21 += u2 * v; a3_21 += u3 * v
        v = vs[22]
        a0_22 += u0 * v; a1_22 += u1 * v; a2_22 += u2 * v; a3_22 += u3 * v
        v = vs[23]
        a0_23 += u0 * v; a1_23 += u1 * v; a2_23 += u2 * v; a3_23 += u3 * v
        v = vs[24]
        a0_24 += u0 * v; a1_24 += u1 * v; a2_24 += u2 * v; a3_24 += u3 * v
        v = vs[25]
        a0_25 += u0 * v; a1_25 += u1 * v; a2_25 += u2 * v; a3_25 += u3 * v
        v = vs[26]
        a0_26 += u0 * v; a1_26 += u1 * v; a2_26 += u2 * v; a3_26 += u3 * v
        v = vs[27]
        a0_27 += u0 * v; a1_27 += u1 * v; a2_27 += u2 * v; a3_27 += u3 * v
        v = vs[28]
        a0_28 += u0 * v; a1_28 += u1 * v; a2_28 += u2 * v; a3_28 += u3 * v
        v = vs[29]
        a0_29 += u0 * v; a1_29 += u1 * v; a2_29 += u2 * v; a3_29 += u3 * v
        v = vs[30]
        a0_30 += u0 * v; a1_30 += u1 * v; a2_30 += u2 * v; a3_30 += u3 * v
        v = vs[31]
        a0_31 += u0 * v; a1_31 += u1 * v; a2_31 += u2 * v; a3_31 += u3 * v
        v = vs[32]
        a0_32 += u0 * v; a1_32 += u1 * v; a2_32 += u2 * v; a3_32 += u3 * v
        v = vs[33]
        a0_33 += u0 * v; a1_33 += u1 * v; a2_33 += u2 * v; a3_33 += u3 * v
        v = vs[34]
        a0_34 += u0 * v; a1_34 += u1 * v; a2_34 += u2 * v; a3_34 += u3 * v
        v = vs[35]
        a0_35 += u0 * v; a1_35 += u1 * v; a2_35 += u2 * v; a3_35 += u3 * v
        v = vs[36]
        a0_36 += u0 * v; a1_36 += u1 * v; a2_36 += u2 * v; a3_36 += u3 * v
        v = vs[37]
        a0_37 += u0 * v; a1_37 += u1 * v; a2_37 += u2 * v; a3_37 += u3 * v
        v = vs[38]
        a0_38 += u0 * v; a1_38 += u1 * v; a2_38 += u2 * v; a3_38 += u3 * v
        v = vs[39]
        a0_39 += u0 * v; a1_39 += u1 * v; a2_39 += u2 * v; a3_39 += u3 * v
        v = vs[40]
        a0_40 += u0 * v; a1_40 += u1 * v; a2_40 += u2 * v; a3_40 += u3 * v
        v = vs[41]
        a0_41 += u0 * v; a1_41 += u1 * v; a2_41 += u2 * v; a3_41 += u3 * v
        v = vs[42]
        a0_42 += u0 * v; a1_42 += u1 * v; a2_42 += u2 * v; a3_42 += u3 * v
        v = vs[43]
        a0_43 += u0 * v; a1_43 += u1 * v; a2_43 += u2 * v; a3_43 += u3 * v
        v = vs[44]
        a0_44 += u0 * v; a1_44 += u1 * v; a2_44 += u2 * v; a3_44 += u3 * v
        v = vs[45]
        a0_45 += u0 * v; a1_45 += u1 * v; a2_45 += u2 * v; a3_45 += u3 * v
        v = vs[46]
        a0_46 += u0 * v; a1_46 += u1 * v; a2_46 += u2 * v; a3_46 += u3 * v
        v = vs[47]
        a0_47 += u0 * v; a1_47 += u1 * v; a2_47 += u2 * v; a3_47 += u3 * v
        v = vs[48]
        a0_48 += u0 * v; a1_48 += u1 * v; a2_48 += u2 * v; a3_48 += u3 * v
        v = vs[49]
        a0_49 += u0 * v; a1_49 += u1 * v; a2_49 += u2 * v; a3_49 += u3 * v
        v = vs[50]
        a0_50 += u0 * v; a1_50 += u1 * v; a2_50 += u2 * v; a3_50 += u3 * v
        v = vs[51]
        a0_51 += u0 * v; a1_51 += u1 * v; a2_51 += u2 * v; a3_51 += u3 * v
        v = vs[52]
        a0_52 += u0 * v; a1_52 += u1 * v; a2_52 += u2 * v; a3_52 += u3 * v
        v = vs[53]
        a0_53 += u0 * v; a1_53 += u1 * v; a2_53 += u2 * v; a3_53 += u3 * v
        v = vs[54]
        a0_54 += u0 * v; a1_54 += u1 * v; a2_54 += u2 * v; a3_54 += u3 * v
        v = vs[55]
        a0_55 += u0 * v; a1_55 += u1 * v; a2_55 += u2 * v; a3_55 += u3 * v
        v = vs[56]
        a0_56 += u0 * v; a1_56 += u1 * v; a2_56 += u2 * v; a3_56 += u3 * v
        v = vs[57]
        a0_57 += u0 * v; a1_57 += u1 * v; a2_57 += u2 * v; a3_57 += u3 * v
        v = vs[58]
        a0_58 += u0 * v; a1_58 += u1 * v; a2_58 += u2 * v; a3_58 += u3 * v
        v = vs[59]
        a0_59 += u0 * v; a1_59 += u1 * v; a2_59 += u2 * v; a3_59 += u3 * v
        v = vs[60]
        a0_60 += u0 * v; a1_60 += u1 * v; a2_60 += u2 * v; a3_60 += u3 * v
        v = vs[61]
        a0_61 += u0 * v; a1_61 += u1 * v; a2_61 += u2 * v; a3_61 += u3 * v
        v = vs[62]
        a0_62 += u0 * v; a1_62 += u1 * v; a2_62 += u2 * v; a3_62 += u3 * v
        v = vs[63]
        a0_63 += u0 * v; a1_63 += u1 * v; a2_63 += u2 * v; a3_63 += u3 * v
    mo = mp[(mk + 0) * 64:(mk + 0) * 64 + 64]
    mo[0] = a0_0; mo[1] = a0_1; mo[2] = a0_2; mo[3] = a0_3; mo[4] = a0_4; mo[5] = a0_5; mo[6] = a0_6; mo[7] = a0_7; mo[8] = a0_8; mo[9] = a0_9; mo[10] = a0_10; mo[11] = a0_11; mo[12] = a0_12; mo[13] = a0_13; mo[14] = a0_14; mo[15] = a0_15; mo[16] = a0_16; mo[17] = a0_17; mo[18] = a0_18; mo[19] = a0_19; mo[20] = a0_20; mo[21] = a0_21; mo[22] = a0_22; mo[23] = a0_23; mo[24] = a0_24; mo[25] = a0_25; mo[26] = a0_26; mo[27] = a0_27; mo[28] = a0_28; mo[29] = a0_29; mo[30] = a0_30; mo[31] = a0_31; mo[32] = a0_32; mo[33] = a0_33; mo[34] = a0_34; mo[35] = a0_35; mo[36] = a0_36; mo[37] = a0_37; mo[38] = a0_38; mo[39] = a0_39; mo[40] = a0_40; mo[41] = a0_41; mo[42] = a0_42; mo[43] = a0_43; mo[44] = a0_44; mo[45] = a0_45; mo[46] = a0_46; mo[47] = a0_47; mo[48] = a0_48; mo[49] = a0_49; mo[50] = a0_50; mo[51] = a0_51; mo[52] = a0_52; mo[53] = a0_53; mo[54] = a0_54; mo[55] = a0_55; mo[56] = a0_56; mo[57] = a0_57; mo[58] = a0_58; mo[59] = a0_59; mo[60] = a0_60; mo[61] = a0_61; mo[62] = a0_62; mo[63] = a0_63
    mo = mp[(mk + 1) * 64:(mk + 1) * 64 + 64]
    mo[0] = a1_0; mo[1] = a1_1; mo[2] = a1_2; mo[3] = a1_3; mo[4] = a1_4; mo[5] = a1_5; mo[6] = a1_6; mo[7] = a1_7; mo[8] = a1_8; mo[9] = a1_9; mo[10] = a1_10; mo[11] = a1_11; mo[12] = a1_12; mo[13] = a1_13; mo[14] = a1_14; mo[15] = a1_15; mo[16] = a1_16; mo[17] = a1_17; mo[18] = a1_18; mo[19] = a1_19; mo[20] = a1_20; mo[21] = a1_21; mo[22] = a1_22; mo[23] = a1_23; mo[24] = a1_24; mo[25] = a1_25; mo[26] = a1_26; mo[27] = a1_27; mo[28] = a1_28; mo[29] = a1_29; mo[30] = a1_30; mo[31] = a1_31; mo[32] = a1_32; mo[33] = a1_33; mo[34] = a1_34; mo[35] = a1_35; mo[36] = a1_36; mo[37] = a1_37; mo[38] = a1_38; mo[39] = a1_39; mo[40] = a1_40; mo[41] = a1_41; mo[42] = a1_42; mo[43] = a1_43; mo[44] = a1_44; mo[45] = a1_45; mo[46] = a1_46; mo[47] = a1_47; mo[48] = a1_48; mo[49] = a1_49; mo[50] = a1_50; mo[51] = a1_51; mo[52] = a1_52; mo[53] = a1_53; mo[54] = a1_54; mo[55] = a1_55; mo[56] = a1_56; mo[57] = a1_57; mo[58] = a1_58; mo[59] = a1_59; mo[60] = a1_60; mo[61] = a1_61; mo[62] = a1_62; mo[63] = a1_63
    mo = mp[(mk + 2) * 64:(mk + 2) * 64 + 64]
    mo[0] = a2_0; mo[1] = a2_1; mo[2] = a2_2; mo[3] = a2_3; mo[4] = a2_4; mo[5] = a2_5; mo[6] = a2_6; mo[7] = a2_7; mo[8] = a2_8; mo[9] = a2_9; mo[10] = a2_10; mo[11] = a2_11; mo[12] = a2_12; mo[13] = a2_13; mo[14] = a2_14; mo[15] = a2_15; mo[16] = a2_16; mo[17] = a2_17; mo[18] = a2_18; mo[19] = a2_19; mo[20] = a2_20; mo[21] = a2_21; mo[22] = a2_22; mo[23] = a2_23; mo[24] = a2_24; mo[25] = a2_25; mo[26] = a2_26; mo[27] = a2_27; mo[28] = a2_28; mo[29] = a2_29; mo[30] = a2_30; mo[31] = a2_31; mo[32] = a2_32; mo[33] = a2_33; mo[34] = a2_34; mo[35] = a2_35; mo[36] = a2_36; mo[37] = a2_37; mo[38] = a2_38; mo[39] = a2_39; mo[40] = a2_40; mo[41] = a2_41; mo[42] = a2_42; mo[43] = a2_43; mo[44] = a2_44; mo[45] = a2_45; mo[46] = a2_46; mo[47] = a2_47; mo[48] = a2_48; mo[49] = a2_49; mo[50] = a2_50; mo[51] = a2_51; mo[52] = a2_52; mo[53] = a2_53; mo[54] = a2_54; mo[55] = a2_55; mo[56] = a2_56; mo[57] = a2_57; mo[58] = a2_58; mo[59] = a2_59; mo[60] = a2_60; mo[61] = a2_61; mo[62] = a2_62; mo[63] = a2_63
    mo = mp[(mk + 3) * 64:(mk + 3) * 64 + 64]
    mo[0] = a3_0; mo[1] = a3_1; mo[2] = a3_2; mo[3] = a3_3; mo[4] = a3_4; mo[5] = a3_5; mo[6] = a3_6; mo[7] = a3_7; mo[8] = a3_8; mo[9] = a3_9; mo[10] = a3_10; mo[11] = a3_11; mo[12] = a3_12; mo[13] = a3_13; mo[14] = a3_14; mo[15] = a3_15; mo[16] = a3_16; mo[17] = a3_17; mo[18] = a3_18; mo[19] = a3_19; mo[20] = a3_20; mo[21] = a3_21; mo[22] = a3_22; mo[23] = a3_23; mo[24] = a3_24; mo[25] = a3_25; mo[26] = a3_26; mo[27] = a3_27; mo[28] = a3_28; mo[29] = a3_29; mo[30] = a3_30; mo[31] = a3_31; mo[32] = a3_32; mo[33] = a3_33; mo[34] = a3_34; mo[35] = a3_35; mo[36] = a3_36; mo[37] = a3_37; mo[38] = a3_38; mo[39] = a3_39; mo[40] = a3_40; mo[41] = a3_41; mo[42] = a3_42; mo[43] = a3_43; mo[44] = a3_44; mo[45] = a3_45; mo[46] = a3_46; mo[47] = a3_47; mo[48] = a3_48; mo[49] = a3_49; mo[50] = a3_50; mo[51] = a3_51; mo[52] = a3_52; mo[53] = a3_53; mo[54] = a3_54; mo[55] = a3_55; mo[56] = a3_56; mo[57] = a3_57; mo[58] = a3_58; mo[59] = a3_59; mo[60] = a3_60; mo[61] = a3_61; mo[62] = a3_62; mo[63] = a3_63


@numba.njit(**_OPTS)
def sparse_rows_64u1(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*64 + t] = sum_e values[e] V[p, indices[e]*64 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (1 nonzeros per step into 1 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u64
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0; a0_32 = _c0_0; a0_33 = _c0_0; a0_34 = _c0_0; a0_35 = _c0_0; a0_36 = _c0_0; a0_37 = _c0_0; a0_38 = _c0_0; a0_39 = _c0_0; a0_40 = _c0_0; a0_41 = _c0_0; a0_42 = _c0_0; a0_43 = _c0_0; a0_44 = _c0_0; a0_45 = _c0_0; a0_46 = _c0_0; a0_47 = _c0_0; a0_48 = _c0_0; a0_49 = _c0_0; a0_50 = _c0_0; a0_51 = _c0_0; a0_52 = _c0_0; a0_53 = _c0_0; a0_54 = _c0_0; a0_55 = _c0_0; a0_56 = _c0_0; a0_57 = _c0_0; a0_58 = _c0_0; a0_59 = _c0_0; a0_60 = _c0_0; a0_61 = _c0_0; a0_62 = _c0_0; a0_63 = _c0_0
        while e + _u1 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u64
            a0_0 += val0 * vp[b0 + _u0]
            a0_1 += val0 * vp[b0 + _u1]
            a0_2 += val0 * vp[b0 + _u2]
            a0_3 += val0 * vp[b0 + _u3]
            a0_4 += val0 * vp[b0 + _u4]
            a0_5 += val0 * vp[b0 + _u5]
            a0_6 += val0 * vp[b0 + _u6]
            a0_7 += val0 * vp[b0 + _u7]
            a0_8 += val0 * vp[b0 + _u8]
            a0_9 += val0 * vp[b0 + _u9]
            a0_10 += val0 * vp[b0 + _u10]
            a0_11 += val0 * vp[b0 + _u11]
            a0_12 += val0 * vp[b0 + _u12]
            a0_13 += val0 * vp[b0 + _u13]
            a0_14 += val0 * vp[b0 + _u14]
            a0_15 += val0 * vp[b0 + _u15]
            a0_16 += val0 * vp[b0 + _u16]
            a0_17 += val0 * vp[b0 + _u17]
            a0_18 += val0 * vp[b0 + _u18]
            a0_19 += val0 * vp[b0 + _u19]
            a0_20 += val0 * vp[b0 + _u20]
            a0_21 += val0 * vp[b0 + _u21]
            a0_22 += val0 * vp[b0 + _u22]
            a0_23 += val0 * vp[b0 + _u23]
            a0_24 += val0 * vp[b0 + _u24]
            a0_25 += val0 * vp[b0 + _u25]
            a0_26 += val0 * vp[b0 + _u26]
            a0_27 += val0 * vp[b0 + _u27]
            a0_28 += val0 * vp[b0 + _u28]
            a0_29 += val0 * vp[b0 + _u29]
            a0_30 += val0 * vp[b0 + _u30]
            a0_31 += val0 * vp[b0 + _u31]
            a0_32 += val0 * vp[b0 + _u32]
            a0_33 += val0 * vp[b0 + _u33]
            a0_34 += val0 * vp[b0 + _u34]
            a0_35 += val0 * vp[b0 + _u35]
            a0_36 += val0 * vp[b0 + _u36]
            a0_37 += val0 * vp[b0 + _u37]
            a0_38 += val0 * vp[b0 + _u38]
            a0_39 += val0 * vp[b0 + _u39]
            a0_40 += val0 * vp[b0 + _u40]
            a0_41 += val0 * vp[b0 + _u41]
            a0_42 += val0 * vp[b0 + _u42]
            a0_43 += val0 * vp[b0 + _u43]
            a0_44 += val0 * vp[b0 + _u44]
            a0_45 += val0 * vp[b0 + _u45]
            a0_46 += val0 * vp[b0 + _u46]
            a0_47 += val0 * vp[b0 + _u47]
            a0_48 += val0 * vp[b0 + _u48]
            a0_49 += val0 * vp[b0 + _u49]
            a0_50 += val0 * vp[b0 + _u50]
            a0_51 += val0 * vp[b0 + _u51]
            a0_52 += val0 * vp[b0 + _u52]
            a0_53 += val0 * vp[b0 + _u53]
            a0_54 += val0 * vp[b0 + _u54]
            a0_55 += val0 * vp[b0 + _u55]
            a0_56 += val0 * vp[b0 + _u56]
            a0_57 += val0 * vp[b0 + _u57]
            a0_58 += val0 * vp[b0 + _u58]
            a0_59 += val0 * vp[b0 + _u59]
            a0_60 += val0 * vp[b0 + _u60]
            a0_61 += val0 * vp[b0 + _u61]
            a0_62 += val0 * vp[b0 + _u62]
            a0_63 += val0 * vp[b0 + _u63]
            e += _u1
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u64
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            a0_32 += val * vp[b + _u32]
            a0_33 += val * vp[b + _u33]
            a0_34 += val * vp[b + _u34]
            a0_35 += val * vp[b + _u35]
            a0_36 += val * vp[b + _u36]
            a0_37 += val * vp[b + _u37]
            a0_38 += val * vp[b + _u38]
            a0_39 += val * vp[b + _u39]
            a0_40 += val * vp[b + _u40]
            a0_41 += val * vp[b + _u41]
            a0_42 += val * vp[b + _u42]
            a0_43 += val * vp[b + _u43]
            a0_44 += val * vp[b + _u44]
            a0_45 += val * vp[b + _u45]
            a0_46 += val * vp[b + _u46]
            a0_47 += val * vp[b + _u47]
            a0_48 += val * vp[b + _u48]
            a0_49 += val * vp[b + _u49]
            a0_50 += val * vp[b + _u50]
            a0_51 += val * vp[b + _u51]
            a0_52 += val * vp[b + _u52]
            a0_53 += val * vp[b + _u53]
            a0_54 += val * vp[b + _u54]
            a0_55 += val * vp[b + _u55]
            a0_56 += val * vp[b + _u56]
            a0_57 += val * vp[b + _u57]
            a0_58 += val * vp[b + _u58]
            a0_59 += val * vp[b + _u59]
            a0_60 += val * vp[b + _u60]
            a0_61 += val * vp[b + _u61]
            a0_62 += val * vp[b + _u62]
            a0_63 += val * vp[b + _u63]
            e += _u1
        mp[mb + _u0] = a0_0
        mp[mb + _u1] = a0_1
        mp[mb + _u2] = a0_2
        mp[mb + _u3] = a0_3
        mp[mb + _u4] = a0_4
        mp[mb + _u5] = a0_5
        mp[mb + _u6] = a0_6
        mp[mb + _u7] = a0_7
        mp[mb + _u8] = a0_8
        mp[mb + _u9] = a0_9
        mp[mb + _u10] = a0_10
        mp[mb + _u11] = a0_11
        mp[mb + _u12] = a0_12
        mp[mb + _u13] = a0_13
        mp[mb + _u14] = a0_14
        mp[mb + _u15] = a0_15
        mp[mb + _u16] = a0_16
        mp[mb + _u17] = a0_17
        mp[mb + _u18] = a0_18
        mp[mb + _u19] = a0_19
        mp[mb + _u20] = a0_20
        mp[mb + _u21] = a0_21
        mp[mb + _u22] = a0_22
        mp[mb + _u23] = a0_23
        mp[mb + _u24] = a0_24
        mp[mb + _u25] = a0_25
        mp[mb + _u26] = a0_26
        mp[mb + _u27] = a0_27
        mp[mb + _u28] = a0_28
        mp[mb + _u29] = a0_29
        mp[mb + _u30] = a0_30
        mp[mb + _u31] = a0_31
        mp[mb + _u32] = a0_32
        mp[mb + _u33] = a0_33
        mp[mb + _u34] = a0_34
        mp[mb + _u35] = a0_35
        mp[mb + _u36] = a0_36
        mp[mb + _u37] = a0_37
        mp[mb + _u38] = a0_38
        mp[mb + _u39] = a0_39
        mp[mb + _u40] = a0_40
        mp[mb + _u41] = a0_41
        mp[mb + _u42] = a0_42
        mp[mb + _u43] = a0_43
        mp[mb + _u44] = a0_44
        mp[mb + _u45] = a0_45
        mp[mb + _u46] = a0_46
        mp[mb + _u47] = a0_47
        mp[mb + _u48] = a0_48
        mp[mb + _u49] = a0_49
        mp[mb + _u50] = a0_50
        mp[mb + _u51] = a0_51
        mp[mb + _u52] = a0_52
        mp[mb + _u53] = a0_53
        mp[mb + _u54] = a0_54
        mp[mb + _u55] = a0_55
        mp[mb + _u56] = a0_56
        mp[mb + _u57] = a0_57
        mp[mb + _u58] = a0_58
        mp[mb + _u59] = a0_59
        mp[mb + _u60] = a0_60
        mp[mb + _u61] = a0_61
        mp[mb + _u62] = a0_62
        mp[mb + _u63] = a0_63


@numba.njit(**_OPTS)
def sparse_rows_acc_64u1(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*64 + t] += sum_e values[e] V[p, indices[e]*64 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (1 nonzeros per step into 1 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u64
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]; a0_16 = mp[mb + _u16]; a0_17 = mp[mb + _u17]; a0_18 = mp[mb + _u18]; a0_19 = mp[mb + _u19]; a0_20 = mp[mb + _u20]; a0_21 = mp[mb + _u21]; a0_22 = mp[mb + _u22]; a0_23 = mp[mb + _u23]; a0_24 = mp[mb + _u24]; a0_25 = mp[mb + _u25]; a0_26 = mp[mb + _u26]; a0_27 = mp[mb + _u27]; a0_28 = mp[mb + _u28]; a0_29 = mp[mb + _u29]; a0_30 = mp[mb + _u30]; a0_31 = mp[mb + _u31]; a0_32 = mp[mb + _u32]; a0_33 = mp[mb + _u33]; a0_34 = mp[mb + _u34]; a0_35 = mp[mb + _u35]; a0_36 = mp[mb + _u36]; a0_37 = mp[mb + _u37]; a0_38 = mp[mb + _u38]; a0_39 = mp[mb + _u39]; a0_40 = mp[mb + _u40]; a0_41 = mp[mb + _u41]; a0_42 = mp[mb + _u42]; a0_43 = mp[mb + _u43]; a0_44 = mp[mb + _u44]; a0_45 = mp[mb + _u45]; a0_46 = mp[mb + _u46]; a0_47 = mp[mb + _u47]; a0_48 = mp[mb + _u48]; a0_49 = mp[mb + _u49]; a0_50 = mp[mb + _u50]; a0_51 = mp[mb + _u51]; a0_52 = mp[mb + _u52]; a0_53 = mp[mb + _u53]; a0_54 = mp[mb + _u54]; a0_55 = mp[mb + _u55]; a0_56 = mp[mb + _u56]; a0_57 = mp[mb + _u57]; a0_58 = mp[mb + _u58]; a0_59 = mp[mb + _u59]; a0_60 = mp[mb + _u60]; a0_61 = mp[mb + _u61]; a0_62 = mp[mb + _u62]; a0_63 = mp[mb + _u63]
        while e + _u1 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u64
            a0_0 += val0 * vp[b0 + _u0]
            a0_1 += val0 * vp[b0 + _u1]
            a0_2 += val0 * vp[b0 + _u2]
            a0_3 += val0 * vp[b0 + _u3]
            a0_4 += val0 * vp[b0 + _u4]
            a0_5 += val0 * vp[b0 + _u5]
            a0_6 += val0 * vp[b0 + _u6]
            a0_7 += val0 * vp[b0 + _u7]
            a0_8 += val0 * vp[b0 + _u8]
            a0_9 += val0 * vp[b0 + _u9]
            a0_10 += val0 * vp[b0 + _u10]
            a0_11 += val0 * vp[b0 + _u11]
            a0_12 += val0 * vp[b0 + _u12]
            a0_13 += val0 * vp[b0 + _u13]
            a0_14 += val0 * vp[b0 + _u14]
            a0_15 += val0 * vp[b0 + _u15]
            a0_16 += val0 * vp[b0 + _u16]
            a0_17 += val0 * vp[b0 + _u17]
            a0_18 += val0 * vp[b0 + _u18]
            a0_19 += val0 * vp[b0 + _u19]
            a0_20 += val0 * vp[b0 + _u20]
            a0_21 += val0 * vp[b0 + _u21]
            a0_22 += val0 * vp[b0 + _u22]
            a0_23 += val0 * vp[b0 + _u23]
            a0_24 += val0 * vp[b0 + _u24]
            a0_25 += val0 * vp[b0 + _u25]
            a0_26 += val0 * vp[b0 + _u26]
            a0_27 += val0 * vp[b0 + _u27]
            a0_28 += val0 * vp[b0 + _u28]
            a0_29 += val0 * vp[b0 + _u29]
            a0_30 += val0 * vp[b0 + _u30]
            a0_31 += val0 * vp[b0 + _u31]
            a0_32 += val0 * vp[b0 + _u32]
            a0_33 += val0 * vp[b0 + _u33]
            a0_34 += val0 * vp[b0 + _u34]
            a0_35 += val0 * vp[b0 + _u35]
            a0_36 += val0 * vp[b0 + _u36]
            a0_37 += val0 * vp[b0 + _u37]
            a0_38 += val0 * vp[b0 + _u38]
            a0_39 += val0 * vp[b0 + _u39]
            a0_40 += val0 * vp[b0 + _u40]
            a0_41 += val0 * vp[b0 + _u41]
            a0_42 += val0 * vp[b0 + _u42]
            a0_43 += val0 * vp[b0 + _u43]
            a0_44 += val0 * vp[b0 + _u44]
            a0_45 += val0 * vp[b0 + _u45]
            a0_46 += val0 * vp[b0 + _u46]
            a0_47 += val0 * vp[b0 + _u47]
            a0_48 += val0 * vp[b0 + _u48]
            a0_49 += val0 * vp[b0 + _u49]
            a0_50 += val0 * vp[b0 + _u50]
            a0_51 += val0 * vp[b0 + _u51]
            a0_52 += val0 * vp[b0 + _u52]
            a0_53 += val0 * vp[b0 + _u53]
            a0_54 += val0 * vp[b0 + _u54]
            a0_55 += val0 * vp[b0 + _u55]
            a0_56 += val0 * vp[b0 + _u56]
            a0_57 += val0 * vp[b0 + _u57]
            a0_58 += val0 * vp[b0 + _u58]
            a0_59 += val0 * vp[b0 + _u59]
            a0_60 += val0 * vp[b0 + _u60]
            a0_61 += val0 * vp[b0 + _u61]
            a0_62 += val0 * vp[b0 + _u62]
            a0_63 += val0 * vp[b0 + _u63]
            e += _u1
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u64
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            a0_32 += val * vp[b + _u32]
            a0_33 += val * vp[b + _u33]
            a0_34 += val * vp[b + _u34]
            a0_35 += val * vp[b + _u35]
            a0_36 += val * vp[b + _u36]
            a0_37 += val * vp[b + _u37]
            a0_38 += val * vp[b + _u38]
            a0_39 += val * vp[b + _u39]
            a0_40 += val * vp[b + _u40]
            a0_41 += val * vp[b + _u41]
            a0_42 += val * vp[b + _u42]
            a0_43 += val * vp[b + _u43]
            a0_44 += val * vp[b + _u44]
            a0_45 += val * vp[b + _u45]
            a0_46 += val * vp[b + _u46]
            a0_47 += val * vp[b + _u47]
            a0_48 += val * vp[b + _u48]
            a0_49 += val * vp[b + _u49]
            a0_50 += val * vp[b + _u50]
            a0_51 += val * vp[b + _u51]
            a0_52 += val * vp[b + _u52]
            a0_53 += val * vp[b + _u53]
            a0_54 += val * vp[b + _u54]
            a0_55 += val * vp[b + _u55]
            a0_56 += val * vp[b + _u56]
            a0_57 += val * vp[b + _u57]
            a0_58 += val * vp[b + _u58]
            a0_59 += val * vp[b + _u59]
            a0_60 += val * vp[b + _u60]
            a0_61 += val * vp[b + _u61]
            a0_62 += val * vp[b + _u62]
            a0_63 += val * vp[b + _u63]
            e += _u1
        mp[mb + _u0] = a0_0
        mp[mb + _u1] = a0_1
        mp[mb + _u2] = a0_2
        mp[mb + _u3] = a0_3
        mp[mb + _u4] = a0_4
        mp[mb + _u5] = a0_5
        mp[mb + _u6] = a0_6
        mp[mb + _u7] = a0_7
        mp[mb + _u8] = a0_8
        mp[mb + _u9] = a0_9
        mp[mb + _u10] = a0_10
        mp[mb + _u11] = a0_11
        mp[mb + _u12] = a0_12
        mp[mb + _u13] = a0_13
        mp[mb + _u14] = a0_14
        mp[mb + _u15] = a0_15
        mp[mb + _u16] = a0_16
        mp[mb + _u17] = a0_17
        mp[mb + _u18] = a0_18
        mp[mb + _u19] = a0_19
        mp[mb + _u20] = a0_20
        mp[mb + _u21] = a0_21
        mp[mb + _u22] = a0_22
        mp[mb + _u23] = a0_23
        mp[mb + _u24] = a0_24
        mp[mb + _u25] = a0_25
        mp[mb + _u26] = a0_26
        mp[mb + _u27] = a0_27
        mp[mb + _u28] = a0_28
        mp[mb + _u29] = a0_29
        mp[mb + _u30] = a0_30
        mp[mb + _u31] = a0_31
        mp[mb + _u32] = a0_32
        mp[mb + _u33] = a0_33
        mp[mb + _u34] = a0_34
        mp[mb + _u35] = a0_35
        mp[mb + _u36] = a0_36
        mp[mb + _u37] = a0_37
        mp[mb + _u38] = a0_38
        mp[mb + _u39] = a0_39
        mp[mb + _u40] = a0_40
        mp[mb + _u41] = a0_41
        mp[mb + _u42] = a0_42
        mp[mb + _u43] = a0_43
        mp[mb + _u44] = a0_44
        mp[mb + _u45] = a0_45
        mp[mb + _u46] = a0_46
        mp[mb + _u47] = a0_47
        mp[mb + _u48] = a0_48
        mp[mb + _u49] = a0_49
        mp[mb + _u50] = a0_50
        mp[mb + _u51] = a0_51
        mp[mb + _u52] = a0_52
        mp[mb + _u53] = a0_53
        mp[mb + _u54] = a0_54
        mp[mb + _u55] = a0_55
        mp[mb + _u56] = a0_56
        mp[mb + _u57] = a0_57
        mp[mb + _u58] = a0_58
        mp[mb + _u59] = a0_59
        mp[mb + _u60] = a0_60
        mp[mb + _u61] = a0_61
        mp[mb + _u62] = a0_62
        mp[mb + _u63] = a0_63


@numba.njit(**_OPTS)
def sparse_rows_64u2(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*64 + t] = sum_e values[e] V[p, indices[e]*64 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (2 nonzeros per step into 2 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero)."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        mb = np.uint64(k - mk0) * _u64
        a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0; a0_16 = _c0_0; a0_17 = _c0_0; a0_18 = _c0_0; a0_19 = _c0_0; a0_20 = _c0_0; a0_21 = _c0_0; a0_22 = _c0_0; a0_23 = _c0_0; a0_24 = _c0_0; a0_25 = _c0_0; a0_26 = _c0_0; a0_27 = _c0_0; a0_28 = _c0_0; a0_29 = _c0_0; a0_30 = _c0_0; a0_31 = _c0_0; a0_32 = _c0_0; a0_33 = _c0_0; a0_34 = _c0_0; a0_35 = _c0_0; a0_36 = _c0_0; a0_37 = _c0_0; a0_38 = _c0_0; a0_39 = _c0_0; a0_40 = _c0_0; a0_41 = _c0_0; a0_42 = _c0_0; a0_43 = _c0_0; a0_44 = _c0_0; a0_45 = _c0_0; a0_46 = _c0_0; a0_47 = _c0_0; a0_48 = _c0_0; a0_49 = _c0_0; a0_50 = _c0_0; a0_51 = _c0_0; a0_52 = _c0_0; a0_53 = _c0_0; a0_54 = _c0_0; a0_55 = _c0_0; a0_56 = _c0_0; a0_57 = _c0_0; a0_58 = _c0_0; a0_59 = _c0_0; a0_60 = _c0_0; a0_61 = _c0_0; a0_62 = _c0_0; a0_63 = _c0_0
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0; a1_32 = _c0_0; a1_33 = _c0_0; a1_34 = _c0_0; a1_35 = _c0_0; a1_36 = _c0_0; a1_37 = _c0_0; a1_38 = _c0_0; a1_39 = _c0_0; a1_40 = _c0_0; a1_41 = _c0_0; a1_42 = _c0_0; a1_43 = _c0_0; a1_44 = _c0_0; a1_45 = _c0_0; a1_46 = _c0_0; a1_47 = _c0_0; a1_48 = _c0_0; a1_49 = _c0_0; a1_50 = _c0_0; a1_51 = _c0_0; a1_52 = _c0_0; a1_53 = _c0_0; a1_54 = _c0_0; a1_55 = _c0_0; a1_56 = _c0_0; a1_57 = _c0_0; a1_58 = _c0_0; a1_59 = _c0_0; a1_60 = _c0_0; a1_61 = _c0_0; a1_62 = _c0_0; a1_63 = _c0_0
        while e + _u2 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u64
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u64
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]
            a0_16 += val0 * vp[b0 + _u16]; a1_16 += val1 * vp[b1 + _u16]
            a0_17 += val0 * vp[b0 + _u17]; a1_17 += val1 * vp[b1 + _u17]
            a0_18 += val0 * vp[b0 + _u18]; a1_18 += val1 * vp[b1 + _u18]
            a0_19 += val0 * vp[b0 + _u19]; a1_19 += val1 * vp[b1 + _u19]
            a0_20 += val0 * vp[b0 + _u20]; a1_20 += val1 * vp[b1 + _u20]
            a0_21 += val0 * vp[b0 + _u21]; a1_21 += val1 * vp[b1 + _u21]
            a0_22 += val0 * vp[b0 + _u22]; a1_22 += val1 * vp[b1 + _u22]
            a0_23 += val0 * vp[b0 + _u23]; a1_23 += val1 * vp[b1 + _u23]
            a0_24 += val0 * vp[b0 + _u24]; a1_24 += val1 * vp[b1 + _u24]
            a0_25 += val0 * vp[b0 + _u25]; a1_25 += val1 * vp[b1 + _u25]
            a0_26 += val0 * vp[b0 + _u26]; a1_26 += val1 * vp[b1 + _u26]
            a0_27 += val0 * vp[b0 + _u27]; a1_27 += val1 * vp[b1 + _u27]
            a0_28 += val0 * vp[b0 + _u28]; a1_28 += val1 * vp[b1 + _u28]
            a0_29 += val0 * vp[b0 + _u29]; a1_29 += val1 * vp[b1 + _u29]
            a0_30 += val0 * vp[b0 + _u30]; a1_30 += val1 * vp[b1 + _u30]
            a0_31 += val0 * vp[b0 + _u31]; a1_31 += val1 * vp[b1 + _u31]
            a0_32 += val0 * vp[b0 + _u32]; a1_32 += val1 * vp[b1 + _u32]
            a0_33 += val0 * vp[b0 + _u33]; a1_33 += val1 * vp[b1 + _u33]
            a0_34 += val0 * vp[b0 + _u34]; a1_34 += val1 * vp[b1 + _u34]
            a0_35 += val0 * vp[b0 + _u35]; a1_35 += val1 * vp[b1 + _u35]
            a0_36 += val0 * vp[b0 + _u36]; a1_36 += val1 * vp[b1 + _u36]
            a0_37 += val0 * vp[b0 + _u37]; a1_37 += val1 * vp[b1 + _u37]
            a0_38 += val0 * vp[b0 + _u38]; a1_38 += val1 * vp[b1 + _u38]
            a0_39 += val0 * vp[b0 + _u39]; a1_39 += val1 * vp[b1 + _u39]
            a0_40 += val0 * vp[b0 + _u40]; a1_40 += val1 * vp[b1 + _u40]
            a0_41 += val0 * vp[b0 + _u41]; a1_41 += val1 * vp[b1 + _u41]
            a0_42 += val0 * vp[b0 + _u42]; a1_42 += val1 * vp[b1 + _u42]
            a0_43 += val0 * vp[b0 + _u43]; a1_43 += val1 * vp[b1 + _u43]
            a0_44 += val0 * vp[b0 + _u44]; a1_44 += val1 * vp[b1 + _u44]
            a0_45 += val0 * vp[b0 + _u45]; a1_45 += val1 * vp[b1 + _u45]
            a0_46 += val0 * vp[b0 + _u46]; a1_46 += val1 * vp[b1 + _u46]
            a0_47 += val0 * vp[b0 + _u47]; a1_47 += val1 * vp[b1 + _u47]
            a0_48 += val0 * vp[b0 + _u48]; a1_48 += val1 * vp[b1 + _u48]
            a0_49 += val0 * vp[b0 + _u49]; a1_49 += val1 * vp[b1 + _u49]
            a0_50 += val0 * vp[b0 + _u50]; a1_50 += val1 * vp[b1 + _u50]
            a0_51 += val0 * vp[b0 + _u51]; a1_51 += val1 * vp[b1 + _u51]
            a0_52 += val0 * vp[b0 + _u52]; a1_52 += val1 * vp[b1 + _u52]
            a0_53 += val0 * vp[b0 + _u53]; a1_53 += val1 * vp[b1 + _u53]
            a0_54 += val0 * vp[b0 + _u54]; a1_54 += val1 * vp[b1 + _u54]
            a0_55 += val0 * vp[b0 + _u55]; a1_55 += val1 * vp[b1 + _u55]
            a0_56 += val0 * vp[b0 + _u56]; a1_56 += val1 * vp[b1 + _u56]
            a0_57 += val0 * vp[b0 + _u57]; a1_57 += val1 * vp[b1 + _u57]
            a0_58 += val0 * vp[b0 + _u58]; a1_58 += val1 * vp[b1 + _u58]
            a0_59 += val0 * vp[b0 + _u59]; a1_59 += val1 * vp[b1 + _u59]
            a0_60 += val0 * vp[b0 + _u60]; a1_60 += val1 * vp[b1 + _u60]
            a0_61 += val0 * vp[b0 + _u61]; a1_61 += val1 * vp[b1 + _u61]
            a0_62 += val0 * vp[b0 + _u62]; a1_62 += val1 * vp[b1 + _u62]
            a0_63 += val0 * vp[b0 + _u63]; a1_63 += val1 * vp[b1 + _u63]
            e += _u2
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u64
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            a0_32 += val * vp[b + _u32]
            a0_33 += val * vp[b + _u33]
            a0_34 += val * vp[b + _u34]
            a0_35 += val * vp[b + _u35]
            a0_36 += val * vp[b + _u36]
            a0_37 += val * vp[b + _u37]
            a0_38 += val * vp[b + _u38]
            a0_39 += val * vp[b + _u39]
            a0_40 += val * vp[b + _u40]
            a0_41 += val * vp[b + _u41]
            a0_42 += val * vp[b + _u42]
            a0_43 += val * vp[b + _u43]
            a0_44 += val * vp[b + _u44]
            a0_45 += val * vp[b + _u45]
            a0_46 += val * vp[b + _u46]
            a0_47 += val * vp[b + _u47]
            a0_48 += val * vp[b + _u48]
            a0_49 += val * vp[b + _u49]
            a0_50 += val * vp[b + _u50]
            a0_51 += val * vp[b + _u51]
            a0_52 += val * vp[b + _u52]
            a0_53 += val * vp[b + _u53]
            a0_54 += val * vp[b + _u54]
            a0_55 += val * vp[b + _u55]
            a0_56 += val * vp[b + _u56]
            a0_57 += val * vp[b + _u57]
            a0_58 += val * vp[b + _u58]
            a0_59 += val * vp[b + _u59]
            a0_60 += val * vp[b + _u60]
            a0_61 += val * vp[b + _u61]
            a0_62 += val * vp[b + _u62]
            a0_63 += val * vp[b + _u63]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0
        mp[mb + _u1] = a0_1 + a1_1
        mp[mb + _u2] = a0_2 + a1_2
        mp[mb + _u3] = a0_3 + a1_3
        mp[mb + _u4] = a0_4 + a1_4
        mp[mb + _u5] = a0_5 + a1_5
        mp[mb + _u6] = a0_6 + a1_6
        mp[mb + _u7] = a0_7 + a1_7
        mp[mb + _u8] = a0_8 + a1_8
        mp[mb + _u9] = a0_9 + a1_9
        mp[mb + _u10] = a0_10 + a1_10
        mp[mb + _u11] = a0_11 + a1_11
        mp[mb + _u12] = a0_12 + a1_12
        mp[mb + _u13] = a0_13 + a1_13
        mp[mb + _u14] = a0_14 + a1_14
        mp[mb + _u15] = a0_15 + a1_15
        mp[mb + _u16] = a0_16 + a1_16
        mp[mb + _u17] = a0_17 + a1_17
        mp[mb + _u18] = a0_18 + a1_18
        mp[mb + _u19] = a0_19 + a1_19
        mp[mb + _u20] = a0_20 + a1_20
        mp[mb + _u21] = a0_21 + a1_21
        mp[mb + _u22] = a0_22 + a1_22
        mp[mb + _u23] = a0_23 + a1_23
        mp[mb + _u24] = a0_24 + a1_24
        mp[mb + _u25] = a0_25 + a1_25
        mp[mb + _u26] = a0_26 + a1_26
        mp[mb + _u27] = a0_27 + a1_27
        mp[mb + _u28] = a0_28 + a1_28
        mp[mb + _u29] = a0_29 + a1_29
        mp[mb + _u30] = a0_30 + a1_30
        mp[mb + _u31] = a0_31 + a1_31
        mp[mb + _u32] = a0_32 + a1_32
        mp[mb + _u33] = a0_33 + a1_33
        mp[mb + _u34] = a0_34 + a1_34
        mp[mb + _u35] = a0_35 + a1_35
        mp[mb + _u36] = a0_36 + a1_36
        mp[mb + _u37] = a0_37 + a1_37
        mp[mb + _u38] = a0_38 + a1_38
        mp[mb + _u39] = a0_39 + a1_39
        mp[mb + _u40] = a0_40 + a1_40
        mp[mb + _u41] = a0_41 + a1_41
        mp[mb + _u42] = a0_42 + a1_42
        mp[mb + _u43] = a0_43 + a1_43
        mp[mb + _u44] = a0_44 + a1_44
        mp[mb + _u45] = a0_45 + a1_45
        mp[mb + _u46] = a0_46 + a1_46
        mp[mb + _u47] = a0_47 + a1_47
        mp[mb + _u48] = a0_48 + a1_48
        mp[mb + _u49] = a0_49 + a1_49
        mp[mb + _u50] = a0_50 + a1_50
        mp[mb + _u51] = a0_51 + a1_51
        mp[mb + _u52] = a0_52 + a1_52
        mp[mb + _u53] = a0_53 + a1_53
        mp[mb + _u54] = a0_54 + a1_54
        mp[mb + _u55] = a0_55 + a1_55
        mp[mb + _u56] = a0_56 + a1_56
        mp[mb + _u57] = a0_57 + a1_57
        mp[mb + _u58] = a0_58 + a1_58
        mp[mb + _u59] = a0_59 + a1_59
        mp[mb + _u60] = a0_60 + a1_60
        mp[mb + _u61] = a0_61 + a1_61
        mp[mb + _u62] = a0_62 + a1_62
        mp[mb + _u63] = a0_63 + a1_63


@numba.njit(**_OPTS)
def sparse_rows_acc_64u2(lo, hi, indices, values, V, M, p, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*64 + t] += sum_e values[e] V[p, indices[e]*64 + t], e in
    [lo[k], hi[k]), for k in [k_lo, k_hi) (2 nonzeros per step into 2 accumulator
    sets; unsigned indices, so no negative-index fix-ups or slice clamping per
    nonzero). Rows without nonzeros are skipped."""
    vp = V[p]
    mp = M[p]
    for k in range(k_lo, k_hi):
        e = np.uint64(lo[k])
        end = np.uint64(hi[k])
        if e == end:
            continue
        mb = np.uint64(k - mk0) * _u64
        a0_0 = mp[mb + _u0]; a0_1 = mp[mb + _u1]; a0_2 = mp[mb + _u2]; a0_3 = mp[mb + _u3]; a0_4 = mp[mb + _u4]; a0_5 = mp[mb + _u5]; a0_6 = mp[mb + _u6]; a0_7 = mp[mb + _u7]; a0_8 = mp[mb + _u8]; a0_9 = mp[mb + _u9]; a0_10 = mp[mb + _u10]; a0_11 = mp[mb + _u11]; a0_12 = mp[mb + _u12]; a0_13 = mp[mb + _u13]; a0_14 = mp[mb + _u14]; a0_15 = mp[mb + _u15]; a0_16 = mp[mb + _u16]; a0_17 = mp[mb + _u17]; a0_18 = mp[mb + _u18]; a0_19 = mp[mb + _u19]; a0_20 = mp[mb + _u20]; a0_21 = mp[mb + _u21]; a0_22 = mp[mb + _u22]; a0_23 = mp[mb + _u23]; a0_24 = mp[mb + _u24]; a0_25 = mp[mb + _u25]; a0_26 = mp[mb + _u26]; a0_27 = mp[mb + _u27]; a0_28 = mp[mb + _u28]; a0_29 = mp[mb + _u29]; a0_30 = mp[mb + _u30]; a0_31 = mp[mb + _u31]; a0_32 = mp[mb + _u32]; a0_33 = mp[mb + _u33]; a0_34 = mp[mb + _u34]; a0_35 = mp[mb + _u35]; a0_36 = mp[mb + _u36]; a0_37 = mp[mb + _u37]; a0_38 = mp[mb + _u38]; a0_39 = mp[mb + _u39]; a0_40 = mp[mb + _u40]; a0_41 = mp[mb + _u41]; a0_42 = mp[mb + _u42]; a0_43 = mp[mb + _u43]; a0_44 = mp[mb + _u44]; a0_45 = mp[mb + _u45]; a0_46 = mp[mb + _u46]; a0_47 = mp[mb + _u47]; a0_48 = mp[mb + _u48]; a0_49 = mp[mb + _u49]; a0_50 = mp[mb + _u50]; a0_51 = mp[mb + _u51]; a0_52 = mp[mb + _u52]; a0_53 = mp[mb + _u53]; a0_54 = mp[mb + _u54]; a0_55 = mp[mb + _u55]; a0_56 = mp[mb + _u56]; a0_57 = mp[mb + _u57]; a0_58 = mp[mb + _u58]; a0_59 = mp[mb + _u59]; a0_60 = mp[mb + _u60]; a0_61 = mp[mb + _u61]; a0_62 = mp[mb + _u62]; a0_63 = mp[mb + _u63]
        a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0; a1_16 = _c0_0; a1_17 = _c0_0; a1_18 = _c0_0; a1_19 = _c0_0; a1_20 = _c0_0; a1_21 = _c0_0; a1_22 = _c0_0; a1_23 = _c0_0; a1_24 = _c0_0; a1_25 = _c0_0; a1_26 = _c0_0; a1_27 = _c0_0; a1_28 = _c0_0; a1_29 = _c0_0; a1_30 = _c0_0; a1_31 = _c0_0; a1_32 = _c0_0; a1_33 = _c0_0; a1_34 = _c0_0; a1_35 = _c0_0; a1_36 = _c0_0; a1_37 = _c0_0; a1_38 = _c0_0; a1_39 = _c0_0; a1_40 = _c0_0; a1_41 = _c0_0; a1_42 = _c0_0; a1_43 = _c0_0; a1_44 = _c0_0; a1_45 = _c0_0; a1_46 = _c0_0; a1_47 = _c0_0; a1_48 = _c0_0; a1_49 = _c0_0; a1_50 = _c0_0; a1_51 = _c0_0; a1_52 = _c0_0; a1_53 = _c0_0; a1_54 = _c0_0; a1_55 = _c0_0; a1_56 = _c0_0; a1_57 = _c0_0; a1_58 = _c0_0; a1_59 = _c0_0; a1_60 = _c0_0; a1_61 = _c0_0; a1_62 = _c0_0; a1_63 = _c0_0
        while e + _u2 <= end:
            val0 = values[e + _u0]
            b0 = np.uint64(indices[e + _u0]) * _u64
            val1 = values[e + _u1]
            b1 = np.uint64(indices[e + _u1]) * _u64
            a0_0 += val0 * vp[b0 + _u0]; a1_0 += val1 * vp[b1 + _u0]
            a0_1 += val0 * vp[b0 + _u1]; a1_1 += val1 * vp[b1 + _u1]
            a0_2 += val0 * vp[b0 + _u2]; a1_2 += val1 * vp[b1 + _u2]
            a0_3 += val0 * vp[b0 + _u3]; a1_3 += val1 * vp[b1 + _u3]
            a0_4 += val0 * vp[b0 + _u4]; a1_4 += val1 * vp[b1 + _u4]
            a0_5 += val0 * vp[b0 + _u5]; a1_5 += val1 * vp[b1 + _u5]
            a0_6 += val0 * vp[b0 + _u6]; a1_6 += val1 * vp[b1 + _u6]
            a0_7 += val0 * vp[b0 + _u7]; a1_7 += val1 * vp[b1 + _u7]
            a0_8 += val0 * vp[b0 + _u8]; a1_8 += val1 * vp[b1 + _u8]
            a0_9 += val0 * vp[b0 + _u9]; a1_9 += val1 * vp[b1 + _u9]
            a0_10 += val0 * vp[b0 + _u10]; a1_10 += val1 * vp[b1 + _u10]
            a0_11 += val0 * vp[b0 + _u11]; a1_11 += val1 * vp[b1 + _u11]
            a0_12 += val0 * vp[b0 + _u12]; a1_12 += val1 * vp[b1 + _u12]
            a0_13 += val0 * vp[b0 + _u13]; a1_13 += val1 * vp[b1 + _u13]
            a0_14 += val0 * vp[b0 + _u14]; a1_14 += val1 * vp[b1 + _u14]
            a0_15 += val0 * vp[b0 + _u15]; a1_15 += val1 * vp[b1 + _u15]
            a0_16 += val0 * vp[b0 + _u16]; a1_16 += val1 * vp[b1 + _u16]
            a0_17 += val0 * vp[b0 + _u17]; a1_17 += val1 * vp[b1 + _u17]
            a0_18 += val0 * vp[b0 + _u18]; a1_18 += val1 * vp[b1 + _u18]
            a0_19 += val0 * vp[b0 + _u19]; a1_19 += val1 * vp[b1 + _u19]
            a0_20 += val0 * vp[b0 + _u20]; a1_20 += val1 * vp[b1 + _u20]
            a0_21 += val0 * vp[b0 + _u21]; a1_21 += val1 * vp[b1 + _u21]
            a0_22 += val0 * vp[b0 + _u22]; a1_22 += val1 * vp[b1 + _u22]
            a0_23 += val0 * vp[b0 + _u23]; a1_23 += val1 * vp[b1 + _u23]
            a0_24 += val0 * vp[b0 + _u24]; a1_24 += val1 * vp[b1 + _u24]
            a0_25 += val0 * vp[b0 + _u25]; a1_25 += val1 * vp[b1 + _u25]
            a0_26 += val0 * vp[b0 + _u26]; a1_26 += val1 * vp[b1 + _u26]
            a0_27 += val0 * vp[b0 + _u27]; a1_27 += val1 * vp[b1 + _u27]
            a0_28 += val0 * vp[b0 + _u28]; a1_28 += val1 * vp[b1 + _u28]
            a0_29 += val0 * vp[b0 + _u29]; a1_29 += val1 * vp[b1 + _u29]
            a0_30 += val0 * vp[b0 + _u30]; a1_30 += val1 * vp[b1 + _u30]
            a0_31 += val0 * vp[b0 + _u31]; a1_31 += val1 * vp[b1 + _u31]
            a0_32 += val0 * vp[b0 + _u32]; a1_32 += val1 * vp[b1 + _u32]
            a0_33 += val0 * vp[b0 + _u33]; a1_33 += val1 * vp[b1 + _u33]
            a0_34 += val0 * vp[b0 + _u34]; a1_34 += val1 * vp[b1 + _u34]
            a0_35 += val0 * vp[b0 + _u35]; a1_35 += val1 * vp[b1 + _u35]
            a0_36 += val0 * vp[b0 + _u36]; a1_36 += val1 * vp[b1 + _u36]
            a0_37 += val0 * vp[b0 + _u37]; a1_37 += val1 * vp[b1 + _u37]
            a0_38 += val0 * vp[b0 + _u38]; a1_38 += val1 * vp[b1 + _u38]
            a0_39 += val0 * vp[b0 + _u39]; a1_39 += val1 * vp[b1 + _u39]
            a0_40 += val0 * vp[b0 + _u40]; a1_40 += val1 * vp[b1 + _u40]
            a0_41 += val0 * vp[b0 + _u41]; a1_41 += val1 * vp[b1 + _u41]
            a0_42 += val0 * vp[b0 + _u42]; a1_42 += val1 * vp[b1 + _u42]
            a0_43 += val0 * vp[b0 + _u43]; a1_43 += val1 * vp[b1 + _u43]
            a0_44 += val0 * vp[b0 + _u44]; a1_44 += val1 * vp[b1 + _u44]
            a0_45 += val0 * vp[b0 + _u45]; a1_45 += val1 * vp[b1 + _u45]
            a0_46 += val0 * vp[b0 + _u46]; a1_46 += val1 * vp[b1 + _u46]
            a0_47 += val0 * vp[b0 + _u47]; a1_47 += val1 * vp[b1 + _u47]
            a0_48 += val0 * vp[b0 + _u48]; a1_48 += val1 * vp[b1 + _u48]
            a0_49 += val0 * vp[b0 + _u49]; a1_49 += val1 * vp[b1 + _u49]
            a0_50 += val0 * vp[b0 + _u50]; a1_50 += val1 * vp[b1 + _u50]
            a0_51 += val0 * vp[b0 + _u51]; a1_51 += val1 * vp[b1 + _u51]
            a0_52 += val0 * vp[b0 + _u52]; a1_52 += val1 * vp[b1 + _u52]
            a0_53 += val0 * vp[b0 + _u53]; a1_53 += val1 * vp[b1 + _u53]
            a0_54 += val0 * vp[b0 + _u54]; a1_54 += val1 * vp[b1 + _u54]
            a0_55 += val0 * vp[b0 + _u55]; a1_55 += val1 * vp[b1 + _u55]
            a0_56 += val0 * vp[b0 + _u56]; a1_56 += val1 * vp[b1 + _u56]
            a0_57 += val0 * vp[b0 + _u57]; a1_57 += val1 * vp[b1 + _u57]
            a0_58 += val0 * vp[b0 + _u58]; a1_58 += val1 * vp[b1 + _u58]
            a0_59 += val0 * vp[b0 + _u59]; a1_59 += val1 * vp[b1 + _u59]
            a0_60 += val0 * vp[b0 + _u60]; a1_60 += val1 * vp[b1 + _u60]
            a0_61 += val0 * vp[b0 + _u61]; a1_61 += val1 * vp[b1 + _u61]
            a0_62 += val0 * vp[b0 + _u62]; a1_62 += val1 * vp[b1 + _u62]
            a0_63 += val0 * vp[b0 + _u63]; a1_63 += val1 * vp[b1 + _u63]
            e += _u2
        while e < end:
            val = values[e]
            b = np.uint64(indices[e]) * _u64
            a0_0 += val * vp[b + _u0]
            a0_1 += val * vp[b + _u1]
            a0_2 += val * vp[b + _u2]
            a0_3 += val * vp[b + _u3]
            a0_4 += val * vp[b + _u4]
            a0_5 += val * vp[b + _u5]
            a0_6 += val * vp[b + _u6]
            a0_7 += val * vp[b + _u7]
            a0_8 += val * vp[b + _u8]
            a0_9 += val * vp[b + _u9]
            a0_10 += val * vp[b + _u10]
            a0_11 += val * vp[b + _u11]
            a0_12 += val * vp[b + _u12]
            a0_13 += val * vp[b + _u13]
            a0_14 += val * vp[b + _u14]
            a0_15 += val * vp[b + _u15]
            a0_16 += val * vp[b + _u16]
            a0_17 += val * vp[b + _u17]
            a0_18 += val * vp[b + _u18]
            a0_19 += val * vp[b + _u19]
            a0_20 += val * vp[b + _u20]
            a0_21 += val * vp[b + _u21]
            a0_22 += val * vp[b + _u22]
            a0_23 += val * vp[b + _u23]
            a0_24 += val * vp[b + _u24]
            a0_25 += val * vp[b + _u25]
            a0_26 += val * vp[b + _u26]
            a0_27 += val * vp[b + _u27]
            a0_28 += val * vp[b + _u28]
            a0_29 += val * vp[b + _u29]
            a0_30 += val * vp[b + _u30]
            a0_31 += val * vp[b + _u31]
            a0_32 += val * vp[b + _u32]
            a0_33 += val * vp[b + _u33]
            a0_34 += val * vp[b + _u34]
            a0_35 += val * vp[b + _u35]
            a0_36 += val * vp[b + _u36]
            a0_37 += val * vp[b + _u37]
            a0_38 += val * vp[b + _u38]
            a0_39 += val * vp[b + _u39]
            a0_40 += val * vp[b + _u40]
            a0_41 += val * vp[b + _u41]
            a0_42 += val * vp[b + _u42]
            a0_43 += val * vp[b + _u43]
            a0_44 += val * vp[b + _u44]
            a0_45 += val * vp[b + _u45]
            a0_46 += val * vp[b + _u46]
            a0_47 += val * vp[b + _u47]
            a0_48 += val * vp[b + _u48]
            a0_49 += val * vp[b + _u49]
            a0_50 += val * vp[b + _u50]
            a0_51 += val * vp[b + _u51]
            a0_52 += val * vp[b + _u52]
            a0_53 += val * vp[b + _u53]
            a0_54 += val * vp[b + _u54]
            a0_55 += val * vp[b + _u55]
            a0_56 += val * vp[b + _u56]
            a0_57 += val * vp[b + _u57]
            a0_58 += val * vp[b + _u58]
            a0_59 += val * vp[b + _u59]
            a0_60 += val * vp[b + _u60]
            a0_61 += val * vp[b + _u61]
            a0_62 += val * vp[b + _u62]
            a0_63 += val * vp[b + _u63]
            e += _u1
        mp[mb + _u0] = a0_0 + a1_0
        mp[mb + _u1] = a0_1 + a1_1
        mp[mb + _u2] = a0_2 + a1_2
        mp[mb + _u3] = a0_3 + a1_3
        mp[mb + _u4] = a0_4 + a1_4
        mp[mb + _u5] = a0_5 + a1_5
        mp[mb + _u6] = a0_6 + a1_6
        mp[mb + _u7] = a0_7 + a1_7
        mp[mb + _u8] = a0_8 + a1_8
        mp[mb + _u9] = a0_9 + a1_9
        mp[mb + _u10] = a0_10 + a1_10
        mp[mb + _u11] = a0_11 + a1_11
        mp[mb + _u12] = a0_12 + a1_12
        mp[mb + _u13] = a0_13 + a1_13
        mp[mb + _u14] = a0_14 + a1_14
        mp[mb + _u15] = a0_15 + a1_15
        mp[mb + _u16] = a0_16 + a1_16
        mp[mb + _u17] = a0_17 + a1_17
        mp[mb + _u18] = a0_18 + a1_18
        mp[mb + _u19] = a0_19 + a1_19
        mp[mb + _u20] = a0_20 + a1_20
        mp[mb + _u21] = a0_21 + a1_21
        mp[mb + _u22] = a0_22 + a1_22
        mp[mb + _u23] = a0_23 + a1_23
        mp[mb + _u24] = a0_24 + a1_24
        mp[mb + _u25] = a0_25 + a1_25
        mp[mb + _u26] = a0_26 + a1_26
        mp[mb + _u27] = a0_27 + a1_27
        mp[mb + _u28] = a0_28 + a1_28
        mp[mb + _u29] = a0_29 + a1_29
        mp[mb + _u30] = a0_30 + a1_30
        mp[mb + _u31] = a0_31 + a1_31
        mp[mb + _u32] = a0_32 + a1_32
        mp[mb + _u33] = a0_33 + a1_33
        mp[mb + _u34] = a0_34 + a1_34
        mp[mb + _u35] = a0_35 + a1_35
        mp[mb + _u36] = a0_36 + a1_36
        mp[mb + _u37] = a0_37 + a1_37
        mp[mb + _u38] = a0_38 + a1_38
        mp[mb + _u39] = a0_39 + a1_39
        mp[mb + _u40] = a0_40 + a1_40
        mp[mb + _u41] = a0_41 + a1_41
        mp[mb + _u42] = a0_42 + a1_42
        mp[mb + _u43] = a0_43 + a1_43
        mp[mb + _u44] = a0_44 + a1_44
        mp[mb + _u45] = a0_45 + a1_45
        mp[mb + _u46] = a0_46 + a1_46
        mp[mb + _u47] = a0_47 + a1_47
        mp[mb + _u48] = a0_48 + a1_48
        mp[mb + _u49] = a0_49 + a1_49
        mp[mb + _u50] = a0_50 + a1_50
        mp[mb + _u51] = a0_51 + a1_51
        mp[mb + _u52] = a0_52 + a1_52
        mp[mb + _u53] = a0_53 + a1_53
        mp[mb + _u54] = a0_54 + a1_54
        mp[mb + _u55] = a0_55 + a1_55
        mp[mb + _u56] = a0_56 + a1_56
        mp[mb + _u57] = a0_57 + a1_57
        mp[mb + _u58] = a0_58 + a1_58
        mp[mb + _u59] = a0_59 + a1_59
        mp[mb + _u60] = a0_60 + a1_60
        mp[mb + _u61] = a0_61 + a1_61
        mp[mb + _u62] = a0_62 + a1_62
        mp[mb + _u63] = a0_63 + a1_63


@numba.njit(**_OPTS)
def dense_micro_4x16_of(u, k, V, M, p, cg, mk, tb, t0):
    """M[p, (mk+r)*tb + t0 + t] = sum_c u[k+r, c] V[p, c*tb + t0 + t], r < 4, t < 16."""
    vp = V[p]
    mp = M[p]
    a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0; a0_8 = _c0_0; a0_9 = _c0_0; a0_10 = _c0_0; a0_11 = _c0_0; a0_12 = _c0_0; a0_13 = _c0_0; a0_14 = _c0_0; a0_15 = _c0_0
    a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0; a1_8 = _c0_0; a1_9 = _c0_0; a1_10 = _c0_0; a1_11 = _c0_0; a1_12 = _c0_0; a1_13 = _c0_0; a1_14 = _c0_0; a1_15 = _c0_0
    a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0; a2_8 = _c0_0; a2_9 = _c0_0; a2_10 = _c0_0; a2_11 = _c0_0; a2_12 = _c0_0; a2_13 = _c0_0; a2_14 = _c0_0; a2_15 = _c0_0
    a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0; a3_8 = _c0_0; a3_9 = _c0_0; a3_10 = _c0_0; a3_11 = _c0_0; a3_12 = _c0_0; a3_13 = _c0_0; a3_14 = _c0_0; a3_15 = _c0_0
    for c in range(cg):
        vs = vp[c * tb + t0:c * tb + t0 + 16]
        u0 = u[k + 0, c]; u1 = u[k + 1, c]; u2 = u[k + 2, c]; u3 = u[k + 3, c]
        v = vs[0]
        a0_0 += u0 * v; a1_0 += u1 * v; a2_0 += u2 * v; a3_0 += u3 * v
        v = vs[1]
        a0_1 += u0 * v; a1_1 += u1 * v; a2_1 += u2 * v; a3_1 += u3 * v
        v = vs[2]
        a0_2 += u0 * v; a1_2 += u1 * v; a2_2 += u2 * v; a3_2 += u3 * v
        v = vs[3]
        a0_3 += u0 * v; a1_3 += u1 * v; a2_3 += u2 * v; a3_3 += u3 * v
        v = vs[4]
        a0_4 += u0 * v; a1_4 += u1 * v; a2_4 += u2 * v; a3_4 += u3 * v
        v = vs[5]
        a0_5 += u0 * v; a1_5 += u1 * v; a2_5 += u2 * v; a3_5 += u3 * v
        v = vs[6]
        a0_6 += u0 * v; a1_6 += u1 * v; a2_6 += u2 * v; a3_6 += u3 * v
        v = vs[7]
        a0_7 += u0 * v; a1_7 += u1 * v; a2_7 += u2 * v; a3_7 += u3 * v
        v = vs[8]
        a0_8 += u0 * v; a1_8 += u1 * v; a2_8 += u2 * v; a3_8 += u3 * v
        v = vs[9]
        a0_9 += u0 * v; a1_9 += u1 * v; a2_9 += u2 * v; a3_9 += u3 * v
        v = vs[10]
        a0_10 += u0 * v; a1_10 += u1 * v; a2_10 += u2 * v; a3_10 += u3 * v
        v = vs[11]
        a0_11 += u0 * v; a1_11 += u1 * v; a2_11 += u2 * v; a3_11 += u3 * v
        v = vs[12]
        a0_12 += u0 * v; a1_12 += u1 * v; a2_12 += u2 * v; a3_12 += u3 * v
        v = vs[13]
        a0_13 += u0 * v; a1_13 += u1 * v; a2_13 += u2 * v; a3_13 += u3 * v
        v = vs[14]
        a0_14 += u0 * v; a1_14 += u1 * v; a2_14 += u2 * v; a3_14 += u3 * v
        v = vs[15]
        a0_15 += u0 * v; a1_15 += u1 * v; a2_15 += u2 * v; a3_15 += u3 * v
    mo = mp[(mk + 0) * tb + t0:(mk + 0) * tb + t0 + 16]
    mo[0] = a0_0; mo[1] = a0_1; mo[2] = a0_2; mo[3] = a0_3; mo[4] = a0_4; mo[5] = a0_5; mo[6] = a0_6; mo[7] = a0_7; mo[8] = a0_8; mo[9] = a0_9; mo[10] = a0_10; mo[11] = a0_11; mo[12] = a0_12; mo[13] = a0_13; mo[14] = a0_14; mo[15] = a0_15
    mo = mp[(mk + 1) * tb + t0:(mk + 1) * tb + t0 + 16]
    mo[0] = a1_0; mo[1] = a1_1; mo[2] = a1_2; mo[3] = a1_3; mo[4] = a1_4; mo[5] = a1_5; mo[6] = a1_6; mo[7] = a1_7; mo[8] = a1_8; mo[9] = a1_9; mo[10] = a1_10; mo[11] = a1_11; mo[12] = a1_12; mo[13] = a1_13; mo[14] = a1_14; mo[15] = a1_15
    mo = mp[(mk + 2) * tb + t0:(mk + 2) * tb + t0 + 16]
    mo[0] = a2_0; mo[1] = a2_1; mo[2] = a2_2; mo[3] = a2_3; mo[4] = a2_4; mo[5] = a2_5; mo[6] = a2_6; mo[7] = a2_7; mo[8] = a2_8; mo[9] = a2_9; mo[10] = a2_10; mo[11] = a2_11; mo[12] = a2_12; mo[13] = a2_13; mo[14] = a2_14; mo[15] = a2_15
    mo = mp[(mk + 3) * tb + t0:(mk + 3) * tb + t0 + 16]
    mo[0] = a3_0; mo[1] = a3_1; mo[2] = a3_2; mo[3] = a3_3; mo[4] = a3_4; mo[5] = a3_5; mo[6] = a3_6; mo[7] = a3_7; mo[8] = a3_8; mo[9] = a3_9; mo[10] = a3_10; mo[11] = a3_11; mo[12] = a3_12; mo[13] = a3_13; mo[14] = a3_14; mo[15] = a3_15


@numba.njit(**_OPTS)
def dense_micro_4x8_of(u, k, V, M, p, cg, mk, tb, t0):
    """M[p, (mk+r)*tb + t0 + t] = sum_c u[k+r, c] V[p, c*tb + t0 + t], r < 4, t < 8."""
    vp = V[p]
    mp = M[p]
    a0_0 = _c0_0; a0_1 = _c0_0; a0_2 = _c0_0; a0_3 = _c0_0; a0_4 = _c0_0; a0_5 = _c0_0; a0_6 = _c0_0; a0_7 = _c0_0
    a1_0 = _c0_0; a1_1 = _c0_0; a1_2 = _c0_0; a1_3 = _c0_0; a1_4 = _c0_0; a1_5 = _c0_0; a1_6 = _c0_0; a1_7 = _c0_0
    a2_0 = _c0_0; a2_1 = _c0_0; a2_2 = _c0_0; a2_3 = _c0_0; a2_4 = _c0_0; a2_5 = _c0_0; a2_6 = _c0_0; a2_7 = _c0_0
    a3_0 = _c0_0; a3_1 = _c0_0; a3_2 = _c0_0; a3_3 = _c0_0; a3_4 = _c0_0; a3_5 = _c0_0; a3_6 = _c0_0; a3_7 = _c0_0
    for c in range(cg):
        vs = vp[c * tb + t0:c * tb + t0 + 8]
        u0 = u[k + 0, c]; u1 = u[k + 1, c]; u2 = u[k + 2, c]; u3 = u[k + 3, c]
        v = vs[0]
        a0_0 += u0 * v; a1_0 += u1 * v; a2_0 += u2 * v; a3_0 += u3 * v
        v = vs[1]
        a0_1 += u0 * v; a1_1 += u1 * v; a2_1 += u2 * v; a3_1 += u3 * v
        v = vs[2]
        a0_2 += u0 * v; a1_2 += u1 * v; a2_2 += u2 * v; a3_2 += u3 * v
        v = vs[3]
        a0_3 += u0 * v; a1_3 += u1 * v; a2_3 += u2 * v; a3_3 += u3 * v
        v = vs[4]
        a0_4 += u0 * v; a1_4 += u1 * v; a2_4 += u2 * v; a3_4 += u3 * v
        v = vs[5]
        a0_5 += u0 * v; a1_5 += u1 * v; a2_5 += u2 * v; a3_5 += u3 * v
        v = vs[6]
        a0_6 += u0 * v; a1_6 += u1 * v; a2_6 += u2 * v; a3_6 += u3 * v
        v = vs[7]
        a0_7 += u0 * v; a1_7 += u1 * v; a2_7 += u2 * v; a3_7 += u3 * v
    mo = mp[(mk + 0) * tb + t0:(mk + 0) * tb + t0 + 8]
    mo[0] = a0_0; mo[1] = a0_1; mo[2] = a0_2; mo[3] = a0_3; mo[4] = a0_4; mo[5] = a0_5; mo[6] = a0_6; mo[7] = a0_7
    mo = mp[(mk + 1) * tb + t0:(mk + 1) * tb + t0 + 8]
    mo[0] = a1_0; mo[1] = a1_1; mo[2] = a1_2; mo[3] = a1_3; mo[4] = a1_4; mo[5] = a1_5; mo[6] = a1_6; mo[7] = a1_7
    mo = mp[(mk + 2) * tb + t0:(mk + 2) * tb + t0 + 8]
    mo[0] = a2_0; mo[1] = a2_1; mo[2] = a2_2; mo[3] = a2_3; mo[4] = a2_4; mo[5] = a2_5; mo[6] = a2_6; mo[7] = a2_7
    mo = mp[(mk + 3) * tb + t0:(mk + 3) * tb + t0 + 8]
    mo[0] = a3_0; mo[1] = a3_1; mo[2] = a3_2; mo[3] = a3_3; mo[4] = a3_4; mo[5] = a3_5; mo[6] = a3_6; mo[7] = a3_7
