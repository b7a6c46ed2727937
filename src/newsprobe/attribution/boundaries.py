"""Span boundaries after the head's tags: PolNeAR's conventions, measured on its train split.

On PolNeAR train (19,840 contents): a content leaves out the sentence's final period (8,441 are
followed by "."; 90 end with one) and trailing commas; a quotation that touches a content lies whole
inside it (of 6,578 quotes meeting a content, 4,085 are a part and 2,273 lie inside one; 220 are cut);
about half the contents run to their sentence's end. The head finds contents (partial F1 about 0.75
on dev) but cuts them short inside the sentence, so a content is carried to the sentence end when the
words left carry some content probability, and grown over any quote it touches. A source grows to
the noun phrases (spaCy noun chunks) it touches: the head often tags only the name in "Senator X".
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

from newsprobe.intervals import SortedRanges

CharRange = tuple[int, int]
# Dropped from a content's ends: PolNeAR leaves the final period and joining punctuation out.
END_PUNCT = ".,;:"
START_PUNCT = ",;:—–-"


@dataclass(frozen=True)
class RoleSpan:
    role: str
    start: int
    end: int


@dataclass(frozen=True)
class Layout:
    """What the decoding reads from the parse: sentence starts, quotations, noun chunks (char offsets)."""
    sentences: tuple[int, ...] = ()
    quotes: tuple[CharRange, ...] = ()
    chunks: tuple[CharRange, ...] = field(default=())


def to_sentence_end(spans: list[RoleSpan], words: list[CharRange], content: np.ndarray, text: str,
                    sentences: tuple[int, ...], floor: float) -> list[RoleSpan]:
    """Each content carried on to its sentence's last word when the words in between have mean
    content probability >= floor and hold no source or cue span."""
    if floor > 1:
        return spans
    firsts = [w[0] for w in words]
    others = [s for s in spans if s.role != "Content"]
    out = []
    for span in spans:
        if span.role == "Content":
            k = bisect.bisect_right(sentences, span.end - 1)
            end = sentences[k] if k < len(sentences) else len(text)
            rest = [i for i in range(bisect.bisect_left(firsts, span.end), bisect.bisect_left(firsts, end))
                    if any(ch.isalnum() for ch in text[words[i][0]:words[i][1]])]
            blocked = rest and any(span.end <= o.start < words[rest[-1]][1] for o in others)
            if rest and not blocked and float(np.mean(content[rest])) >= floor:
                span = RoleSpan("Content", span.start, words[rest[-1]][1])
        out.append(span)
    return out


def to_quotes(spans: list[RoleSpan], quotes: tuple[CharRange, ...]) -> list[RoleSpan]:
    """Each content grown over every quotation it overlaps."""
    out = []
    for span in spans:
        if span.role == "Content":
            start, end = span.start, span.end
            for qs, qe in quotes:
                if qs < end and start < qe:
                    start, end = min(start, qs), max(end, qe)
            span = RoleSpan("Content", start, end)
        out.append(span)
    return out


def to_chunks(spans: list[RoleSpan], chunks: tuple[CharRange, ...]) -> list[RoleSpan]:
    """Each source grown over the noun chunks it overlaps."""
    ordered = SortedRanges((start, end, None) for start, end in chunks)
    out = []
    for span in spans:
        if span.role == "Source":
            hit = [c for c in ordered.near(span.start, span.end) if c[0] < span.end and span.start < c[1]]
            span = RoleSpan("Source", min([span.start] + [c[0] for c in hit]), max([span.end] + [c[1] for c in hit]))
        out.append(span)
    return out


def trim_content(spans: list[RoleSpan], text: str) -> list[RoleSpan]:
    """Contents without the punctuation and spaces PolNeAR leaves outside them (empty ones dropped)."""
    out = []
    for span in spans:
        start, end = span.start, span.end
        if span.role == "Content":
            while end > start and (text[end - 1] in END_PUNCT or text[end - 1].isspace()):
                end -= 1
            while start < end and (text[start] in START_PUNCT or text[start].isspace()):
                start += 1
        if end > start:
            out.append(RoleSpan(span.role, start, end))
    return out


def settle(spans: list[RoleSpan]) -> list[RoleSpan]:
    """Spans in text order after growing: a source or cue inside a content goes, overlapping
    contents become one."""
    contents = SortedRanges((s.start, s.end, None) for s in spans if s.role == "Content")
    kept = sorted((s for s in spans if s.role == "Content" or not any(
        c[0] <= s.start and s.end <= c[1] for c in contents.near(s.start, s.end))),
        key=lambda s: (s.start, s.end))
    out: list[RoleSpan] = []
    for span in kept:
        last = out[-1] if out else None
        if last is not None and span.role == last.role == "Content" and span.start < last.end:
            out[-1] = RoleSpan("Content", last.start, max(last.end, span.end))
        else:
            out.append(span)
    return out


def adjust(spans: list[RoleSpan], words: list[CharRange], content: np.ndarray, text: str,
           layout: Layout, sentence_floor: float, chunks: bool) -> list[RoleSpan]:
    """All of the above, in order (sentence end, quotes, punctuation, sources)."""
    spans = to_sentence_end(spans, words, content, text, layout.sentences, sentence_floor)
    spans = trim_content(to_quotes(spans, layout.quotes), text)
    if chunks:
        spans = to_chunks(spans, layout.chunks)
    return settle(spans)
