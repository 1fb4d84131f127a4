"""Exception types raised by winomodel.

Every error a user can trigger derives from :class:`WinomodelError`, which is
itself a :class:`ValueError`, so ``except ValueError`` keeps working for callers
that do not care about the finer types.
"""


class WinomodelError(ValueError):
    """Base class of every error winomodel raises on bad input."""


class ShapeError(WinomodelError):
    """An array has the wrong rank, shape or channel count."""


class UnsupportedLayerError(WinomodelError):
    """The chosen kernel cannot run this layer (e.g. Winograd on a 5x5 or stride-2 layer)."""


class UnknownKernelError(WinomodelError):
    """No kernel is registered under the requested name."""


class MemoryBudgetError(WinomodelError):
    """The layer would need more memory than the machine has; raised before allocating."""


class ProfileError(WinomodelError):
    """A machine profile is missing, corrupt, of a future schema, or from another machine."""


class NetworkTableError(WinomodelError):
    """A network name is unknown or a layer table (CSV) is malformed."""


class OutputFileError(WinomodelError):
    """An output file cannot be written (permissions, full disk, a directory in the way...)."""


class ModelImportError(WinomodelError):
    """A model file or module cannot be read (malformed ONNX, missing weights, bad example input)."""
