"""Token-level span helpers: verb groups (cues) and source noun phrases, as character ranges."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newsprobe.model import Span
from newsprobe.pipeline.extensions import doc_text

CharRange = tuple[int, int]

# Dependents left of a cue verb that belong to its verb group ("has not pointedly said").
GROUP_LEFT = {"aux", "auxpass", "neg", "advmod"}
SUBJECTS = {"nsubj", "nsubjpass"}
TRAILING_PUNCT = set(",.;:!?-—–")


def char_range(tokens: list[Token] | Doc | TokenSpan) -> CharRange:
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


def subject_of(verb: Token, is_cue: Callable[[Token], bool] = lambda tok: False) -> Token | None:
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
    if end > 0 and doc[end - 1].text == ")":  # "General Motors Corporation (GM) announced"
        opening = next((i for i in range(end - 2, max(-1, end - 6), -1) if doc[i].text == "("), None)
        start = opening if opening is not None else start
    while start > 0 and end - start < MAX_RUN:
        tok = doc[start - 1]
        if start < end and _newline_between(doc, start - 1, start):
            break
        if tok.pos_ in NOMINAL or (tok.lower_ == "of" and start < end):
            start -= 1
        else:
            break
    while start < end and (doc[start].lower_ == "of" or doc[start].pos_ in {"PART", "ADJ"}):
        start += 1
    if not any(doc[i].pos_ in {"PROPN", "NOUN"} for i in range(start, end)):
        return None
    return start, end


def _newline_between(doc: Doc, left: int, right: int) -> bool:
    return "\n" in doc_text(doc)[doc[left].idx:doc[right].idx] or doc[left].is_space


def noun_phrase(head: Token) -> tuple[int, int]:
    """Token indices [start, end) of the mention headed by `head`: its phrase cut before a comma,
    dash, parenthesis or relative clause after the head (appositions are not the mention), except
    that a title noun keeps the name in apposition ("the firm's chief executive, Alan Mulally")."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for i in range(head.i + 1, end):
        if doc[i].dep_ == "relcl":
            end = min(end, doc[i].left_edge.i)
            break
        if doc[i].text in {",", "(", "—", "–", "--"}:
            end = _keep_named_apposition(head, i, end)
            break
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(start, head.i):
        if _newline_between(doc, i, i + 1):
            start = i + 1  # a headline or dateline line above is not part of the mention
    while start < head.i and doc[start].is_punct:
        start += 1
    return _extend_left(doc, start, end), end


def _keep_named_apposition(head: Token, comma: int, end: int) -> int:
    """After a title noun, the proper name in apposition belongs to the mention."""
    doc = head.doc
    name = comma + 1
    if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ == "PERSON" or name >= len(doc) \
            or doc[name].ent_type_ != "PERSON":
        return comma
    stop = name + 1
    while stop < len(doc) and doc[stop].ent_type_ == "PERSON" and doc[stop].ent_iob_ == "I":
        stop += 1
    return stop


def _extend_left(doc: Doc, start: int, end: int) -> int:
    """Take in modifiers the parser hung outside the phrase ("American automobile manufacturer
    Chrysler LLC" where the name alone is the subject)."""
    while start > 0:
        prev = doc[start - 1]
        if prev.pos_ not in {"DET", "ADJ", "NOUN", "PROPN"} or not prev.head.i > prev.i \
                or prev.head.i >= end or _newline_between(doc, start - 1, start):
            break
        start -= 1
    return start


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading and trailing punctuation tokens (not quotation marks)."""
    while start < end and doc[start].text in TRAILING_PUNCT:
        start += 1
    while end > start and doc[end - 1].text in TRAILING_PUNCT:
        end -= 1
    return start, end
