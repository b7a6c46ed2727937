"""Events: for each reported action, its trigger, CAMEO code, actor, target, time and place.

Verbs are coded with the CAMEO lexicon (rules/cameo_verbs.json, derived from PETRARCH's dictionary),
action nouns ("the drone strike", "a meeting") with rules/events.toml. Actor, target and place are
entity cluster ids (newsprobe_entities); time is the index of a timex in np_timexes.

The rules come from the factory's `rules` setting (a TOML file laid over rules/events.toml;
events/lexicon.py), held by the component: pipelines with different rules can share a process.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import overload

from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsprobe.events.clauses import frames_another
from newsprobe.events.coder import DocWords, code_noun, code_verb
from newsprobe.events.lexicon import Lexicon, lexicon, load_lexicon
from newsprobe.events.senses import (STATEMENT, SenseClues, clause_sense, labour_sense, negated, object_sense,
                                     postposed_report, reports_statement)
from newsprobe.events.roles import noun_actor, noun_target, phrase, place_of, verb_actor, verb_target
from newsprobe.model import Event, Span, Timex
from newsprobe.pipeline.entities import MentionIndex
from newsprobe.pipeline.extensions import ARTICLE, findings, sentences

VERB_CONFIDENCE = 0.8
NOUN_CONFIDENCE = 0.6
# Timex kinds that place an event in time (a duration or a set does not).
_POINT_TYPES = ("DATE", "TIME")
# How many steps up the parse a time phrase may hang from its event ("on" -> "January" -> "2020").
MAX_TIME_HOPS = 4


@overload
def _span(span: SpacySpan) -> Span: ...
@overload
def _span(span: SpacySpan | None) -> Span | None: ...
def _span(span: SpacySpan | None) -> Span | None:
    if span is None:
        return None
    return Span(start=span.start_char, end=span.end_char, text=span.text)


def _entity_id(mentions: MentionIndex, span: Span | None) -> str | None:
    return mentions.cluster_at(span.start, span.end) if span is not None else None


def _time_heads(doc: Doc, timexes: list[Timex]) -> list[tuple[int, Token]]:
    """(index, head token) of each point timex, found once per doc."""
    heads = []
    for index, timex in enumerate(timexes):
        if timex.type not in _POINT_TYPES or timex.value.endswith("_REF"):
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None:
            heads.append((index, span.root))
    return heads


def _time_chains(heads: list[tuple[int, Token]]) -> list[tuple[int, frozenset[int]]]:
    """For each point timex, the tokens it hangs under within MAX_TIME_HOPS steps up the parse."""
    chains = []
    for index, root in heads:
        ancestors: list[int] = []
        node = root
        while node.head is not node and len(ancestors) < MAX_TIME_HOPS:
            node = node.head
            ancestors.append(node.i)
        chains.append((index, frozenset(ancestors)))
    return chains


def _time_of(trigger: Token, chains: list[tuple[int, frozenset[int]]]) -> int | None:
    """The point timex that the parse attaches to the trigger ("killed on January 3", "a Saturday
    meeting"); a date elsewhere in the sentence is not taken, since it may belong to another event."""
    # a parse never links across sentences, so no sentence check is needed
    return next((index for index, ancestors in chains if trigger.i in ancestors), None)


def _names_action(verb: Token, lex: Lexicon) -> bool:
    """Whether a light verb's object is an action noun ("launched strikes"): then the noun is the event."""
    if verb.lemma_.lower() not in lex.light_verbs:
        return False
    return any(c.dep_ in ("dobj", "obj") and code_noun(c, lex) for c in verb.children)


# Participles that modify a noun ("the roads leading into", "the war-torn nation", "ground seized in
# fighting") describe a thing, not a reported action: PETRARCH codes clauses, not these. An infinitive
# ("efforts to deal with") names an action and stays.
_MODIFIER_DEPS = ("acl", "amod")
_PARTICIPLES = ("VBG", "VBN")


def _verb_code(token: Token, lex: Lexicon, sent: tuple[int, int], words: DocWords,
               clues: SenseClues) -> str | None:
    if (token.dep_ in _MODIFIER_DEPS and token.tag_ in _PARTICIPLES) or _names_action(token, lex):
        return None
    code = labour_sense(token, code_verb(token, lex, sent[0], words) or "", lex, clues, sent)
    code = clause_sense(token, object_sense(token, code, lex) if code else code, lex)
    if code == STATEMENT and not reports_statement(token, lex):
        return None
    return code or None


def _trigger(token: Token, lex: Lexicon, sent: tuple[int, int], words: DocWords,
             clues: SenseClues) -> tuple[str, Token | None, Token | None, float] | None:
    if token.pos_ == "VERB":
        code = _verb_code(token, lex, sent, words, clues)
        return (code, verb_actor(token, lex), verb_target(token, lex), VERB_CONFIDENCE) if code else None
    if token.pos_ == "NOUN":
        code = code_noun(token, lex)
        code = labour_sense(token, code, lex, clues, sent) if code else None
        return (code, noun_actor(token, lex), noun_target(token, lex), NOUN_CONFIDENCE) if code else None
    return None


def _one_per_clause(found: list[tuple[Token, Event]], lex: Lexicon) -> list[Event]:
    """Leave out what only frames another event, as PETRARCH codes one event per clause:
    a reporting verb placed after an event it reports ("X signed the accord, officials said": the
    signing is the news, the report its source), and an action noun that is the object or the time
    frame of a coded verb ("condemned the attack", "clashed during a visit": events/clauses.py)."""
    triggers = {token.i for token, _ in found}
    # sorted positions, so that "is there an event inside this clause" is a binary search
    non_statements = sorted(token.i for token, event in found if event.code != STATEMENT)
    kept = []
    for token, event in found:
        reported = postposed_report(token) if event.code == STATEMENT else None
        if reported is not None and _any_between(non_statements, reported.left_edge.i, reported.right_edge.i):
            continue
        if token.pos_ == "NOUN" and frames_another(token, triggers, lex):
            continue
        kept.append(event)
    return kept


def _any_between(positions: list[int], first: int, last: int) -> bool:
    at = bisect_left(positions, first)
    return at < len(positions) and positions[at] <= last


def _dateline_end(doc: Doc) -> int:
    """Characters before this belong to the dateline ("TEHRAN –"), whose place is no actor."""
    article = getattr(doc._, ARTICLE, None)
    dateline = article.dateline if article is not None else None
    return dateline.end if dateline is not None else 0


def _verbs_and_nouns(doc: Doc) -> Iterator[Token]:
    """The tokens that may trigger an event, read off the POS array: a Token object per token is dear."""
    for i, pos in enumerate(doc.to_array(POS).tolist()):
        if pos == VERB or pos == NOUN:
            yield doc[i]


def events_for(doc: Doc, timexes: list[Timex], lex: Lexicon | None = None) -> list[Event]:
    """Events of a parsed doc; `lex` replaces the default CAMEO lexicon (a component's own; the
    evaluation's)."""
    if not doc.has_annotation("DEP"):  # roles come from the parse: without one there is nothing to code
        return []
    lex = lex or lexicon()
    found: list[tuple[Token, Event]] = []
    dateline_end = _dateline_end(doc)
    ents, chains = list(doc.ents), _time_chains(_time_heads(doc, timexes))
    mentions = MentionIndex(findings(doc, "np_entities"))
    bounds = [(sent.start, sent.end) for sent in sentences(doc) for _ in range(len(sent))]
    starts = [start for start, _ in bounds]
    words = DocWords.of(doc)
    clues = SenseClues.of(words.lemma, lex)
    sentence_ents: dict[int, list[SpacySpan]] = {}  # sentence start -> its entities, in order
    for ent in ents:
        sentence_ents.setdefault(starts[ent.start], []).append(ent)
    for token in _verbs_and_nouns(doc):
        coded = _trigger(token, lex, bounds[token.i], words, clues)
        if coded is None:
            continue
        code, actor, target, confidence = coded
        if actor is not None and actor.idx < dateline_end:  # the parser took "TEHRAN –" for the subject
            actor = next((c for c in actor.children if c.dep_ == "appos" and c.idx >= dateline_end), None)
        # the sentence's entities, not the doc's: a parse stays in its sentence, and a long text stays linear
        near = sentence_ents.get(starts[token.i], [])
        actor_span = _span(phrase(actor, near, starts[token.i])) if actor is not None else None
        target_span = _span(phrase(target, near, starts[token.i])) if target is not None else None
        place = place_of(token, near, lex)
        if place is not None and actor is not None and place.start <= actor.i < place.end:
            place = None
        found.append((token, Event(
            trigger=_span(token.doc[token.i : token.i + 1]), code=code,
            actor=_entity_id(mentions, actor_span), target=_entity_id(mentions, target_span),
            time=_time_of(token, chains), place=_entity_id(mentions, _span(place)),
            confidence=confidence, actor_span=actor_span, target_span=target_span,
            negated=negated(token),
        )))
    return _one_per_clause(found, lex)


class EventsComponent:
    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lexicon = lex or lexicon()

    def __call__(self, doc: Doc) -> Doc:
        findings(doc, "np_events").extend(events_for(doc, findings(doc, "np_timexes"), self.lexicon))
        return doc


@Language.factory("newsprobe_events", default_config={"rules": None})
def make_events(nlp: Language, name: str, rules: str | None) -> EventsComponent:
    """`rules`: a TOML file whose tables are laid over rules/events.toml (None: as packaged)."""
    return EventsComponent(load_lexicon(rules))
