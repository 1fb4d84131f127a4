"""What the CPU winomodel runs on is and can do: its vector ISA (:mod:`.isa`)."""
