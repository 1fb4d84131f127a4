"""Number formatting shared by the printed tables and the Markdown summary."""

from __future__ import annotations

import math
from typing import Mapping, Optional


def is_missing(value) -> bool:
    """True for None and NaN (cells printed as a dash)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_cell(value, column: str, formats: Optional[Mapping[str, str]] = None,
                missing: str = "-") -> str:
    """One table cell: ``formats[column]`` if given, 3 significant digits for floats."""
    if is_missing(value):
        return missing
    if formats and column in formats:
        return formats[column].format(value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def format_bytes(n) -> str:
    """Bytes in binary units, e.g. ``96 KiB``, ``2.38 MiB`` (empty for None)."""
    if n is None:
        return ""
    for unit, scale in (("GiB", 2 ** 30), ("MiB", 2 ** 20), ("KiB", 2 ** 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n:.0f} B"
