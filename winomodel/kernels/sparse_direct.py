"""PLACEHOLDER: sparse_direct kernel (being written)."""

from .base import ConvKernel


class SparseDirect(ConvKernel):
    name = "sparse_direct"
    sparse = True
    domain = "spatial"

    def _plan(self, weights, layer, density, **options):
        raise NotImplementedError("sparse_direct is not written yet")

    def work(self, layer, density=1.0, **options):
        raise NotImplementedError("sparse_direct is not written yet")
