"""Phrase lexicons from `rules/claims.toml` compiled into whole-word, case-insensitive regexes."""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache

from newsprobe.rules import load_rules
from newsprobe.rules.alternation import longest_first

# Curly apostrophes and quotes are folded so that "don’t" matches the lexicon's "don't".
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def fold(text: str) -> str:
    """Same-length normalisation: offsets in the folded text are offsets in the original."""
    return text.translate(_FOLD)


def phrase_regex(phrases: list[str], patterns: list[str] | None = None) -> re.Pattern[str]:
    """One alternation: longest phrase first so that "may have" wins over "may"."""
    alternatives = [rf"(?<![\w'])(?:{longest_first(phrases, ignore_case=True)})(?![\w'])"] if phrases else []
    alternatives += patterns or []
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


@cache
def feature_lexicons() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(name, regex) for each `[features.<name>]` table, in file order."""
    tables = load_rules("claims")["features"]
    return tuple((name, phrase_regex(t.get("phrases", []), t.get("patterns"))) for name, t in tables.items())


def features_fingerprint() -> str:
    """Hash of the feature lexicons: a trained model is only valid with the lexicons it saw."""
    raw = json.dumps(load_rules("claims")["features"], sort_keys=True).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:16]
