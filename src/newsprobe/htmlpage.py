"""A standalone HTML page of one analysis: the text with findings marked in place, then the tables."""
from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsprobe.model import Analysis


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("newsprobe", "templates"), autoescape=select_autoescape())


def _marks(analysis: Analysis) -> list[tuple[int, int, str, str]]:
    """(start, end, layer, title) for each highlight; entity mentions first, then time expressions."""
    marks = [(m.start, m.end, "entity", f"{e.name} ({e.type})") for e in analysis.entities for m in e.mentions]
    marks += [(t.start, t.end, "timex", f"{t.type} {t.value}") for t in analysis.timexes]
    return sorted(marks)


def highlighted_text(analysis: Analysis) -> Markup:
    """The article text, escaped, with non-overlapping highlights (the earliest wins an overlap)."""
    text, pieces, cursor = analysis.article.text, [], 0
    for start, end, layer, title in _marks(analysis):
        if start < cursor:
            continue
        pieces.append(escape(text[cursor:start]))
        pieces.append(Markup('<mark class="{}" title="{}">{}</mark>').format(layer, title, text[start:end]))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def render_page(analysis: Analysis) -> str:
    template = _environment().get_template("analysis.html")
    names = {e.id: e.name for e in analysis.entities}
    return template.render(a=analysis, names=names, body=highlighted_text(analysis))
