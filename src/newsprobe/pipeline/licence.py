"""Licence notices in the text: Creative Commons wording -> an SPDX-style id and the notice span."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsprobe.model import Licence, Span
from newsprobe.rules import load_rules

_TERMS = (("NC", r"non-?commercial|\bnc\b"), ("SA", r"share-?alike|\bsa\b"), ("ND", r"no-?deriv|\bnd\b"))


@dataclass(frozen=True)
class LicenceRules:
    keyword: re.Pattern[str]
    sentence_end: re.Pattern[str]
    name: re.Pattern[str]
    default_version: str


def licence_rules_from(rules: dict) -> LicenceRules:
    """The [licence] table of rules/metadata.toml (or of a component's own), compiled."""
    return LicenceRules(re.compile(rules["keyword"], re.I), re.compile(rules["sentence_end"]),
                        re.compile(rules["name"], re.I), rules["default_version"])


@cache
def licence_rules() -> LicenceRules:
    """The packaged rules, compiled once."""
    return licence_rules_from(load_rules("metadata")["licence"])


def spdx_id(words: str, rules: LicenceRules | None = None) -> str | None:
    """'Creative Commons Attribution-NonCommercial 4.0' -> 'CC-BY-NC-4.0'."""
    rules = rules or licence_rules()
    name, default_version = rules.name, rules.default_version
    match = name.search(words)
    if not match:
        return None
    if match["kind"].lower() in {"zero", "0"}:
        return "CC0-1.0"
    terms = match["terms"] or ""
    parts = ["CC", "BY"] + [code for code, rx in _TERMS if re.search(rx, terms, re.I)]
    return "-".join(parts + [match["version"] or default_version])


def _sentence_around(text: str, start: int, end: int, sentence_end: re.Pattern[str]) -> tuple[int, int]:
    before = [m.end() for m in sentence_end.finditer(text, 0, start)]
    first = before[-1] if before else 0
    after = sentence_end.search(text, end)
    last = after.end() if after and after.group() == "." else (after.start() if after else len(text))
    while first < last and text[first].isspace():
        first += 1
    return first, last


def find_licence(text: str, rules: LicenceRules | None = None) -> Licence | None:
    """The last Creative Commons notice in `text` (notices sit at the foot of an article);
    `rules`: a component's own (None: the packaged rules)."""
    rules = rules or licence_rules()
    for match in reversed(list(rules.keyword.finditer(text))):
        start, end = _sentence_around(text, match.start(), match.end(), rules.sentence_end)
        licence_id = spdx_id(text[start:end], rules)
        if licence_id:
            return Licence(id=licence_id, notice=Span(start=start, end=end, text=text[start:end]))
    return None
