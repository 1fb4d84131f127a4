"""The public entry points: :func:`plan` and :func:`conv2d`."""

from __future__ import annotations

import numpy as np

from .errors import ShapeError
from .kernels import get_kernel
from .kernels.base import ConvPlan
from .validation import as_float32_array


def _input_shape(input_shape) -> tuple:
    try:
        shape = tuple(int(v) for v in input_shape)
    except (TypeError, ValueError):
        raise ShapeError(f"input_shape must be a tuple (N, C, H, W), got {input_shape!r}") from None
    if len(shape) != 4:
        raise ShapeError(f"input_shape must be (N, C, H, W), got {input_shape!r}")
    return shape


def plan(w, input_shape, *, stride=1, padding=0, groups=1, kernel: str = "dense_direct",
         density=None, name: str = "", **options) -> ConvPlan:
    """Prepare weights once for a convolution; call the returned plan on inputs.

    Parameters
    ----------
    w : ndarray, float
        Weights ``(K, C/groups, R, S)`` like PyTorch's conv2d.  The Winograd kernels
        also take weights already in the Winograd domain, ``(K, C/groups, alpha, alpha)``.
    input_shape : tuple of 4 ints
        ``(N, C, H, W)`` of the inputs the plan will run (any batch size runs).
    stride, padding : int or (int, int)
    groups : int
    kernel : str
        ``"dense_direct"``, ``"sparse_direct"``, ``"dense_winograd"``, ``"sparse_winograd"``,
        or ``"auto"``: the kernel the roofline model predicts fastest on this machine's
        profile (``choose="estimate"``, default) or the fastest when every candidate is
        timed (``choose="measure"``), like FFTW's ESTIMATE/MEASURE.  With a ``density``
        below 1 only sparse kernels are candidates.  The plan's ``.kernel`` names the
        chosen kernel.  Extra options for auto: ``choose``, ``profile`` (a MachineProfile).
    density : float in [0, 1], optional
        Sparse kernels prune by magnitude to this fraction of nonzeros in their own
        domain (spatial or Winograd); None uses the weights as given.
    name : str
        Layer label for reports.
    **options
        Kernel options, e.g. ``tile=2|4|6`` for the Winograd kernels.

    Returns
    -------
    ConvPlan
        Callable: ``plan(x)`` returns the float32 ``(N, K, P, Q)`` output.

    Examples
    --------
    >>> import numpy as np, winomodel
    >>> w = np.random.rand(8, 4, 3, 3).astype(np.float32)
    >>> p = winomodel.plan(w, (1, 4, 10, 10), padding=1, kernel="sparse_direct", density=0.3)
    >>> p(np.random.rand(1, 4, 10, 10).astype(np.float32)).shape
    (1, 8, 10, 10)
    """
    if kernel == "auto":  # chosen by the performance model (lazy import: perfmodel imports kernels)
        from .perfmodel.select import auto_plan

        w = as_float32_array(w, "weights", ndim=4, finite=True)
        shape = _input_shape(input_shape)
        choose = options.pop("choose", "estimate")
        profile = options.pop("profile", None)
        return auto_plan(
            w, lambda k: k.layer_for(shape, w.shape, stride=stride, padding=padding,
                                     groups=groups, name=name, **options),
            density=density, choose=choose, profile=profile, **options)
    k = get_kernel(kernel)
    w = as_float32_array(w, "weights", ndim=4, finite=True)
    layer = k.layer_for(_input_shape(input_shape), w.shape, stride=stride, padding=padding,
                        groups=groups, name=name, **options)
    return k.plan(w, layer, density=density, **options)


def conv2d(x, w, *, stride=1, padding=0, groups=1, kernel: str = "dense_direct",
           density=None, **options) -> np.ndarray:
    """2-D convolution (cross-correlation, like PyTorch's conv2d) with a chosen kernel.

    Parameters
    ----------
    x : ndarray, float
        Input ``(N, C, H, W)``.
    w : ndarray, float
        Weights ``(K, C/groups, R, S)`` (or Winograd-domain weights for the Winograd kernels).
    stride, padding, groups, kernel, density, **options
        As in :func:`plan`.

    Returns
    -------
    ndarray, float32, shape ``(N, K, P, Q)``
    """
    x = as_float32_array(x, "input", ndim=4)
    return plan(w, x.shape, stride=stride, padding=padding, groups=groups, kernel=kernel,
                density=density, **options)(x)
