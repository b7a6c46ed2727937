"""brat standoff for attributions: T lines labelled Source, Cue or Content (';' joins the ranges
of a discontinuous span) and E lines `E1\tAttribution:T2 Content:T2 Cue:T3 Source:T4` that tie
them into one attribution. A T line no E line names counts as an attribution of its own."""
from __future__ import annotations

import re
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError

ROLES = ("Source", "Cue", "Content")
Ranges = tuple[tuple[int, int], ...]
# One attribution: role -> the character ranges of its span.
Record = dict[str, Ranges]
# A T or E line; any other line (notes, or the rest of a span text that holds a line break) is skipped.
_T_LINE = re.compile(r"T\d+\t")
_E_LINE = re.compile(r"E\d+\t")


def _parse_ranges(field: str, where: str) -> Ranges:
    try:
        out = []
        for part in field.split(";"):
            start, end = part.split()
            out.append((int(start), int(end)))
        return tuple(sorted(out))
    except ValueError as exc:
        raise NewsprobeError(Code.BAD_ANNOTATION, f"{where}: bad offsets '{field}'") from exc


def parse_ann(text: str, where: str = "") -> list[Record]:
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if _T_LINE.match(line):
            cols = line.split("\t")
            if len(cols) < 2 or " " not in cols[1]:
                raise NewsprobeError(Code.BAD_ANNOTATION, f"{where}:{n}: '{line[:60]}'")
            label, offsets = cols[1].split(" ", 1)
            if label in ROLES:
                spans[cols[0]] = (label, _parse_ranges(offsets, f"{where}:{n}"))
        elif _E_LINE.match(line):
            cols = line.split("\t")
            args = dict(a.split(":", 1) for a in cols[1].split() if ":" in a) if len(cols) > 1 else {}
            events.append(args)
    records: list[Record] = []
    named: set[str] = set()
    for args in events:
        rec: Record = {}
        for role, tid in args.items():
            role = role.rstrip("0123456789")  # brat numbers repeated roles: Content2
            if role in ROLES and tid in spans:  # Content2 adds its ranges to Content's
                rec[role] = tuple(sorted(rec.get(role, ()) + spans[tid][1]))
                named.add(tid)
        if rec:
            records.append(rec)
    for tid, (label, ranges) in spans.items():
        if tid not in named:
            records.append({label: ranges})
    return records


def read_ann(path: Path) -> list[Record]:
    if not path.exists():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    return parse_ann(path.read_text(encoding="utf-8"), str(path))


def format_ann(records: list[Record], text: str) -> str:
    """brat lines for attributions, in the order given."""
    lines: list[str] = []
    t = 0
    for e, rec in enumerate(records, 1):
        args = []
        for role in ("Content", "Cue", "Source"):
            if role not in rec:
                continue
            t += 1
            ranges = rec[role]
            offsets = ";".join(f"{s} {e_}" for s, e_ in ranges)
            shown = " ".join(text[s:e_] for s, e_ in ranges).replace("\n", " ")
            lines.append(f"T{t}\t{role} {offsets}\t{shown}")
            args.append(f"{role}:T{t}")
        anchor = next(a.split(":")[1] for a in args)
        lines.append(f"E{e}\tAttribution:{anchor} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")
