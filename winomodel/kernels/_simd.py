"""Hand-built LLVM IR for data movement Numba cannot express: transposing gathers and
scatters of 16 Winograd tiles, and prefetches.

Why
---
The Winograd input transform works on 16 tiles at a time, one tile per vector lane,
so it needs, for every one of the alpha x alpha positions of a tile, a 16-lane vector
holding that position of 16 different tiles.  Written in Numba that is a loop of
scalar loads and stores into a staging buffer (LLVM's cost model rightly refuses
hardware gathers: ``vgatherdps`` measured 5 ns per 16 lanes on Zen 5, slower than the
scalar copy).  The scalar copy was 70 % of the transform: 576 loads and 576 stores per
16 tiles of a 6 x 6 tile, about one store per cycle.

A tile's row is contiguous in memory, so the same data arrives in 16 short vector loads
(one alpha-wide row per tile) followed by an in-register transpose: log2 stages of
two-input shuffles (``vpermt2ps``), then alpha full-width stores.  For alpha = 6 that
is 16 masked loads, 28 shuffles and 6 stores per tile row instead of 96 scalar loads
and 96 stores; the whole F(4x4, 3x3) input transform went from 230 to 94 ns per
16 tiles and channel (Zen 5, single thread).

The output transform's inverse, :func:`make_tile_scatter`, transposes 16 output tiles
back into rows and stores each with one vector store (1.17-1.28x on the output
transform): plain stores where all 16 tiles are whole, masked ones that also crop border
tiles otherwise.  :func:`make_tile_prefetch` prefetches the
rows of a later channel: the transforms walk channel planes far apart, and from DRAM
their misses were serviced one short burst at a time.

``llvmlite`` builds the IR; LLVM lowers the shuffles, masked loads and stores for
whatever CPU it targets (on machines without AVX-512 they become several narrower
instructions, still correct; prefetches are hints and may vanish).
"""

from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.core.errors import TypingError
from numba.extending import intrinsic

from ..machine.isa import current as _current_isa

#: tiles handled by one call: one float32 zmm register's lanes
LANES = 16

#: lanes whose rows :func:`make_tile_prefetch` prefetches: neighbouring tiles of a tile
#: row start 2-6 floats apart, so every 4th lane's row start (and the last lane's,
#: whose row may reach into one more line) covers their lines with a quarter of the
#: prefetch instructions (one per lane slowed L3-resident layers by up to 20 %)
PREFETCH_LANES = (0, 4, 8, 12, 15)

_I1 = ir.IntType(1)
_I32 = ir.IntType(32)
_I64 = ir.IntType(64)
_F32 = ir.FloatType()


def _row_width(alpha: int) -> int:
    """Vector width a row of ``alpha`` floats is loaded into (a power of two dividing 16)."""
    for width in (2, 4, 8, 16):
        if alpha <= width:
            return width
    raise ValueError(f"rows of {alpha} floats do not fit one 16-lane vector")


def network_lanes(width: int) -> int:
    """Tiles one shuffle network of a gather or scatter moves: the machine's fp32 vector
    lanes (the 16 tiles of a call in groups of that many), at least a row's ``width``, at most
    :data:`LANES`.  Networks over 16-lane vectors on an 8-lane ISA were lowered into several
    narrower shuffles each: in AVX2, networks of 8 tiles ran the input transforms of F(2, r)
    1.23-1.35x faster, of F(6, r) 1.10-1.15x, of F(4, r) 0.98-1.08x, the output transforms
    0.98-1.12x (one Zen 4 core, both built in one process, two runs: ``python
    benchmarks/winograd_transforms.py``); 4-lane ISAs unmeasured."""
    return min(LANES, max(width, _current_isa().f32_lanes))


def transpose_plan(alpha: int, lanes: int = LANES):
    """The shuffle network of :func:`make_row_gather`, as lane labels.

    Returns ``(concat_stages, transpose_stages)``: lists of stages; each stage is a
    list of ``(left, right, labels)`` where ``left``/``right`` index the previous
    stage's vectors and ``labels`` lists, lane by lane, the ``(tile, column)`` the
    output lane holds.  The inputs are ``lanes`` row vectors of ``_row_width(alpha)``
    lanes, vector ``L`` holding ``(L, j)`` in lane ``j``.  The last stage's vectors are
    the columns ``j < alpha`` in order, lane ``L`` of column ``j`` holding ``(L, j)``.

    Pure Python (no IR) so the network can be unit-tested and counted.
    """
    width = _row_width(alpha)
    vecs = [[(t, j) for j in range(width)] for t in range(lanes)]
    concat = []
    # concatenate neighbouring rows until every vector has `lanes` lanes
    while len(vecs[0]) < lanes:
        stage = [(2 * k, 2 * k + 1, vecs[2 * k] + vecs[2 * k + 1]) for k in range(len(vecs) // 2)]
        concat.append(stage)
        vecs = [labels for _, _, labels in stage]
    transpose = []
    # each vector now holds a set of tiles x a set of columns; a pair with the same
    # columns and neighbouring tiles becomes two vectors with twice the tiles and half
    # the columns, until one column is left per vector
    while len({j for _, j in vecs[0]}) > 1:
        stage = []
        for k in range(0, len(vecs), 2):
            left, right = vecs[k], vecs[k + 1]
            cols = sorted({j for _, j in left})
            tiles = sorted({t for t, _ in left} | {t for t, _ in right})
            half = len(cols) // 2
            for part in (cols[:half], cols[half:]):
                if len(part) == 1 and part[0] >= alpha:
                    continue  # a padding column nobody reads
                stage.append((k, k + 1, [(t, j) for j in part for t in tiles]))
        # vectors of the same columns next to each other, in tile order
        stage.sort(key=lambda s: (min(j for _, j in s[2]), min(t for t, _ in s[2])))
        transpose.append(stage)
        vecs = [labels for _, _, labels in stage]
    return concat, transpose


def _check_arrays(name: str, *typed):
    """Refuse, at compile time, argument types the raw pointer arithmetic cannot serve:
    ``typed`` holds (Numba type, dtype) pairs that must be 1-D unit-stride arrays."""
    for arr, dtype in typed:
        if not (isinstance(arr, types.Array) and arr.ndim == 1 and arr.layout == "C"
                and arr.dtype == dtype):
            raise TypingError(f"{name} needs 1-D C-contiguous {dtype} arrays, got {arr}")


def _llvm_intrinsic(builder, name: str, fnty: ir.FunctionType) -> ir.Function:
    """The declaration of LLVM intrinsic ``name`` in the function's module (made once)."""
    fn = builder.module.globals.get(name)
    return fn if fn is not None else ir.Function(builder.module, fnty, name=name)


def _shuffle(builder, left, right, labels):
    (lv, ll), (rv, rl) = left, right
    mask = [ll.index(lab) if lab in ll else len(ll) + rl.index(lab) for lab in labels]
    return builder.shuffle_vector(lv, rv, ir.Constant(ir.VectorType(_I32, len(mask)), mask)), labels


def _masked_load(builder, ptr, width, alpha):
    """Load ``alpha`` floats at ``ptr`` into a ``width``-lane vector (the rest zero)
    without touching memory past them."""
    vec = ir.VectorType(_F32, width)
    ptr = builder.bitcast(ptr, vec.as_pointer())
    if alpha == width:
        return builder.load(ptr, align=4)
    fn = _llvm_intrinsic(builder, f"llvm.masked.load.v{width}f32.p0",
                         ir.FunctionType(vec, [vec.as_pointer(), _I32, ir.VectorType(_I1, width), vec]))
    mask = ir.Constant(ir.VectorType(_I1, width), [1] * alpha + [0] * (width - alpha))
    return builder.call(fn, [ptr, ir.Constant(_I32, 4), mask, ir.Constant(vec, [0.0] * width)])


def make_row_gather(alpha: int, group: int = 0):
    """A Numba intrinsic ``gather_rows(src, off, t0, row, dst, pos)`` (returns None).

    For ``L < 16`` and ``j < alpha``: ``dst[pos + j*16 + L] = src[off[t0 + L] + row + j]``,
    i.e. row ``row`` of 16 tiles (their top-left corners at ``src[off[t0 + L]]``),
    transposed so that column ``j`` of all 16 tiles is one 16-float run of ``dst``.

    ``src``, ``dst``: 1-D float32 C-contiguous arrays; ``off``: 1-D uint64 array with
    16 entries from ``t0``; ``row``: uint64; ``t0``, ``pos``: integers.  No bounds
    checks: the caller guarantees every read ``src[off[t0 + L] + row + j]`` (j < alpha)
    and every written float is inside its array; nothing outside them is read.  The 16
    tiles go through shuffle networks of ``group`` tiles each (default
    :func:`network_lanes`).
    """
    width = _row_width(alpha)
    group = group or network_lanes(width)
    concat, transpose = transpose_plan(alpha, group)

    @intrinsic
    def gather_rows(typingctx, src, off, t0, row, dst, pos):
        _check_arrays(f"gather_rows_{alpha}", (src, types.float32), (dst, types.float32),
                      (off, types.uint64))
        sig = types.void(src, off, t0, row, dst, pos)

        def codegen(context, builder, signature, args):
            src_v, off_v, t0_v, row_v, dst_v, pos_v = args
            src_a = context.make_array(signature.args[0])(context, builder, src_v)
            off_a = context.make_array(signature.args[1])(context, builder, off_v)
            dst_a = context.make_array(signature.args[4])(context, builder, dst_v)
            t0_i = context.cast(builder, t0_v, signature.args[2], types.int64)
            row_i = context.cast(builder, row_v, signature.args[3], types.uint64)
            pos_i = context.cast(builder, pos_v, signature.args[5], types.int64)
            part = ir.VectorType(_F32, group)
            for g0 in range(0, LANES, group):   # one network per group of tiles
                vecs = []
                for lane in range(group):
                    at = builder.add(t0_i, ir.Constant(_I64, g0 + lane))
                    corner = builder.load(builder.gep(off_a.data, [at]))
                    ptr = builder.gep(src_a.data, [builder.add(corner, row_i)])
                    vecs.append((_masked_load(builder, ptr, width, alpha),
                                 [(lane, j) for j in range(width)]))
                for stage in concat + transpose:
                    vecs = [_shuffle(builder, vecs[a], vecs[b], labels) for a, b, labels in stage]
                for j, (vec, labels) in enumerate(vecs):
                    at = builder.add(pos_i, ir.Constant(_I64, j * LANES + g0))
                    ptr = builder.bitcast(builder.gep(dst_a.data, [at]), part.as_pointer())
                    builder.store(vec, ptr, align=4)
            return context.get_dummy_value()

        return sig, codegen

    return gather_rows



def untranspose_plan(m: int, lanes: int = LANES):
    """The shuffle network of :func:`make_row_scatter`, as lane labels.

    The inputs are ``width = _row_width(m)`` column vectors of ``lanes`` lanes, vector
    ``j`` holding ``(L, j)`` in lane ``L`` (columns ``j >= m`` are zero padding).  Each
    stage is a list of ``(left, right, labels)`` as in :func:`transpose_plan`; a stage
    merges pairs of vectors with the same tiles and neighbouring column sets into two
    vectors of half the tiles each.  In the last stage's vectors, lanes
    ``k*width .. (k+1)*width - 1`` hold one tile's row ``(t, 0) .. (t, width - 1)``."""
    width = _row_width(m)
    vecs = [[(t, j) for t in range(lanes)] for j in range(width)]
    stages = []
    span = 1  # columns per vector
    while span < width:
        stage = []
        for k in range(0, len(vecs), 2 * span):
            for q in range(span):
                left, right = vecs[k + q], vecs[k + q + span]
                cols = sorted({j for _, j in left} | {j for _, j in right})
                tiles = sorted({t for t, _ in left})
                half = len(tiles) // 2
                for part in (tiles[:half], tiles[half:]):
                    stage.append((k + q, k + q + span, [(t, j) for t in part for j in cols]))
        # keep vectors ordered by (first column, first tile) so the next stage's
        # partners are `span` apart again
        order = sorted(range(len(stage)), key=lambda i: (min(j for _, j in stage[i][2]),
                                                         min(t for t, _ in stage[i][2])))
        stage = [stage[i] for i in order]
        stages.append(stage)
        vecs = [labels for _, _, labels in stage]
        span *= 2
    return stages


def _pieces(n: int):
    """``n`` as descending powers of two (6 -> 4, 2): the plain stores that write exactly
    ``n`` consecutive floats."""
    return [1 << b for b in range(n.bit_length() - 1, -1, -1) if n >> b & 1]


def _plain_store(builder, row, ptr, n):
    """The first ``n`` lanes of vector ``row`` stored at ``ptr`` by plain stores (one per
    power-of-two piece), nothing past them."""
    at = 0
    for size in _pieces(n):
        chunk = builder.shuffle_vector(row, row, ir.Constant(ir.VectorType(_I32, size),
                                                             list(range(at, at + size))))
        dst = builder.bitcast(builder.gep(ptr, [ir.Constant(_I64, at)]), chunk.type.as_pointer())
        builder.store(chunk, dst, align=4)
        at += size


def _masked_store(builder, vec, ptr, mask):
    width = vec.type.count
    fn = _llvm_intrinsic(builder, f"llvm.masked.store.v{width}f32.p0",
                         ir.FunctionType(ir.VoidType(), [vec.type, vec.type.as_pointer(), _I32,
                                                         ir.VectorType(_I1, width)]))
    builder.call(fn, [vec, builder.bitcast(ptr, vec.type.as_pointer()), ir.Constant(_I32, 4), mask])


def make_tile_scatter(m: int, plain_interior: bool = True, group: int = 0):
    """A Numba intrinsic ``scatter_tiles(src, pos, dst, obase, t0, base, row_pitch, rows,
    cols, n_valid)`` (returns None), the inverse of :func:`make_row_gather` with cropping.

    For ``L < n_valid`` (at most 16), ``t = t0 + L``, ``i < min(m, rows[t])`` and
    ``j < min(m, cols[t])``: ``dst[obase[t] + base + i*row_pitch + j] =
    src[pos + (i*m + j)*16 + L]``, i.e. 16 m x m output tiles, held position by position
    in ``src``, stored row by row with masked vector stores (border tiles cropped,
    nothing else written).  ``plain_interior``: a call whose 16 lanes are all valid,
    whole m x m tiles stores its rows with plain stores instead (False: masked stores
    only, as before; for tests and benchmarks).  Masked stores are dear even where the ISA has them: the F(4, 3)
    output transform took 118-127 ns per 16 tiles and channel with masked row stores and
    81-86 with plain ones on a Zen 4 core natively (AVX-512), 211-217 and 97-100 in AVX2
    (``vmaskmovps``); NEON has none (LLVM stores lane by lane).  Hence one branch per
    call, and masked stores only for calls with a border tile or an idle lane.  The 16
    tiles go through shuffle networks of ``group`` tiles each (default :func:`network_lanes`).

    ``src``, ``dst``: 1-D float32 C-contiguous; ``obase``: 1-D uint64; ``rows``, ``cols``:
    1-D int64 with 16 readable entries from ``t0``; ``base``, ``row_pitch``: uint64; the
    rest integers.  No bounds checks: the caller guarantees the stored positions are
    inside ``dst``.
    """
    width = _row_width(m)
    group = group or network_lanes(width)
    stages = untranspose_plan(m, group)

    @intrinsic
    def scatter_tiles(typingctx, src, pos, dst, obase, t0, base, row_pitch, rows, cols, n_valid):
        _check_arrays(f"scatter_tiles_{m}", (src, types.float32), (dst, types.float32),
                      (obase, types.uint64), (rows, types.int64), (cols, types.int64))
        sig = types.void(src, pos, dst, obase, t0, base, row_pitch, rows, cols, n_valid)

        def codegen(context, builder, signature, args):
            a = signature.args
            src_a = context.make_array(a[0])(context, builder, args[0])
            dst_a = context.make_array(a[2])(context, builder, args[2])
            obase_a = context.make_array(a[3])(context, builder, args[3])
            rows_a = context.make_array(a[7])(context, builder, args[7])
            cols_a = context.make_array(a[8])(context, builder, args[8])
            pos_i = context.cast(builder, args[1], a[1], types.int64)
            t0_i = context.cast(builder, args[4], a[4], types.int64)
            base_i = context.cast(builder, args[5], a[5], types.uint64)
            pitch_i = context.cast(builder, args[6], a[6], types.uint64)
            n_valid_i = context.cast(builder, args[9], a[9], types.int64)
            part = ir.VectorType(_F32, group)
            mask_ty = ir.VectorType(_I64, width)
            col_ids = ir.Constant(mask_ty, list(range(width)))
            m_const = ir.Constant(_I64, m)
            zero = ir.Constant(_I64, 0)
            # per tile, once for all its rows: the first stored position, the number of
            # rows kept and the column mask (empty for lanes past n_valid, whose rows and
            # cols entries may be stale)
            lanes = []
            whole_block = ir.Constant(_I1, 1)   # every lane valid and a whole m x m tile
            for lane in range(LANES):
                t = builder.add(t0_i, ir.Constant(_I64, lane))
                valid = builder.icmp_signed("<", ir.Constant(_I64, lane), n_valid_i)
                n_rows = builder.load(builder.gep(rows_a.data, [t]))
                n_cols = builder.load(builder.gep(cols_a.data, [t]))
                n_rows = builder.select(valid, n_rows, zero)
                n_cols = builder.select(builder.icmp_signed("<", n_cols, m_const), n_cols, m_const)
                splat = builder.shuffle_vector(
                    builder.insert_element(ir.Constant(mask_ty, None), n_cols, ir.Constant(_I32, 0)),
                    ir.Constant(mask_ty, None), ir.Constant(ir.VectorType(_I32, width), [0] * width))
                col_mask = builder.icmp_signed("<", col_ids, splat)
                corner = builder.add(builder.load(builder.gep(obase_a.data, [t])), base_i)
                whole_block = builder.and_(whole_block, builder.and_(
                    builder.icmp_signed("==", n_rows, m_const),
                    builder.icmp_signed("==", n_cols, m_const)))
                lanes.append((n_rows, col_mask, corner))
            per_vec = group // width

            def store_rows(plain):
                for i in range(m):
                    row_off = builder.mul(pitch_i, ir.Constant(_I64, i))
                    for g0 in range(0, LANES, group):   # one network per group of tiles
                        vecs = []
                        for j in range(width):
                            labels = [(t, j) for t in range(group)]
                            if j < m:
                                at = builder.add(pos_i, ir.Constant(_I64, (i * m + j) * LANES + g0))
                                ptr = builder.bitcast(builder.gep(src_a.data, [at]), part.as_pointer())
                                vecs.append((builder.load(ptr, align=4), labels))
                            else:
                                vecs.append((ir.Constant(part, [0.0] * group), labels))
                        for stage in stages:
                            vecs = [_shuffle(builder, vecs[l], vecs[r], labels)
                                    for l, r, labels in stage]
                        for lane in range(group):
                            _store_tile_row(builder, vecs, lane, lanes[g0 + lane], per_vec, width,
                                            m, i, dst_a, row_off, plain)

            if not plain_interior:
                store_rows(plain=False)
            else:  # one branch per call: interior blocks store whole rows plainly
                with builder.if_else(whole_block, likely=True) as (interior, border):
                    with interior:
                        store_rows(plain=True)
                    with border:
                        store_rows(plain=False)
            return context.get_dummy_value()

        return sig, codegen

    return scatter_tiles


def _store_tile_row(builder, vecs, lane, tile, per_vec, width, m, i, dst_a, row_off, plain):
    """Row ``i`` of the tile in lane ``lane`` of the network's output ``vecs`` (``tile``: its
    rows kept, column mask and first position): its ``m`` floats by plain stores
    (``plain``: the caller knows the row is kept whole), else under the tile's column mask
    where row ``i`` is kept."""
    n_rows, col_mask, corner = tile
    vec, labels = vecs[lane // per_vec]
    k = lane % per_vec
    assert labels[k * width:(k + 1) * width] == [(lane, j) for j in range(width)]
    row = builder.shuffle_vector(vec, vec, ir.Constant(
        ir.VectorType(_I32, width), list(range(k * width, (k + 1) * width))))
    ptr = builder.gep(dst_a.data, [builder.add(corner, row_off)])
    if plain:
        _plain_store(builder, row, ptr, m)
        return
    keep = builder.icmp_signed("<", ir.Constant(_I64, i), n_rows)
    mask = builder.and_(col_mask, builder.shuffle_vector(
        builder.insert_element(ir.Constant(ir.VectorType(_I1, width), None), keep,
                               ir.Constant(_I32, 0)),
        ir.Constant(ir.VectorType(_I1, width), None),
        ir.Constant(ir.VectorType(_I32, width), [0] * width)))
    _masked_store(builder, row, ptr, mask)


def _prefetch(builder, ptr, write=False):
    """Hint that the cache line holding ``ptr`` will be read (or written) soon, into all
    cache levels."""
    i8p = ir.IntType(8).as_pointer()
    fn = _llvm_intrinsic(builder, "llvm.prefetch.p0",
                         ir.FunctionType(ir.VoidType(), [i8p, _I32, _I32, _I32]))
    builder.call(fn, [builder.bitcast(ptr, i8p), ir.Constant(_I32, int(write)), ir.Constant(_I32, 3),
                      ir.Constant(_I32, 1)])


def make_tile_prefetch(n_rows: int, write: bool = False):
    """A Numba intrinsic ``prefetch_rows(arr, corners, t0, pitch, ahead)`` (returns None):
    a prefetch hint for ``arr[corners[t0 + L] + ahead + i*pitch]``, L in
    :data:`PREFETCH_LANES`, i < n_rows, i.e. the lines of the rows of 16 neighbouring
    tiles ``ahead`` floats further on (the same tiles of a later channel).  ``write``: prefetch for writing (the line is
    fetched in a writable state, as the stores about to miss on it would).

    Why: the transforms walk channel by channel, one channel plane apart; read from
    DRAM (batch 8 inputs and outputs of 26 MB) the misses were serviced one short burst
    at a time: VGG-16 conv3_2 at batch 8 took 19 ns per tile and channel in the input
    transform instead of 6 (L3-resident), the output transform 2.7x its L3 time.

    ``arr``: 1-D float32 C-contiguous; ``corners``: 1-D uint64 with 16 entries from
    ``t0``.  A prefetch neither faults nor reads: addresses past ``arr`` are harmless.
    """
    @intrinsic
    def prefetch_rows(typingctx, arr, corners, t0, pitch, ahead):
        _check_arrays("prefetch_rows", (arr, types.float32), (corners, types.uint64))
        sig = types.void(arr, corners, t0, pitch, ahead)

        def codegen(context, builder, signature, args):
            a = signature.args
            arr_a = context.make_array(a[0])(context, builder, args[0])
            corners_a = context.make_array(a[1])(context, builder, args[1])
            t0_i = context.cast(builder, args[2], a[2], types.int64)
            pitch_i = context.cast(builder, args[3], a[3], types.int64)
            ahead_i = context.cast(builder, args[4], a[4], types.int64)
            for lane in PREFETCH_LANES:
                at = builder.gep(corners_a.data, [builder.add(t0_i, ir.Constant(_I64, lane))])
                first = builder.add(builder.load(at), ahead_i)
                for i in range(n_rows):
                    elem = builder.add(first, builder.mul(pitch_i, ir.Constant(_I64, i)))
                    _prefetch(builder, builder.gep(arr_a.data, [elem]), write)
            return context.get_dummy_value()

        return sig, codegen

    return prefetch_rows


#: row gathers of the generated Winograd input transforms, by tile width alpha = m + r - 1
#: (F(m, 3): 4, 6, 8; F(m, 2): 3, 5, 7)
gather_rows_3 = make_row_gather(3)
gather_rows_4 = make_row_gather(4)
gather_rows_5 = make_row_gather(5)
gather_rows_6 = make_row_gather(6)
gather_rows_7 = make_row_gather(7)
gather_rows_8 = make_row_gather(8)
#: tile scatters of the generated Winograd output transforms, by output tile size m
scatter_tiles_2 = make_tile_scatter(2)
scatter_tiles_4 = make_tile_scatter(4)
scatter_tiles_6 = make_tile_scatter(6)
#: prefetches of the input transforms' next channels, by tile width alpha
prefetch_rows_3 = make_tile_prefetch(3)
prefetch_rows_4 = make_tile_prefetch(4)
prefetch_rows_5 = make_tile_prefetch(5)
prefetch_rows_6 = make_tile_prefetch(6)
prefetch_rows_7 = make_tile_prefetch(7)
prefetch_rows_8 = make_tile_prefetch(8)
#: prefetches (for writing) of the output transforms' next channels, by tile size m
prefetchw_rows_2 = make_tile_prefetch(2, write=True)
prefetchw_rows_4 = make_tile_prefetch(4, write=True)
prefetchw_rows_6 = make_tile_prefetch(6, write=True)
