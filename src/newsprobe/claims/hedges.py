"""Certainty cues: hedges ("reportedly", "may have") and boosters ("clearly", "proves").

Lexicons are `rules/claims.toml` [hedges] and [boosters] (or a component's own: each function takes
`rules`, None for the packaged ones). Modal verbs ("may", "might", "could")
count as hedges only in lower case and, when a tagged Doc is at hand, only when tagged MD, so that
the month "May" does not fire.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.attrs import TAG
from spacy.tokens import Doc

from newsprobe.claims.lexicon import fold, phrase_regex
from newsprobe.model import Span
from newsprobe.rules import load_rules


@dataclass(frozen=True)
class CueRules:
    hedges: re.Pattern[str]
    boosters: re.Pattern[str]
    modals: frozenset[str]
    lower_modals: re.Pattern[str]  # the modal words in lower case only


def cue_rules_from(rules: dict) -> CueRules:
    """Hedge phrases, booster phrases and modal words of a table shaped like rules/claims.toml."""
    modals = frozenset(rules["hedges"]["modals"])
    lower = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, sorted(modals))) + r")(?![\w'])")
    hedges, boosters = rules["hedges"]["phrases"], rules["boosters"]["phrases"]
    return CueRules(phrase_regex(hedges), phrase_regex(boosters), modals, lower)


@cache
def cue_rules() -> CueRules:
    """The packaged rules, compiled once."""
    return cue_rules_from(load_rules("claims"))


def _spans(regex: re.Pattern[str], text: str, start: int, end: int) -> list[Span]:
    found = []
    for match in regex.finditer(fold(text[start:end])):
        a, b = start + match.start(), start + match.end()
        found.append(Span(start=a, end=b, text=text[a:b]))
    return found


def modal_hedges(doc: Doc, rules: CueRules | None = None) -> list[Span]:
    """The Doc's hedging modal verbs (tagged MD), found once per Doc."""
    modals = (rules or cue_rules()).modals
    if not len(doc):
        return []
    md = doc.vocab.strings["MD"]
    tagged = [doc[i] for i, tag in enumerate(doc.to_array(TAG).tolist()) if tag == md]  # few Token objects
    return [Span(start=t.idx, end=t.idx + len(t.text), text=t.text) for t in tagged if t.text in modals]


def _modals(text: str, start: int, end: int, modals: list[Span] | None, rules: CueRules) -> list[Span]:
    if modals is not None:
        return [m for m in modals if start <= m.start and m.end <= end]
    return _spans(rules.lower_modals, text, start, end)


def hedge_cues(text: str, start: int, end: int, modals: list[Span] | None = None,
               rules: CueRules | None = None) -> list[Span]:
    """Hedge cues in text[start:end], in order, without overlaps (a phrase wins over its modal).

    `modals` are the Doc's `modal_hedges`; without them lower-case modal words count."""
    rules = rules or cue_rules()
    found = _spans(rules.hedges, text, start, end)
    found += [m for m in _modals(text, start, end, modals, rules)
              if not any(h.start <= m.start < h.end for h in found)]
    return sorted(found, key=lambda s: s.start)


def booster_cues(text: str, start: int, end: int, rules: CueRules | None = None) -> list[Span]:
    return _spans((rules or cue_rules()).boosters, text, start, end)
