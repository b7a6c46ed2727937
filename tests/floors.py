"""Read the recorded quality floors (tests/floors.toml)."""
from __future__ import annotations

import tomllib
from pathlib import Path


def floor(layer: str, figure: str) -> float:
    floors = tomllib.loads(Path(__file__).with_name("floors.toml").read_text(encoding="utf-8"))
    return float(floors[layer][figure])
