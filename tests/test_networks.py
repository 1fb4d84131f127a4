"""Shipped network tables, the CSV loader and its error messages."""

import pytest

from winomodel.errors import NetworkTableError
from winomodel.layer import ConvLayer
from winomodel.networks import (load_layers_csv, load_network, network_names,
                                published_densities, recipe_names, select_layers)


def _by_name(layers):
    return {layer.name: layer for layer in layers}


# ---- shipped tables ------------------------------------------------------------------------
@pytest.mark.parametrize("name, count", [("alexnet", 5), ("vgg16", 13), ("resnet50", 53),
                                         ("googlenet", 57)])
def test_every_shipped_table_loads_with_its_layer_count(name, count):
    assert name in network_names()
    layers = load_network(name)
    assert len(layers) == count
    assert all(isinstance(layer, ConvLayer) and layer.N == 1 for layer in layers)
    assert len({layer.name for layer in layers}) == count


@pytest.mark.parametrize("name, gmacs, tol", [
    ("alexnet", 0.666, 0.01),     # CaffeNet convs: ~666M MACs
    ("vgg16", 15.35, 0.05),       # VGG-16 convs: ~15.3-15.5 GMACs (often quoted 15.5 incl. FC)
    ("resnet50", 4.09, 0.03),     # ResNet-50 v1.5: ~4.1 GMACs, almost all in convs
    ("googlenet", 1.58, 0.03),    # Inception v1 main branch (Caffe shapes): ~1.5-1.6 GMACs
])
def test_flop_totals_match_known_figures(name, gmacs, tol):
    total = sum(layer.macs for layer in load_network(name)) / 1e9
    assert total == pytest.approx(gmacs, abs=tol)


def test_alexnet_shapes_and_groups():
    L = _by_name(load_network("alexnet"))
    assert (L["conv1"].P, L["conv1"].K) == (55, 96)
    # 3x3/2 max pool: 55 -> 27, 27 -> 13
    assert L["conv2"].H == (L["conv1"].P - 3) // 2 + 1 and L["conv2"].groups == 2
    assert L["conv3"].H == (L["conv2"].P - 3) // 2 + 1 and L["conv3"].groups == 1
    assert [L[n].groups for n in ("conv4", "conv5")] == [2, 2]
    for a, b in [("conv1", "conv2"), ("conv2", "conv3"), ("conv3", "conv4"), ("conv4", "conv5")]:
        assert L[a].K == L[b].C


def test_vgg16_chains_channels_and_sizes():
    layers = load_network("VGG-16")
    assert layers[0].name == "conv1_1" and layers[-1].name == "conv5_3"
    for a, b in zip(layers, layers[1:]):
        assert a.K == b.C
        same_stage = a.name.split("_")[0] == b.name.split("_")[0]
        assert b.H == (a.P if same_stage else a.P // 2)
    assert all(layer.is_unit_stride_3x3 and layer.pad == (1, 1) for layer in layers)


def test_resnet50_bottlenecks_chain():
    L = _by_name(load_network("resnet-50"))
    size, channels = L["conv1"].P // 2, L["conv1"].K  # 3x3/2 max pool: 112 -> 56
    for stage, blocks in enumerate([3, 4, 6, 3], start=1):
        for b in range(blocks):
            p = f"layer{stage}.{b}."
            c1, c2, c3 = L[p + "conv1"], L[p + "conv2"], L[p + "conv3"]
            assert (c1.C, c1.H) == (channels, size) and (c1.R, c1.stride) == (1, (1, 1))
            assert (c2.C, c2.H, c2.R) == (c1.K, c1.P, 3)
            assert c2.stride == ((2, 2) if b == 0 and stage > 1 else (1, 1))  # v1.5
            assert (c3.C, c3.H, c3.K) == (c2.K, c2.P, 4 * c1.K)
            if b == 0:
                ds = L[p + "downsample.0"]
                assert (ds.C, ds.H, ds.K, ds.P, ds.stride) == (channels, size, c3.K, c3.P, c2.stride)
            else:
                assert p + "downsample.0" not in L
            size, channels = c3.P, c3.K
    assert (size, channels) == (7, 2048)


def test_googlenet_inceptions_concatenate():
    L = _by_name(load_network("googlenet"))
    channels = L["conv2/3x3"].K
    for block in ["3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b"]:
        p = f"inception_{block}/"
        assert L[p + "1x1"].C == L[p + "3x3_reduce"].C == L[p + "5x5_reduce"].C == \
            L[p + "pool_proj"].C == channels
        assert L[p + "3x3"].C == L[p + "3x3_reduce"].K and L[p + "5x5"].C == L[p + "5x5_reduce"].K
        assert all(L[p + n].P == L[p + n].H for n in ("1x1", "3x3", "5x5", "pool_proj"))
        channels = sum(L[p + n].K for n in ("1x1", "3x3", "5x5", "pool_proj"))
    assert channels == 1024 and L["inception_5b/1x1"].H == 7


def test_resnet50_matches_a_torch_build():
    torch = pytest.importorskip("torch")
    nn = torch.nn

    convs = []

    def conv(c, k, r, s=1, p=0):
        m = nn.Conv2d(c, k, r, stride=s, padding=p, bias=False)
        convs.append(m)
        return m

    class Bottleneck(nn.Module):
        def __init__(self, c, width, stride):
            super().__init__()
            self.c1, self.c2 = conv(c, width, 1), conv(width, width, 3, stride, 1)
            self.c3 = conv(width, 4 * width, 1)
            self.ds = conv(c, 4 * width, 1, stride) if stride != 1 or c != 4 * width else None

        def forward(self, x):
            y = self.c3(self.c2(self.c1(x)))
            return y + (self.ds(x) if self.ds is not None else x)

    blocks, c = [conv(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)], 64
    for width, n, stride in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]:
        for b in range(n):
            blocks.append(Bottleneck(c, width, stride if b == 0 else 1))
            c = 4 * width
    net = nn.Sequential(*blocks)
    seen = []
    for m in convs:
        m.register_forward_hook(lambda mod, inp, out: seen.append(
            (mod.in_channels, mod.out_channels, inp[0].shape[2], mod.kernel_size[0],
             mod.stride[0], out.shape[2])))
    with torch.no_grad():
        net(torch.zeros(1, 3, 224, 224))
    ours = sorted((l.C, l.K, l.H, l.R, l.stride[0], l.P) for l in load_network("resnet50"))
    assert sorted(seen) == ours


def test_batch_override_and_aliases():
    assert all(layer.N == 8 for layer in load_network("AlexNet", batch=8))
    assert load_network("caffenet") == load_network("alexnet")
    with pytest.raises(NetworkTableError, match="batch"):
        load_network("alexnet", batch=0)


def test_unknown_network_lists_the_available_ones():
    with pytest.raises(NetworkTableError, match=r"unknown network 'lenet'.*alexnet.*vgg16"):
        load_network("lenet")


def test_published_densities():
    d = published_densities("alexnet")
    assert d == {"conv2": 0.144, "conv3": 0.069, "conv4": 0.082, "conv5": 0.115}
    assert published_densities("alexnet", "park2016") == d  # the first recipe listed is the default
    assert recipe_names("alexnet") == ["park2016", "han2015"]
    assert published_densities("alexnet", "han2015")["conv1"] == 0.84
    vgg = published_densities("vgg16")  # Han et al. 2015, Table 4
    assert len(vgg) == 13 and vgg["conv1_2"] == 0.22 and vgg["conv5_3"] == 0.36
    assert published_densities("googlenet") == {}
    with pytest.raises(NetworkTableError, match="no published recipe 'x'.*park2016"):
        published_densities("alexnet", "x")
    with pytest.raises(NetworkTableError, match="unknown network"):
        published_densities("nope")


def test_select_layers():
    layers = load_network("alexnet")
    assert [l.name for l in select_layers(layers, "conv5, conv3")] == ["conv5", "conv3"]
    assert select_layers(layers, None) == layers
    with pytest.raises(NetworkTableError, match=r"no layer named 'conv9'.*conv1"):
        select_layers(layers, ["conv9"])


# ---- user tables -----------------------------------------------------------------------------
def _write(tmp_path, text, name="layers.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_user_csv_defaults(tmp_path):
    path = _write(tmp_path, "C,K,H,R\n16,32,20,3\n32,8,10,1\n")
    a, b = load_layers_csv(path)
    assert a == ConvLayer(C=16, K=32, H=20, W=20, R=3, S=3, N=1, stride=1, pad=0, groups=1,
                          name="layer1")
    assert b.name == "layer2" and (b.W, b.S) == (10, 1)
    assert load_layers_csv(path, batch=4)[0].N == 4


def test_user_csv_pairs_and_round_trip(tmp_path):
    layer = ConvLayer(C=8, K=8, H=12, W=10, R=3, S=1, stride=(2, 1), pad=(1, 0), groups=2, name="x")
    row = layer.as_row()
    text = ",".join(row) + "\n" + ",".join(str(v) for v in row.values()) + "\n"
    assert load_layers_csv(_write(tmp_path, text)) == [layer]
    assert "2x1" in text


@pytest.mark.parametrize("text, pattern", [
    ("", r"empty"),
    ("\n\n", r"empty"),
    ("C,K,H,R\n", r"header but no layers"),
    ("name,C,K,H\nconv,3,8,10\n", r"line 1.*missing required column\(s\) R"),
    ("C,K,H,R,strid\n3,8,10,3,2\n", r"unknown column\(s\) 'strid'"),
    ('{"layers": [1, 2]}\n', r"missing required column"),
    ("C,K,H,R\n3,8,ten,3\n", r"line 2, column H: expected an integer, got 'ten'"),
    ("C,K,H,R\n3,8,10,3.5\n", r"line 2, column R: expected an integer"),
    ("C,K,H,R,stride\n3,8,10,3,2y1\n", r"line 2, column stride"),
    ("C,K,H,R\n3,8,,3\n", r"line 2, column H: empty cell"),
    ("C,K,H,R\n3,8,10,3\n3,8\n", r"line 3: 2 cells but the header has 4"),
    ("C,K,H,R\n3,0,10,3\n", r"line 2 .*K must be >= 1"),
    ("C,K,H,R\n3,8,2,5\n", r"line 2 .*leaves no output"),
    ("C,K,H,R,groups\n3,8,10,3,2\n", r"line 2 .*groups=2 must divide"),
    ("name,C,K,H,R\na,3,8,10,3\na,8,8,8,3\n", r"line 3, column name: duplicate layer name 'a'"),
])
def test_malformed_tables_name_file_line_and_column(tmp_path, text, pattern):
    path = _write(tmp_path, text)
    with pytest.raises(NetworkTableError, match=pattern) as info:
        load_layers_csv(path)
    assert str(path) in str(info.value)


def test_missing_binary_and_directory_files(tmp_path):
    with pytest.raises(NetworkTableError, match="does not exist"):
        load_layers_csv(tmp_path / "nope.csv")
    binary = tmp_path / "model.pt"
    binary.write_bytes(b"PK\x03\x04\x00\x00\xff\xfe")
    with pytest.raises(NetworkTableError, match="not a CSV text file"):
        load_layers_csv(binary)
    with pytest.raises(NetworkTableError, match="directory"):
        load_layers_csv(tmp_path)


def test_googlenet_matches_a_torch_build():
    torch = pytest.importorskip("torch")
    nn = torch.nn
    seen = []

    def conv(c, k, r, s=1, p=0):
        m = nn.Conv2d(c, k, r, stride=s, padding=p, bias=False)
        m.register_forward_hook(lambda mod, inp, out: seen.append(
            (mod.in_channels, mod.out_channels, inp[0].shape[2], mod.kernel_size[0],
             mod.stride[0], mod.padding[0], out.shape[2])))
        return m

    class Inception(nn.Module):
        def __init__(self, c, a, b3r, b3, b5r, b5, pp):
            super().__init__()
            self.a = conv(c, a, 1)
            self.b = nn.Sequential(conv(c, b3r, 1), conv(b3r, b3, 3, 1, 1))
            self.c = nn.Sequential(conv(c, b5r, 1), conv(b5r, b5, 5, 1, 2))
            self.d = nn.Sequential(nn.MaxPool2d(3, 1, 1), conv(c, pp, 1))

        def forward(self, x):
            return torch.cat([self.a(x), self.b(x), self.c(x), self.d(x)], 1)

    pool = lambda: nn.MaxPool2d(3, 2, ceil_mode=True)  # noqa: E731  (Caffe rounds pools up)
    net = nn.Sequential(
        conv(3, 64, 7, 2, 3), pool(), conv(64, 64, 1), conv(64, 192, 3, 1, 1), pool(),
        Inception(192, 64, 96, 128, 16, 32, 32), Inception(256, 128, 128, 192, 32, 96, 64), pool(),
        Inception(480, 192, 96, 208, 16, 48, 64), Inception(512, 160, 112, 224, 24, 64, 64),
        Inception(512, 128, 128, 256, 24, 64, 64), Inception(512, 112, 144, 288, 32, 64, 64),
        Inception(528, 256, 160, 320, 32, 128, 128), pool(),
        Inception(832, 256, 160, 320, 32, 128, 128), Inception(832, 384, 192, 384, 48, 128, 128))
    with torch.no_grad():
        out = net(torch.zeros(1, 3, 224, 224))
    assert tuple(out.shape) == (1, 1024, 7, 7)
    ours = [(l.C, l.K, l.H, l.R, l.stride[0], l.pad[0], l.P) for l in load_network("googlenet")]
    assert sorted(seen) == sorted(ours)


# ---- the `winomodel layers` command ----------------------------------------------------
def test_layers_command_prints_the_table(capsys, tmp_path):
    from winomodel.cli import main

    assert main(["layers", "--network", "AlexNet"]) == 0
    out = capsys.readouterr().out
    assert "conv3" in out and "0.069" in out and "13x13" in out and "1.332" in out
    path = _write(tmp_path, "C,K,H,R\n16,32,20,3\n")
    assert main(["layers", "--layers", str(path), "--batch", "2"]) == 0
    assert "layer1" in capsys.readouterr().out
    assert main(["layers", "--network", "lenet"]) == 2
    assert "unknown network" in capsys.readouterr().err
    assert main(["layers", "--layers", str(tmp_path / "missing.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
