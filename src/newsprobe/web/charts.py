"""Server-side SVG charts of corpus aggregates: no script, no library, every label escaped.

Colours are presentation attributes (fill=...), not style, so the strict CSP (no inline style) holds.
"""
from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

# A qualitative palette (14 colours, one per PTC technique, distinguishable on white).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22")
VOICE_COLOURS = {"outlet": "#e15759", "attributed": "#4e79a7", "vague": "#edc948"}
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


def _svg(width: int, height: int, label: str, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(label)}" {FONT}>')
    return Markup(head + "".join(body) + "</svg>")


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" fill="{fill}">'
            f"<title>{escape(tip)}</title></rect>")


def _text(x: float, y: float, value: str, anchor: str = "start", extra: str = "", most: int = 24) -> str:
    """A label cut to `most` characters (the whole of it in a tooltip when cut)."""
    shown = value if len(value) <= most else value[:most - 1] + "…"
    tip = f"<title>{escape(value)}</title>" if shown != value else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {extra}>{tip}{escape(shown)}</text>'


def technique_colours(rows: list[dict]) -> dict[str, str]:
    techniques = sorted({r["technique"] for r in rows})
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(techniques)}


def technique_chart(rows: list[dict], width: int = 680, panel: int = 120) -> Markup | None:
    """Small multiples, one per outlet: stacked bars of technique uses per 1,000 words, per month."""
    if not rows:
        return None
    colours = technique_colours(rows)
    months = sorted({r["month"] for r in rows})
    outlets = sorted({r["outlet"] for r in rows})
    stacks: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        stacks[(row["outlet"], row["month"])].append(row)
    tallest = max(sum(r["per_1000_words"] or 0 for r in rs) for rs in stacks.values()) or 1.0
    left, top, gap = 150, 14, 26
    band = (width - left - 10) / len(months)
    body: list[str] = []
    for o, outlet in enumerate(outlets):
        y0 = top + o * (panel + gap)
        base = y0 + panel
        body.append(_text(left - 8, y0 + panel / 2, outlet, "end", 'font-weight="600"'))
        body.append(f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>')
        body.append(_text(left - 8, y0 + 8, f"{tallest:.1f}/1k words", "end", 'fill="#666"'))
        for m, month in enumerate(months):
            x, y = left + m * band + band * 0.15, float(base)  # bars stack up from the baseline
            for row in stacks.get((outlet, month), []):
                h = (row["per_1000_words"] or 0) / tallest * (panel - 4)
                y -= h
                tip = f"{outlet} {month}: {row['technique']} {row['count']} uses, {row['per_1000_words'] or 0:.2f}/1k words"
                body.append(_rect(x, y, band * 0.7, h, colours[row["technique"]], tip))
            if o == len(outlets) - 1 or len(months) < 12:
                body.append(_text(x + band * 0.35, base + 13, month, "middle", 'fill="#444"'))
    height = top + len(outlets) * (panel + gap)
    return _svg(width, height, "Technique use per outlet over time", body)


def hbar_chart(items: list[tuple[str, float, str]], label: str, width: int = 680, unit: str = "") -> Markup | None:
    """Horizontal bars: (label, value, tooltip) sorted as given."""
    if not items:
        return None
    most = max(v for _, v, _ in items) or 1.0
    left, row = 190, 20
    body: list[str] = []
    for i, (name, value, tip) in enumerate(items):
        y = 6 + i * row
        w = value / most * (width - left - 60)
        body.append(_text(left - 8, y + 12, name, "end", most=30))
        body.append(_rect(left, y + 2, w, row - 6, "#4e79a7", tip))
        body.append(_text(left + w + 6, y + 12, f"{value:g}{unit}", extra='fill="#444"'))
    return _svg(width, 12 + len(items) * row, label, body)


def voice_chart(rows: list[dict], width: int = 680) -> Markup | None:
    """Per outlet, one 100% bar split by claim voice (outlet's own, attributed, vague)."""
    if not rows:
        return None
    per: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        per[row["outlet"]][row["voice"]] = row["claims"]
    left, row_h = 150, 24
    span = width - left - 10
    body: list[str] = []
    for i, (outlet, voices) in enumerate(sorted(per.items())):
        y, x, total = 26 + i * row_h, float(left), sum(voices.values()) or 1
        body.append(_text(left - 8, y + 13, outlet, "end"))
        for voice, colour in VOICE_COLOURS.items():
            count = voices.get(voice, 0)
            w = count / total * span
            body.append(_rect(x, y + 2, w, row_h - 6, colour, f"{outlet}: {count} claims in {voice} voice ({count / total:.0%})"))
            if w > 34:
                body.append(_text(x + w / 2, y + 14, f"{count / total:.0%}", "middle", 'fill="#fff"'))
            x += w
    for j, (voice, colour) in enumerate(VOICE_COLOURS.items()):
        body.append(_rect(left + j * 110, 6, 12, 12, colour, voice))
        body.append(_text(left + j * 110 + 16, 16, voice))
    return _svg(width, 32 + len(per) * row_h, "Claim voice per outlet", body)


def appearance_chart(rows: list[dict], width: int = 680) -> Markup | None:
    """A claim's appearances on a time axis, one row per outlet, a dot per article coloured by voice (a ring
    when the speaker denied it). Undated appearances are left out of the axis."""
    dated = [r for r in rows if r.get("published")]
    if not dated:
        return None
    days = sorted({r["published"] for r in dated})
    outlets = sorted({r["outlet"] or "(no outlet)" for r in dated})
    left, row_h, right = 150, 22, 20
    span = width - left - right
    first, last = _ordinal(days[0]), _ordinal(days[-1])
    body: list[str] = [_text(left, 14, days[0]), _text(width - right, 14, days[-1], "end")]
    for i, outlet in enumerate(outlets):
        body.append(_text(left - 8, 34 + i * row_h, outlet, "end"))
    for r in dated:
        x = left + (span * (_ordinal(r["published"]) - first) / (last - first) if last > first else span / 2)
        y = 30 + outlets.index(r["outlet"] or "(no outlet)") * row_h
        colour = VOICE_COLOURS.get(r["voice"], "#888")
        fill = 'fill="#fff" stroke-width="2" stroke="' + colour + '"' if r.get("denied") else f'fill="{colour}"'
        tip = f"{r['published']} {r['outlet'] or ''}: {r['voice']}" + (" (denied)" if r.get("denied") else "")
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" {fill}><title>{escape(tip)}</title></circle>')
    return _svg(width, 24 + len(outlets) * row_h, "Appearances of the claim over time", body)


def _ordinal(day: str) -> int:
    from datetime import date

    return date.fromisoformat(day).toordinal()
