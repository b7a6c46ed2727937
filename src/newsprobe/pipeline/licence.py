"""Licence notices in the text: Creative Commons wording -> an SPDX-style id and the notice span."""
from __future__ import annotations

import re
from functools import cache

from newsprobe.model import Licence, Span
from newsprobe.rules import load_rules

_TERMS = (("NC", r"non-?commercial|\bnc\b"), ("SA", r"share-?alike|\bsa\b"), ("ND", r"no-?deriv|\bnd\b"))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], str]:
    rules = load_rules("metadata")["licence"]
    return (re.compile(rules["notice"], re.I), re.compile(rules["name"], re.I), rules["default_version"])


def spdx_id(words: str) -> str | None:
    """'Creative Commons Attribution-NonCommercial 4.0' -> 'CC-BY-NC-4.0'."""
    _, name, default_version = _patterns()
    match = name.search(words)
    if not match:
        return None
    if match["kind"].lower() in {"zero", "0"}:
        return "CC0-1.0"
    terms = match["terms"] or ""
    parts = ["CC", "BY"] + [code for code, rx in _TERMS if re.search(rx, terms, re.I)]
    return "-".join(parts + [match["version"] or default_version])


def find_licence(text: str) -> Licence | None:
    """The last Creative Commons notice in `text` (notices sit at the foot of an article)."""
    notice, _, _ = _patterns()
    found = None
    for match in notice.finditer(text):
        licence_id = spdx_id(match.group())
        if licence_id:
            found = (match, licence_id)
    if not found:
        return None
    match, licence_id = found
    start = match.start() + len(match.group()) - len(match.group().lstrip())
    return Licence(id=licence_id, notice=Span(start=start, end=match.end(), text=text[start : match.end()]))
