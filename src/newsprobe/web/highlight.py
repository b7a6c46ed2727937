"""The article text as escaped HTML paragraphs, every finding marked in place.

Layers overlap freely (a technique inside a claim inside a quote), so each paragraph is cut at every
finding's start and end into segments; a segment is one <span> whose classes name the layers covering
it and whose `data-f` lists the findings there ("t0 a2 c1"; an attribution's part is a class, r-cue). Discontinuous spans mark each part.
Work is per paragraph and linear in the findings, so long articles render fast.
`cut` is the one place that splits text at marks: the `analyze --format html` page (htmlpage.py) uses it too.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from markupsafe import Markup, escape

from newsprobe.model import Analysis

LAYERS = ("technique", "attribution", "claim", "entity", "timex", "event")
ROLES = ("source", "cue", "content", "channel")
_PARAGRAPH = re.compile(r"[^\n]+")


class Marked(Protocol):
    """Anything with a [start, end) in the text."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


M = TypeVar("M", bound=Marked)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    layer: str
    fid: str  # finding id: layer letter + index, e.g. "t0"
    role: str = ""  # for attributions: source, cue, content or channel


def _pieces(span: Marked) -> list[tuple[int, int]]:
    """The [start, end) of each part of a span (itself when continuous; only a Span has parts)."""
    parts = getattr(span, "parts", None)
    if parts:
        return [(p.start, p.end) for p in parts]
    return [(span.start, span.end)]


def marks(analysis: Analysis) -> list[Mark]:
    """Every finding's marks, clipped to the text; empty or inverted spans are dropped."""
    found: list[Mark] = []
    for i, entity in enumerate(analysis.entities):
        found += [Mark(s, e, "entity", f"e{i}") for m in entity.mentions for s, e in _pieces(m)]
    for i, attribution in enumerate(analysis.attributions):
        for role in ROLES:
            if (span := getattr(attribution, role)) is not None:
                found += [Mark(s, e, "attribution", f"a{i}", role) for s, e in _pieces(span)]
    found += [Mark(s, e, "timex", f"x{i}") for i, t in enumerate(analysis.timexes) for s, e in _pieces(t)]
    found += [Mark(s, e, "event", f"v{i}") for i, v in enumerate(analysis.events) for s, e in _pieces(v.trigger)]
    found += [Mark(s, e, "claim", f"c{i}") for i, c in enumerate(analysis.claims) for s, e in _pieces(c)]
    found += [Mark(s, e, "technique", f"t{i}") for i, t in enumerate(analysis.techniques) for s, e in _pieces(t)]
    size = len(analysis.article.text)
    clipped = (Mark(max(0, m.start), min(size, m.end), m.layer, m.fid, m.role) for m in found)
    return sorted((m for m in clipped if m.start < m.end), key=lambda m: (m.start, -m.end))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each run of text between line breaks that holds more than white space."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _by_paragraph(spans: list[tuple[int, int]], found: list[Mark]) -> list[list[Mark]]:
    """The marks touching each paragraph (a mark across a line break goes to every paragraph it covers)."""
    starts = [start for start, _ in spans]
    buckets: list[list[Mark]] = [[] for _ in spans]
    for mark in found:
        i = max(0, bisect_right(starts, mark.start) - 1)
        while i < len(spans) and spans[i][0] < mark.end:
            if spans[i][1] > mark.start:
                buckets[i].append(mark)
            i += 1
    return buckets


def _segment(text: str, covering: list[Mark]) -> str:
    # Class names and finding ids come from fixed vocabularies (layers, roles, "t0"), so only the text is escaped.
    layers = sorted({m.layer for m in covering}, key=LAYERS.index)
    roles = sorted({f"r-{m.role}" for m in covering if m.role})
    classes = " ".join(["hl", *(f"l-{layer}" for layer in layers), *roles])
    tokens = " ".join(dict.fromkeys(m.fid for m in covering))
    return f'<span class="{classes}" data-f="{tokens}">{escape(text)}</span>'


def cut(start: int, end: int, found: Sequence[M]) -> list[tuple[int, int, list[M]]]:
    """[start, end) cut at every mark's edges: (left, right, the marks covering it) for each stretch, in order.

    Each mark must overlap [start, end); it is clipped to it."""
    cuts = sorted({start, end, *(max(start, m.start) for m in found), *(min(end, m.end) for m in found)})
    position = {cut: i for i, cut in enumerate(cuts)}
    covering: list[list[M]] = [[] for _ in cuts[1:]]
    for mark in found:  # each mark joins only the segments it spans: linear in what is drawn
        for i in range(position[max(start, mark.start)], position[min(end, mark.end)]):
            covering[i].append(mark)
    return list(zip(cuts, cuts[1:], covering))


def render_paragraph(text: str, start: int, end: int, found: list[Mark]) -> Markup:
    """One paragraph as escaped HTML with a span per stretch that findings cover."""
    out = [_segment(text[left:right], marks) if marks else str(escape(text[left:right]))
           for left, right, marks in cut(start, end, found)]
    return Markup("".join(out))


def render_text(analysis: Analysis) -> list[Markup]:
    """The article as a list of rendered paragraphs (each already escaped)."""
    text = analysis.article.text
    spans = paragraphs(text)
    buckets = _by_paragraph(spans, marks(analysis))
    return [render_paragraph(text, start, end, bucket) for (start, end), bucket in zip(spans, buckets)]


def layer_counts(analysis: Analysis) -> dict[str, int]:
    return {"technique": len(analysis.techniques), "attribution": len(analysis.attributions),
            "claim": len(analysis.claims), "entity": len(analysis.entities), "timex": len(analysis.timexes),
            "event": len(analysis.events)}
