"""Findings marked in place: overlapping layers, split spans, paragraphs, escaping, and the side panels."""
from __future__ import annotations

import html
import json
import re

from newsprobe.model import Analysis, Article, Technique
from newsprobe.web import highlight, panels
from tests.web.web_fixtures import HOSTILE, TEXT, dense_analysis, hostile_analysis, rich_analysis

SEGMENT = re.compile(r'<span class="([^"]*)" data-f="([^"]*)">(.*?)</span>', re.S)


def segments(rendered: str) -> list[tuple[set[str], set[str], str]]:
    """(classes, finding ids, text) of each highlighted segment."""
    return [(set(c.split()), set(f.split()), html.unescape(t)) for c, f, t in SEGMENT.findall(rendered)]


def plain(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_paragraphs_rebuild_the_text_exactly() -> None:
    analysis = rich_analysis()
    rendered = highlight.render_text(analysis)
    spans = highlight.paragraphs(TEXT)
    assert [plain(p) for p in rendered] == [TEXT[s:e] for s, e in spans]
    assert len(rendered) == 3


def test_overlapping_layers_cut_into_segments() -> None:
    rendered = "".join(highlight.render_text(rich_analysis()))
    by_text = {text: (classes, fids) for classes, fids, text in segments(rendered)}
    # "sabotage" lies in two techniques, a claim, and the minister's indirect quote
    classes, fids = by_text["sabotage"]
    assert {"l-technique", "l-claim", "l-attribution", "r-content"} <= classes
    assert fids == {"t0", "t1", "c0", "a0"}
    classes, fids = by_text["disgraceful act of "]
    assert fids == {"t0", "c0", "a0"}
    # the entity mention that is also an attribution source
    classes, fids = by_text["The minister"]
    assert {"l-entity", "l-attribution", "r-source"} <= classes and fids == {"e0", "a0"}


def test_a_split_quote_marks_both_parts_but_not_the_cue_between() -> None:
    rendered = "".join(highlight.render_text(rich_analysis()))
    quote = [(c, t) for c, f, t in segments(rendered) if "a1" in f and "r-content" in c]
    assert "".join(t for _, t in quote) == "\"We will not bow,\"\"to threats from anyone,\""
    between = [(c, t) for c, f, t in segments(rendered) if "a1" in f and t == "said"]
    assert between and "r-cue" in between[0][0] and "r-content" not in between[0][0]
    assert not any("a1" in f for _, f, t in segments(rendered) if t.strip() == "the union leader said,")


def test_a_mark_across_a_line_break_is_cut_per_paragraph() -> None:
    text = "First line ends here\nsecond line begins"
    start, end = text.index("ends"), text.index("second") + len("second")
    analysis = Analysis(source="t", article=Article(id="x", text=text),
                        techniques=[Technique(start=start, end=end, text=text[start:end], technique="Doubt",
                                              confidence=0.5)])
    first, second = highlight.render_text(analysis)
    assert [t for _, _, t in segments(first)] == ["ends here"]
    assert [t for _, _, t in segments(second)] == ["second"]


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    text = "Short text."
    analysis = Analysis(source="t", article=Article(id="x", text=text), techniques=[
        Technique(start=6, end=400, text="text.", technique="Doubt", confidence=0.5),
        Technique(start=50, end=60, text="", technique="Doubt", confidence=0.5),
        Technique(start=5, end=2, text="", technique="Doubt", confidence=0.5)])
    (rendered,) = highlight.render_text(analysis)
    assert [t for _, _, t in segments(rendered)] == ["text."] and plain(rendered) == text


def test_hostile_text_is_escaped_everywhere() -> None:
    analysis = hostile_analysis()
    rendered = "".join(highlight.render_text(analysis))
    assert "<script" not in rendered and "<img" not in rendered and "<b " not in rendered and "<a " not in rendered
    assert plain(rendered) == HOSTILE.replace("\n\n", "")
    data = panels.details_json(analysis)
    assert "<" not in data and ">" not in data
    assert json.loads(data)["t0"]["title"] == "<script>alert(6)</script>"


def test_details_cover_every_finding() -> None:
    analysis = rich_analysis()
    found = panels.details(analysis)
    assert set(found) == {"t0", "t1", "t2", "a0", "a1", "a2", "c0", "c1", "c2", "e0", "e1", "e2", "x0", "x1",
                          "x2", "v0", "v1"}
    fields = dict(found["a1"]["fields"])
    assert fields["speaker"] == "union leader" and fields["channel"] == "a statement posted by the union"
    assert dict(found["c0"]["fields"])["attributed to"] == "Minister Ana Costa"
    assert dict(found["t0"]["fields"])["confidence"] == "0.83"
    assert dict(found["v0"]["fields"])["time"] == "Two years ago = 2022"


def test_speakers_claims_and_timeline() -> None:
    analysis = rich_analysis()
    speakers = panels.speakers(analysis)
    assert [s.name for s in speakers] == ["Many observers", "Minister Ana Costa", "union leader"]
    assert speakers[0].vague and not speakers[1].vague
    assert [fid for fid, _ in panels.ranked_claims(analysis)] == ["c2", "c0", "c1"]
    moments = panels.timeline(analysis)
    assert [m.value for m in moments] == ["2022", "2024-03-04", "P1W"]
    assert moments[0].events == [("v0", "walked out")]


def test_a_long_densely_annotated_article_renders_every_paragraph() -> None:
    """5,000 words, a technique every 5 words and a claim every 20 overlapping them (benchmarks/highlight.py
    times the same article)."""
    analysis = dense_analysis(5000)
    rendered = highlight.render_text(analysis)
    assert len(rendered) == 50 and "".join(plain(p) for p in rendered) == analysis.article.text.replace("\n", "")
    ids = {fid for p in rendered for _, fids, _ in segments(p) for fid in fids}
    assert ids == {f"t{i}" for i in range(len(analysis.techniques))} | {f"c{i}" for i in range(len(analysis.claims))}
