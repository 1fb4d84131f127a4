"""Machine profiling and the roofline performance model."""
