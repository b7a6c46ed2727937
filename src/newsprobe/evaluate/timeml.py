"""Readers for time-annotated news: TimeML (.tml, DCT in <DCT>) and NewsReader CAT XML (MEANTIME).

Each document becomes plain text (CAT tokens joined by spaces, one sentence per line), its document
creation time, and its gold TIMEX3 mentions as character spans of that text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from newsprobe.errors import Code, NewsprobeError


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TimeDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    # MEANTIME annotates only the first sentences of each article: predictions past this are not scored.
    annotated_end: int | None = None


def _parse(path: Path) -> etree._Element:
    try:
        return etree.parse(str(path), etree.XMLParser(recover=True, huge_tree=True)).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise NewsprobeError(Code.BAD_TIMEML, f"{path.name}: {exc}") from exc


def read_cat(path: Path) -> TimeDoc:
    """A NewsReader CAT document; the DCT is the TIMEX3 with functionInDocument=CREATION_TIME."""
    root = _parse(path)
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    sentence_end: dict[str, int] = {}
    parts: list[str] = []
    pos, sentence = 0, None
    for token in root.iter("token"):
        if sentence is not None and token.get("sentence") != sentence:
            parts.append("\n")
            pos += 1
        elif parts:
            parts.append(" ")
            pos += 1
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id")] = (pos, pos + len(word))
        sentence_of[token.get("t_id")] = sentence
        sentence_end[sentence] = pos + len(word)
        parts.append(word)
        pos += len(word)
    doc = TimeDoc(path.stem, "".join(parts), None)
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            doc.dct = (timex.get("value") or "")[:10] or None
        anchors = [offsets[a.get("t_id")] for a in timex.iter("token_anchor") if a.get("t_id") in offsets]
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            doc.timexes.append(GoldTimex(start, end, timex.get("type", ""), timex.get("value", "")))
    doc.timexes.sort(key=lambda t: t.start)
    doc.annotated_end = _annotated_end(root, sentence_of, sentence_end)
    return doc


def _annotated_end(root: etree._Element, sentence_of: dict[str, str], sentence_end: dict[str, int]) -> int | None:
    """The end of the last sentence holding any markable (MEANTIME marks the first six sentences)."""
    marked = [sentence_of[a.get("t_id")] for a in root.iter("token_anchor") if a.get("t_id") in sentence_of]
    if not marked:
        return None
    return sentence_end[max(marked, key=int)]


def read_tml(path: Path) -> TimeDoc:
    """A TimeML document: text of <TEXT>, DCT from <DCT>, gold TIMEX3 inside <TEXT>."""
    root = _parse(path)
    dct_el = root.find(".//DCT/TIMEX3")
    dct = (dct_el.get("value") or "")[:10] if dct_el is not None else None
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise NewsprobeError(Code.BAD_TIMEML, f"{path.name}: no <TEXT>")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: etree._Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and pos > start:
            timexes.append(GoldTimex(start, pos, el.get("type", ""), el.get("value", "")))
        if el.tag == "s":
            parts.append("\n")
            pos += 1

    walk(text_el)
    return TimeDoc(path.stem, "".join(parts), dct, sorted(timexes, key=lambda t: t.start))


def read_folder(folder: Path) -> list[TimeDoc]:
    """Every .tml and CAT .xml file under `folder`, sorted by name."""
    if not folder.exists():
        raise NewsprobeError(Code.DATA_MISSING, folder)
    docs = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".tml":
            docs.append(read_tml(path))
        elif path.suffix == ".xml":
            docs.append(read_cat(path))
    return docs
