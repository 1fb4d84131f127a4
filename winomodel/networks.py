"""Network layer tables: the conv layers of well-known CNNs, and users' own tables.

The shipped tables live in ``data/`` (inside the wheel as ``winomodel/data``), one
CSV per network with the header ``name,N,C,K,H,W,R,S,stride,pad,groups`` (the
format of :meth:`winomodel.layer.ConvLayer.as_row`).  ``stride`` and ``pad`` cells
hold one integer or a pair written ``"2x1"`` (vertical x horizontal).

Shipped networks (batch 1, fp32 NCHW):

* ``alexnet``  -- CaffeNet shapes with grouped conv2/conv4/conv5 (5 layers);
* ``vgg16``    -- VGG-16, 224x224 input, ``conv1_1`` ... ``conv5_3`` (13 layers);
* ``resnet50`` -- ResNet-50 v1.5 (stride 2 on the 3x3 conv of each stage's first
  bottleneck), all 53 convs, named in torchvision's scheme (``layer1.0.conv1``,
  ``layer1.0.downsample.0`` for the 1x1 projections);
* ``googlenet`` -- GoogLeNet / Inception v1 (BVLC Caffe names such as
  ``inception_3a/3x3_reduce``), the 57 convs of the main branch (the auxiliary
  classifiers are left out).

``data/pruned_densities.csv`` holds published per-layer densities of pruned
networks (``network,layer,density,domain,recipe,source``), one ``recipe`` per
publication (``park2016``: Park et al. 2016; ``han2015``: Han et al. 2015).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Union

from .errors import NetworkTableError, WinomodelError
from .layer import ConvLayer

#: columns of a layer table, in the order the shipped files use
COLUMNS = ("name", "N", "C", "K", "H", "W", "R", "S", "stride", "pad", "groups")
#: columns a user table must have; the others default (see :func:`load_layers_csv`)
REQUIRED_COLUMNS = ("C", "K", "H", "R")
#: file of published pruned densities (not a network table)
DENSITIES_FILE = "pruned_densities.csv"
#: other names accepted for the shipped networks (after lower-casing and dropping - _ spaces)
ALIASES = {"caffenet": "alexnet", "inceptionv1": "googlenet", "inception": "googlenet"}

_PAIR = re.compile(r"^\s*(\d+)\s*[xX]\s*(\d+)\s*$")


# ---- where the tables are ------------------------------------------------------------
def data_dirs() -> List[Path]:
    """Folders searched for the shipped tables: the installed ``winomodel/data`` first,
    then the repository's ``data/`` next to the package (editable installs)."""
    package_dir = Path(__file__).resolve().parent
    return [d for d in (package_dir / "data", package_dir.parent / "data") if d.is_dir()]


def _data_file(filename: str) -> Optional[Path]:
    for folder in data_dirs():
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    return None


def network_names() -> List[str]:
    """Names of the shipped networks, sorted (e.g. ``['alexnet', 'googlenet', ...]``)."""
    names = set()
    for folder in data_dirs():
        names.update(p.stem for p in folder.glob("*.csv") if p.name != DENSITIES_FILE)
    return sorted(names)


def canonical_network_name(name: str) -> str:
    """The shipped network ``name`` refers to (case-insensitive; ``"VGG-16"`` -> ``"vgg16"``).

    Raises
    ------
    NetworkTableError
        If ``name`` is not a string or names no shipped network.
    """
    available = network_names()
    if not isinstance(name, str) or not name.strip():
        raise NetworkTableError(f"network name must be a non-empty string, got {name!r}; "
                                f"available: {', '.join(available)}")
    key = re.sub(r"[\s_\-]", "", name.lower())
    key = ALIASES.get(key, key)
    if key not in available:
        raise NetworkTableError(f"unknown network {name!r}; available: {', '.join(available)}")
    return key


# ---- loading -------------------------------------------------------------------------------
def load_network(name: str, batch: Optional[int] = None) -> List[ConvLayer]:
    """The conv layers of a shipped network.

    Parameters
    ----------
    name : str
        One of :func:`network_names` (case-insensitive; ``"vgg-16"``, ``"resnet-50"``,
        ``"caffenet"`` are accepted too).
    batch : int, optional
        Batch size N given to every layer (default: the table's, 1).

    Returns
    -------
    list of ConvLayer

    Raises
    ------
    NetworkTableError
        If the network is unknown (the message lists the available ones).
    """
    key = canonical_network_name(name)
    path = _data_file(f"{key}.csv")
    if path is None:  # pragma: no cover - network_names() only lists existing files
        raise NetworkTableError(f"table of network {key!r} not found in {data_dirs()}")
    return load_layers_csv(path, batch=batch)


def unique_names(layers: Iterable[ConvLayer], prefix: str = "") -> List[ConvLayer]:
    """Layers relabelled ``prefix/name`` and made unique (reports key rows by layer name)."""
    seen: Dict[str, int] = {}
    out = []
    for layer in layers:
        base = f"{prefix}/{layer.name}" if prefix else (layer.name or layer.describe())
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append(layer.replace(name=base if count == 0 else f"{base}#{count + 1}"))
    return out


def load_networks(names: str, batch: Optional[int] = None) -> List[ConvLayer]:
    """Layers of one or more shipped networks (``"alexnet,vgg16"``), uniquely named: one
    network's keep their names, several are prefixed ``network/``."""
    names_list = [n.strip() for n in str(names).split(",") if n.strip()]
    if not names_list:
        raise WinomodelError("give --network NAME or --layers FILE.csv")
    if len(names_list) == 1:
        return unique_names(load_network(names_list[0], batch=batch))
    out: List[ConvLayer] = []
    for name in names_list:
        out += unique_names(load_network(name, batch=batch), prefix=name)
    return out


def _check_batch(batch) -> Optional[int]:
    if batch is None:
        return None
    if isinstance(batch, bool) or not hasattr(batch, "__index__") or int(batch) < 1:
        raise NetworkTableError(f"batch must be a positive integer, got {batch!r}")
    return int(batch)


def _parse_int(text: str, where: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise NetworkTableError(f"{where}: expected an integer, got {text!r}") from None


def _parse_pair(text: str, where: str):
    match = _PAIR.match(text)
    if match:
        return (int(match.group(1)), int(match.group(2)))
    return _parse_int(text, where + " (an integer or a pair like 2x1)")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NetworkTableError(f"layer table {path} does not exist") from None
    except IsADirectoryError:
        raise NetworkTableError(f"layer table {path} is a directory, not a CSV file") from None
    except OSError as exc:
        raise NetworkTableError(f"cannot read layer table {path}: {exc}") from None
    if b"\x00" in raw:
        raise NetworkTableError(f"layer table {path} is not a CSV text file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NetworkTableError(f"layer table {path} is not a CSV text file (not UTF-8)") from None


def load_layers_csv(path: Union[str, Path], batch: Optional[int] = None) -> List[ConvLayer]:
    """Read a layer table (CSV) in the shipped format.

    Only ``C``, ``K``, ``H`` and ``R`` are required; missing columns or empty cells
    default to ``N=1``, ``W=H``, ``S=R``, ``stride=1``, ``pad=0``, ``groups=1`` and
    ``name=layer<i>`` (``i`` counted from 1).  ``stride`` and ``pad`` take ``"2"`` or
    a pair ``"2x1"``.

    Parameters
    ----------
    path : str or Path
    batch : int, optional
        Overrides every row's N.

    Returns
    -------
    list of ConvLayer

    Raises
    ------
    NetworkTableError
        If the file is missing, empty, not CSV text, lacks a required column, has an
        unknown column, a non-integer or invalid cell, or two layers of the same name;
        the message names the file, the line and the column.
    """
    batch = _check_batch(batch)
    path = Path(path)
    text = _read_text(path)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise NetworkTableError(f"layer table {path} is not a readable CSV file: {exc}") from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise NetworkTableError(f"layer table {path} is empty; expected a header line "
                                f"{','.join(COLUMNS)}")
    header = [cell.strip() for cell in rows[0]]
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing required column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(repr(c) for c in unknown)}")
        raise NetworkTableError(
            f"layer table {path}, line 1 (header): {'; '.join(problems)}; "
            f"expected a CSV header with columns {','.join(COLUMNS)} (C,K,H,R required)")
    duplicated = {c for c in header if header.count(c) > 1}
    if duplicated:
        raise NetworkTableError(f"layer table {path}, line 1 (header): duplicated column(s) "
                                f"{', '.join(sorted(duplicated))}")
    if len(rows) == 1:
        raise NetworkTableError(f"layer table {path} has a header but no layers")

    layers: List[ConvLayer] = []
    seen: Dict[str, int] = {}
    for index, cells in enumerate(rows[1:], start=1):
        line = index + 1
        if not any(cell.strip() for cell in cells):
            continue  # blank line inside the file
        if len(cells) != len(header):
            raise NetworkTableError(f"layer table {path}, line {line}: {len(cells)} cells "
                                    f"but the header has {len(header)} columns")
        record = {col: cell.strip() for col, cell in zip(header, cells)}
        layer = _layer_from_record(record, index, f"layer table {path}, line {line}")
        if batch is not None:
            layer = layer.replace(N=batch)
        if layer.name in seen:
            raise NetworkTableError(f"layer table {path}, line {line}, column name: duplicate "
                                    f"layer name {layer.name!r} (first on line {seen[layer.name]})")
        seen[layer.name] = line
        layers.append(layer)
    return layers


def _layer_from_record(record: Dict[str, str], index: int, where: str) -> ConvLayer:
    values = {}
    for col in ("N", "C", "K", "H", "W", "R", "S", "groups"):
        cell = record.get(col, "")
        if cell == "":
            if col in REQUIRED_COLUMNS:
                raise NetworkTableError(f"{where}, column {col}: empty cell (required)")
            continue
        values[col] = _parse_int(cell, f"{where}, column {col}")
    values.setdefault("N", 1)
    values.setdefault("W", values["H"])
    values.setdefault("S", values["R"])
    values.setdefault("groups", 1)
    for col in ("stride", "pad"):
        cell = record.get(col, "")
        values[col] = (1 if col == "stride" else 0) if cell == "" else \
            _parse_pair(cell, f"{where}, column {col}")
    name = record.get("name", "") or f"layer{index}"
    try:
        return ConvLayer(name=name, **values)
    except WinomodelError as exc:
        raise NetworkTableError(f"{where} (layer {name!r}): {exc}") from None


# ---- published densities and selection -----------------------------------------------
def _density_rows(network: str) -> List[dict]:
    """Rows of the published-densities file for ``network`` (checked), in file order."""
    key = canonical_network_name(network)
    path = _data_file(DENSITIES_FILE)
    if path is None:
        return []
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for line, row in enumerate(reader, start=2):
            if (row.get("network") or "").strip().lower() != key:
                continue
            try:
                density = float(row["density"])
            except (TypeError, ValueError, KeyError):
                raise NetworkTableError(f"{path}, line {line}, column density: "
                                        f"not a number: {row.get('density')!r}") from None
            if not 0.0 <= density <= 1.0:
                raise NetworkTableError(f"{path}, line {line}, column density: "
                                        f"{density} is outside [0, 1]")
            rows.append(dict(layer=row["layer"].strip(), density=density,
                             domain=(row.get("domain") or "spatial").strip(),
                             recipe=(row.get("recipe") or "").strip(),
                             source=(row.get("source") or "").strip()))
    return rows


def recipe_names(network: str) -> List[str]:
    """Names of the published pruning recipes of ``network`` (e.g. ``['park2016', 'han2015']``),
    in the order ``data/pruned_densities.csv`` lists them."""
    return list(dict.fromkeys(r["recipe"] for r in _density_rows(network)))


def published_densities(network: str, recipe: Optional[str] = None) -> Dict[str, float]:
    """Published per-layer densities of a pruned version of ``network``.

    Parameters
    ----------
    network : str
        A shipped network.
    recipe : str, optional
        Which publication (see :func:`recipe_names`, e.g. ``"han2015"``, ``"park2016"``);
        default: the first one listed for the network.

    Returns
    -------
    dict
        ``{layer name: density}``; empty when nothing is published for the network
        (see ``data/pruned_densities.csv`` for the sources).

    Raises
    ------
    NetworkTableError
        If ``network`` is unknown, ``recipe`` is not published for it, or the densities
        file is malformed.
    """
    rows = _density_rows(network)
    names = list(dict.fromkeys(r["recipe"] for r in rows))
    if recipe is None:
        recipe = names[0] if names else None
    elif recipe not in names:
        raise NetworkTableError(f"no published recipe {recipe!r} for {network}; "
                                f"available: {', '.join(names) or 'none'}")
    return {r["layer"]: r["density"] for r in rows if r["recipe"] == recipe}


def recipe_source(network: str, recipe: str) -> str:
    """The publication a recipe comes from (the ``source`` column)."""
    for r in _density_rows(network):
        if r["recipe"] == recipe:
            return r["source"]
    raise NetworkTableError(f"no published recipe {recipe!r} for {network}")


def select_layers(layers: Sequence[ConvLayer], names: Union[str, Iterable[str], None]) -> List[ConvLayer]:
    """The layers called ``names``, in the order asked.

    Parameters
    ----------
    layers : sequence of ConvLayer
    names : str or iterable of str or None
        Layer names, or one comma-separated string (``"conv3,conv4"``); None or an
        empty selection returns all layers.

    Raises
    ------
    NetworkTableError
        If a name matches no layer (the message lists the available names).
    """
    layers = list(layers)
    if names is None:
        return layers
    if isinstance(names, str):
        names = names.split(",")
    wanted = [str(n).strip() for n in names if str(n).strip()]
    if not wanted:
        return layers
    by_name = {layer.name: layer for layer in layers}
    missing = [n for n in wanted if n not in by_name]
    if missing:
        raise NetworkTableError(f"no layer named {', '.join(repr(n) for n in missing)}; "
                                f"available: {', '.join(by_name)}")
    return [by_name[n] for n in dict.fromkeys(wanted)]
