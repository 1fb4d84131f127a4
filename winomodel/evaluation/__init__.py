"""The model checked against measured runs.

validate      kernels timed on layers the calibration never saw; errors, choices, crossovers
structured    structured shrinking vs the same FLOPs removed as unstructured zeros
"""
