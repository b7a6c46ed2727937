"""Text that is not a sentence (one word, shouting capitals, a flattened table or list).

The training data holds none of it, so the model cannot learn to score it low; these rules damp
its score instead. Thresholds live in `rules/claims.toml` [degenerate].
"""
from __future__ import annotations

from functools import cache

from newsprobe.claims.features import WORD
from newsprobe.rules import load_rules


@cache
def _settings() -> dict:
    return load_rules("claims")["degenerate"]


def degeneracy(text: str) -> str | None:
    """Why `text` is not a scorable sentence, or None when it is one."""
    rules = _settings()
    words = WORD.findall(text)
    alphabetic = [w for w in words if w[0].isalpha()]
    if len(alphabetic) < rules["min_words"]:
        return "too few words"
    if len(words) > rules["max_words"]:
        return "too long"
    cased = [c for c in text if c.isalpha() and (c.isupper() or c.islower())]
    if cased and sum(c.isupper() for c in cased) / len(cased) > rules["max_upper_share"]:
        return "capitals"
    tokens = text.split()
    nonword = sum(1 for t in tokens if not any(c.isalpha() for c in t))
    if tokens and nonword / len(tokens) > rules["max_nonword_share"]:
        return "table or list"
    if sum(text.count(s) for s in rules["separators"]) > rules["max_separators"]:
        return "table or list"
    return None


def damping(text: str) -> float:
    """Factor to multiply a score by: 1 for a sentence, 0 without a letter, [degenerate] damping
    for other non-sentences."""
    if not any(c.isalpha() for c in text):
        return 0.0
    return 1.0 if degeneracy(text) is None else float(_settings()["damping"])
