"""Reports written for users: CSVs, plots and summary.md.

network_report  `winomodel report`: profile, predict, validate, summarise
model_report    `winomodel report --model`: a user's own network, layer by layer
plots           speedup, sweet-spot and roofline plots
"""
