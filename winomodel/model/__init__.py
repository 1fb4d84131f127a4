"""The performance model: predictions from a machine profile, never a timing.

predict       each kernel's time on a layer: every phase placed on its ceiling
fit           calibration factors fitted to measured runs
sweetspot     crossover densities and the density sweet spot per layer
network_plan  per-layer kernel and density plans for a whole network
"""
