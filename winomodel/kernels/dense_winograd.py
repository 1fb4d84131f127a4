"""PLACEHOLDER: dense_winograd kernel (being written)."""

from .base import ConvKernel


class DenseWinograd(ConvKernel):
    name = "dense_winograd"
    sparse = False
    domain = "winograd"

    def _plan(self, weights, layer, density, **options):
        raise NotImplementedError("dense_winograd is not written yet")

    def work(self, layer, density=1.0, **options):
        raise NotImplementedError("dense_winograd is not written yet")
