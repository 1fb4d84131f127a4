"""from_torch and from_onnx: shapes, real weights, prune masks, unsupported layers, bad files."""

import warnings

import numpy as np
import pytest

torch = pytest.importorskip("torch")
nn = torch.nn

import winomodel  # noqa: E402
from winomodel.errors import ModelImportError  # noqa: E402


def tiny_net():
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
        nn.Conv2d(8, 8, 3, padding=2, dilation=2), nn.ReLU(),
        nn.Conv2d(8, 16, 3, stride=2, groups=2, bias=False), nn.ReLU(),
        nn.Conv2d(16, 4, 1),
    ).eval()


def export_onnx(net, shape, path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net, torch.zeros(shape), str(path), dynamo=False, **kwargs)
    return path


def test_from_torch_shapes_weights_and_reasons():
    net = tiny_net()
    m = winomodel.from_torch(net, torch.zeros(2, 3, 12, 12))
    assert m.names() == ["0", "2", "4", "6"]
    first = m["0"]
    assert first.layer == winomodel.ConvLayer(C=3, K=8, H=12, W=12, N=2, pad=1, name="0")
    np.testing.assert_array_equal(first.weights, net[0].weight.detach().numpy())
    np.testing.assert_array_equal(first.bias, net[0].bias.detach().numpy())
    assert "dilation" in m["2"].reason and not m["2"].supported
    grouped = m["4"]
    assert grouped.supported and grouped.layer.groups == 2 and grouped.layer.stride == (2, 2)
    assert grouped.bias is None
    assert m["6"].layer.H == 5  # (12 - 3) // 2 + 1
    assert [u.name for u in m.unsupported()] == ["2"]
    assert [l.name for l in m.conv_layers()] == ["0", "4", "6"]


def test_from_torch_honours_prune_masks():
    import torch.nn.utils.prune as prune

    net = tiny_net()
    prune.l1_unstructured(net[0], "weight", amount=0.75)
    m = winomodel.from_torch(net, torch.zeros(1, 3, 8, 8))
    expected = (net[0].weight_orig * net[0].weight_mask).detach().numpy()
    np.testing.assert_array_equal(m["0"].weights, expected)
    assert m["0"].density == pytest.approx(54 / 216)


def test_from_torch_lists_non_2d_and_transposed_convs():
    class Odd(nn.Module):
        def __init__(self):
            super().__init__()
            self.up = nn.ConvTranspose2d(3, 3, 2, stride=2)
            self.reflect = nn.Conv2d(3, 4, 3, padding=1, padding_mode="reflect")
            self.c1 = nn.Conv1d(4, 4, 1)

        def forward(self, x):
            y = self.reflect(self.up(x))
            return self.c1(y.flatten(2))

    m = winomodel.from_torch(Odd(), torch.zeros(1, 3, 4, 4))
    assert [(u.name, u.supported) for u in m] == [("up", False), ("reflect", False), ("c1", False)]
    assert "ConvTranspose2d" in m["up"].reason
    assert "padding_mode" in m["reflect"].reason
    assert "Conv1d" in m["c1"].reason


def test_from_torch_module_called_twice_and_same_padding():
    class Twice(nn.Module):
        def __init__(self):
            super().__init__()
            self.c = nn.Conv2d(4, 4, 3, padding="same")

        def forward(self, x):
            return self.c(self.c(x))

    m = winomodel.from_torch(Twice(), torch.zeros(1, 4, 6, 6))
    assert m.names() == ["c", "c#2"]
    assert m["c"].layer.pad == (1, 1)


def test_from_torch_bad_arguments():
    with pytest.raises(ModelImportError, match="torch.nn.Module"):
        winomodel.from_torch(object(), torch.zeros(1))
    with pytest.raises(ModelImportError, match="example_input"):
        winomodel.from_torch(tiny_net(), np.zeros((1, 3, 8, 8)))
    with pytest.raises(ModelImportError, match="failed"):
        winomodel.from_torch(tiny_net(), torch.zeros(1, 5, 8, 8))  # wrong channel count


def test_from_onnx_matches_from_torch(tmp_path):
    pytest.importorskip("onnx")
    import torch.nn.utils.prune as prune

    net = tiny_net()
    prune.l1_unstructured(net[0], "weight", amount=0.5)
    path = export_onnx(net, (1, 3, 12, 12), tmp_path / "tiny.onnx")
    from_t = winomodel.from_torch(net, torch.zeros(1, 3, 12, 12))
    from_o = winomodel.from_onnx(path)
    assert len(from_o) == len(from_t)
    for a, b in zip(from_t, from_o):
        assert a.supported == b.supported
        if a.supported:
            assert a.layer.replace(name="") == b.layer.replace(name="")
            np.testing.assert_array_equal(a.weights, b.weights)
    assert "dilation" in from_o[1].reason


def test_from_onnx_symbolic_batch(tmp_path):
    pytest.importorskip("onnx")
    path = export_onnx(tiny_net(), (1, 3, 12, 12), tmp_path / "dyn.onnx",
                       input_names=["x"], dynamic_axes={"x": {0: "n"}})
    m = winomodel.from_onnx(path, batch=4)
    assert m.supported()[0].layer.N == 4


def test_from_onnx_malformed_files(tmp_path):
    pytest.importorskip("onnx")
    missing = tmp_path / "nope.onnx"
    with pytest.raises(ModelImportError, match="does not exist"):
        winomodel.from_onnx(missing)
    garbage = tmp_path / "garbage.onnx"
    garbage.write_bytes(b"\x08\x07this is not a protobuf \xff\xfe" * 10)
    with pytest.raises(ModelImportError, match="garbage.onnx"):
        winomodel.from_onnx(garbage)
    text = tmp_path / "layers.csv"
    text.write_text("name,C,K,H,R\nconv1,3,8,8,3\n")
    with pytest.raises(ModelImportError, match="layers.csv"):
        winomodel.from_onnx(text)
    with pytest.raises(ModelImportError, match="batch"):
        winomodel.from_onnx(garbage, batch=0)


def test_from_onnx_invalid_graph_names_the_problem(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    # a Conv whose weight tensor is neither an input nor an initializer
    node = helper.make_node("Conv", ["x", "w_missing"], ["y"], name="c")
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 8, 8])])
    path = tmp_path / "broken.onnx"
    onnx.save(helper.make_model(graph), str(path))
    with pytest.raises(ModelImportError, match="not a valid ONNX model.*w_missing"):
        winomodel.from_onnx(path)


def test_from_onnx_weights_computed_in_graph(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    node = helper.make_node("Conv", ["x", "w"], ["y"], name="c", pads=[1, 1, 1, 1])
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8]),
                      helper.make_tensor_value_info("w", TensorProto.FLOAT, [4, 3, 3, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 8, 8])])
    path = tmp_path / "w_input.onnx"
    onnx.save(helper.make_model(graph), str(path))
    m = winomodel.from_onnx(path)
    assert not m["c"].supported and "initializer" in m["c"].reason
