"""Plain-PyTorch definitions of VGG-16 and ResNet-50 (random weights, nothing downloaded).

Used by benchmarks and by the structured-vs-unstructured comparison: ``width`` scales
every channel count (structured channel pruning), ``depth`` the number of blocks per
stage (ResNet) or conv layers per stage (VGG), and the input resolution is the caller's.
Layer shapes at ``width=1, depth=1`` match ``data/vgg16.csv`` and ``data/resnet50.csv``.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from torch import nn

VGG16_STAGES = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
RESNET50_STAGES = ((64, 3), (128, 4), (256, 6), (512, 3))


def _scaled(channels: int, width: float) -> int:
    return max(1, int(round(channels * width)))


def _count(n: int, depth: float) -> int:
    return max(1, int(math.ceil(n * depth - 1e-9)))


def vgg16(width: float = 1.0, depth: float = 1.0, num_classes: int = 1000) -> nn.Module:
    """VGG-16 (configuration D): 13 3x3 convs with ReLU, 5 max-pools, a small classifier.

    The classifier is global-average-pooled so any input resolution runs (the conv
    layers, the part winomodel accelerates, are VGG-16's).
    """
    layers, c = [], 3
    for k, n in VGG16_STAGES:
        k = _scaled(k, width)
        for _ in range(_count(n, depth)):
            layers += [nn.Conv2d(c, k, 3, padding=1), nn.ReLU(inplace=True)]
            c = k
        layers.append(nn.MaxPool2d(2))
    # named as torchvision names them, so layers read "features.0" (not "0.0", which a CSV
    # reader takes for a number)
    return nn.Sequential(OrderedDict(
        features=nn.Sequential(*layers), avgpool=nn.AdaptiveAvgPool2d(1), flatten=nn.Flatten(),
        classifier=nn.Linear(c, num_classes))).eval()


class Bottleneck(nn.Module):
    """ResNet v1.5 bottleneck: 1x1, 3x3 (carries the stride), 1x1, projection when needed."""

    def __init__(self, c_in: int, mid: int, stride: int):
        super().__init__()
        out = 4 * mid
        self.conv1 = nn.Conv2d(c_in, mid, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, mid, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(mid, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = None
        if stride != 1 or c_in != out:
            self.downsample = nn.Sequential(nn.Conv2d(c_in, out, 1, stride=stride, bias=False),
                                            nn.BatchNorm2d(out))

    def forward(self, x):
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return self.relu(y + (x if self.downsample is None else self.downsample(x)))


class ResNet50(nn.Module):
    """ResNet-50 v1.5, torchvision's layer names (``layer1.0.conv1`` ...)."""

    def __init__(self, width: float = 1.0, depth: float = 1.0, num_classes: int = 1000):
        super().__init__()
        c = _scaled(64, width)
        self.conv1 = nn.Conv2d(3, c, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        for i, (mid, n) in enumerate(RESNET50_STAGES):
            mid = _scaled(mid, width)
            blocks = []
            for b in range(_count(n, depth)):
                blocks.append(Bottleneck(c, mid, 2 if (b == 0 and i > 0) else 1))
                c = 4 * mid
            setattr(self, f"layer{i + 1}", nn.Sequential(*blocks))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, num_classes)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(self.avgpool(x).flatten(1))


def resnet50(width: float = 1.0, depth: float = 1.0, num_classes: int = 1000) -> nn.Module:
    """ResNet-50 v1.5 in eval mode (BatchNorm uses its running statistics)."""
    return ResNet50(width, depth, num_classes).eval()


MODELS = {"vgg16": vgg16, "resnet50": resnet50}
