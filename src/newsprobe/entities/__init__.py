"""Entity coreference and typing rules used by the entities component (pipeline/entities.py)."""
