"""Rules kept as data (TOML files beside this module), loaded once."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def load_rules(name: str) -> dict:
    """The rules in `rules/<name>.toml`."""
    return tomllib.loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))
