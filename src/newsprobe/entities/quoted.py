"""First-person pronouns inside a quotation join the quoted speaker's cluster.

"I will not resign," Varga said: the "I" is Varga. Only direct (and mixed) quotes with a resolved
speaker count, so the attributions layer's speaker resolution serves both layers. "we", "us", "our"
join a speaker that is an organisation or group (a minister's "we" is a government, not the minister).
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsprobe.entities.lexicon import coref_rules
from newsprobe.model import Attribution, Entity, EntityMention

SINGULAR = {"i", "me", "my", "mine", "myself"}
PLURAL = {"we", "us", "our", "ours", "ourselves"}
QUOTED_KINDS = {"direct", "mixed"}


def add_quoted_first_person(doc: Doc, entities: list[Entity], attributions: list[Attribution]) -> None:
    by_id = {e.id: e for e in entities}
    taken = {m.start for e in entities for m in e.mentions}
    for attribution in attributions:
        entity = by_id.get(attribution.speaker or "")
        if entity is None or attribution.kind not in QUOTED_KINDS:
            continue
        words = SINGULAR | (PLURAL if entity.type in coref_rules().group_types else set())
        added = False
        for part in attribution.content.parts or [attribution.content]:
            span = doc.char_span(part.start, part.end, alignment_mode="expand")
            for token in span if span is not None else ():
                if token.lower_ in words and token.idx not in taken:
                    entity.mentions.append(EntityMention(start=token.idx, end=token.idx + len(token.text),
                                                         text=token.text, kind="pronoun"))
                    taken.add(token.idx)
                    added = True
        if added:
            entity.mentions.sort(key=lambda m: m.start)
