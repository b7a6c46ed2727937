"""Server-side SVG charts: one panel per outlet, proportional bars, every label escaped."""
from __future__ import annotations

import re

from newsprobe.web import charts

ROWS = [{"outlet": "A", "month": "2024-01", "technique": "Doubt", "count": 2, "per_1000_words": 4.0},
        {"outlet": "A", "month": "2024-02", "technique": "Slogans", "count": 1, "per_1000_words": 2.0},
        {"outlet": "<b>B</b>", "month": "2024-02", "technique": "Doubt", "count": 1, "per_1000_words": 1.0}]


def heights(svg: str) -> list[float]:
    return [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]


def test_technique_chart_draws_one_panel_per_outlet_scaled_to_the_tallest() -> None:
    svg = str(charts.technique_chart(ROWS, panel=100))
    assert svg.startswith("<svg") and "<b>" not in svg and "&lt;b&gt;B&lt;/b&gt;" in svg
    bars = heights(svg)
    assert sorted(bars) == [24.0, 48.0, 96.0]  # 1, 2 and 4 uses per 1,000 words; 4 fills the panel
    assert charts.technique_chart([]) is None


def test_voice_chart_splits_each_outlet_by_share() -> None:
    rows = [{"outlet": "A", "voice": "outlet", "claims": 3}, {"outlet": "A", "voice": "vague", "claims": 1}]
    svg = str(charts.voice_chart(rows, width=410))
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="18', svg)]
    assert widths[:3] == [187.5, 0.0, 62.5] and "75%" in svg


def test_long_labels_are_cut_with_the_whole_in_a_tooltip() -> None:
    svg = str(charts.hbar_chart([("x" * 50, 3, "tip <i>")], "Top"))
    assert "x" * 29 + "…" in svg and "<title>" + "x" * 50 + "</title>" in svg and "tip &lt;i&gt;" in svg
