"""Model files for the command line: ``.onnx`` (onnx package) or ``.pt``/``.pth`` (a whole
PyTorch module saved with ``torch.save(model, path)``), and writing pruned copies back."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

from ..errors import ModelImportError
from .record import ImportedModel

ONNX_SUFFIXES = (".onnx",)
TORCH_SUFFIXES = (".pt", ".pth")


def parse_shape(text) -> Tuple[int, ...]:
    """``"1,3,224,224"`` -> ``(1, 3, 224, 224)``."""
    try:
        shape = tuple(int(v) for v in str(text).split(","))
    except ValueError:
        raise ModelImportError(f"input shape must be N,C,H,W integers, got {text!r}") from None
    if len(shape) != 4 or min(shape) < 1:
        raise ModelImportError(f"input shape must be 4 positive integers N,C,H,W, got {text!r}")
    return shape


def load_torch_module(path: Path):
    """A whole module saved with ``torch.save``; a state_dict or other object is refused."""
    import torch

    if not path.is_file():
        raise ModelImportError(f"model file {path} does not exist")
    try:
        obj = torch.load(str(path), map_location="cpu", weights_only=False)
    except Exception as exc:
        raise ModelImportError(f"{path} is not a readable PyTorch file ({type(exc).__name__}: {exc})") from None
    if isinstance(obj, dict):
        raise ModelImportError(f"{path} holds a state_dict (weights only), not a module: save the "
                               f"whole model with torch.save(model, path), or export it to ONNX")
    if not isinstance(obj, torch.nn.Module):
        raise ModelImportError(f"{path} holds a {type(obj).__name__}, not a torch.nn.Module")
    return obj.eval()


def load_model_file(path, *, input_shape: Optional[Sequence[int]] = None,
                    batch: Optional[int] = None):
    """``(ImportedModel, torch module or None)`` of a model file.

    Parameters
    ----------
    path : str or Path
        ``.onnx``, ``.pt`` or ``.pth``.
    input_shape : tuple, optional
        ``(N, C, H, W)`` of the example input of a PyTorch module (default
        ``(batch or 1, 3, 224, 224)``); ONNX files carry their own shapes.
    batch : int, optional
        Batch size (overrides N of ``input_shape``; ONNX: for a symbolic batch dimension).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in ONNX_SUFFIXES:
        from .onnx_import import from_onnx

        return from_onnx(path, batch=batch or 1), None
    if suffix in TORCH_SUFFIXES:
        import torch

        from .torch_import import from_torch

        shape = tuple(input_shape) if input_shape is not None else (1, 3, 224, 224)
        if batch:
            shape = (int(batch),) + shape[1:]
        module = load_torch_module(path)
        return from_torch(module, torch.zeros(shape)), module
    raise ModelImportError(f"model file {path} must end in .onnx, .pt or .pth")


def write_pruned(src, module, densities: Dict[str, float], output) -> Path:
    """Write ``src`` (ONNX) or ``module`` (PyTorch) magnitude-pruned to ``densities``."""
    from ..recipes import prune_onnx, prune_torch_module

    output = Path(output)
    if Path(src).suffix.lower() in ONNX_SUFFIXES:
        prune_onnx(src, densities, output)
        return output
    import torch

    from ..fileio import atomic_path

    pruned = prune_torch_module(module, densities)
    with atomic_path(output) as tmp:
        torch.save(pruned, str(tmp))
    return output


__all__ = ["load_model_file", "write_pruned", "parse_shape", "ImportedModel"]
