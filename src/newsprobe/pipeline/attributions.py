"""The attributions component: who said what, through whom, resolved to entity clusters.

It runs after newsprobe_entities and fills `doc._.np_attributions` with PARC-style
Attribution(kind, source, cue, content, speaker, channel, vague, confidence, polarity, origin).

Two finders: the rules (attribution/extract.py) and the learned head over the shared trunk's hidden
states (attribution/learned.py; `doc._.np_trunk`, set by newsprobe_encoder). `mode` combines them
(learned.py `merge`; default.toml [attributions]): rules_first keeps every rule attribution and adds
the head's that overlap none of them; per_role takes each role from the finder settings.json names. Both kinds then go through the same speaker resolution,
vagueness and polarity rules, in text order (resolved speakers feed later pronouns).

The rules come from the factory's `rules` setting (a TOML file laid over rules/attributions.toml;
attribution/rules.py), held by the component: pipelines with different rules can share a process.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsprobe.attribution.boundaries import Layout
from newsprobe.attribution.extract import Found, TextIndex, extract, kind_of
from newsprobe.attribution.lexicon import Lexicon
from newsprobe.attribution.polarity import polarity
from newsprobe.attribution.quotes import find_quotes
from newsprobe.attribution.resolve import Resolver
from newsprobe.attribution.rules import AttributionRules, default_rules, load_attribution_rules
from newsprobe.attribution.spans import to_parts, to_span
from newsprobe.entities.quoted import add_quoted_first_person
from newsprobe.evaluate.brat import Record
from newsprobe.model import Attribution, AttributionOrigin
from newsprobe.pipeline.extensions import TRUNK, doc_text, findings, register_extensions, sentences

if TYPE_CHECKING:
    from newsprobe.attribution.learned import AttributionHead

# The head's attributions score below the rules' (0.8 for indirect ones): its exact F1 on PolNeAR dev
# is about 0.65 for sources and cues, 0.4 for contents (models/attributions/MODEL_CARD.md).
LEARNED_CONFIDENCE = 0.6


def _is_vague(head: Token | None, lex: Lexicon) -> bool:
    if head is None or head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return False
    return head.lemma_.lower() in lex.vague or head.lower_ in lex.vague


def _record(f: Found) -> Record:
    rec: Record = {"Content": tuple(f.content)}
    if f.source:
        rec["Source"] = (f.source,)
    if f.cue:
        rec["Cue"] = (f.cue,)
    return rec


def _from_record(doc: Doc, index: TextIndex, rec: Record) -> Found:
    """A learned attribution in the rules' terms, so that both go through the same resolution."""
    source = rec["Source"][0] if "Source" in rec else None
    span = doc.char_span(*source, alignment_mode="expand") if source else None
    content = sorted(rec["Content"])
    return Found(kind_of(index.quotes, content), content, rec["Cue"][0] if "Cue" in rec else None,
                 source, span.root if span is not None and len(span) else None, confidence=LEARNED_CONFIDENCE)


def layout_of(doc: Doc, index: TextIndex) -> Layout:
    """What the head's boundary conventions read from the parse (attribution/boundaries.py)."""
    return Layout(tuple(sent.start_char for sent in sentences(doc)), tuple((q.start, q.end) for q in index.quotes),
                  tuple((chunk.start_char, chunk.end_char) for chunk in doc.noun_chunks))


def _found(doc: Doc, index: TextIndex, head: AttributionHead | None,
           mode: str) -> list[tuple[Found, AttributionOrigin]]:
    """(found, origin) in text order: the rules' and, when a head and a trunk pass are there, the head's."""
    by_rules = extract(index)
    trunk = getattr(doc._, TRUNK) if head is not None else None
    if head is None or trunk is None or trunk.hidden is None:
        return [(f, "rules") for f in by_rules]
    from newsprobe.attribution.learned import merge, overlaps

    rule_records = [_record(f) for f in by_rules]
    by_record = {id(rec): f for rec, f in zip(rule_records, by_rules)}
    learned = head.records(doc_text(doc), trunk.starts, trunk.ends, trunk.hidden, layout_of(doc, index))
    kept = merge(learned, [(f.kind, rec) for f, rec in zip(by_rules, rule_records)], mode,
                 dict(head.decoding.role_from))
    # The head tags no channels: one that overlaps a rule attribution relays what the rules found
    # relaying it ("..., he said, according to a readout").
    relaying = [(f.channel, rec) for f, rec in zip(by_rules, rule_records) if f.channel]
    out: list[tuple[Found, AttributionOrigin]] = []
    for rec in kept:
        if id(rec) in by_record:
            out.append((by_record[id(rec)], "rules"))
            continue
        found = _from_record(doc, index, rec)
        found.channel = next((channel for channel, r in relaying if overlaps(rec, r)), None)
        out.append((found, "learned"))
    return sorted(out, key=lambda pair: pair[0].position)


def attributions_for(doc: Doc, head: AttributionHead | None = None, mode: str = "rules",
                     rules: AttributionRules | None = None) -> list[Attribution]:
    """`rules`: the component's (None: the packaged rules)."""
    rules = rules or default_rules()
    lex = rules.lexicon
    text = doc_text(doc)
    index = TextIndex(doc, lex, find_quotes(text, rules.marks))
    found = _found(doc, index, head if mode != "rules" else None, mode)
    resolver = Resolver(doc, findings(doc, "np_entities"), lex, index.in_quote)
    out = []
    for f, origin in found:
        speaker = resolver.resolve(f.source, f.source_head) if f.source else None
        vague = speaker is None and _is_vague(f.source_head, lex)
        cue = to_span(text, f.cue)
        out.append(Attribution(
            kind=f.kind, source=to_span(text, f.source), cue=cue,
            content=to_parts(text, f.content), speaker=speaker, channel=to_span(text, f.channel),
            vague=vague, confidence=f.confidence, polarity=polarity(doc, cue, rules.polarity), origin=origin))
    return out


class AttributionsComponent:
    def __init__(self, mode: str = "rules", rules: AttributionRules | None = None) -> None:
        register_extensions()
        self.mode = mode
        self.rules = rules or default_rules()
        self._head: AttributionHead | None = None

    @property
    def head(self) -> AttributionHead:
        """The learned head, loaded on first need (mode `rules` never loads it)."""
        if self._head is None:
            from newsprobe.attribution.learned import AttributionHead

            self._head = AttributionHead()
        return self._head

    def __call__(self, doc: Doc) -> Doc:
        head = self.head if self.mode != "rules" and getattr(doc._, TRUNK) is not None else None
        attributions = attributions_for(doc, head, self.mode, self.rules)
        findings(doc, "np_attributions").extend(attributions)
        add_quoted_first_person(doc, findings(doc, "np_entities"), attributions)
        return doc


@Language.factory("newsprobe_attributions", default_config={"mode": "per_role", "rules": None})
def make_attributions(nlp: Language, name: str, mode: str, rules: str | None) -> AttributionsComponent:
    """`rules`: a TOML file whose tables are laid over rules/attributions.toml (None: as packaged)."""
    return AttributionsComponent(mode, load_attribution_rules(rules))
