"""The convolution layer: a small immutable description of one conv2d.

A :class:`ConvLayer` carries only shapes, never data.  Kernels, the work
accounting and the performance model all read the same value, so the model and
the kernels cannot disagree about what a layer is.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence, Tuple, Union

import psutil

from .errors import MemoryBudgetError, ShapeError, WinomodelError

IntPair = Union[int, Sequence[int]]

#: bytes per element of the float32 tensors every kernel works in
FLOAT_BYTES = 4
#: most elements any tensor of a layer may have: sizes stay exact in float64 and far
#: inside int64, so no arithmetic on them overflows before the memory check refuses them
MAX_ELEMENTS = 2 ** 53
#: share of the available memory one layer may use
MEMORY_FRACTION = 0.8


def check_available(need_bytes: float, what: str, *, fraction: float = MEMORY_FRACTION) -> None:
    """Raise :class:`MemoryBudgetError` if ``need_bytes`` exceed ``fraction`` of the
    memory available now; ``what`` names the thing in the message."""
    available = psutil.virtual_memory().available
    if need_bytes > fraction * available:
        raise MemoryBudgetError(
            f"{what} needs about {_gib(need_bytes)} but only {_gib(available)} of memory "
            f"is available")


def _gib(nbytes: float) -> str:
    gib = nbytes / 2 ** 30
    return f"{gib:.1f} GiB" if gib < 1e5 else f"{gib:.2e} GiB"


def _pair(value: IntPair, what: str) -> Tuple[int, int]:
    """Normalise an int or a pair of ints (PyTorch style) to a tuple of two ints."""
    if isinstance(value, bool):
        raise WinomodelError(f"{what} must be an int or a pair of ints, got {value!r}")
    if isinstance(value, (int,)) or (hasattr(value, "__index__") and not hasattr(value, "__len__")):
        v = int(value)
        return (v, v)
    try:
        items = tuple(value)
    except TypeError:
        raise WinomodelError(f"{what} must be an int or a pair of ints, got {value!r}") from None
    if len(items) != 2 or any(isinstance(v, bool) or not hasattr(v, "__index__") for v in items):
        raise WinomodelError(f"{what} must be an int or a pair of ints, got {value!r}")
    return (int(items[0]), int(items[1]))


@dataclasses.dataclass(frozen=True)
class ConvLayer:
    """Shape of one 2-D convolution, NCHW input and KCRS weights (PyTorch layout).

    Parameters
    ----------
    C, K : int
        Input and output channels.
    H, W : int
        Input height and width (before padding).
    R, S : int
        Kernel height and width.
    N : int, default 1
        Batch size.
    stride, pad : int or (int, int), default 1 and 0
        Stride and zero padding, one value for both axes or ``(vertical, horizontal)``.
    groups : int, default 1
        Grouped convolution: ``C`` and ``K`` are split into ``groups`` independent parts.
    name : str, default ""
        Label used in reports (e.g. ``"conv3"``).

    Raises
    ------
    WinomodelError
        On non-positive sizes, stride < 1, negative padding, channels not divisible by
        ``groups``, or a kernel larger than the padded input (no output pixel).
    MemoryBudgetError
        If a tensor would hold more than :data:`MAX_ELEMENTS` (2**53) elements, or the
        stride or padding exceeds it: no machine holds such a layer, and refusing it
        here keeps every later size computation exact.
    """

    C: int
    K: int
    H: int
    W: int
    R: int = 3
    S: int = 3
    N: int = 1
    stride: Tuple[int, int] = (1, 1)
    pad: Tuple[int, int] = (0, 0)
    groups: int = 1
    name: str = ""

    def __post_init__(self):
        for field in ("C", "K", "H", "W", "R", "S", "N", "groups"):
            value = getattr(self, field)
            if isinstance(value, bool) or not hasattr(value, "__index__"):
                raise WinomodelError(f"layer {field} must be an integer, got {value!r}")
            value = int(value)
            if value < 1:
                raise WinomodelError(f"layer {field} must be >= 1, got {value}")
            object.__setattr__(self, field, value)
        stride = _pair(self.stride, "stride")
        pad = _pair(self.pad, "padding")
        if min(stride) < 1:
            raise WinomodelError(f"stride must be >= 1, got {self.stride!r}")
        if min(pad) < 0:
            raise WinomodelError(f"padding must be >= 0, got {self.pad!r}")
        object.__setattr__(self, "stride", stride)
        object.__setattr__(self, "pad", pad)
        object.__setattr__(self, "name", str(self.name))
        if self.C % self.groups or self.K % self.groups:
            raise WinomodelError(
                f"groups={self.groups} must divide both input channels C={self.C} "
                f"and output channels K={self.K}"
            )
        if self.P < 1 or self.Q < 1:
            raise WinomodelError(
                f"a {self.R}x{self.S} kernel with stride {self.stride} and padding {self.pad} "
                f"leaves no output on a {self.H}x{self.W} input"
            )
        for what, count in (("stride", max(stride)), ("padding", max(pad)),
                            ("input", self.N * self.C * self.H * self.W),
                            ("weights", self.K * self.C_per_group * self.R * self.S),
                            ("output", self.N * self.K * self.P * self.Q)):
            if count > MAX_ELEMENTS:
                raise MemoryBudgetError(
                    f"layer {self.describe()} is too large: its {what} "
                    f"{'is' if what in ('stride', 'padding') else 'would hold'} {count:.3g}"
                    f"{'' if what in ('stride', 'padding') else ' elements'}, "
                    f"more than any machine's memory (at most 2**53)")

    # ---- construction -------------------------------------------------------------
    @classmethod
    def from_shapes(cls, input_shape, weight_shape, *, stride: IntPair = 1, padding: IntPair = 0,
                    groups: int = 1, name: str = "") -> "ConvLayer":
        """Build a layer from an input shape ``(N, C, H, W)`` and a weight shape ``(K, C/groups, R, S)``.

        Raises
        ------
        ShapeError
            If a shape has the wrong rank or the channel counts do not match.
        """
        input_shape = tuple(int(v) for v in input_shape)
        weight_shape = tuple(int(v) for v in weight_shape)
        if len(input_shape) != 4:
            raise ShapeError(f"input must be 4-D (N, C, H, W), got shape {input_shape}")
        if len(weight_shape) != 4:
            raise ShapeError(f"weights must be 4-D (K, C/groups, R, S), got shape {weight_shape}")
        n, c, h, w = input_shape
        k, cg, r, s = weight_shape
        if isinstance(groups, bool) or not hasattr(groups, "__index__") or groups < 1:
            raise WinomodelError(f"groups must be a positive integer, got {groups!r}")
        if cg * groups != c:
            raise ShapeError(
                f"channel mismatch: input has C={c} channels but weights {weight_shape} "
                f"expect C/groups={cg} with groups={groups} (C={cg * groups})"
            )
        return cls(C=c, K=k, H=h, W=w, R=r, S=s, N=n, stride=stride, pad=padding,
                   groups=groups, name=name)

    def replace(self, **changes) -> "ConvLayer":
        """A copy with some fields changed (e.g. ``layer.replace(N=8)``)."""
        return dataclasses.replace(self, **changes)

    # ---- derived shapes -----------------------------------------------------------
    @property
    def P(self) -> int:
        """Output height."""
        return (self.H + 2 * self.pad[0] - self.R) // self.stride[0] + 1

    @property
    def Q(self) -> int:
        """Output width."""
        return (self.W + 2 * self.pad[1] - self.S) // self.stride[1] + 1

    @property
    def C_per_group(self) -> int:
        return self.C // self.groups

    @property
    def K_per_group(self) -> int:
        return self.K // self.groups

    @property
    def input_shape(self) -> Tuple[int, int, int, int]:
        return (self.N, self.C, self.H, self.W)

    @property
    def weight_shape(self) -> Tuple[int, int, int, int]:
        return (self.K, self.C_per_group, self.R, self.S)

    @property
    def output_shape(self) -> Tuple[int, int, int, int]:
        return (self.N, self.K, self.P, self.Q)

    @property
    def is_unit_stride_3x3(self) -> bool:
        return self.R == 3 and self.S == 3 and self.stride == (1, 1)

    # ---- work and memory ----------------------------------------------------------
    @property
    def macs(self) -> int:
        """Multiply-accumulates of the dense direct convolution."""
        return self.N * self.K * self.C_per_group * self.R * self.S * self.P * self.Q

    @property
    def dense_flops(self) -> int:
        """FLOPs of the dense direct convolution (2 per MAC): the 'effective' FLOP count."""
        return 2 * self.macs

    @property
    def weight_count(self) -> int:
        return self.K * self.C_per_group * self.R * self.S

    def tensor_bytes(self) -> dict:
        """Bytes of the float32 input, weights and output."""
        return {
            "input": FLOAT_BYTES * self.N * self.C * self.H * self.W,
            "weights": FLOAT_BYTES * self.weight_count,
            "output": FLOAT_BYTES * self.N * self.K * self.P * self.Q,
        }

    def check_memory(self, extra_bytes: float = 0.0, *, fraction: float = MEMORY_FRACTION) -> None:
        """Raise :class:`MemoryBudgetError` if the layer cannot fit in available memory.

        Called before any allocation.  ``extra_bytes`` is a kernel's own workspace
        (padded input, transformed tiles) on top of the input, weights and output.
        """
        need = sum(self.tensor_bytes().values()) + float(extra_bytes)
        check_available(need, f"layer {self.describe()}", fraction=fraction)

    def describe(self) -> str:
        """A compact one-line description, e.g. ``conv3 N1 C256->K384 13x13 k3x3 s1 p1``."""
        s = f"N{self.N} C{self.C}->K{self.K} {self.H}x{self.W} k{self.R}x{self.S}"
        s += f" s{self.stride[0]}" if self.stride[0] == self.stride[1] else f" s{self.stride}"
        s += f" p{self.pad[0]}" if self.pad[0] == self.pad[1] else f" p{self.pad}"
        if self.groups > 1:
            s += f" g{self.groups}"
        return f"{self.name} {s}" if self.name else s

    def as_row(self) -> dict:
        """The layer as a CSV row in the network-table format (scalar stride/pad when symmetric)."""
        return {
            "name": self.name, "N": self.N, "C": self.C, "K": self.K, "H": self.H, "W": self.W,
            "R": self.R, "S": self.S,
            "stride": self.stride[0] if self.stride[0] == self.stride[1] else f"{self.stride[0]}x{self.stride[1]}",
            "pad": self.pad[0] if self.pad[0] == self.pad[1] else f"{self.pad[0]}x{self.pad[1]}",
            "groups": self.groups,
        }
