"""Which kernel runs one imported layer on its real weights.

Three ways, picked by ``choose``:

* ``"estimate"``: the roofline model on the machine profile (a saved one, or given);
* ``"measure"``: every candidate planned on the real weights and timed on a random
  input of the layer's shape (optionally PyTorch's own conv2d as one more candidate);
* ``"rule"``: a fixed rule for when no profile exists (:func:`rule_kernel`).

``"auto"`` (default) is ``"estimate"`` when this machine has a saved profile (or
one is passed) and ``"rule"`` otherwise, so nothing is timed unless asked.
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from .errors import WinomodelError
from .layer import ConvLayer

CHOICES = ("auto", "estimate", "measure", "rule")
#: 3x3 stride-1 layers at or below this spatial density run sparse_direct (2-thread
#: measurements: ResNet-50's 3x3 convs at 0.12, 12 of 13 layers)
RULE_SPARSE_3X3 = 0.15
#: 3x3 stride-1 layers up to this spatial density run sparse_winograd on the transformed
#: weights, denser ones dense_winograd (VGG-16 at Han et al.'s densities 0.22-0.58:
#: sparse_winograd measured fastest in 11 of 13 layers)
RULE_SPARSE_WINOGRAD = 0.6
#: other layers at or below this density run sparse_direct, above it dense_direct
#: (sparse_direct beat dense_direct up to density ~0.4 on the same machines)
RULE_SPARSE_OTHER = 0.4
#: candidate name of PyTorch's own conv2d (only with ``choose="measure"``)
TORCH = "torch"


def spatial_density(weights: np.ndarray) -> float:
    return float(np.count_nonzero(weights)) / max(1, weights.size)


def rule_kernel(layer: ConvLayer, density: float) -> str:
    """The kernel the fixed rule gives ``layer`` at spatial ``density`` (no profile needed).

    3x3 stride-1 layers: ``sparse_direct`` at density <= :data:`RULE_SPARSE_3X3`,
    ``sparse_winograd`` up to :data:`RULE_SPARSE_WINOGRAD`, else ``dense_winograd``.  Other layers: ``sparse_direct`` at density <=
    :data:`RULE_SPARSE_OTHER`, else ``dense_direct``.
    """
    if layer.is_unit_stride_3x3:
        if density <= RULE_SPARSE_3X3:
            return "sparse_direct"
        return "sparse_winograd" if density <= RULE_SPARSE_WINOGRAD else "dense_winograd"
    return "sparse_direct" if density <= RULE_SPARSE_OTHER else "dense_direct"


def has_saved_profile() -> bool:
    try:
        from .machine.profiler import default_profile_path

        return default_profile_path().exists()
    except Exception:  # a broken reports folder must not stop a conversion
        return False


def resolve_choose(choose: str, profile=None) -> str:
    """``"auto"`` -> ``"estimate"`` when a profile is given or saved, else ``"rule"``."""
    if choose not in CHOICES:
        raise WinomodelError(f"choose must be one of {CHOICES}, got {choose!r}")
    if choose == "auto":
        return "estimate" if profile is not None or has_saved_profile() else "rule"
    return choose


def choose_layer_kernel(layer: ConvLayer, weights: np.ndarray, *, choose: str = "auto",
                        profile=None, candidates: Optional[Sequence[str]] = None,
                        include_torch: bool = False, repeats: int = 3, min_time: float = 0.01,
                        **options):
    """Kernel for ``layer`` running its real ``weights`` (used as given, never re-pruned).

    Parameters
    ----------
    layer : ConvLayer
    weights : ndarray ``(K, C/groups, R, S)``
    choose : {"auto", "estimate", "measure", "rule"}
    profile : MachineProfile, optional
        For ``"estimate"`` (default: the saved one).
    candidates : list of str, optional
        Kernels to choose from (default: every kernel supporting the layer).
    include_torch : bool
        With ``"measure"``, also time PyTorch's conv2d (candidate ``"torch"``).
    **options
        Kernel options (e.g. ``tile``) every candidate is planned with.

    Returns
    -------
    (str, dict, str, dict)
        The chosen kernel, the seconds of every candidate (empty for ``"rule"``), how
        it was chosen, and the options chosen with the kernel (``{"tile": 6}`` for a
        dense_winograd whose tile was chosen, :func:`winomodel.select.tuned_options`).
    """
    how = resolve_choose(choose, profile)
    d = spatial_density(weights)
    if how == "rule":
        name = rule_kernel(layer, d)
        if candidates is not None and name not in candidates:
            name = candidates[0]
        return name, {}, how, {}
    from .select import choose_kernel

    choice = choose_kernel(layer, density=None, weights=weights, choose=how, profile=profile,
                           candidates=candidates, repeats=repeats, min_time=min_time, **options)
    seconds = dict(choice.seconds)
    if how == "measure" and include_torch:
        seconds[TORCH] = torch_conv_seconds(layer, weights, repeats=repeats, min_time=min_time)
    name = min(seconds, key=seconds.get)
    return name, seconds, how, dict(choice.options.get(name, {}))


def torch_conv_seconds(layer: ConvLayer, weights: np.ndarray, *, repeats: int = 3,
                       min_time: float = 0.01) -> float:
    """Median seconds of PyTorch's conv2d on ``layer`` with ``weights``."""
    import torch

    from .timing import measure

    x = torch.from_numpy(np.random.default_rng(0).standard_normal(layer.input_shape, dtype=np.float32))
    w = torch.from_numpy(np.ascontiguousarray(weights, dtype=np.float32))
    with torch.no_grad():
        return measure(lambda: torch.conv2d(x, w, stride=layer.stride, padding=layer.pad,
                                            groups=layer.groups),
                       repeats=repeats, min_time=min_time).median
