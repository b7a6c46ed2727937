"""A standalone HTML page of one analysis: the text with findings marked in place, then the tables."""
from __future__ import annotations

from functools import cache
from typing import NamedTuple

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsprobe.model import Analysis
from newsprobe.web.highlight import cut


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("newsprobe", "templates"), autoescape=select_autoescape())


class _Mark(NamedTuple):
    start: int
    end: int
    layer: str
    title: str


def _marks(analysis: Analysis) -> list[_Mark]:
    """One highlight per entity mention and time expression, in text order (a tie: the shorter first)."""
    marks = [_Mark(m.start, m.end, "entity", f"{e.name} ({e.type})") for e in analysis.entities for m in e.mentions]
    marks += [_Mark(t.start, t.end, "timex", f"{t.type} {t.value}") for t in analysis.timexes]
    return sorted(marks)


def _visible(marks: list[_Mark], size: int) -> list[_Mark]:
    """The marks drawn: inside the text and not empty, and of overlapping ones the earliest."""
    kept: list[_Mark] = []
    cursor = 0
    for mark in marks:
        if mark.start >= cursor and mark.start < mark.end <= size:
            kept.append(mark)
            cursor = mark.end
    return kept


def highlighted_text(analysis: Analysis) -> Markup:
    """The article text, escaped, with non-overlapping highlights (the earliest wins an overlap)."""
    text = analysis.article.text
    pieces = [Markup('<mark class="{}" title="{}">{}</mark>').format(marks[0].layer, marks[0].title, text[left:right])
              if marks else escape(text[left:right])
              for left, right, marks in cut(0, len(text), _visible(_marks(analysis), len(text)))]
    return Markup("").join(pieces)


def render_page(analysis: Analysis) -> str:
    template = _environment().get_template("analysis.html")
    names = {e.id: e.name for e in analysis.entities}
    return template.render(a=analysis, names=names, body=highlighted_text(analysis))
