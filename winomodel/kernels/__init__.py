"""Registry of convolution kernels.

Every kernel is a :class:`~winomodel.kernels.base.ConvKernel` registered under its
name; tests, benchmarks, the model and reports iterate over :func:`kernel_names`,
so a new kernel is one module plus one ``register`` line below.
"""

from __future__ import annotations

from typing import Dict, List

from ..errors import UnknownKernelError
from .base import ConvKernel, ConvPlan

_REGISTRY: Dict[str, ConvKernel] = {}


def register(kernel: ConvKernel) -> ConvKernel:
    """Add ``kernel`` to the registry under ``kernel.name``."""
    if kernel.name in _REGISTRY:
        raise ValueError(f"a kernel named {kernel.name!r} is already registered")
    _REGISTRY[kernel.name] = kernel
    return kernel


def get_kernel(name: str) -> ConvKernel:
    """The registered kernel called ``name``.

    Raises
    ------
    UnknownKernelError
        If no kernel has that name.
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise UnknownKernelError(
            f"unknown kernel {name!r}; available: {', '.join(kernel_names())}"
        ) from None


def kernel_names(*, sparse: bool | None = None) -> List[str]:
    """Names of the registered kernels, optionally only the sparse or only the dense ones."""
    return [n for n, k in _REGISTRY.items() if sparse is None or k.sparse == sparse]


from .dense_direct import DenseDirect  # noqa: E402
from .sparse_direct import SparseDirect  # noqa: E402
from .dense_winograd import DenseWinograd  # noqa: E402
from .sparse_winograd import SparseWinograd  # noqa: E402

register(DenseDirect())
register(SparseDirect())
register(DenseWinograd())
register(SparseWinograd())

__all__ = ["ConvKernel", "ConvPlan", "register", "get_kernel", "kernel_names"]
