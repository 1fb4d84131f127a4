"""What the machine is and can do, measured once per machine.

isa           the vector ISA Numba compiles for; every register block is sized from it
profiler      measures the roofline ceilings (peaks, memory levels, inner-loop ceilings)
microbench    the loops the profiler times
plateaus      memory levels found in the working-set sweep
calibration   every kernel timed on the calibration layers; the model's factors fitted
profile       MachineProfile, the JSON file all of the above is kept in
roofline_plot the machine's roofline drawn
"""
