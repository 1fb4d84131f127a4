import os
import sys

import numpy as np
import pytest

# tests/ holds the float64 oracle (naive.py); make it importable as a plain module
sys.path.insert(0, os.path.dirname(__file__))

try:  # PyTorch is an optional second oracle
    import torch  # noqa: F401

    HAVE_TORCH = True
except ImportError:  # pragma: no cover
    HAVE_TORCH = False


@pytest.fixture
def rng():
    return np.random.default_rng(12345)
