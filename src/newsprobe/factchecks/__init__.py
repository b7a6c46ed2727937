"""Claims matched to fact-checks: read a fact-check collection and queries, rank fact-checks per query."""
