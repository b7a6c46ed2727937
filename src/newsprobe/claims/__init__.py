"""Check-worthiness scoring, hedge detection and claim voice: the claims layer's own logic.

The spaCy component (`newsprobe.pipeline.claims`) only wires these into a Doc.
"""
