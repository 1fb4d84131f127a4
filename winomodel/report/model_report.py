"""A model's conv layers timed on their real weights: the per-layer validation of the
model's predictions and the whole-network view (``winomodel report --model``).

Each layer is run by PyTorch's dense conv2d and by every winomodel kernel that
supports it, on the layer's own weights (pruned as they are), timed by the one timing
policy (:func:`winomodel.timing.measure_rounds`: interleaved rounds, warm-up excluded,
medians).  With a profile, the predicted best kernel and its predicted time are compared
with the measured ones.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from ..importers.record import ImportedModel


#: seconds per sample of the layers' timings: several calls per sample, so a sample is not
#: one call that starts right after another library's call.  The process holds two OpenMP
#: runtimes (PyTorch's own, the system's under Numba), and one dense_winograd call of VGG-16
#: conv2_1 right after a PyTorch conv took 4.4 ms against 3.1 back to back (``python
#: benchmarks/after_torch.py``); with one-call samples the per-layer tables counted that
#: hand-over as the kernels' time.  The converted module's end-to-end forward keeps what a
#: real network pays.
SAMPLE_SECONDS = 0.02


def median_seconds(fns: dict, repeats: int) -> dict:
    """Median seconds per call of each callable (:func:`winomodel.timing.measure_rounds`,
    ``repeats`` rounds of :data:`SAMPLE_SECONDS`)."""
    from ..timing import measure_rounds

    return {k: t.median for k, t in measure_rounds(fns, repeats=repeats,
                                                    min_time=SAMPLE_SECONDS).items()}


def time_model_layers(model: ImportedModel, profile=None, *, kernels: Optional[Sequence[str]] = None,
                      repeats: int = 5, with_torch: bool = True, echo=None):
    """Time every layer of ``model`` on its real weights with every kernel (and PyTorch).

    Parameters
    ----------
    model : ImportedModel
    profile : MachineProfile, optional
        Adds the model's choice (``chosen_kernel``, ``chosen_by="model"``) and its
        predicted time; without one the fixed rule of :mod:`winomodel.layer_choice` chooses.
    kernels : list of str, optional
        Candidates (default: every registered kernel).
    repeats : int
        Timed rounds per layer (median kept).
    with_torch : bool
        Also time ``torch.conv2d`` (the dense baseline).

    Returns
    -------
    pandas.DataFrame
        One row per layer: ``layer, shape, density, gflops, torch_s, best_kernel, best_s,
        speedup_vs_torch, chosen_kernel, chosen_by, chosen_s, predicted_s, choice_right,
        time_lost_pct``, ``<kernel>_s`` for every kernel timed and, with a profile,
        ``dense_winograd_tile`` (the tile the model picked and the kernel ran).
    """
    import pandas as pd

    import winomodel

    from ..kernels import get_kernel, kernel_names
    from ..layer_choice import rule_kernel
    from ..select import tuned_options
    from ..model.predict import predict
    from ..model.network_plan import kernel_density, winograd_densities

    names = list(kernels) if kernels is not None else kernel_names()
    rows = []
    for m in model.supported():
        L = m.layer
        x = np.random.default_rng(0).standard_normal(L.input_shape, dtype=np.float32)
        fns = {}
        if with_torch:
            import torch

            xt, wt = torch.from_numpy(x), torch.from_numpy(m.weights)

            def run_torch(xt=xt, wt=wt, L=L):
                with torch.no_grad():
                    return torch.conv2d(xt, wt, stride=L.stride, padding=L.pad, groups=L.groups)

            fns["torch"] = run_torch
        # each kernel as winomodel would run it: with a profile, dense_winograd's tile the
        # model picks (what kernel="auto" and winomodel.torch.convert plan)
        tuned = {name: tuned_options(L, get_kernel(name), profile) if profile is not None else {}
                 for name in names if get_kernel(name).supports(L)}
        for name, opts in tuned.items():
            p = winomodel.plan(m.weights, L.input_shape, stride=L.stride, padding=L.pad,
                               groups=L.groups, kernel=name, **opts)
            fns[name] = (lambda p=p: p(x))
        med = median_seconds(fns, repeats)
        ours = {k: v for k, v in med.items() if k != "torch"}
        best = min(ours, key=ours.get)
        torch_s = med.get("torch", float("nan"))
        row = dict(layer=m.name, shape=L.describe(), density=m.density, gflops=L.dense_flops / 1e9,
                   torch_s=torch_s, best_kernel=best, best_s=ours[best],
                   speedup_vs_torch=torch_s / ours[best])
        if profile is not None:
            wino = winograd_densities(m.weights, stride=m.layer.stride)
            pred = {k: predict(L, k, kernel_density(get_kernel(k), L, m.weights, wino), profile,
                               **tuned[k]).seconds for k in ours}
            chosen = min(pred, key=pred.get)
            row.update(chosen_kernel=chosen, chosen_by="model", predicted_s=pred[chosen])
        else:
            chosen = rule_kernel(L, m.density)
            chosen = chosen if chosen in ours else best
            row.update(chosen_kernel=chosen, chosen_by="rule", predicted_s=float("nan"))
        row.update(chosen_s=ours[chosen], choice_right=chosen == best,
                   time_lost_pct=100 * (ours[chosen] / ours[best] - 1))
        row.update({f"{k}_s": v for k, v in ours.items()})
        row.update({f"{k}_tile": opts["tile"] for k, opts in tuned.items() if "tile" in opts})
        rows.append(row)
        if echo is not None:
            echo(f"  {m.name:24s} d={m.density:.3f} torch {torch_s * 1e3:8.2f} ms  best {best:15s} "
                 f"{ours[best] * 1e3:8.2f} ms  x{row['speedup_vs_torch']:.2f}  chosen {chosen}")
    return pd.DataFrame(rows)


def network_totals(rows) -> dict:
    """Whole-network sums of a :func:`time_model_layers` table."""
    total = dict(layers=len(rows), torch_conv_s=rows.torch_s.sum(), best_conv_s=rows.best_s.sum(),
                 chosen_conv_s=rows.chosen_s.sum(),
                 predicted_conv_s=rows.predicted_s.sum(min_count=1),
                 choice_right_pct=100 * rows.choice_right.mean())
    total["conv_speedup_best"] = total["torch_conv_s"] / total["best_conv_s"]
    total["conv_speedup_chosen"] = total["torch_conv_s"] / total["chosen_conv_s"]
    total["predicted_error_pct"] = 100 * (total["predicted_conv_s"] / total["chosen_conv_s"] - 1)
    return total


def plot_layers(rows, path, title: str = "") -> Path:
    """Per-layer bars: PyTorch dense, measured best winomodel kernel, predicted (when known)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..fileio import atomic_path

    n = len(rows)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.35 * n + 2), 4.5))
    xs = np.arange(n)
    bars = [("torch_s", "PyTorch conv2d (dense)"), ("best_s", "winomodel, measured best kernel"),
            ("predicted_s", "winomodel, predicted (model's choice)")]
    bars = [(c, label) for c, label in bars if c in rows and rows[c].notna().any()]
    width = 0.8 / len(bars)
    for i, (col, label) in enumerate(bars):
        ax.bar(xs + (i - (len(bars) - 1) / 2) * width, rows[col] * 1e3, width, label=label)
    ax.set_xticks(xs)
    ax.set_xticklabels(rows["layer"], rotation=90, fontsize=7)
    ax.set_ylabel("ms per call")
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=110)
    plt.close(fig)
    return Path(path)


def make_model_report(model: ImportedModel, out_dir, profile=None, *, repeats: int = 5,
                      with_torch: bool = True, kernels=None, echo=print) -> Path:
    """Per-layer plan, measured times and the whole-network view of ``model``; returns summary.md.

    Writes ``layers_measured.csv``, ``layers_plan.csv`` (predictions on the real weights,
    with a profile), ``layers.png`` and ``summary.md`` into ``out_dir``.
    """
    import pandas as pd

    from ..fileio import write_csv, write_text

    out_dir = Path(out_dir)
    rows = time_model_layers(model, profile, kernels=kernels, repeats=repeats,
                             with_torch=with_torch, echo=echo)
    write_csv(out_dir / "layers_measured.csv", rows)
    total = network_totals(rows)
    if profile is not None:
        from ..model.network_plan import layer_plan

        write_csv(out_dir / "layers_plan.csv", layer_plan(model, profile, kernels=kernels))
    plot_layers(rows, out_dir / "layers.png", title=f"{Path(model.source).name}: conv time per layer")
    lines = [f"# {model.source}: conv layers on their real weights", ""]
    skipped = model.unsupported()
    lines.append(f"{len(rows)} conv layers run by winomodel" +
                 (f"; {len(skipped)} not:" if skipped else "."))
    lines += [f"- {m.name} ({m.op}): {m.reason}" for m in skipped]
    lines += ["", "| | seconds |", "|---|---|"]
    for key in ("torch_conv_s", "best_conv_s", "chosen_conv_s", "predicted_conv_s"):
        lines.append(f"| {key} | {total[key]:.4g} |")
    lines += ["", f"Whole network, measured best kernel per layer: {total['conv_speedup_best']:.2f}x "
                  f"PyTorch's dense conv2d; the {rows.chosen_by.iloc[0] if len(rows) else ''}'s "
                  f"choice: {total['conv_speedup_chosen']:.2f}x, right in "
                  f"{total['choice_right_pct']:.0f} % of layers."]
    if profile is not None:
        lines.append(f"Predicted total conv time vs measured (chosen kernels): "
                     f"{total['predicted_error_pct']:+.1f} %.")
    lines += ["", "![per-layer times](layers.png)", ""]
    cols = ["layer", "density", "torch_s", "best_kernel", "best_s", "chosen_kernel", "predicted_s"]
    lines.append(pd.DataFrame(rows[cols]).to_markdown(index=False, floatfmt=".4g")
                 if _has_tabulate() else rows[cols].to_string(index=False))
    path = write_text(out_dir / "summary.md", "\n".join(lines) + "\n")
    return path


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


def echo_stderr(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
