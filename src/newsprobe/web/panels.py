"""What the article page shows beside the text: each finding's details, speakers, ranked claims, the timeline."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from markupsafe import Markup

from newsprobe.model import Analysis, Attribution

Fields = list[tuple[str, str]]


def _pct(value: float) -> str:
    return f"{value:.2f}"


def _speaker(attribution: Attribution, names: dict[str, str]) -> str:
    if attribution.speaker and attribution.speaker in names:
        return names[attribution.speaker]
    return attribution.source.text if attribution.source else "(no source)"


def details(analysis: Analysis) -> dict[str, dict]:
    """Finding id -> {"layer", "title", "fields": [[label, value]]}; the page's script shows them as text."""
    names = {e.id: e.name for e in analysis.entities}
    out: dict[str, dict] = {}

    def add(fid: str, layer: str, title: str, fields: Fields) -> None:
        out[fid] = {"layer": layer, "title": title, "fields": [[k, v] for k, v in fields if v not in (None, "")]}

    for i, t in enumerate(analysis.techniques):
        add(f"t{i}", "technique", t.technique.replace("_", " "),
            [("confidence", _pct(t.confidence)), ("text", t.text)])
    for i, a in enumerate(analysis.attributions):
        add(f"a{i}", "attribution", f"{_speaker(a, names)} ({a.kind})",
            [("speaker", _speaker(a, names)), ("source as written", a.source.text if a.source else ""),
             ("cue", a.cue.text if a.cue else ""), ("channel", a.channel.text if a.channel else ""),
             ("vague source", "yes" if a.vague else "no"), ("confidence", _pct(a.confidence)),
             ("content", a.content.text)])
    for i, c in enumerate(analysis.claims):
        via = analysis.attributions[c.attribution] if c.attribution is not None and \
            0 <= c.attribution < len(analysis.attributions) else None
        add(f"c{i}", "claim", f"claim in {c.voice} voice",
            [("voice", c.voice), ("check-worthiness", _pct(c.checkworthiness)),
             ("attributed to", _speaker(via, names) if via else ""), ("text", c.text)])
    for i, e in enumerate(analysis.entities):
        add(f"e{i}", "entity", f"{e.name} ({e.type})",
            [("type", e.type), ("mentions", str(len(e.mentions))), ("also called", "; ".join(e.aliases)),
             ("roles", "; ".join(e.roles))])
    for i, x in enumerate(analysis.timexes):
        add(f"x{i}", "timex", f"{x.type} {x.value}", [("value", x.value), ("type", x.type), ("text", x.text)])
    for i, v in enumerate(analysis.events):
        when = analysis.timexes[v.time] if v.time is not None and 0 <= v.time < len(analysis.timexes) else None
        add(f"v{i}", "event", f"event {v.code}",
            [("CAMEO code", v.code), ("trigger", v.trigger.text), ("actor", names.get(v.actor or "", v.actor or "")),
             ("target", names.get(v.target or "", v.target or "")), ("place", names.get(v.place or "", v.place or "")),
             ("time", f"{when.text} = {when.value}" if when else ""), ("confidence", _pct(v.confidence))])
    return out


def details_json(analysis: Analysis) -> Markup:
    """Details as JSON safe inside <script type="application/json">: '<', '>' and '&' are \\u-escaped."""
    text = json.dumps(details(analysis), ensure_ascii=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return Markup(text)


@dataclass
class Speaker:
    name: str
    vague: bool
    quotes: list[tuple[str, Attribution]] = field(default_factory=list)  # (finding id, attribution)


def speakers(analysis: Analysis) -> list[Speaker]:
    """Speakers by how often they are quoted, each with their quotes in text order."""
    names = {e.id: e.name for e in analysis.entities}
    found: dict[str, Speaker] = {}
    for i, a in enumerate(analysis.attributions):
        name = _speaker(a, names)
        key = a.speaker or name.casefold()
        found.setdefault(key, Speaker(name, a.vague and not a.speaker)).quotes.append((f"a{i}", a))
    return sorted(found.values(), key=lambda s: (-len(s.quotes), s.name.casefold()))


def ranked_claims(analysis: Analysis) -> list[tuple[str, object]]:
    order = sorted(range(len(analysis.claims)), key=lambda i: (-analysis.claims[i].checkworthiness, i))
    return [(f"c{i}", analysis.claims[i]) for i in order]


@dataclass
class Moment:
    fid: str
    value: str
    text: str
    type: str
    events: list[tuple[str, str]] = field(default_factory=list)  # (finding id, "trigger (actor)")


def timeline(analysis: Analysis) -> list[Moment]:
    """Dates and times in chronological order of their normalised value; durations and sets after them."""
    names = {e.id: e.name for e in analysis.entities}
    moments = [Moment(f"x{i}", t.value, t.text, t.type) for i, t in enumerate(analysis.timexes)]
    for i, v in enumerate(analysis.events):
        if v.time is not None and 0 <= v.time < len(moments):
            actor = names.get(v.actor or "", "")
            moments[v.time].events.append((f"v{i}", f"{v.trigger.text}" + (f" ({actor})" if actor else "")))
    dated = sorted((m for m in moments if m.type in {"DATE", "TIME"}), key=lambda m: m.value)
    return dated + [m for m in moments if m.type not in {"DATE", "TIME"}]
