"""Events: who did what to whom, coded with CAMEO from a verb lexicon kept as data."""
