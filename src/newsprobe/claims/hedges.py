"""Certainty cues: hedges ("reportedly", "may have") and boosters ("clearly", "proves").

Lexicons are `rules/claims.toml` [hedges] and [boosters]. Modal verbs ("may", "might", "could")
count as hedges only in lower case and, when a parsed Doc is given, only when tagged MD, so that
the month "May" does not fire.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from newsprobe.claims.lexicon import fold, phrase_regex
from newsprobe.model import Span
from newsprobe.rules import load_rules


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    rules = load_rules("claims")
    modals = frozenset(rules["hedges"]["modals"])
    return phrase_regex(rules["hedges"]["phrases"]), phrase_regex(rules["boosters"]["phrases"]), modals


def _spans(regex: re.Pattern[str], text: str, start: int, end: int) -> list[Span]:
    window = fold(text[start:end])
    return [Span(start=start + m.start(), end=start + m.end(), text=text[start + m.start():start + m.end()])
            for m in regex.finditer(window)]


def _modals(text: str, start: int, end: int, doc: Doc | None) -> list[Span]:
    _, _, modals = _regexes()
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens = [t for t in span if t.tag_ == "MD" and t.text in modals] if span is not None else []
        return [Span(start=t.idx, end=t.idx + len(t.text), text=t.text) for t in tokens]
    words = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, sorted(modals))) + r")(?![\w'])")
    return _spans(words, text, start, end)


def hedge_cues(text: str, start: int, end: int, doc: Doc | None = None) -> list[Span]:
    """Hedge cues in text[start:end], in order, without overlaps (a phrase wins over its modal)."""
    hedges, _, _ = _regexes()
    found = _spans(hedges, text, start, end)
    found += [m for m in _modals(text, start, end, doc)
              if not any(h.start <= m.start < h.end for h in found)]
    return sorted(found, key=lambda s: s.start)


def booster_cues(text: str, start: int, end: int) -> list[Span]:
    _, boosters, _ = _regexes()
    return _spans(boosters, text, start, end)
