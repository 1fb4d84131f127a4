"""winomodel.torch.convert: converted modules give the original outputs within tolerance."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
nn = torch.nn

from winomodel.errors import WinomodelError  # noqa: E402
from winomodel.kernels import kernel_names  # noqa: E402
from winomodel.layer_choice import rule_kernel  # noqa: E402
from winomodel.layer import ConvLayer  # noqa: E402
import winomodel.torch as wt  # noqa: E402


class Block(nn.Module):
    """A tiny residual network: 3x3 s1, strided 3x3, 1x1, grouped conv, a dilated one kept."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False)
        self.body = nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(16, 16, 1, groups=2))
        self.dilated = nn.Conv2d(16, 16, 3, padding=2, dilation=2)

    def forward(self, x):
        y = torch.relu(self.stem(x))
        y = torch.relu(self.down(y))
        y = y + self.body(y)
        return self.dilated(y)


def make_net(prune_amount=0.0):
    torch.manual_seed(0)
    net = Block().eval()
    if prune_amount:
        import torch.nn.utils.prune as prune

        for m in (net.stem, net.down, net.body[0], net.body[2]):
            prune.l1_unstructured(m, "weight", amount=prune_amount)
    return net


def close(a, b, rel):
    scale = float(b.abs().max())
    assert float((a - b).abs().max()) <= rel * scale, float((a - b).abs().max()) / scale


@pytest.mark.parametrize("kernel", kernel_names())
def test_every_kernel_matches_the_original(kernel):
    net = make_net(prune_amount=0.6)
    x = torch.randn(2, 3, 12, 12)
    with torch.no_grad():
        want = net(x)
        fast = wt.convert(net, kernel=kernel)
        got = fast(x)
    close(got, want, 1e-3 if "winograd" in kernel else 1e-4)
    table = wt.conversion_table(fast)
    assert set(table["name"]) == {"stem", "down", "body.0", "body.2", "dilated"}
    kept = table.set_index("name").loc["dilated"]
    assert kept["kernel"] == "pytorch" and "dilation" in kept["reason"]
    used = dict(zip(table["name"], table["kernel"]))
    if "winograd" in kernel:  # stride 2 runs decomposed; 1x1 layers go to a direct kernel
        assert used["stem"] == used["down"] == kernel and used["body.2"] != kernel
    else:
        assert used["down"] == kernel


def test_original_module_untouched_and_masks_honoured():
    net = make_net(prune_amount=0.8)
    fast = wt.convert(net, example_input=torch.zeros(1, 3, 8, 8))
    assert isinstance(net.stem, nn.Conv2d)
    assert fast.stem.density == pytest.approx(0.2, abs=0.01)
    assert fast.stem.kernel in kernel_names()


def test_measure_with_torch_candidate_and_per_layer_dict():
    net = make_net()
    x = torch.randn(1, 3, 10, 10)
    fast = wt.convert(net, kernel={"stem": "sparse_direct"}, choose="measure",
                      include_torch=True, example_input=x)
    assert fast.stem.kernel == "sparse_direct"
    assert fast.down.kernel in kernel_names() + ["torch"]
    assert "torch" in fast.down.choices[(8, 10, 10)][1]
    with torch.no_grad():
        close(fast(x), net(x), 1e-3)


def test_new_input_shapes_get_their_own_plans():
    net = make_net()
    fast = wt.convert(net, kernel="dense_direct")
    with torch.no_grad():
        for hw in (8, 11):
            x = torch.randn(1, 3, hw, hw)
            close(fast(x), net(x), 1e-4)
    assert len(fast.stem.plans) == 2


def test_bad_arguments():
    with pytest.raises(WinomodelError, match="nn.Module"):
        wt.convert("not a module")
    with pytest.raises(WinomodelError, match="unknown kernel"):
        wt.convert(make_net(), kernel="fft")
    with pytest.raises(WinomodelError, match="unknown conv layer"):
        wt.convert(make_net(), kernel={"nope": "dense_direct"})
    with pytest.raises(WinomodelError, match="choose"):
        wt.convert(make_net(), choose="guess")


def test_rule():
    l3 = ConvLayer(C=64, K=64, H=28, W=28, pad=1)
    l1 = ConvLayer(C=64, K=64, H=28, W=28, R=1, S=1)
    assert rule_kernel(l3, 0.1) == "sparse_direct"
    assert rule_kernel(l3, 0.5) == "sparse_winograd"
    assert rule_kernel(l3, 0.9) == "dense_winograd"
    assert rule_kernel(l1, 0.3) == "sparse_direct"
    assert rule_kernel(l1, 0.9) == "dense_direct"


def test_given_dense_winograd_runs_the_models_tile():
    """A layer given dense_winograd (no tile) runs the tile the machine's model picks."""
    from winomodel.machine.profile import MachineProfile
    from winomodel.select import tuned_options
    from winomodel.kernels import get_kernel

    net = make_net()
    x = torch.randn(1, 3, 12, 12)
    prof = MachineProfile.synthetic()
    with torch.no_grad():
        fast = wt.convert(net, kernel="dense_winograd", profile=prof)
        close(fast(x), net(x), 1e-3)
    stem = fast.stem
    (name, _, how, tuned), = stem.choices.values()
    layer = stem.layer_for(x.shape)
    assert (name, how) == ("dense_winograd", "given")
    assert tuned == tuned_options(layer, get_kernel("dense_winograd"), prof) and tuned["tile"] in (2, 4, 6)
    assert next(iter(stem.plans.values())).tile == tuned["tile"]



class BNBlock(nn.Module):
    """conv -> BN pairs to fold (with and without conv bias, BN without affine), a conv
    whose output also feeds a residual (its BN must stay), a BN after an addition."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.bn2 = nn.BatchNorm2d(8, affine=False)
        self.conv3 = nn.Conv2d(8, 8, 1)
        self.bn3 = nn.BatchNorm2d(8)
        self.bn4 = nn.BatchNorm2d(8)

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = torch.relu(self.bn2(self.conv2(y)))
        z = self.conv3(y)
        return self.bn4(self.bn3(z) + z)


def make_bn_net(prune_amount=0.0):
    torch.manual_seed(1)
    net = BNBlock()
    for bn in (net.bn1, net.bn2, net.bn3, net.bn4):   # statistics unlike the defaults
        bn.running_mean.uniform_(-1, 1)
        bn.running_var.uniform_(0.5, 2)
        if bn.affine:
            bn.weight.data.uniform_(0.5, 1.5)
            bn.bias.data.uniform_(-1, 1)
    if prune_amount:
        import torch.nn.utils.prune as prune

        prune.l1_unstructured(net.conv1, "weight", amount=prune_amount)
    return net.eval()


@pytest.mark.parametrize("kernel", ["dense_direct", "sparse_winograd"])
def test_batchnorm_folded_into_the_conv_before_it(kernel):
    net = make_bn_net(prune_amount=0.5)
    x = torch.randn(2, 3, 10, 10)
    assert wt.conv_batchnorm_pairs(net) == {"conv1": "bn1", "conv2": "bn2"}
    with torch.no_grad():
        want = net(x)
        fast = wt.convert(net, kernel=kernel)
        close(fast(x), want, 1e-3 if "winograd" in kernel else 1e-4)
    assert isinstance(fast.bn1, nn.Identity) and isinstance(fast.bn2, nn.Identity)
    assert isinstance(fast.bn3, nn.BatchNorm2d) and isinstance(fast.bn4, nn.BatchNorm2d)
    assert fast.conv1.density == pytest.approx(0.5, abs=0.02)   # zeros stay zeros
    folded = wt.conversion_table(fast).set_index("name")["folded"]
    assert folded.to_dict() == {"conv1": "bn1", "conv2": "bn2", "conv3": ""}
    assert isinstance(net.bn1, nn.BatchNorm2d)                   # the original untouched


def test_batchnorm_kept_when_asked_or_untraceable():
    net = make_bn_net()
    x = torch.randn(1, 3, 8, 8)
    kept = wt.convert(net, kernel="dense_direct", fold_batchnorm=False)
    assert isinstance(kept.bn1, nn.BatchNorm2d) and kept.conv1.folded == ""

    class Branchy(nn.Module):   # control flow on a tensor's value: torch.fx cannot trace it
        def __init__(self):
            super().__init__()
            self.inner = make_bn_net()

        def forward(self, x):
            return self.inner(x) if float(x.sum()) > -1e9 else x

    branchy = Branchy().eval()
    assert wt.conv_batchnorm_pairs(branchy) == {}
    with torch.no_grad():
        fast = wt.convert(branchy, kernel="dense_direct")
        close(fast(x), branchy(x), 1e-4)
    assert isinstance(fast.inner.bn1, nn.BatchNorm2d)
