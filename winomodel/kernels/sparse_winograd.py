"""PLACEHOLDER: sparse_winograd kernel (being written)."""

from .base import ConvKernel


class SparseWinograd(ConvKernel):
    name = "sparse_winograd"
    sparse = True
    domain = "winograd"

    def _plan(self, weights, layer, density, **options):
        raise NotImplementedError("sparse_winograd is not written yet")

    def work(self, layer, density=1.0, **options):
        raise NotImplementedError("sparse_winograd is not written yet")
