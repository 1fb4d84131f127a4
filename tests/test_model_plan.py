"""Per-layer plans on real weights, guided pruning proposals, and the CLI's --model."""

import warnings

import numpy as np
import pandas as pd
import pytest

torch = pytest.importorskip("torch")
nn = torch.nn

import winomodel  # noqa: E402
from winomodel.cli import main  # noqa: E402
from winomodel.errors import WinomodelError  # noqa: E402
from winomodel.layer import ConvLayer  # noqa: E402
from winomodel.model.network_plan import (VALIDATED_MIN_DENSITY, layer_plan,  # noqa: E402
                                            propose_densities)
from winomodel.machine.profile import MachineProfile  # noqa: E402

PROFILE = MachineProfile.synthetic()


def small_net():
    torch.manual_seed(0)
    return nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
                         nn.Conv2d(64, 64, 1), nn.ReLU(),
                         nn.Conv2d(64, 64, 3, padding=2, dilation=2)).eval()


def test_layer_plan_real_densities():
    import torch.nn.utils.prune as prune

    net = small_net()
    prune.l1_unstructured(net[2], "weight", amount=0.9)
    model = winomodel.from_torch(net, torch.zeros(1, 3, 16, 16))
    plan = layer_plan(model, PROFILE).set_index("layer")
    assert list(plan.index) == ["0", "2", "4"]  # the dilated conv is not planned
    assert plan.loc["2", "spatial_density"] == pytest.approx(0.1, abs=1e-3)
    # spatial zeros fill in under the Winograd transform
    assert plan.loc["2", "winograd_density_f4"] > plan.loc["2", "spatial_density"]
    assert np.isnan(plan.loc["4", "winograd_density_f4"])  # 1x1
    # the 1x1 layer goes to the direct kernels, the plan says why
    assert "1x1" in plan.loc["4", "not_run"] and "dense_winograd" in plan.loc["4", "not_run"]
    assert plan.loc["2", "not_run"] == ""
    for name, row in plan.iterrows():
        preds = {c[len("predicted_"):-2]: row[c] for c in plan.columns
                 if c.startswith("predicted_") and not pd.isna(row[c])}
        assert row["best_kernel"] == min(preds, key=preds.get)
        if row["upper_density"] is not None and not pd.isna(row["upper_density"]):
            assert row["lower_density"] >= VALIDATED_MIN_DENSITY


def vgg_like_layers():
    return [ConvLayer(C=256, K=256, H=56, W=56, pad=1, name="a"),
            ConvLayer(C=512, K=512, H=28, W=28, pad=1, name="b"),
            ConvLayer(C=3, K=64, H=224, W=224, pad=1, name="stem")]


def test_proposal_stays_inside_sweet_spots():
    table, summary = propose_densities(vgg_like_layers(), PROFILE, target_speedup=1.5)
    for r in table.itertuples():
        if r.kernel == "dense":
            assert r.density == 1.0
        else:
            assert r.lower_density - 1e-9 <= r.density <= r.upper_density + 1e-9
            assert r.density >= VALIDATED_MIN_DENSITY
    assert summary["speedup"] == pytest.approx(table.dense_s.sum() / table.predicted_s.sum())


def test_unreachable_target_proposes_lower_bounds():
    table, summary = propose_densities(vgg_like_layers(), PROFILE, target_speedup=1e4)
    assert not summary["reached"] and summary["t"] == 1.0
    pruned = table[table.kernel != "dense"]
    np.testing.assert_allclose(pruned.density, pruned.lower_density)


def test_budget_and_current_densities():
    layers = vgg_like_layers()
    dense_table, s0 = propose_densities(layers, PROFILE, target_speedup=1.0)
    table, s = propose_densities(layers, PROFILE, budget_s=s0["dense_s"] / 1.2,
                                 current={"a": 0.06})
    assert s["reached"]
    assert table.set_index("layer").loc["a", "density"] <= 0.06


def test_proposal_bad_arguments():
    with pytest.raises(WinomodelError, match="exactly one"):
        propose_densities(vgg_like_layers(), PROFILE)
    with pytest.raises(WinomodelError, match="positive"):
        propose_densities(vgg_like_layers(), PROFILE, target_speedup=-1)
    with pytest.raises(WinomodelError, match="domain"):
        propose_densities(vgg_like_layers(), PROFILE, target_speedup=2, domain="fft")


@pytest.fixture()
def files(tmp_path, monkeypatch):
    # a synthetic profile is refused by the machine check; the CLI tests accept it
    real = MachineProfile.load
    monkeypatch.setattr(MachineProfile, "load", classmethod(
        lambda cls, p, check_machine=True: real.__func__(cls, p, check_machine=False)))
    profile = tmp_path / "profile.json"
    PROFILE.save(profile)
    net = small_net()
    pt = tmp_path / "net.pt"
    torch.save(net, str(pt))
    onnx_path = None
    try:
        import onnx  # noqa: F401

        onnx_path = tmp_path / "net.onnx"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(net, torch.zeros(1, 3, 16, 16), str(onnx_path), dynamo=False)
    except ImportError:
        pass
    return dict(profile=profile, pt=pt, onnx=onnx_path, tmp=tmp_path)


def test_cli_predict_with_model(files, capsys):
    out = files["tmp"] / "pred.csv"
    rc = main(["predict", "--model", str(files["pt"]), "--input-shape", "1,3,16,16",
               "--profile", str(files["profile"]), "--densities", "1,0.2", "-o", str(out)])
    assert rc == 0
    text = capsys.readouterr().out
    assert "dilation" in text and "whole network" in text
    plan = pd.read_csv(out.with_name("pred_model.csv"), dtype={"layer": str})
    assert list(plan.layer) == ["0", "2", "4"]


def test_cli_prune_writes_pruned_models(files, capsys):
    for src in (files["pt"], files["onnx"]):
        if src is None:
            continue
        dst = files["tmp"] / ("pruned" + src.suffix)
        rc = main(["prune", "--model", str(src), "--input-shape", "1,3,16,16", "--profile",
                   str(files["profile"]), "--target-speedup", "100", "--write", str(dst),
                   "-o", str(files["tmp"] / "p.csv")])
        assert rc == 0
        text = capsys.readouterr().out
        assert "NOT reachable" in text
        proposal = pd.read_csv(files["tmp"] / "p.csv", dtype={"layer": str})
        model = winomodel.importers.files.load_model_file(dst, input_shape=(1, 3, 16, 16))[0]
        for r in proposal.itertuples():
            assert model[r.layer].density == pytest.approx(r.density, abs=0.01)


def test_cli_prune_bad_model_file(files, capsys):
    bad = files["tmp"] / "weights.pt"
    torch.save(small_net().state_dict(), str(bad))
    rc = main(["prune", "--model", str(bad), "--profile", str(files["profile"]),
               "--target-speedup", "2"])
    assert rc == 2
    assert "state_dict" in capsys.readouterr().err
    rc = main(["prune", "--model", str(files["tmp"] / "x.h5"), "--target-speedup", "2"])
    assert rc == 2


def test_cli_report_with_model(files, capsys):
    out = files["tmp"] / "rep"
    rc = main(["report", "--model", str(files["pt"]), "--input-shape", "1,3,12,12", "--profile",
               str(files["profile"]), "--out", str(out), "--repeats", "1",
               "--no-torch"])
    assert rc == 0
    text = capsys.readouterr().out
    assert "dilation" in text and "Predicted total conv time" in text
    measured = pd.read_csv(out / "layers_measured.csv", dtype={"layer": str})
    assert list(measured.layer) == ["0", "2", "4"]
    assert (out / "layers.png").stat().st_size > 0
    assert (out / "layers_plan.csv").exists()


def test_structured_vs_unstructured_predicted():
    from winomodel.evaluation.structured import compare, shrunk_layers

    layers, frac, setting = shrunk_layers("vgg16", 0.5, "width", resolution=64)
    assert frac == pytest.approx(0.5, abs=0.05) and setting.startswith("width")
    layers, frac, _ = shrunk_layers("resnet50", 0.5, "depth", resolution=64)
    assert 0.3 < frac < 0.7
    rows = compare("vgg16", [0.5], PROFILE, resolution=64)
    assert set(rows.strategy) == {"width", "depth", "resolution", "unstructured"}
    assert (rows.predicted_speedup > 1.0).all()
    with pytest.raises(WinomodelError, match="budgets"):
        compare("vgg16", [1.5], PROFILE)
    with pytest.raises(WinomodelError, match="unknown network"):
        compare("lenet", [0.5], PROFILE)
