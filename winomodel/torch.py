"""Run a PyTorch model's convolutions through winomodel plans (inference only).

:func:`convert` returns a copy of a module in which every ``Conv2d`` that winomodel
can run is replaced by a :class:`WinomodelConv2d`: the layer's real weights (pruning
masks applied) planned once per input shape with the kernel chosen for that layer,
executed on the tensor's memory without copies.  Convolutions winomodel cannot run
(dilated, transposed, 1-D/3-D, non-zero padding modes) stay PyTorch modules and are
listed by :func:`conversion_table`.  ``MaxPool2d`` modules (dilation 1, no indices) run
:func:`winomodel.pooling.max_pool2d` (:class:`WinomodelMaxPool2d`): PyTorch's NCHW max
pooling was a fifth of VGG-16's converted forward.  A ``BatchNorm2d`` that takes a
converted conv's output and nothing else is folded into that conv's weights and bias
(:func:`conv_batchnorm_pairs`, found by ``torch.fx`` tracing): one pass over each output
fewer; ResNet-50 at density 0.12 (53 of them) converted 1.01-1.06x faster than with them kept
(``python benchmarks/network_bench.py --network resnet50 --density 0.12``).
"""

from __future__ import annotations

import copy
from typing import Dict, Optional, Sequence, Union

import numpy as np
import torch
from torch import nn

from .errors import WinomodelError
from .importers.torch_import import _padding, _unsupported_reason, effective_weight
from .layer import ConvLayer, _pair
from .layer_choice import TORCH, choose_layer_kernel, resolve_choose, spatial_density

__all__ = ["convert", "WinomodelConv2d", "WinomodelMaxPool2d", "conversion_table",
           "conv_batchnorm_pairs"]


class WinomodelConv2d(nn.Module):
    """A ``Conv2d`` replaced by a winomodel plan (forward only, no autograd).

    Attributes
    ----------
    name : str
        Module path of the replaced conv.
    kernel : str or None
        Kernel of the latest input shape's plan (``"torch"`` when PyTorch's own conv2d
        was measured faster and kept); None before the first forward.
    choices : dict
        ``(C, H, W)`` -> (kernel, seconds of each candidate, how chosen, options chosen
        with the kernel, e.g. ``{"tile": 6}``).
    """

    def __init__(self, conv: nn.Conv2d, *, name: str = "", kernel: str = "auto",
                 choose: str = "auto", profile=None, include_torch: bool = False,
                 candidates: Optional[Sequence[str]] = None, **options):
        super().__init__()
        reason = _unsupported_reason(conv)
        if reason:
            raise WinomodelError(f"conv {name or conv!r} cannot run in winomodel: {reason}")
        self.name = name
        self.weights = effective_weight(conv)
        self.register_buffer("torch_weight", torch.from_numpy(self.weights), persistent=False)
        self.register_buffer("bias", None if conv.bias is None else conv.bias.detach().clone(),
                             persistent=False)
        self.stride = tuple(conv.stride)
        self.padding = _padding(conv)
        self.groups = conv.groups
        self.kernel_name = kernel
        self.choose = resolve_choose(choose, profile)
        self.profile = profile
        self.include_torch = include_torch
        self.candidates = candidates
        self.options = options
        self.plans: Dict[tuple, object] = {}
        self.choices: Dict[tuple, tuple] = {}
        self.kernel: Optional[str] = None
        self.folded: str = ""

    def fold_batchnorm(self, bn: nn.BatchNorm2d, name: str = "") -> None:
        """Fold the inference-mode ``bn`` that follows this conv into its weights and bias:
        ``w' = w * s``, ``b' = (b - mean) * s + beta`` with ``s = gamma / sqrt(var + eps)``
        per output channel (zeros stay zeros, so the density is unchanged).  Call before
        the first forward (plans are built from the weights)."""
        if self.plans:
            raise WinomodelError(f"{self.name or 'conv'}: fold the BatchNorm before planning")
        if bn.running_mean is None or bn.num_features != self.weights.shape[0]:
            raise WinomodelError(f"{name or 'BatchNorm2d'} cannot be folded into "
                                 f"{self.name or 'conv'}: no running statistics or "
                                 f"{bn.num_features} features for {self.weights.shape[0]} channels")
        with torch.no_grad():
            var, mean = bn.running_var.double(), bn.running_mean.double()
            gamma = bn.weight.double() if bn.weight is not None else torch.ones_like(var)
            beta = bn.bias.double() if bn.bias is not None else torch.zeros_like(var)
            scale = gamma / torch.sqrt(var + bn.eps)
            bias = self.bias.double() if self.bias is not None else torch.zeros_like(var)
            self.weights = np.ascontiguousarray(
                (self.weights * scale.numpy()[:, None, None, None]).astype(np.float32))
            self.torch_weight = torch.from_numpy(self.weights)
            self.bias = ((bias - mean) * scale + beta).float()
        self.folded = name or "BatchNorm2d"

    @property
    def density(self) -> float:
        """Fraction of nonzero weights (spatial)."""
        return spatial_density(self.weights)

    def layer_for(self, shape) -> ConvLayer:
        return ConvLayer.from_shapes(shape, self.weights.shape, stride=self.stride,
                                     padding=self.padding, groups=self.groups, name=self.name)

    def prepare(self, shape) -> None:
        """Choose the kernel and build the plan for inputs of ``shape`` (N, C, H, W)."""
        key = tuple(int(v) for v in shape[1:])
        if key in self.plans:
            self.kernel = self.choices[key][0]
            return
        from .api import plan as make_plan

        from .kernels import get_kernel

        layer = self.layer_for(shape)
        # a kernel forced on every layer may not run this one (Winograd on a 1x1): auto here
        if self.kernel_name == "auto" or not get_kernel(self.kernel_name).supports(layer):
            name, seconds, how, tuned = choose_layer_kernel(
                layer, self.weights, choose=self.choose, profile=self.profile,
                candidates=self.candidates, include_torch=self.include_torch, **self.options)
        else:
            name, seconds, how, tuned = self.kernel_name, {}, "given", self.given_options(layer)
        if name == TORCH:
            self.plans[key] = None
        else:
            self.plans[key] = make_plan(self.weights, shape, stride=self.stride,
                                        padding=self.padding, groups=self.groups, kernel=name,
                                        name=self.name, **self.options, **tuned)
        self.choices[key] = (name, seconds, how, tuned)
        self.kernel = name

    def given_options(self, layer: ConvLayer) -> dict:
        """Options the model chooses for the given kernel (its tile, where the kernel has
        one to choose and none was given), when this machine's model is in use."""
        if resolve_choose(self.choose, self.profile) != "estimate":
            return {}
        from .kernels import get_kernel
        from .select import load_default_profile, tuned_options

        profile = self.profile if self.profile is not None else load_default_profile()
        return tuned_options(layer, get_kernel(self.kernel_name), profile, **self.options)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 4:
            raise WinomodelError(f"{self.name or 'conv'}: input must be 4-D (N, C, H, W), "
                                 f"got shape {tuple(x.shape)}")
        self.prepare(x.shape)
        plan = self.plans[tuple(int(v) for v in x.shape[1:])]
        with torch.no_grad():
            if plan is None:  # PyTorch's conv2d measured faster here
                return torch.conv2d(x, self.torch_weight, self.bias, self.stride, self.padding,
                                    1, self.groups)
            xa = x.detach()
            if xa.dtype != torch.float32:
                xa = xa.float()
            y = torch.from_numpy(plan(xa.contiguous().numpy()))  # numpy view: no copy either way
            if self.bias is not None:
                y += self.bias.view(1, -1, 1, 1)
            return y

    def extra_repr(self) -> str:
        return (f"{self.name!r}, kernel={self.kernel or self.kernel_name}, "
                f"density={self.density:.3g}, stride={self.stride}, padding={self.padding}, "
                f"groups={self.groups}")


class WinomodelMaxPool2d(nn.Module):
    """A ``MaxPool2d`` (dilation 1, no indices) run by :func:`winomodel.pooling.max_pool2d`
    on float32 input; other input goes to PyTorch's ``max_pool2d``."""

    def __init__(self, pool: nn.MaxPool2d):
        super().__init__()
        if not pool_supported(pool):
            raise WinomodelError(f"MaxPool2d {pool!r}: dilation and return_indices are not "
                                 f"supported; keep PyTorch's module")
        self.kernel_size, self.stride = pool.kernel_size, pool.stride
        self.padding, self.ceil_mode = pool.padding, pool.ceil_mode

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 4 or x.dtype != torch.float32 or x.requires_grad:
            return torch.nn.functional.max_pool2d(x, self.kernel_size, self.stride, self.padding,
                                                  ceil_mode=self.ceil_mode)
        from .pooling import max_pool2d

        return torch.from_numpy(max_pool2d(x.contiguous().numpy(), self.kernel_size,
                                           self.stride, self.padding, self.ceil_mode))

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"ceil_mode={self.ceil_mode}")


def pool_supported(pool: nn.Module) -> bool:
    """Whether ``pool`` is a ``MaxPool2d`` :class:`WinomodelMaxPool2d` runs."""
    if type(pool) is not nn.MaxPool2d or pool.return_indices:
        return False
    pad, size = _pair(pool.padding, "padding"), _pair(pool.kernel_size, "kernel_size")
    return (_pair(pool.dilation, "dilation") == (1, 1)
            and all(2 * p <= k for p, k in zip(pad, size)))


def convert(module: nn.Module, kernel: Union[str, Dict[str, str]] = "auto", *,
            choose: str = "auto", profile=None, example_input=None,
            include_torch: bool = False, candidates: Optional[Sequence[str]] = None,
            inplace: bool = False, pools: bool = True, fold_batchnorm: bool = True,
            **options) -> nn.Module:
    """A copy of ``module`` whose Conv2d layers run winomodel plans (and MaxPool2d layers
    winomodel's max pooling).

    Parameters
    ----------
    module : torch.nn.Module
        The model, pruned or not (``torch.nn.utils.prune`` masks are applied).
    kernel : str or dict, default "auto"
        ``"auto"``: a kernel chosen per layer (see ``choose``); a kernel name: that kernel
        for every layer it supports (others fall back to ``"auto"``); a dict
        ``{module path: kernel}`` for some layers (the rest ``"auto"``).
    choose : {"auto", "estimate", "measure", "rule"}
        How ``"auto"`` layers choose (:mod:`winomodel.layer_choice`): ``"auto"`` uses the
        roofline model when this machine has a saved profile, else a fixed rule.
    profile : MachineProfile, optional
        For ``choose="estimate"``.
    example_input : torch.Tensor, optional
        Plans are built now from one forward pass on it (else at each new input shape).
    include_torch : bool
        With ``choose="measure"``, keep PyTorch's conv2d for layers where it measured faster.
    candidates : list of str, optional
        Kernels ``"auto"`` chooses among.
    inplace : bool
        Modify ``module`` itself instead of a deep copy.
    pools : bool, default True
        Also replace ``MaxPool2d`` modules (dilation 1, no indices) by
        :class:`WinomodelMaxPool2d` (same results; PyTorch's NCHW max pooling ran at
        about 2 GB/s here, this one 5-6x faster on VGG-16's pools).
    fold_batchnorm : bool, default True
        Fold each ``BatchNorm2d`` whose only input is a converted conv's output, used by
        nothing else, into that conv (its running statistics; the BatchNorm becomes
        ``nn.Identity``, the conv's ``folded`` names it).  Pairs are found by
        ``torch.fx`` tracing; a module that cannot be traced keeps its BatchNorms.
    **options
        Kernel options for every plan (e.g. ``tile=4``).

    Returns
    -------
    torch.nn.Module
        In eval mode; call it under ``torch.no_grad()`` or ``torch.inference_mode()``.

    Examples
    --------
    >>> import torch, winomodel.torch as wt                      # doctest: +SKIP
    >>> fast = wt.convert(model, example_input=torch.zeros(1, 3, 224, 224))  # doctest: +SKIP
    >>> print(wt.conversion_table(fast))                        # doctest: +SKIP
    """
    if not isinstance(module, nn.Module):
        raise WinomodelError(f"convert needs a torch.nn.Module, got {type(module).__name__}")
    per_layer = kernel if isinstance(kernel, dict) else {}
    default_kernel = "auto" if isinstance(kernel, dict) else kernel
    if default_kernel != "auto":
        from .kernels import get_kernel

        get_kernel(default_kernel)  # fail now on an unknown name
    out = module if inplace else _deepcopy(module)
    names = {n for n, m in out.named_modules() if isinstance(m, nn.Conv2d)}
    unknown = set(per_layer) - names
    if unknown:
        raise WinomodelError(f"kernel given for unknown conv layer(s) {sorted(unknown)}; "
                             f"Conv2d layers: {sorted(names)}")
    folds = conv_batchnorm_pairs(out) if fold_batchnorm else {}
    for name, child in list(out.named_modules()):
        if not isinstance(child, nn.Conv2d) or _unsupported_reason(child):
            continue
        k = per_layer.get(name, default_kernel)
        replacement = WinomodelConv2d(child, name=name, kernel=k, choose=choose, profile=profile,
                                      include_torch=include_torch, candidates=candidates,
                                      **options)
        if name in folds:
            bn_name = folds[name]
            replacement.fold_batchnorm(out.get_submodule(bn_name), bn_name)
            _set_submodule(out, bn_name, nn.Identity())
        _set_submodule(out, name, replacement)
    if pools:
        for name, child in list(out.named_modules()):
            if name and pool_supported(child):
                _set_submodule(out, name, WinomodelMaxPool2d(child))
    out.eval()
    if example_input is not None:
        with torch.no_grad():
            out(example_input)
    return out


def conv_batchnorm_pairs(module: nn.Module) -> Dict[str, str]:
    """``{conv path: BatchNorm path}`` for every ``BatchNorm2d`` of ``module`` that takes a
    winomodel-runnable ``Conv2d``'s output as its only input, where that output feeds
    nothing else and each module is called once (traced with ``torch.fx``; empty when
    the module cannot be traced, e.g. control flow on tensor values)."""
    import torch.fx

    try:
        graph = torch.fx.symbolic_trace(module).graph
    except Exception:  # fx raises several types; an untraceable model keeps its BatchNorms
        return {}
    calls: Dict[str, int] = {}
    for node in graph.nodes:
        if node.op == "call_module":
            calls[node.target] = calls.get(node.target, 0) + 1
    pairs = {}
    for node in graph.nodes:
        if node.op != "call_module" or len(node.args) != 1 or node.kwargs:
            continue
        bn, src = module.get_submodule(node.target), node.args[0]
        if not (isinstance(bn, nn.BatchNorm2d) and isinstance(src, torch.fx.Node)
                and src.op == "call_module" and len(src.users) == 1):
            continue
        conv = module.get_submodule(src.target)
        if (isinstance(conv, nn.Conv2d) and not _unsupported_reason(conv)
                and bn.running_mean is not None and calls[node.target] == calls[src.target] == 1):
            pairs[src.target] = node.target
    return pairs


def _deepcopy(module: nn.Module) -> nn.Module:
    """Deep copy that also copies modules pruned with ``torch.nn.utils.prune`` after a
    forward with autograd on (their ``weight`` is then a non-leaf tensor, which
    ``copy.deepcopy`` refuses): such tensors are copied detached."""
    memo = {}
    for m in module.modules():
        for value in vars(m).values():
            if isinstance(value, torch.Tensor) and not value.is_leaf:
                memo[id(value)] = value.detach().clone()
    return copy.deepcopy(module, memo)


def _set_submodule(root: nn.Module, path: str, new: nn.Module) -> None:
    if not path:
        raise WinomodelError("convert needs a module that contains Conv2d layers, "
                             "not a bare Conv2d: wrap it in nn.Sequential")
    parent_path, _, leaf = path.rpartition(".")
    parent = root.get_submodule(parent_path) if parent_path else root
    setattr(parent, leaf, new)


def conversion_table(module: nn.Module):
    """One row per conv of a converted module: name, kernel, density, how chosen, reason.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, kernel, density, how, shape, folded, reason`` (folded: the
        BatchNorm folded into the conv; reason says why a conv stayed in PyTorch).
    """
    import pandas as pd

    rows = []
    for name, m in module.named_modules():
        if isinstance(m, WinomodelConv2d):
            for key, (k, _, how, _) in (m.choices.items() or [(None, (m.kernel_name, {}, m.choose, {}))]):
                rows.append(dict(name=name, kernel=k, density=m.density, how=how,
                                 shape=m.layer_for((1,) + key).describe() if key else "",
                                 folded=m.folded, reason=""))
        elif isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.ConvTranspose1d,
                            nn.ConvTranspose2d, nn.ConvTranspose3d)):
            reason = _unsupported_reason(m) if isinstance(m, nn.Conv2d) else \
                f"{type(m).__name__} is not a 2-D convolution"
            rows.append(dict(name=name, kernel="pytorch", density=float("nan"), how="",
                             shape="", folded="", reason=reason))
    return pd.DataFrame(rows, columns=["name", "kernel", "density", "how", "shape", "folded",
                                       "reason"])
