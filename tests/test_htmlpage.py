"""The `analyze --format html` page's marked text: non-overlapping marks, the earliest winning, all escaped."""
from __future__ import annotations

from newsprobe.htmlpage import highlighted_text
from newsprobe.model import Analysis, Article, Entity, Span, Timex

TEXT = "On Monday <Ana & Bo> met in Porto."


def span(needle: str) -> Span:
    at = TEXT.index(needle)
    return Span(start=at, end=at + len(needle), text=needle)


def test_marks_are_escaped_and_the_earliest_wins_an_overlap() -> None:
    monday, people = span("On Monday"), span("<Ana & Bo>")
    analysis = Analysis(source="t", article=Article(id="x", text=TEXT), entities=[
        Entity(id="E1", name="<Ana & Bo>", type="PERSON", mentions=[people, span("Bo> met")]),
    ], timexes=[Timex(start=monday.start + 3, end=monday.end, text="Monday", type="DATE", value="2024-03-04"),
                Timex(start=monday.start, end=monday.end, text=monday.text, type="DATE", value="2024-03-04")])
    assert str(highlighted_text(analysis)) == (
        '<mark class="timex" title="DATE 2024-03-04">On Monday</mark> '
        '<mark class="entity" title="&lt;Ana &amp; Bo&gt; (PERSON)">&lt;Ana &amp; Bo&gt;</mark> met in Porto.')


def test_text_without_findings_is_only_escaped() -> None:
    analysis = Analysis(source="t", article=Article(id="x", text=TEXT))
    assert str(highlighted_text(analysis)) == "On Monday &lt;Ana &amp; Bo&gt; met in Porto."
