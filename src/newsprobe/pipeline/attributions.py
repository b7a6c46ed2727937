"""The attributions component: who said what, through whom, resolved to entity clusters.

It runs after newsprobe_entities and fills `doc._.np_attributions` with PARC-style
Attribution(kind, source, cue, content, speaker, channel, vague, confidence)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.attribution.extract import Extractor, Found
from newsprobe.attribution.lexicon import Lexicon, lexicon
from newsprobe.attribution.resolve import Resolver
from newsprobe.attribution.spans import to_parts, to_span
from newsprobe.entities.quoted import add_quoted_first_person
from newsprobe.model import Attribution
from newsprobe.pipeline.extensions import doc_text, findings


def _is_vague(found: Found, lex: Lexicon) -> bool:
    head = found.source_head
    if head is None or head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return False
    return head.lemma_.lower() in lex.vague or head.lower_ in lex.vague


def attributions_for(doc: Doc) -> list[Attribution]:
    extractor = Extractor(doc)
    found = extractor.run()
    lex = lexicon()
    resolver = Resolver(doc, findings(doc, "np_entities"), lex, extractor.t.in_quote)
    text = doc_text(doc)
    out = []
    for f in found:
        speaker = resolver.resolve(f.source, f.source_head) if f.source else None
        vague = speaker is None and _is_vague(f, lex)
        out.append(Attribution(
            kind=f.kind, source=to_span(text, f.source), cue=to_span(text, f.cue),
            content=to_parts(text, f.content), speaker=speaker, channel=to_span(text, f.channel),
            vague=vague, confidence=f.confidence))
    return out


class AttributionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        attributions = attributions_for(doc)
        findings(doc, "np_attributions").extend(attributions)
        add_quoted_first_person(doc, findings(doc, "np_entities"), attributions)
        return doc


@Language.factory("newsprobe_attributions")
def make_attributions(nlp: Language, name: str) -> AttributionsComponent:
    return AttributionsComponent()
