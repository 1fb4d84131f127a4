"""Conv layers of a PyTorch module, found by running it once with forward hooks.

Hooks see the input each conv really receives, so shapes come out right whatever
the module's control flow.  Weights are read as the forward pass uses them:
``torch.nn.utils.prune`` keeps ``weight_orig`` and ``weight_mask`` and recomputes
``weight`` in a pre-hook, so the product of the two is taken explicitly.
"""

from __future__ import annotations

from typing import List

import numpy as np

from ..errors import ModelImportError, WinomodelError
from ..layer import ConvLayer
from .record import ImportedModel, ModelLayer


def effective_weight(module) -> np.ndarray:
    """The weights ``module`` convolves with, masks of ``torch.nn.utils.prune`` applied."""
    import torch

    with torch.no_grad():
        if hasattr(module, "weight_orig") and hasattr(module, "weight_mask"):
            w = module.weight_orig * module.weight_mask
        else:
            w = module.weight
        return np.ascontiguousarray(w.detach().cpu().float().numpy())


def _unsupported_reason(module) -> str:
    """Why winomodel cannot run a Conv2d module ('' when it can)."""
    problems = []
    if tuple(module.dilation) != (1, 1):
        problems.append(f"dilation {tuple(module.dilation)} (winomodel's kernels are dilation-free)")
    if module.padding_mode != "zeros":
        problems.append(f"padding_mode={module.padding_mode!r} (only zero padding)")
    if isinstance(module.padding, str) and module.padding != "valid":
        if any(k % 2 == 0 for k in module.kernel_size):
            problems.append(f"padding={module.padding!r} with an even kernel (asymmetric padding)")
    return "; ".join(problems)


def _padding(module):
    if module.padding == "valid":
        return (0, 0)
    if module.padding == "same":
        return tuple((k - 1) // 2 for k in module.kernel_size)
    return tuple(module.padding)


def from_torch(module, example_input) -> ImportedModel:
    """Every conv layer of a PyTorch module, with shapes and real weights.

    Parameters
    ----------
    module : torch.nn.Module
        The model (pruned with ``torch.nn.utils.prune`` or with zeros baked in).
    example_input : torch.Tensor or tuple of tensors
        Input(s) of one forward pass; its batch size becomes each layer's N.

    Returns
    -------
    ImportedModel
        ``Conv2d`` layers in call order, named by module path (a module called twice
        appears twice, the second as ``name#2``).  Convolutions winomodel cannot run
        (``Conv1d``/``Conv3d``, transposed, dilated, non-zero padding modes) are listed
        with a ``reason``.

    Raises
    ------
    ModelImportError
        If ``module`` is not a torch module or the forward pass fails on ``example_input``.

    Examples
    --------
    >>> import torch, winomodel                                   # doctest: +SKIP
    >>> net = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1))  # doctest: +SKIP
    >>> winomodel.from_torch(net, torch.zeros(1, 3, 16, 16)).conv_layers()  # doctest: +SKIP
    [ConvLayer(C=3, K=8, H=16, W=16, ..., name='0')]
    """
    try:
        import torch
        from torch import nn
    except ImportError:  # pragma: no cover - torch is an optional dependency
        raise ModelImportError("from_torch needs PyTorch: pip install 'winomodel[torch]'") from None
    if not isinstance(module, nn.Module):
        raise ModelImportError(f"from_torch needs a torch.nn.Module, got {type(module).__name__}")
    inputs = example_input if isinstance(example_input, (tuple, list)) else (example_input,)
    if not inputs or not all(isinstance(t, torch.Tensor) for t in inputs):
        raise ModelImportError("example_input must be a torch.Tensor (or a tuple of tensors), "
                               f"got {type(example_input).__name__}")

    convs = (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.ConvTranspose1d, nn.ConvTranspose2d,
             nn.ConvTranspose3d)
    found: List[ModelLayer] = []
    calls = {}

    def hook(mod, args, name):
        count = calls[name] = calls.get(name, 0) + 1
        label = name if count == 1 else f"{name}#{count}"
        found.append(_record(mod, label, tuple(args[0].shape)))

    handles = []
    for name, mod in module.named_modules():
        if isinstance(mod, convs):
            handles.append(mod.register_forward_pre_hook(
                lambda m, a, _n=name or type(m).__name__: hook(m, a, _n)))
    try:
        with torch.no_grad():
            module(*inputs)
    except WinomodelError:
        raise
    except Exception as exc:  # the user's model failed on the example: say so, not a traceback
        raise ModelImportError(f"running {type(module).__name__} on the example input of shape "
                               f"{tuple(inputs[0].shape)} failed: {type(exc).__name__}: {exc}") from None
    finally:
        for h in handles:
            h.remove()
    return ImportedModel(source=type(module).__name__, layers=tuple(found))


def _record(mod, name: str, input_shape) -> ModelLayer:
    from torch import nn

    op = type(mod).__name__
    bias = None if mod.bias is None else mod.bias.detach().cpu().float().numpy().copy()
    if not isinstance(mod, nn.Conv2d):  # ConvTranspose2d is not a Conv2d subclass
        return ModelLayer(name=name, layer=None, weights=None, bias=bias, op=op,
                          reason=f"{op} is not a 2-D convolution (winomodel runs Conv2d only)")
    w = effective_weight(mod)
    reason = _unsupported_reason(mod)
    layer = None
    try:
        layer = ConvLayer.from_shapes(input_shape, w.shape, stride=tuple(mod.stride),
                                      padding=_padding(mod), groups=mod.groups, name=name)
    except WinomodelError as exc:
        reason = "; ".join(r for r in (reason, str(exc)) if r)
    if not np.isfinite(w).all():
        reason = "; ".join(r for r in (reason, "weights contain NaN or Inf") if r)
    return ModelLayer(name=name, layer=layer, weights=w, bias=bias, reason=reason, op=op)
