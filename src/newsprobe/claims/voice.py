"""Claim units and their voice, from sentences and the attributions layer's content spans.

A sentence that no attribution's content touches is one unit in the outlet's voice. A sentence that
attribution contents overlap is cut into the runs each content covers (the innermost content wins
where contents nest); the rest of such a sentence (source, cue, channel: "the Leader said") frames
the reported speech and is not a claim of its own. A unit whose attribution denies its content
("X rejected speculations that ...") is reported but `denied`: it is not the source's claim.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsprobe.intervals import SortedRanges
from newsprobe.model import Attribution, Span, Voice
from newsprobe.rules import load_rules

# Stripped from both ends of a unit: any space and the punctuation left by a cut. Quotation marks go only
# when they wrap the whole unit or have no partner inside it.
_EDGE = ",;:–—-…"
_PAIRS = {"“": "”", "‘": "’", "«": "»", '"': '"', "'": "'"}


@dataclass(frozen=True)
class Unit:
    start: int
    end: int
    attribution: int | None


def _pieces(content: Span) -> list[Span]:
    return content.parts or [content]


def _unpaired(unit: str, opener: str, closer: str) -> bool:
    if opener == closer:
        return unit.count(opener) % 2 == 1
    return unit.count(opener) != unit.count(closer)


def _trim_once(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1].isspace()):
        end -= 1
    if end - start < 2:
        return start, end
    first, last, unit = text[start], text[end - 1], text[start:end]
    if first in _PAIRS and last == _PAIRS[first]:
        return start + 1, end - 1
    if first in _PAIRS and _unpaired(unit, first, _PAIRS[first]):
        start += 1
    closers = {c: o for o, c in _PAIRS.items()}
    if last in closers and _unpaired(text[start:end], closers[last], last):
        end -= 1
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while (trimmed := _trim_once(text, start, end)) != (start, end):
        start, end = trimmed
    return start, end


def complementisers_from(rules: dict) -> tuple[str, ...]:
    """The [units] complementisers of a table shaped like rules/claims.toml, as matched."""
    return tuple(w.lower() + " " for w in rules["units"]["complementisers"])


@cache
def complementisers() -> tuple[str, ...]:
    """The packaged ones."""
    return complementisers_from(load_rules("claims"))


def _drop_complementiser(text: str, start: int, end: int, words: tuple[str, ...]) -> int:
    """Start of reported content after its opening "that " (the claim is what follows)."""
    for word in words:
        if text[start:start + len(word)].lower() == word and end - start > len(word):
            return start + len(word)
    return start


def _covering(start: int, end: int, attributions: list[Attribution],
              touching: list[int]) -> list[int | None]:
    """For each char of [start, end), the index of the innermost content covering it, or None.
    `touching` are the indexes of the attributions whose content overlaps [start, end)."""
    owner: list[int | None] = [None] * (end - start)
    width: list[int] = [0] * (end - start)
    for index in touching:
        attribution = attributions[index]
        size = sum(p.end - p.start for p in _pieces(attribution.content))
        for piece in _pieces(attribution.content):
            for pos in range(max(start, piece.start), min(end, piece.end)):
                if owner[pos - start] is None or size < width[pos - start]:
                    owner[pos - start], width[pos - start] = index, size
    return owner


class _Contents:
    """Which attributions' contents touch a stretch of text, through their pieces sorted by start: a
    sentence at a time, without comparing every sentence with every attribution."""

    def __init__(self, attributions: list[Attribution]) -> None:
        self.pieces = SortedRanges((p.start, p.end, i) for i, a in enumerate(attributions) for p in _pieces(a.content))

    def touching(self, start: int, end: int) -> list[int]:
        """Indices (ascending) of the attributions with a content piece overlapping start..end."""
        return sorted({i for s, e, i in self.pieces.near(start, end) if s < end and start < e})


def _runs(owner: list[int | None], start: int) -> list[tuple[int, int, int]]:
    """Runs of one owner; runs of the same owner separated only by uncovered text (a content split
    by its cue: "X," he said, "Y") are joined into one."""
    runs: list[tuple[int, int, int]] = []
    begin = 0
    for pos in range(1, len(owner) + 1):
        if pos == len(owner) or owner[pos] != owner[begin]:
            index = owner[begin]
            if index is not None and runs and runs[-1][2] == index:
                runs[-1] = (runs[-1][0], start + pos, index)
            elif index is not None:
                runs.append((start + begin, start + pos, index))
            begin = pos
    return runs


def claim_units(text: str, sentences: list[tuple[int, int]], attributions: list[Attribution],
                words: tuple[str, ...] | None = None) -> list[Unit]:
    """Units in text order; each has at least one letter. `words`: the complementisers dropped from
    the start of reported content (None: the packaged ones)."""
    words = complementisers() if words is None else words
    units = []
    contents = _Contents(attributions)
    for start, end in sentences:
        # most contents lie in other sentences: only those touching this one are mapped char by char
        touching = contents.touching(start, end)
        runs = _runs(_covering(start, end, attributions, touching), start) if touching else [(start, end, None)]
        for run_start, run_end, index in runs:
            a, b = _trim(text, run_start, run_end)
            if index is not None:
                a, b = _trim(text, _drop_complementiser(text, a, b, words), b)
            if any(c.isalpha() for c in text[a:b]):
                units.append(Unit(a, b, index))
    return units


def voice(unit: Unit, attributions: list[Attribution]) -> Voice:
    if unit.attribution is None:
        return "outlet"
    return "vague" if attributions[unit.attribution].vague else "attributed"


def denied(unit: Unit, attributions: list[Attribution]) -> bool:
    """True when the unit's source denies it ("denied that ..."): the claim is one the source rejects."""
    return unit.attribution is not None and attributions[unit.attribution].polarity == "denies"
