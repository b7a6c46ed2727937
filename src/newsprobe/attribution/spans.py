"""Token-level span helpers: verb groups (cues) and source noun phrases, as character ranges."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from newsprobe.model import Span

CharRange = tuple[int, int]

# Dependents left of a cue verb that belong to its verb group ("has not pointedly said").
GROUP_LEFT = {"aux", "auxpass", "neg", "advmod"}
SUBJECTS = {"nsubj", "nsubjpass"}
TRAILING_PUNCT = set(",.;:!?-—–")


def char_range(tokens: list[Token] | Doc) -> CharRange:
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last.text)


def to_span(text: str, rng: CharRange | None) -> Span | None:
    if rng is None:
        return None
    return Span(start=rng[0], end=rng[1], text=text[rng[0]:rng[1]])


def to_parts(text: str, ranges: list[CharRange]) -> Span:
    """One span, or a discontinuous one with `parts`, over character ranges in text order."""
    ranges = sorted(ranges)
    whole = Span(start=ranges[0][0], end=ranges[-1][1], text=text[ranges[0][0]:ranges[-1][1]])
    if len(ranges) > 1:
        whole.parts = [Span(start=s, end=e, text=text[s:e]) for s, e in ranges]
    return whole


def verb_group(verb: Token) -> tuple[int, int]:
    """Token indices [start, end) of the cue verb with its adjacent auxiliaries, negation,
    adverbs and particle ("pointedly said", "summed up", "has not said")."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.i == start - 1 and child.dep_ in GROUP_LEFT:
            start = child.i
    end = verb.i + 1
    for child in verb.rights:
        if child.i == end and child.dep_ == "prt":
            end = child.i + 1
    return start, end


def subject_of(verb: Token, is_cue=lambda tok: False) -> Token | None:
    """The subject of a cue verb; a participle or infinitive without one ("..., underlining that")
    takes the subject of the main verb it hangs on, skipping verbs of the reported clause."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subj is not None or verb.dep_ not in {"advcl", "xcomp", "conj", "acl"}:
        return subj
    node = verb.head
    for _ in range(6):
        if is_cue(node) or node.head is node:
            return next((c for c in node.children if c.dep_ in SUBJECTS), None)
        node = node.head
    return None


NOMINAL = {"PROPN", "NOUN", "DET", "ADJ", "PART", "NUM"}
MAX_RUN = 12


def left_run(doc: Doc, end: int) -> tuple[int, int] | None:
    """The noun phrase ending right before token `end` ("Leader of the Islamic Revolution
    Ayatollah Seyed Ali Khamenei"), a fallback when the parse gives a cue verb no subject."""
    if end > 0 and doc[end - 1].pos_ == "PRON" and doc[end - 1].dep_ != "poss":
        return end - 1, end
    start = end
    while start > 0 and end - start < MAX_RUN:
        tok = doc[start - 1]
        if tok.pos_ in NOMINAL or (tok.lower_ == "of" and start < end):
            start -= 1
        else:
            break
    while start < end and (doc[start].lower_ == "of" or doc[start].pos_ in {"PART", "ADJ"}):
        start += 1
    if not any(doc[i].pos_ in {"PROPN", "NOUN"} for i in range(start, end)):
        return None
    return start, end


def noun_phrase(head: Token) -> tuple[int, int]:
    """Token indices [start, end) of the phrase headed by `head`, cut before a comma, dash or
    parenthesis after the head (appositions and relative clauses are not the mention)."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    doc = head.doc
    for i in range(head.i + 1, end):
        if doc[i].text in {",", "(", "—", "–", "--"} or doc[i].dep_ == "relcl":
            end = i
            break
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return start, end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading and trailing punctuation tokens (not quotation marks)."""
    while start < end and doc[start].text in TRAILING_PUNCT:
        start += 1
    while end > start and doc[end - 1].text in TRAILING_PUNCT:
        end -= 1
    return start, end
