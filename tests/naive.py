"""Plain-NumPy float64 reference implementations: the oracle every kernel is tested against.

Nothing here shares code with winomodel's kernels.
"""

from __future__ import annotations

import numpy as np


def _pair(v):
    return (v, v) if np.isscalar(v) else tuple(v)


def conv2d_reference(x, w, stride=1, padding=0, groups=1) -> np.ndarray:
    """Direct convolution (cross-correlation) in float64, NCHW / KCRS like PyTorch.

    Written as a sum over the R*S kernel taps of strided views of the zero-padded
    input, one einsum per tap and group.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    n, c, h, wd = x.shape
    k, cg, r, s = w.shape
    assert cg * groups == c and k % groups == 0
    xp = np.zeros((n, c, h + 2 * ph, wd + 2 * pw))
    xp[:, :, ph:ph + h, pw:pw + wd] = x
    p = (h + 2 * ph - r) // sh + 1
    q = (wd + 2 * pw - s) // sw + 1
    out = np.zeros((n, k, p, q))
    kg = k // groups
    for g in range(groups):
        xg = xp[:, g * cg:(g + 1) * cg]
        wg = w[g * kg:(g + 1) * kg]
        for i in range(r):
            for j in range(s):
                patch = xg[:, :, i:i + sh * (p - 1) + 1:sh, j:j + sw * (q - 1) + 1:sw]
                out[:, g * kg:(g + 1) * kg] += np.einsum("nchw,kc->nkhw", patch, wg[:, :, i, j])
    return out


def winograd_domain_reference(x, u, m, padding=0) -> np.ndarray:
    """Convolution with Winograd-domain weights ``u`` (K, C, a, a), a = m + 2, in float64.

    Uses the textbook F(m x m, 3 x 3) matrices built here independently by numpy
    (Vandermonde on the points) -- not winomodel's transforms -- with output tiles
    of size m; partial tiles at the border are computed on a zero-extended input
    and cropped.
    """
    a = m + 2
    BT, AT = _winograd_data_and_output_matrices(m)
    x = np.asarray(x, dtype=np.float64)
    n, c, h, wd = x.shape
    k = u.shape[0]
    ph = padding
    p = h + 2 * ph - 2
    q = wd + 2 * ph - 2
    th, tw = -(-p // m), -(-q // m)
    xp = np.zeros((n, c, th * m + 2, tw * m + 2))
    xp[:, :, ph:ph + h, ph:ph + wd] = x
    out = np.zeros((n, k, th * m, tw * m))
    for ty in range(th):
        for tx in range(tw):
            d = xp[:, :, ty * m:ty * m + a, tx * m:tx * m + a]  # (n, c, a, a)
            v = np.einsum("ij,ncjk,lk->ncil", BT, d, BT)
            mprod = np.einsum("kcij,ncij->nkij", u, v)
            y = np.einsum("ij,nkjl,ml->nkim", AT, mprod, AT)
            out[:, :, ty * m:(ty + 1) * m, tx * m:(tx + 1) * m] = y
    return out[:, :, :p, :q]


def winograd_filter_reference(w, m) -> np.ndarray:
    """G g G^T for every (k, c) filter with this module's independent G (float64)."""
    G = _winograd_filter_matrix(m)
    return np.einsum("ij,kcjl,ml->kcim", G, np.asarray(w, dtype=np.float64), G)


def _points(m):
    return {2: [0.0, 1.0, -1.0], 4: [0.0, 1.0, -1.0, 2.0, -2.0],
            6: [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5]}[m]


def _winograd_filter_matrix(m):
    """G (a x 3): rows g(x_i) scaled by 1/prod(x_i - x_j), last row picks the top coefficient."""
    pts = _points(m)
    a = m + 2
    G = np.zeros((a, 3))
    for i, xi in enumerate(pts):
        denom = np.prod([xi - xj for j, xj in enumerate(pts) if j != i])
        G[i] = [xi ** t / denom for t in range(3)]
    G[a - 1] = [0, 0, 1]
    return G


def _winograd_data_and_output_matrices(m):
    """B^T (a x a) and A^T (m x a) matching :func:`_winograd_filter_matrix` (Toom-Cook form)."""
    pts = _points(m)
    a = m + 2
    n = a - 1  # finite points
    # A^T: evaluation of the output polynomial's m coefficients at each point, plus infinity
    AT = np.zeros((m, a))
    for i, xi in enumerate(pts):
        AT[:, i] = [xi ** t for t in range(m)]
    AT[m - 1, a - 1] = 1.0
    # B^T from the modified Toom-Cook construction: rows are coefficients of
    # prod_{j != i}(x - x_j) (Lagrange numerators), with the last row for infinity.
    BT = np.zeros((a, a))
    full = np.poly1d([1.0])
    for xj in pts:
        full = full * np.poly1d([1.0, -xj])
    for i, xi in enumerate(pts):
        num = np.poly1d([1.0])
        for j, xj in enumerate(pts):
            if j != i:
                num = num * np.poly1d([1.0, -xj])
        coeffs = num.coeffs[::-1]  # ascending
        BT[i, :n] = coeffs
    BT[a - 1, :] = full.coeffs[::-1]
    return BT, AT



def decomposed_conv(x, u, pieces, BT, AT, r, out_hw, stride=1, padding=0, groups=1):
    """Convolution with the Winograd-domain weights ``u`` (K, P*C/g, a, a) of P decomposed
    pieces, in float64, cropped to ``out_hw`` = (P, Q): piece ``(a, b, i, j)`` (piece-major
    columns of ``u``) correlates the zero-padded input's polyphase plane ``(a, b)`` (rows
    ``a::sv``, columns ``b::sh``) shifted by ``(r i, r j)``, each output tile as
    ``A^T [U * (B^T d B)] A``; the pieces' tiles are summed.  ``BT`` (a x a) and ``AT``
    (m x a) are the 1-D transforms (checked elsewhere against direct correlation); the
    planes, shifts and tiles are built here."""
    x = np.asarray(x, dtype=np.float64)
    u = np.asarray(u, dtype=np.float64)
    sv, sh = _pair(stride)
    ph, pw = _pair(padding)
    n, c, h, wd = x.shape
    k, cols, a, _ = u.shape
    m = AT.shape[0]
    cg, kg = c // groups, k // groups
    assert cols == len(pieces) * cg
    P, Q = out_hw
    th, tw = -(-P // m), -(-Q // m)
    # zero room for every tile of every piece, whatever its shift
    big = np.zeros((n, c, sv * (th * m + a + r * 8) + h + 2 * ph, sh * (tw * m + a + r * 8) + wd + 2 * pw))
    big[:, :, ph:ph + h, pw:pw + wd] = x
    out = np.zeros((n, k, th * m, tw * m))
    for q, (pa, pb, i, j) in enumerate(pieces):
        plane = big[:, :, pa::sv, pb::sh][:, :, r * i:, r * j:]
        for g in range(groups):
            ug = u[g * kg:(g + 1) * kg, q * cg:(q + 1) * cg]
            xg = plane[:, g * cg:(g + 1) * cg]
            for ty in range(th):
                for tx in range(tw):
                    d = xg[:, :, ty * m:ty * m + a, tx * m:tx * m + a]
                    v = np.einsum("ij,ncjk,lk->ncil", BT, d, BT)
                    mprod = np.einsum("kcij,ncij->nkij", ug, v)
                    y = np.einsum("ij,nkjl,ml->nkim", AT, mprod, AT)
                    out[:, g * kg:(g + 1) * kg, ty * m:(ty + 1) * m, tx * m:(tx + 1) * m] += y
    return out[:, :, :P, :Q]
