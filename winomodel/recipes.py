"""Published pruning recipes applied to any weights, and magnitude pruning of whole models.

A recipe is a published set of per-layer densities (``data/pruned_densities.csv``:
Han et al. 2015 for AlexNet and VGG-16, Park et al. 2016 for AlexNet/CaffeNet).  It is
matched to a user's model layer by layer, in order, against the shipped table of the
network (shapes must agree), then each layer is pruned by magnitude to its density:
a user sees what a published pruning would buy on their machine without its weights.
"""

from __future__ import annotations

from typing import Dict, Optional

import numpy as np

from .errors import WinomodelError
from .importers.record import ImportedModel
from .networks import load_network, published_densities
from .pruning import prune_magnitude, prune_winograd
from .validation import check_density

DOMAINS = ("spatial", "winograd")


def recipe_densities(model: ImportedModel, network: str, recipe: Optional[str] = None) -> Dict[str, float]:
    """The recipe's density of each of ``model``'s layers (``{model layer name: density}``).

    The model's supported conv layers are matched in order with the shipped table of
    ``network``; layers the recipe does not list (e.g. AlexNet's conv1 in Park et al.)
    are left out (not pruned).

    Raises
    ------
    WinomodelError
        If the model has a different number of conv layers than the network, or a
        layer's channels or kernel differ (the message names the first mismatch).
    """
    if not isinstance(model, ImportedModel):
        raise WinomodelError(f"model must be an ImportedModel (from_torch/from_onnx), "
                             f"got {type(model).__name__}")
    table = load_network(network)
    ours = model.supported()
    if len(ours) != len(table):
        raise WinomodelError(f"the model has {len(ours)} runnable conv layers, {network} has "
                             f"{len(table)}: the recipe cannot be matched layer by layer")
    for m, ref in zip(ours, table):
        got = (m.layer.C, m.layer.K, m.layer.R, m.layer.S, m.layer.groups)
        want = (ref.C, ref.K, ref.R, ref.S, ref.groups)
        if got != want:
            raise WinomodelError(f"layer {m.name} (C, K, R, S, groups) = {got} does not match "
                                 f"{network}'s {ref.name} {want}")
    densities = published_densities(network, recipe)
    if not densities:
        raise WinomodelError(f"no published densities for {network}")
    return {m.name: densities[ref.name] for m, ref in zip(ours, table) if ref.name in densities}


def prune_layer(weights: np.ndarray, density: float, domain: str = "spatial", tile: int = 4,
                stride=1) -> np.ndarray:
    """Magnitude-prune one layer's weights in the spatial or the Winograd domain.

    Winograd-domain pruning returns the Winograd kernels' weights ``(K, P * C/groups,
    alpha, alpha)`` (P pieces of the layer's decomposition, 1 for 3x3 stride 1,
    :func:`winomodel.pruning.prune_winograd`); they have no spatial equivalent.
    """
    if domain not in DOMAINS:
        raise WinomodelError(f"domain must be one of {DOMAINS}, got {domain!r}")
    density = check_density(density)
    if domain == "winograd":
        return prune_winograd(weights, density, tile, stride=stride,
                              weights_domain="spatial")
    return prune_magnitude(weights, density)


def prune_model(model: ImportedModel, densities: Dict[str, float], domain: str = "spatial",
                tile: int = 4) -> ImportedModel:
    """``model`` with each layer named in ``densities`` pruned by magnitude to its density.

    Pruning is global over each layer's weights (zeros already there count as the
    smallest), so a layer already sparser than asked stays as it is only if asked
    for more than it has.
    """
    unknown = set(densities) - set(model.names())
    if unknown:
        raise WinomodelError(f"densities given for unknown layer(s) {sorted(unknown)}")
    new = {}
    for m in model.supported():
        if m.name in densities:
            new[m.name] = prune_layer(m.weights, densities[m.name], domain, tile, m.layer.stride)
    return model.with_weights(new) if domain == "spatial" else _winograd_model(model, new)


def _winograd_model(model: ImportedModel, new: dict) -> ImportedModel:
    import dataclasses

    layers = tuple(dataclasses.replace(m, weights=new[m.name]) if m.name in new else m
                   for m in model.layers)
    return dataclasses.replace(model, layers=layers)


def prune_torch_module(module, densities: Dict[str, float], *, inplace: bool = False):
    """Magnitude-prune the Conv2d layers of a PyTorch module, zeros baked into ``weight``.

    Parameters
    ----------
    module : torch.nn.Module
    densities : dict
        ``{module path: density}`` (e.g. from :func:`recipe_densities` or ``winomodel prune``).
    inplace : bool
        Prune ``module`` itself instead of a copy.

    Returns
    -------
    torch.nn.Module
        Pruning masks of ``torch.nn.utils.prune`` are applied and removed first.
    """
    import torch
    from torch import nn

    from .importers.torch_import import effective_weight

    if not inplace:
        from .torch import _deepcopy

        module = _deepcopy(module)
    convs = {n: m for n, m in module.named_modules() if isinstance(m, nn.Conv2d)}
    unknown = set(densities) - set(convs)
    if unknown:
        raise WinomodelError(f"densities given for unknown conv layer(s) {sorted(unknown)}; "
                             f"Conv2d layers: {sorted(convs)}")
    for name, d in densities.items():
        m = convs[name]
        w = prune_magnitude(effective_weight(m), d)
        if hasattr(m, "weight_orig"):
            torch.nn.utils.prune.remove(m, "weight")
        with torch.no_grad():
            m.weight.copy_(torch.from_numpy(w))
    return module


def prune_onnx(path, densities: Dict[str, float], output) -> None:
    """Write a copy of an ONNX model with the named Conv layers' weights magnitude-pruned.

    ``densities`` is keyed by the layer names :func:`winomodel.from_onnx` gives.
    """
    import onnx
    from onnx import numpy_helper

    from .fileio import atomic_path
    from .importers.onnx_import import _load

    from pathlib import Path

    model = _load(Path(path))
    inits = {t.name: t for t in model.graph.initializer}
    names, seen = {}, {}
    for index, node in enumerate(model.graph.node):
        if node.op_type == "Conv":
            name = node.name or f"conv{index}"
            seen[name] = seen.get(name, 0) + 1
            names[name if seen[name] == 1 else f"{name}#{seen[name]}"] = node
    unknown = set(densities) - set(names)
    if unknown:
        raise WinomodelError(f"densities given for unknown Conv node(s) {sorted(unknown)}")
    for name, d in densities.items():
        init = inits.get(names[name].input[1])
        if init is None:
            raise WinomodelError(f"Conv {name}: weights are not an initializer, cannot prune")
        w = numpy_helper.to_array(init)
        pruned = prune_magnitude(w.astype(np.float32), d).astype(w.dtype)
        init.CopyFrom(numpy_helper.from_array(pruned, init.name))
    with atomic_path(output) as tmp:
        onnx.save(model, str(tmp))
