"""The measured crossover's repeatability: layers of one shape within a run, and the
same layers over several runs (hand-made crossover tables with known answers)."""

import math

import pandas as pd
import pytest

from test_model import LAYER, bandwidth_bound_profile, fake_registry  # noqa: F401  (fixture)
from winomodel.cli import main
from winomodel.errors import WinomodelError
from winomodel.perfmodel.repeatability import across_runs, load_runs, same_shape_spread
from winomodel.perfmodel.validate import crossover_rows, error_statistics, format_statistics


def _row(layer, kernel, measured, predicted, shape="N1 C8->K8 8x8 k3x3 s1 p1", is_3x3=True,
         censored=False):
    return dict(layer=layer, kernel=kernel, layer_shape=shape, is_3x3=is_3x3,
                measured_crossover=measured, predicted_crossover=predicted,
                measured_censored=censored, crossover_error=predicted - measured)


def test_same_shape_spread_groups_layers_of_one_shape():
    cross = pd.DataFrame([
        _row("net/a", "sw", 0.50, 0.55), _row("net/b", "sw", 0.62, 0.55),
        _row("net/c", "sw", 0.58, 0.55),
        _row("net/a", "sd", 0.20, 0.21), _row("net/b", "sd", 0.22, 0.21),
        _row("net/d", "sw", 0.40, 0.45, shape="other"),           # alone in its shape
        _row("net/c", "sd", 0.9, 1.0, censored=True),              # censored: says nothing
    ])
    twins = same_shape_spread(cross).set_index("kernel")
    assert set(twins.index) == {"sw", "sd"}
    assert twins.loc["sw", "spread"] == pytest.approx(0.12)
    assert twins.loc["sw", "layers"] == "a / b / c"
    assert twins.loc["sw", "measured"] == "0.500 / 0.620 / 0.580"
    assert not twins.loc["sw", "one_prediction_can_meet"]          # 0.12 > 2 x 0.05
    assert twins.loc["sd", "spread"] == pytest.approx(0.02)
    assert twins.loc["sd", "one_prediction_can_meet"]


def test_same_shape_spread_needs_the_shape_column():
    with pytest.raises(WinomodelError, match="layer_shape"):
        same_shape_spread(pd.DataFrame([dict(layer="a", kernel="sw", measured_crossover=0.5)]))
    with pytest.raises(WinomodelError, match="measured_crossover"):
        same_shape_spread(pd.DataFrame([dict(layer="a", kernel="sw")]))


def test_crossover_rows_name_the_shape_and_statistics_report_the_spread(fake_registry):
    twin = LAYER.replace(name="toy_twin")
    df = pd.DataFrame([
        dict(layer=name, density=d, kernel=k, measured_s=t)
        for name, cross_t in (("toy", 1.2), ("toy_twin", 1.6))
        for d, k, t in [(1.0, "fake_dense", 1.0), (0.3, "fake_dense", 1.0), (0.1, "fake_dense", 1.0),
                        (1.0, "fake_sparse", 3.0), (0.3, "fake_sparse", cross_t), (0.1, "fake_sparse", 0.8)]
    ])
    cross = crossover_rows(df, [LAYER, twin], bandwidth_bound_profile())
    assert cross["layer_shape"].nunique() == 1 and "toy" not in cross["layer_shape"].iloc[0]
    # interpolated crossovers: 0.1 + 0.2 * 0.2 / 0.4 and 0.1 + 0.2 * 0.2 / 0.8
    stats = error_statistics(df.assign(predicted_s=df["measured_s"]), cross)
    assert stats["crossover_same_shape_max_spread_3x3"] == pytest.approx(0.2 * 0.2 / 0.4 - 0.2 * 0.2 / 0.8)
    assert "of one shape lie up to 0.050 apart" in format_statistics(stats)


def _runs():
    # layer x measured in three runs; y only in two; z censored in run c
    return {
        "a": pd.DataFrame([_row("x", "sw", 0.50, 0.52), _row("y", "sw", 0.30, 0.40),
                           _row("z", "sd", 0.20, 0.20), _row("w5", "sd", 0.7, 0.7, is_3x3=False)]),
        "b": pd.DataFrame([_row("x", "sw", 0.60, 0.52), _row("y", "sw", 0.34, 0.40),
                           _row("z", "sd", 0.22, 0.20)]),
        "c": pd.DataFrame([_row("x", "sw", 0.56, 0.52), _row("z", "sd", 0.9, 1.0, censored=True)]),
    }


def test_across_runs_tabulates_and_gives_the_leave_one_out_bound():
    table, per_run = across_runs(_runs())
    table = table.set_index(["layer", "kernel"])
    assert ("w5", "sd") not in table.index                        # 5x5: outside the target's scope
    assert table.loc[("x", "sw"), "range"] == pytest.approx(0.10)
    assert table.loc[("x", "sw"), "mean"] == pytest.approx((0.50 + 0.60 + 0.56) / 3)
    assert math.isnan(table.loc[("z", "sd"), "c"])                 # censored in run c
    assert table.loc[("y", "sw"), "predicted"] == pytest.approx(0.40)   # run b's: c lacks y
    runs = per_run.set_index("run")
    # run a: x against (0.60 + 0.56) / 2 = 0.58 -> 0.08 off; y against 0.34 -> 0.04; z against 0.22
    assert runs.loc["a", "pairs"] == 3
    assert runs.loc["a", "bound_within"] == pytest.approx(2 / 3)
    assert runs.loc["a", "bound_worst"] == pytest.approx(0.08)
    # its own predictions: x 0.02, y 0.10, z 0.0 off
    assert runs.loc["a", "model_within"] == pytest.approx(2 / 3)
    assert runs.loc["a", "model_worst"] == pytest.approx(0.10)
    assert runs.loc["c", "pairs"] == 1


def test_across_runs_refuses_what_it_cannot_compare():
    with pytest.raises(WinomodelError, match="two or more runs"):
        across_runs({"a": _runs()["a"]})
    lone = {"a": pd.DataFrame([_row("x", "sw", 0.5, 0.5)]), "b": pd.DataFrame([_row("y", "sw", 0.5, 0.5)])}
    with pytest.raises(WinomodelError, match="in two runs"):
        across_runs(lone)


def test_cli_repeatability_reads_report_folders(tmp_path, capsys):
    folders = []
    for name, frame in _runs().items():
        folder = tmp_path / f"run_{name}"
        folder.mkdir()
        frame.to_csv(folder / "validation_crossovers.csv", index=False)
        folders.append(str(folder))
    out = tmp_path / "rep.csv"
    assert main(["repeatability", *folders, "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "run_a" in text and "leave-one-out" in text
    assert len(pd.read_csv(out)) == 3 and len(pd.read_csv(tmp_path / "rep_runs.csv")) == 3
    assert main(["repeatability", folders[0], str(tmp_path / "nowhere")]) == 2
    assert "no crossover table" in capsys.readouterr().err
    with pytest.raises(WinomodelError, match="twice"):
        load_runs([folders[0], folders[0]])


def test_report_section_lists_layers_of_one_shape():
    from winomodel.perfmodel.report import _repeatability_lines

    cross = pd.DataFrame([_row("net/a", "sw", 0.50, 0.55), _row("net/b", "sw", 0.62, 0.55),
                          _row("net/d", "sw", 0.40, 0.45, shape="other")])
    text = "\n".join(_repeatability_lines(cross))
    assert "How repeatable the measured crossover is" in text
    assert "| a / b | sw | 0.500 / 0.620 | 0.120 | 0.550 |" in text
    assert "net/d" not in text and "| d " not in text
    assert _repeatability_lines(cross[cross["layer"] != "net/b"]) == []   # no shape shared
    assert _repeatability_lines(cross.drop(columns="layer_shape")) == []  # older tables
