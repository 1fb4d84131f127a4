"""How repeatable the measured crossover density is: the floor under the model's error.

A prediction is one number per layer shape and kernel; the measured crossover moves
from run to run (the machine's other tenants, the caches' state) and between layers
of one shape in the same run.  Two views of that spread:

* :func:`same_shape_spread`, inside one validated grid: layers of identical shape
  (VGG-16 conv3_2 / conv3_3, conv4_2 / conv4_3, conv5_1-3) measured apart.  No single
  prediction is within ``tolerance`` of all of them once their spread exceeds
  ``2 * tolerance``.
* :func:`across_runs`, over several saved runs of the same grid (report folders): each
  layer's measured crossover run by run, and the *leave-one-out bound*: the fraction
  of pairs of one run within ``tolerance`` of the mean of the other runs' measurements
  -- what a model that knew every layer's average measured crossover would score.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Dict, Mapping, Sequence, Tuple

import pandas as pd

from ..errors import WinomodelError

#: the issue's target: predicted crossover within this of the measured one
CROSSOVER_TOLERANCE = 0.05

_KEY = ["layer", "kernel"]


def _measured(crossovers: pd.DataFrame) -> pd.DataFrame:
    """The pairs with a measured crossover inside the grid (censored ones say nothing
    about the spread: the sparse kernel never caught up, or never fell behind)."""
    missing = [c for c in ("layer", "kernel", "measured_crossover") if c not in crossovers.columns]
    if missing:
        raise WinomodelError(f"crossover rows lack columns {missing}")
    ok = crossovers["measured_crossover"].notna()
    if "measured_censored" in crossovers.columns:
        ok &= ~crossovers["measured_censored"].astype(bool)
    return crossovers[ok]


def same_shape_spread(crossovers: pd.DataFrame,
                      tolerance: float = CROSSOVER_TOLERANCE) -> pd.DataFrame:
    """Measured crossovers of layers that share a shape, one row per (shape, kernel).

    Parameters
    ----------
    crossovers : DataFrame
        :func:`~winomodel.perfmodel.validate.crossover_rows` of one run (``layer_shape``,
        the layer without its name, groups the layers).
    tolerance : float
        The target's half-width.

    Returns
    -------
    DataFrame
        ``layer_shape, kernel, is_3x3, layers, measured`` (the layers' crossovers, in
        their order), ``measured_min, measured_max, spread, predicted_crossover`` and
        ``one_prediction_can_meet`` (``spread <= 2 * tolerance``); only shapes that two or
        more layers share.
    """
    data = _measured(crossovers)
    if "layer_shape" not in data.columns:
        raise WinomodelError("crossover rows lack the layer_shape column")
    out = []
    for (shape, kernel), sub in data.groupby(["layer_shape", "kernel"], sort=False):
        if len(sub) < 2:
            continue
        values = sub["measured_crossover"].astype(float)
        spread = float(values.max() - values.min())
        out.append({"layer_shape": shape, "kernel": kernel,
                    "is_3x3": bool(sub["is_3x3"].iloc[0]) if "is_3x3" in sub else True,
                    "layers": " / ".join(str(n).rsplit("/", 1)[-1] for n in sub["layer"]),
                    "measured": " / ".join(f"{v:.3f}" for v in values),
                    "measured_min": float(values.min()), "measured_max": float(values.max()),
                    "spread": spread,
                    "predicted_crossover": float(sub["predicted_crossover"].iloc[0])
                    if "predicted_crossover" in sub else math.nan,
                    "one_prediction_can_meet": spread <= 2.0 * tolerance})
    return pd.DataFrame(out, columns=["layer_shape", "kernel", "is_3x3", "layers", "measured",
                                      "measured_min", "measured_max", "spread",
                                      "predicted_crossover", "one_prediction_can_meet"])


def across_runs(runs: Mapping[str, pd.DataFrame], tolerance: float = CROSSOVER_TOLERANCE,
                only_3x3: bool = True) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Measured crossovers of the same layers in several runs.

    Parameters
    ----------
    runs : mapping of run name -> DataFrame
        Each run's crossover rows (:func:`~winomodel.perfmodel.validate.crossover_rows`),
        at least two runs.
    tolerance : float
        The target's half-width.
    only_3x3 : bool
        Keep the 3x3 layers only (the target's scope), where ``is_3x3`` is given.

    Returns
    -------
    table : DataFrame
        One row per (layer, kernel) measured in two or more runs: one column per run,
        ``mean``, ``range`` (max - min) and ``predicted`` (the prediction of the last run
        that measured the pair).
    per_run : DataFrame
        One row per run: ``pairs``, ``model_within`` (fraction of its pairs whose own
        prediction is within ``tolerance``), ``model_worst``, ``bound_within`` (fraction
        within ``tolerance`` of the other runs' mean measurement: the leave-one-out bound)
        and ``bound_worst``.
    """
    names = list(runs)
    if len(names) < 2:
        raise WinomodelError(f"need two or more runs to compare, got {len(names)}")
    measured, model_error, predicted = {}, {}, {}
    for name in names:
        data = _measured(runs[name])
        if only_3x3 and "is_3x3" in data.columns:
            data = data[data["is_3x3"].astype(bool)]
        data = data.set_index(_KEY)
        measured[name] = data["measured_crossover"].astype(float)
        if "predicted_crossover" in data.columns:
            predicted[name] = data["predicted_crossover"].astype(float)
            # the run's own error (its prediction capped at the grid's largest density)
            model_error[name] = (data["crossover_error"].astype(float).abs()
                                 if "crossover_error" in data.columns
                                 else (predicted[name] - measured[name]).abs())
    table = pd.DataFrame(measured)
    table = table[table.notna().sum(axis=1) >= 2]
    if table.empty:
        raise WinomodelError("no layer/kernel pair has a measured crossover in two runs")
    table["mean"] = table[names].mean(axis=1)
    table["range"] = table[names].max(axis=1) - table[names].min(axis=1)
    table["predicted"] = (pd.DataFrame(predicted).reindex(table.index).ffill(axis=1).iloc[:, -1]
                          if predicted else math.nan)
    per_run = []
    for name in names:
        mine = table[name].dropna()
        others = table.loc[mine.index, [n for n in names if n != name]].mean(axis=1)
        bound_err = (others - mine).abs()
        row = {"run": name, "pairs": int(mine.size),
               "bound_within": float((bound_err <= tolerance).mean()),
               "bound_worst": float(bound_err.max())}
        if name in model_error:
            model_err = model_error[name].reindex(mine.index)
            row.update(model_within=float((model_err <= tolerance).mean()),
                       model_worst=float(model_err.max()))
        per_run.append(row)
    return table.reset_index(), pd.DataFrame(per_run)


def load_runs(folders: Sequence, which: str = "validation") -> Dict[str, pd.DataFrame]:
    """``<folder>/<which>_crossovers.csv`` of each report folder, keyed by the folder
    (``which``: "validation" or "heldout"; a file path is read as it is)."""
    runs = {}
    for folder in folders:
        path = Path(folder)
        csv = path if path.is_file() else path / f"{which}_crossovers.csv"
        if not csv.is_file():
            raise WinomodelError(f"no crossover table at {csv}")
        name = str(folder)
        if name in runs:
            raise WinomodelError(f"{folder} given twice")
        runs[name] = _read_crossovers(csv)
    return runs


def _read_crossovers(csv: Path) -> pd.DataFrame:
    """One crossover table, refused with its file named when it is not one."""
    try:
        table = pd.read_csv(csv)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
        raise WinomodelError(f"{csv} is not a readable crossover table (CSV): "
                             f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    missing = [c for c in ("layer", "kernel", "measured_crossover") if c not in table.columns]
    if missing:
        raise WinomodelError(f"{csv} is not a crossover table: it lacks column(s) {', '.join(missing)}")
    return table
