"""Automatic kernel choice for ``kernel="auto"``, like FFTW's ESTIMATE and MEASURE.

* ``choose="estimate"`` (default): the kernel the roofline model predicts fastest
  on the machine profile; no kernel runs.
* ``choose="measure"``: plan every candidate and time it on a random input of the
  layer's shape; the fastest wins.

Options: where none is given, ``dense_winograd``'s output tile is chosen too, the tile
predicted (or measured) fastest of the default and the larger ones (:func:`tuned_options`).

Densities: with an explicit ``density`` the sparse kernels prune to it.  With
``density=None`` the weights are used as given: ``sparse_direct``-like (spatial)
kernels run at the weights' fraction of nonzeros, Winograd-domain sparse kernels at
density 1 (spatially pruned weights become dense in the Winograd domain).
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import Dict, Optional, Sequence

import numpy as np

from .errors import WinomodelError
from .layer import ConvLayer
from .timing import measure
from .validation import check_density
from .model.predict import predict
from .machine.profile import MachineProfile

CHOICES = ("estimate", "measure")


@dataclasses.dataclass(frozen=True)
class Choice:
    """Outcome of an automatic choice.

    Attributes
    ----------
    kernel : str
        The chosen kernel.
    how : str
        ``"estimate"`` or ``"measure"``.
    seconds : dict
        Predicted (estimate) or measured (measure) seconds of every candidate.
    options : dict
        Options chosen per candidate (:func:`tuned_options`: ``{"dense_winograd":
        {"tile": 6}}``); a candidate without chosen options is absent.
    """

    kernel: str
    how: str
    seconds: Dict[str, float]
    options: Dict[str, dict] = dataclasses.field(default_factory=dict)

    @property
    def kernel_options(self) -> dict:
        """Options chosen for the chosen kernel (e.g. ``{"tile": 6}``), to plan it with."""
        return dict(self.options.get(self.kernel, {}))


def kernel_density(kernel, density: Optional[float], weights: Optional[np.ndarray]) -> float:
    """Density ``kernel`` runs at for a requested ``density`` (None: weights as given)."""
    if not kernel.sparse:
        return 1.0
    if density is not None:
        return check_density(density)
    if weights is None or kernel.domain != "spatial":
        return 1.0
    return float(np.count_nonzero(weights)) / max(1, weights.size)


def load_default_profile() -> MachineProfile:
    """The saved profile of this machine, or the design brief's synthetic one with a warning
    that says why (none saved, or the saved one is of another machine, setup or kernels)."""
    why = "no machine profile saved here (run `winomodel profile`)"
    try:
        from .machine.profiler import default_profile_path
        path = default_profile_path()
        if path.exists():
            return MachineProfile.load(path)
    except ImportError:
        pass
    except WinomodelError as exc:
        why = str(exc)
    warnings.warn(f"{why}; kernel='auto' estimates with a synthetic profile", RuntimeWarning,
                  stacklevel=3)
    return MachineProfile.synthetic()


#: kernels whose output tile is chosen when none is given.  sparse_winograd keeps its
#: default: its density is that of one tile's Winograd domain (a density of F(6, 3)'s
#: weights is another pruning than the same density of F(4, 3)'s)
TILE_CHOSEN = ("dense_winograd",)


def tile_variants(kernel, layer: ConvLayer, **options):
    """The option sets to try for ``kernel`` on ``layer``: for a kernel of
    :data:`TILE_CHOSEN` given spatial weights and no tile, one per output tile from the
    default (:func:`~winomodel.kernels.winograd_decomposition.default_spec`) up; else only
    the options as given (``[{}]``; Winograd-domain weights carry their tile in their size).

    Tiles below the default are not tried: the default already takes F(2, r) where
    outputs are tiny, and the model lacks F(2, r)'s cost per tile stored (m rows of m
    floats per tile and output channel): VGG-16 conv1_1 (C = 3), F(2, 3) measured 2.3-2.6 ms
    where 1.2 ms was predicted, F(4, 3) 1.3-1.7 ms (1.4) (``python benchmarks/winograd_tiles.py``)."""
    from .kernels import winograd_decomposition as wd
    from .kernels.winograd_transforms import TILES

    if (kernel.name not in TILE_CHOSEN or options.get("tile") is not None
            or options.get("weights_domain", "spatial") != "spatial"):
        return [{}]
    default = wd.for_layer(layer, None, options.get("r")).m
    return [{"tile": m} for m in TILES if m >= default]


def tuned_options(layer: ConvLayer, kernel, profile: MachineProfile, density: float = 1.0,
                  **options) -> dict:
    """Options the model chooses for ``kernel`` on ``layer``: for a kernel of
    :data:`TILE_CHOSEN` given no ``tile``, the output tile predicted fastest among
    :func:`tile_variants` (``{"tile": m}``) when it beats the default by
    :data:`TILE_SWITCH_GAIN`; else ``{}``.

    The products' ceilings per block width and U's level (:mod:`winomodel.work`) carry
    what sets the tile: F(6, 3) ran up to 1.13x faster than F(4, 3) on VGG-16's 112 x 112
    layers at batch 1 and 1.8x slower on 14 x 14, where its weights are 1.8x larger
    (``python benchmarks/winograd_tiles.py``)."""
    variants = tile_variants(kernel, layer, **options)
    if variants == [{}]:
        return {}
    seconds = [predict(layer, kernel, density, profile, **options, **v).seconds for v in variants]
    best = int(np.argmin(seconds))
    # variants[0] is the default tile: leave it only for a gain beyond the model's error
    return variants[best] if seconds[best] < (1 - TILE_SWITCH_GAIN) * seconds[0] else variants[0]


#: predicted gain a larger tile needs over the default to be chosen: below it the two
#: tiles are within the model's error of each other (predicted gains of 2-8 % went either
#: way).  VGG-16's nine shapes at batch 1 (``python benchmarks/winograd_tiles.py``): the
#: pick was the measured fastest on 7 of 9 natively and 8 of 9 in the AVX2 regime, the
#: nine layers 2.2 and 1.3 % faster than at F(4, 3) throughout, the worst pick 2 and 11 %
#: slow; with no margin 7 and 6 of 9, 2.4 and 0.2 % faster
TILE_SWITCH_GAIN = 0.08


def candidates_for(layer: ConvLayer, candidates: Optional[Sequence[str]] = None, **options):
    """Registered kernels (or ``candidates``) that support ``layer`` and accept ``options``."""
    from .kernels import get_kernel, kernel_names

    names = list(candidates) if candidates is not None else kernel_names()
    ks = [get_kernel(n) for n in names]
    ks = [k for k in ks if k.supports(layer)]
    if any(options.get(o) is not None for o in ("tile", "r", "kernel_size")):  # Winograd options
        ks = [k for k in ks if k.domain == "winograd"]
    if not ks:
        raise WinomodelError(f"no kernel among {names} supports {layer.describe()}"
                             + (f" with options {options}" if options else ""))
    return ks


def choose_kernel(layer: ConvLayer, *, density: Optional[float] = None, weights=None,
                  choose: str = "estimate", profile: Optional[MachineProfile] = None,
                  candidates: Optional[Sequence[str]] = None, repeats: int = 3,
                  min_time: float = 0.01, **options) -> Choice:
    """Choose the fastest kernel for ``layer``.

    Parameters
    ----------
    layer : ConvLayer
    density : float in [0, 1], optional
        Density sparse kernels prune to; None uses the weights as given.
    weights : ndarray, optional
        Needed by ``choose="measure"`` (the plans are built from them); with
        ``density=None`` it also gives the spatial density.
    choose : {"estimate", "measure"}
    profile : MachineProfile, optional
        For ``"estimate"``; default: this machine's saved profile.
    candidates : list of str, optional
        Kernels to choose from (default: all that support the layer).
    repeats, min_time :
        Timing of ``"measure"``.
    **options
        Kernel options (e.g. ``tile``), passed to every candidate.
    """
    if choose not in CHOICES:
        raise WinomodelError(f"choose must be one of {CHOICES}, got {choose!r}")
    if not isinstance(layer, ConvLayer):
        raise WinomodelError(f"layer must be a ConvLayer, got {type(layer).__name__}")
    ks = candidates_for(layer, candidates, **options)
    seconds, chosen = {}, {}
    if choose == "estimate":
        profile = profile if profile is not None else load_default_profile()
        for k in ks:
            d = kernel_density(k, density, weights)
            chosen[k.name] = tuned_options(layer, k, profile, d, **options)
            seconds[k.name] = predict(layer, k, d, profile, **options, **chosen[k.name]).seconds
    else:
        if weights is None:
            raise WinomodelError('choose="measure" needs the weights')
        x = np.random.default_rng(0).standard_normal(layer.input_shape, dtype=np.float32)
        for k in ks:
            timed = []
            for v in tile_variants(k, layer, **options):
                p = k.plan(weights, layer, density=density if k.sparse else None, **options, **v)
                timed.append((measure(lambda: p(x), repeats=repeats, min_time=min_time).median, v))
            seconds[k.name], chosen[k.name] = min(timed, key=lambda tv: tv[0])
    best = min(seconds, key=seconds.get)
    return Choice(kernel=best, how=choose, seconds=seconds,
                  options={name: v for name, v in chosen.items() if v})


def auto_plan(w: np.ndarray, layer_for, *, density=None, choose: str = "estimate",
              profile: Optional[MachineProfile] = None, **options):
    """Plan with the automatically chosen kernel (used by ``winomodel.plan(kernel="auto")``).

    ``layer_for(kernel)`` builds the layer for a kernel (Winograd kernels read
    Winograd-domain weight shapes).  Returns the plan; its ``.kernel`` names the chosen
    kernel and, where the plan accepts attributes, ``.choice`` holds the :class:`Choice`.
    """
    from .kernels import get_kernel, kernel_names

    if density is not None:
        density = check_density(density)
    # a plain (K, C, R, S) weight tensor gives the same layer to every kernel; a tensor that
    # only some kernels understand (Winograd-domain) restricts the candidates to those
    layers = {}
    for name in kernel_names():
        try:
            layers[name] = layer_for(get_kernel(name))
        except WinomodelError:
            continue
    if not layers:
        raise WinomodelError(f"no kernel accepts weights of shape {w.shape}")
    layer = next(iter(layers.values()))
    candidates = [n for n, l in layers.items() if l == layer]
    if density not in (None, 1.0):
        sparse_ok = [n for n in candidates if get_kernel(n).sparse]
        candidates = sparse_ok or candidates
        if not sparse_ok:
            raise WinomodelError(f"density={density} needs a sparse kernel, none supports "
                                 f"{layer.describe()}")
    choice = choose_kernel(layer, density=density, weights=w, choose=choose, profile=profile,
                           candidates=candidates, **options)
    k = get_kernel(choice.kernel)
    plan = k.plan(w, layer, density=density if k.sparse else None, **options, **choice.kernel_options)
    try:
        plan.choice = choice
    except AttributeError:  # a plan with __slots__ keeps only its .kernel
        pass
    return plan
