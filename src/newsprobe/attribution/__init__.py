"""Attribution finding: quotes, cues, sources and speaker resolution (PARC 3.0 conventions)."""
