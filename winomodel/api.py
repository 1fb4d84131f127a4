"""The public entry points: :func:`plan` and :func:`conv2d`."""

from __future__ import annotations

import numpy as np

from .errors import UnsupportedLayerError, WinomodelError
from .kernels import get_kernel
from .kernels.base import WEIGHT_DOMAINS, ConvPlan
from .layer import FLOAT_BYTES
from .validation import check_float_array, positive_shape


def _input_shape(input_shape) -> tuple:
    return positive_shape(input_shape, "input_shape", ("N", "C", "H", "W"))


def _kernel_options(k, options: dict) -> dict:
    """``options`` for kernel ``k``: ``weights_domain`` checked, and dropped for the
    direct kernels when it says "spatial" (the only domain they take)."""
    if "weights_domain" not in options:
        return options
    domain = options["weights_domain"]
    if domain not in WEIGHT_DOMAINS:
        raise WinomodelError(f"weights_domain must be one of {WEIGHT_DOMAINS}, got {domain!r}")
    if k.domain == "winograd":
        return options
    if domain == "winograd":
        raise UnsupportedLayerError(
            f"{k.name} takes spatial weights only; Winograd-domain weights "
            f"(weights_domain='winograd') need dense_winograd or sparse_winograd")
    return {key: v for key, v in options.items() if key != "weights_domain"}


def plan(w, input_shape, *, stride=1, padding=0, groups=1, kernel: str = "dense_direct",
         density=None, name: str = "", **options) -> ConvPlan:
    """Prepare weights once for a convolution; call the returned plan on inputs.

    Parameters
    ----------
    w : ndarray, float
        Weights ``(K, C/groups, R, S)`` like PyTorch's conv2d.  The Winograd kernels
        also take weights already in the Winograd domain, ``(K, P * C/groups, alpha,
        alpha)`` with ``alpha = tile + r - 1`` and P the pieces of the layer's
        decomposition (1 for 3x3 stride 1), when ``weights_domain="winograd"`` says so
        (never guessed from the shape: a 6x6 weight is a 6x6 spatial filter by default).
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
        Kernel options: ``tile=2|4|6`` and ``r=3|2`` (the F(m x m, r x r) of the pieces)
        for the Winograd kernels, and ``weights_domain``: ``"spatial"`` (default) or
        ``"winograd"`` (``w`` is already ``G g G^T`` of each piece; Winograd kernels only).
        Winograd-domain weights of a 3x3 stride-1 layer read ``r`` as 3 and ``tile`` as
        ``alpha - 2`` unless told; any other layer needs ``tile``, ``r`` and
        ``kernel_size=(R, S)`` given.

    Raises
    ------
    WinomodelError
        (or a subclass) on any bad argument, with one message naming it: a shape entry
        that is not a positive integer, non-float weights, NaN/Inf weights, float64
        values beyond float32's range, a kernel that cannot run the layer
        (:class:`UnsupportedLayerError`), a layer too large for the available memory
        (:class:`MemoryBudgetError`, checked before anything is allocated).

    Notes
    -----
    NaN and Inf in the input: the direct kernels propagate them like PyTorch (only the
    outputs whose receptive field holds one are affected; +Inf stays +Inf where the
    weights allow).  The Winograd kernels mix all ``alpha x alpha`` inputs of a tile in
    their transforms, so one NaN or Inf can turn the outputs of each tile whose input
    window holds it into NaN -- usually the whole ``tile x tile`` block, also outside
    the value's receptive field, and +Inf becomes NaN.  Use a direct kernel if inputs
    may hold non-finite values.

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
    # shapes first, values after the memory check: nothing proportional to a size is
    # copied before the size is known to fit
    w = check_float_array(w, "weights", ndim=4)
    shape = _input_shape(input_shape)
    if kernel == "auto":  # chosen by the performance model (lazy import: the model imports kernels)
        from .layer import check_available
        from .select import auto_plan
        from .validation import as_float32_array

        choose = options.pop("choose", "estimate")
        profile = options.pop("profile", None)
        if options.get("weights_domain", "spatial") == "spatial":
            options.pop("weights_domain", None)  # the default: every kernel takes it
        check_available(2.0 * FLOAT_BYTES * w.size, f"weights of shape {w.shape}")
        w = as_float32_array(w, "weights", ndim=4, finite=True)
        return auto_plan(
            w, lambda k: k.layer_for(shape, w.shape, stride=stride, padding=padding,
                                     groups=groups, name=name, **_kernel_options(k, options)),
            density=density, choose=choose, profile=profile, **options)
    k = get_kernel(kernel)
    options = _kernel_options(k, options)
    layer = k.layer_for(shape, w.shape, stride=stride, padding=padding,
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
        Weights ``(K, C/groups, R, S)`` (or Winograd-domain weights for the Winograd
        kernels with ``weights_domain="winograd"``).
    stride, padding, groups, kernel, density, **options
        As in :func:`plan`.

    Returns
    -------
    ndarray, float32, shape ``(N, K, P, Q)``
    """
    x = check_float_array(x, "input", ndim=4)  # converted by the plan, once memory is checked
    return plan(w, x.shape, stride=stride, padding=padding, groups=groups, kernel=kernel,
                density=density, **options)(x)
