"""PLACEHOLDER: dense_direct kernel (being written)."""

from .base import ConvKernel


class DenseDirect(ConvKernel):
    name = "dense_direct"
    sparse = False
    domain = "spatial"

    def _plan(self, weights, layer, density, **options):
        raise NotImplementedError("dense_direct is not written yet")

    def work(self, layer, density=1.0, **options):
        raise NotImplementedError("dense_direct is not written yet")
