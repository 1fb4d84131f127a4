"""The interface every convolution kernel implements: plan once, execute many times.

A :class:`ConvKernel` is stateless.  ``kernel.plan(weights, layer, density=...)``
does all weight preparation (pruning, CSR packing, Winograd filter transform) and
returns a :class:`ConvPlan`; calling the plan on an input runs the convolution.
``kernel.work(layer, density)`` states the work the kernel does, phase by phase,
without any weights: the performance model reads it.

Adding a kernel means one new module with a :class:`ConvKernel` subclass and one
``register`` line in :mod:`winomodel.kernels`.
"""

from __future__ import annotations

import abc
from typing import ClassVar, Optional

import numpy as np

from ..errors import ShapeError, UnsupportedLayerError
from ..layer import ConvLayer
from ..validation import as_float32_array, check_density, check_float_array
from ..work import WorkEstimate

#: how a weight tensor is read: spatial filters (K, C/g, R, S), or already transformed
#: Winograd-domain weights (K, P*C/g, alpha, alpha) -- only when the caller says so
WEIGHT_DOMAINS = ("spatial", "winograd")


class ConvPlan(abc.ABC):
    """Prepared weights of one kernel for one layer; call it on inputs.

    Attributes
    ----------
    kernel : str
        Name of the kernel that made the plan.
    layer : ConvLayer
        Layer the plan was made for.  The plan runs inputs of any batch size with
        the layer's C, H, W.
    density : float
        Fraction of nonzero weights actually stored, in the kernel's own domain
        (spatial for direct kernels, Winograd for Winograd kernels).
    """

    kernel: str
    layer: ConvLayer
    density: float

    def __call__(self, x) -> np.ndarray:
        """Convolve ``x`` of shape ``(N, C, H, W)``; returns float32 ``(N, K, P, Q)``."""
        x = check_float_array(x, "input", ndim=4)  # no copy yet: the budget is checked first
        n, c, h, w = x.shape
        L = self.layer
        if (c, h, w) != (L.C, L.H, L.W):
            raise ShapeError(
                f"input shape {x.shape} does not match the plan's layer "
                f"(N, {L.C}, {L.H}, {L.W}); make a new plan for this shape"
            )
        if n < 1:
            raise ShapeError(f"input batch must be >= 1, got shape {x.shape}")
        if n != L.N:  # the output and workspace scale with the batch: check before allocating
            self.batch_layer(n).check_memory()
        if x.dtype != np.float32 or not x.flags.c_contiguous:
            x = as_float32_array(x, "input")
        return self._execute(x)

    def batch_layer(self, n: int) -> ConvLayer:
        """The plan's layer with batch size ``n`` (memoised: building and validating a
        ConvLayer costs ~6 us, 5 % of a batch-1 13 x 13 sparse call)."""
        layers = self.__dict__.setdefault("_batch_layers", {})
        layer = layers.get(n)
        if layer is None:
            layer = layers[n] = self.layer if n == self.layer.N else self.layer.replace(N=n)
        return layer

    @abc.abstractmethod
    def _execute(self, x: np.ndarray) -> np.ndarray:
        """Run on a validated C-contiguous float32 input."""

    @abc.abstractmethod
    def work(self, batch: Optional[int] = None) -> WorkEstimate:
        """Exact work of executing this plan (its real nonzero counts) on ``batch`` images
        (default: the layer's N)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.kernel} {self.layer.describe()} density={self.density:.3g}>"


class ConvKernel(abc.ABC):
    """A convolution algorithm.

    Class attributes
    ----------------
    name : str
        Registered name (``"dense_direct"`` ...).
    sparse : bool
        Whether the kernel skips zero weights (its work depends on density).
    domain : str
        ``"spatial"`` or ``"winograd"``: where weights are stored and pruned.
    """

    name: ClassVar[str]
    sparse: ClassVar[bool]
    domain: ClassVar[str]

    # ---- what the kernel can run --------------------------------------------------
    def check_layer(self, layer: ConvLayer) -> None:
        """Raise :class:`UnsupportedLayerError` if this kernel cannot run ``layer``."""

    def supports(self, layer: ConvLayer) -> bool:
        return not self.unsupported_reason(layer)

    def unsupported_reason(self, layer: ConvLayer) -> str:
        """Why this kernel does not run ``layer`` and which kernel does ("" when it runs
        it): what reports print for a layer routed to another kernel."""
        try:
            self.check_layer(layer)
        except UnsupportedLayerError as exc:
            return str(exc)
        return ""

    def layer_for(self, input_shape, weight_shape, *, stride=1, padding=0, groups=1,
                  name="", **options) -> ConvLayer:
        """The layer described by an input shape and a weight shape.

        Winograd kernels override this to accept weights already in the Winograd
        domain, shape ``(K, P * C/groups, alpha, alpha)`` (P pieces of the layer's
        decomposition), with ``weights_domain="winograd"``.
        """
        return ConvLayer.from_shapes(input_shape, weight_shape, stride=stride,
                                     padding=padding, groups=groups, name=name)

    # ---- plan and work -----------------------------------------------------------
    def plan(self, weights, layer: ConvLayer, *, density=None, **options) -> ConvPlan:
        """Prepare ``weights`` for ``layer``.

        Parameters
        ----------
        weights : ndarray, float
            ``(K, C/groups, R, S)``; Winograd kernels also take ``(K, P * C/groups, alpha,
            alpha)`` Winograd-domain weights with ``weights_domain="winograd"``.
        layer : ConvLayer
        density : float in [0, 1], optional
            Sparse kernels prune by magnitude to this fraction of nonzeros in their
            own domain; None keeps the weights as given.  Dense kernels refuse it
            unless it is None or 1.
        **options
            Kernel-specific options (e.g. ``tile=4, r=3`` for Winograd kernels).
        """
        self.check_layer(layer)
        w = check_float_array(weights, "weights", ndim=4)
        if density is not None:
            density = check_density(density)
            if not self.sparse and density != 1.0:
                raise UnsupportedLayerError(
                    f"{self.name} is a dense kernel and does not prune; "
                    f"use a sparse kernel or prune the weights first (density={density})"
                )
        layer.check_memory(self.workspace_bytes(layer, **options))
        w = as_float32_array(w, "weights", finite=True)  # copied once the budget allows it
        return self._plan(w, layer, density, **options)

    @abc.abstractmethod
    def _plan(self, weights: np.ndarray, layer: ConvLayer, density: Optional[float],
              **options) -> ConvPlan:
        """Build the plan from validated float32 weights."""

    @abc.abstractmethod
    def work(self, layer: ConvLayer, density: float = 1.0, **options) -> WorkEstimate:
        """Work done on ``layer`` at ``density`` (expected nonzero count
        ``round(density * weights in the kernel's domain)``)."""

    def workspace_bytes(self, layer: ConvLayer, **options) -> float:
        """Bytes of temporary memory an execution allocates beyond input, weights, output."""
        return 0.0

    def __repr__(self) -> str:
        return f"<kernel {self.name}>"
