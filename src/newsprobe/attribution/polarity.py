"""Polarity of an attribution: does the source assert its content or deny it?

By rules over the cue (rules/attributions.toml [polarity]): a cue whose lemma is a denial ("denied
that ...", "rejected speculations that ...") denies, and so does a negated cue ("did not say that
..."); a negated denial ("did not deny that ...") asserts.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Token

from newsprobe.model import Span
from newsprobe.rules import load_rules

Polarity = Literal["asserts", "denies"]


@dataclass(frozen=True)
class PolarityRules:
    denial: frozenset[str]
    negation_deps: frozenset[str]
    negation_words: frozenset[str]


@cache
def polarity_rules() -> PolarityRules:
    """The packaged rules' polarity words, loaded once."""
    return polarity_rules_from(load_rules("attributions"))


def polarity_rules_from(rules: dict) -> PolarityRules:
    """The [polarity] table of a rules table shaped like rules/attributions.toml."""
    r = rules["polarity"]
    return PolarityRules(frozenset(r["denial"]), frozenset(r["negation_deps"]), frozenset(r["negation_words"]))


def _cue_tokens(doc: Doc, cue: Span) -> list[Token]:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _negated(tokens: list[Token], rules: PolarityRules) -> bool:
    """A negation inside the cue ("did not say") or attached to one of its words."""
    negations = [t for tok in tokens for t in (tok, *tok.children)
                 if t.dep_ in rules.negation_deps and t.lower_ in rules.negation_words]
    return bool(negations)


def polarity(doc: Doc, cue: Span | None, rules: PolarityRules | None = None) -> Polarity:
    if cue is None:
        return "asserts"
    rules = rules or polarity_rules()
    tokens = _cue_tokens(doc, cue)
    denial = any(t.lemma_.lower() in rules.denial for t in tokens)
    return "denies" if denial != _negated(tokens, rules) else "asserts"
