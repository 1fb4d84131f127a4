"""Published recipes matched to a user's model and applied by magnitude; pruned models written back."""

import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import winomodel  # noqa: E402
from winomodel import zoo  # noqa: E402
from winomodel.errors import WinomodelError  # noqa: E402
from winomodel.recipes import (prune_model, prune_onnx, prune_torch_module,  # noqa: E402
                               recipe_densities)


def test_han_recipe_on_a_vgg16_definition():
    net = zoo.vgg16()
    model = winomodel.from_torch(net, torch.zeros(1, 3, 32, 32))  # small input: shapes only
    d = recipe_densities(model, "vgg16", "han2015")
    assert list(d.values())[:2] == [0.58, 0.22]
    pruned = prune_model(model, d)
    for m in pruned.supported():
        assert m.density == pytest.approx(d[m.name], abs=1e-3)
    # the kept weights are the largest in magnitude
    first = model.supported()[0]
    kept = np.abs(first.weights)[pruned[first.name].weights != 0]
    dropped = np.abs(first.weights)[pruned[first.name].weights == 0]
    assert kept.min() >= dropped.max()


def test_recipe_of_another_network_is_refused():
    model = winomodel.from_torch(zoo.vgg16(), torch.zeros(1, 3, 32, 32))
    with pytest.raises(WinomodelError, match="13 runnable conv layers, alexnet has 5"):
        recipe_densities(model, "alexnet")
    with pytest.raises(WinomodelError, match="no published recipe"):
        recipe_densities(model, "vgg16", "park2016")


def test_winograd_domain_pruning():
    model = winomodel.from_torch(zoo.vgg16(width=0.125), torch.zeros(1, 3, 32, 32))
    name = model.supported()[1].name
    pruned = prune_model(model, {name: 0.2}, domain="winograd", tile=4)
    assert pruned[name].weights.shape[2:] == (6, 6)
    assert pruned[name].density == pytest.approx(0.2, abs=1e-3)


def test_prune_torch_module_bakes_zeros_and_removes_masks():
    import torch.nn.utils.prune as prune

    net = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.Conv2d(8, 8, 1))
    prune.l1_unstructured(net[0], "weight", amount=0.5)
    out = prune_torch_module(net, {"0": 0.25, "1": 0.5})
    assert not hasattr(out[0], "weight_mask") and hasattr(net[0], "weight_mask")
    assert float((out[0].weight != 0).float().mean()) == pytest.approx(0.25, abs=0.01)
    assert float((out[1].weight != 0).float().mean()) == pytest.approx(0.5, abs=0.01)
    with pytest.raises(WinomodelError, match="unknown conv layer"):
        prune_torch_module(net, {"9": 0.5})


def test_prune_onnx_writes_a_pruned_copy(tmp_path):
    pytest.importorskip("onnx")
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.ReLU(),
                              torch.nn.Conv2d(8, 8, 3, padding=1)).eval()
    src = tmp_path / "m.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net, torch.zeros(1, 3, 8, 8), str(src), dynamo=False)
    names = winomodel.from_onnx(src).names()
    dst = tmp_path / "pruned.onnx"
    prune_onnx(src, {names[1]: 0.1}, dst)
    again = winomodel.from_onnx(dst)
    assert again[names[1]].density == pytest.approx(0.1, abs=0.01)
    assert again[names[0]].density == 1.0
