"""The claims component: check-worthy statements, their voice, and how certain they are presented.

Runs after `newsprobe_attributions`: it reads `np_attributions` to tell the outlet's own claims from
attributed and vaguely sourced ones, and fills `np_claims`. All units of a Doc are scored in one call.

The certainty cues and complementisers come from the factory's `rules` setting (a TOML file laid over
rules/claims.toml; claims/rules.py), held by the component: pipelines with different rules can share
a process.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.claims.hedges import booster_cues, hedge_cues, modal_hedges
from newsprobe.claims.rules import ClaimRules, default_rules, load_claim_rules
from newsprobe.claims.scorer import CheckworthinessModel, default_model
from newsprobe.claims.voice import Unit, claim_units, denied, voice
from newsprobe.model import Article, Attribution, Claim, Span
from newsprobe.pipeline.extensions import ARTICLE, doc_text, findings, sentences


class ClaimsComponent:
    def __init__(self, model: CheckworthinessModel, threshold: float, rules: ClaimRules | None = None) -> None:
        self.model = model
        self.threshold = threshold
        self.rules = rules or default_rules()

    def __call__(self, doc: Doc) -> Doc:
        claims = findings(doc, "np_claims")
        attributions = findings(doc, "np_attributions")
        text = doc_text(doc)
        units = without_boilerplate(claim_units(text, sentence_bounds(doc), attributions, self.rules.complementisers),
                                    getattr(doc._, ARTICLE), text)
        scores = self.model.score([text[u.start:u.end] for u in units])
        modals = modal_hedges(doc, self.rules.cues)
        for unit, score in zip(units, scores):
            if score >= self.threshold:
                claims.append(make_claim(text, unit, float(score), attributions, modals, self.rules))
        return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Sentence bounds; lines stand in when the spaCy model sets no sentence boundaries."""
    if not len(doc):
        return []
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in sentences(doc)]
    bounds, start = [], 0
    for line in doc_text(doc).splitlines(keepends=True):
        bounds.append((start, start + len(line.rstrip("\r\n"))))
        start += len(line)
    return bounds


def without_boilerplate(units: list[Unit], article: Article | None, text: str) -> list[Unit]:
    """Drop the licence notice and cut the dateline ("TEHRAN –") off the unit that starts with it."""
    if article is None:
        return units
    kept = []
    notice = article.licence.notice if article.licence else None
    for unit in units:
        if notice and unit.start < notice.end and notice.start < unit.end:
            continue
        if article.dateline and unit.start <= article.dateline.start < unit.end:
            start = article.dateline.end
            while start < unit.end and not text[start].isalnum():
                start += 1
            unit = Unit(start, unit.end, unit.attribution)
        kept.append(unit)
    return kept


def make_claim(text: str, unit: Unit, score: float, attributions: list[Attribution],
               modals: list[Span], rules: ClaimRules | None = None) -> Claim:
    cues = (rules or default_rules()).cues
    hedges = hedge_cues(text, unit.start, unit.end, modals, cues)
    return Claim(start=unit.start, end=unit.end, text=text[unit.start:unit.end],
                 checkworthiness=round(min(max(score, 0.0), 1.0), 4),
                 voice=voice(unit, attributions), attribution=unit.attribution,
                 denied=denied(unit, attributions),
                 certainty="hedged" if hedges else "asserted", hedged=bool(hedges), hedges=hedges,
                 boosters=booster_cues(text, unit.start, unit.end, cues))


@Language.factory("newsprobe_claims", default_config={"threshold": None, "model_dir": None, "rules": None})
def make_claims(nlp: Language, name: str, threshold: float | None,
                model_dir: str | None, rules: str | None) -> ClaimsComponent:
    """`threshold` defaults to the model's claim threshold (dev recall 0.9); `model_dir` to the
    committed model; `rules` is a TOML file whose tables are laid over rules/claims.toml (None: as
    packaged)."""
    model = CheckworthinessModel.load(Path(model_dir)) if model_dir else default_model()
    return ClaimsComponent(model, model.claim_threshold if threshold is None else threshold, load_claim_rules(rules))
