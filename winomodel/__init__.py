"""winomodel: fast CPU convolution kernels (dense/sparse, direct/Winograd) and a
roofline performance model that predicts which one wins for each layer and density.

Quick use
---------
>>> import winomodel
>>> y = winomodel.conv2d(x, w, padding=1, kernel="sparse_direct", density=0.1)   # doctest: +SKIP
>>> p = winomodel.plan(w, x.shape, padding=1, kernel="dense_winograd", tile=4)    # doctest: +SKIP
>>> y = p(x)                                                                     # doctest: +SKIP
"""

from . import _config  # noqa: F401  (sets Numba's environment before numba is imported)
from .api import conv2d, plan
from .errors import (MemoryBudgetError, NetworkTableError, ProfileError, ShapeError,
                     UnknownKernelError, UnsupportedLayerError, WinomodelError)
from .kernels import get_kernel, kernel_names
from .layer import ConvLayer
from .work import Phase, WorkEstimate

__version__ = "0.1.0"

__all__ = [
    "conv2d", "plan", "ConvLayer", "Phase", "WorkEstimate", "get_kernel", "kernel_names",
    "WinomodelError", "ShapeError", "UnsupportedLayerError", "UnknownKernelError",
    "MemoryBudgetError", "ProfileError", "NetworkTableError",
]
