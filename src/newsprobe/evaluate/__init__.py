"""Loaders and scorers for the public evaluation datasets; each backs a `newsprobe eval` command."""
from __future__ import annotations

import json
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError


def read_split(path: Path, split: str) -> set[str] | None:
    """The document ids of `split` in a committed split table (JSON: split name -> ids); all: None."""
    if split == "all":
        return None
    table = json.loads(path.read_text(encoding="utf-8"))
    if split not in table:
        raise NewsprobeError(Code.BAD_CONFIG, f"unknown split '{split}' (dev, test or all)")
    return set(table[split])
