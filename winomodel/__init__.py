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
from .errors import (MemoryBudgetError, ModelImportError, NetworkTableError, ProfileError,
                     ShapeError, UnknownKernelError, UnsupportedLayerError, WinomodelError)
from .kernels import get_kernel, kernel_names
from .layer import ConvLayer
from .work import Phase, WorkEstimate

__version__ = "0.1.0"

__all__ = [
    "conv2d", "plan", "ConvLayer", "Phase", "WorkEstimate", "get_kernel", "kernel_names",
    "WinomodelError", "ShapeError", "UnsupportedLayerError", "UnknownKernelError",
    "MemoryBudgetError", "ProfileError", "NetworkTableError", "ModelImportError",
    "from_torch", "from_onnx", "ModelLayer", "ImportedModel",
]


def __getattr__(name):
    # importers and the torch bridge load lazily: torch and onnx are optional dependencies
    if name in ("from_torch", "from_onnx", "ModelLayer", "ImportedModel"):
        from . import importers

        return getattr(importers, name)
    if name == "torch":
        import importlib

        return importlib.import_module(".torch", __name__)
    raise AttributeError(f"module 'winomodel' has no attribute {name!r}")
