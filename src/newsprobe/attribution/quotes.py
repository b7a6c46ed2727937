"""Quotation spans found in one pass over the characters.

A quote runs from its opening mark to its closing mark, both included. A quote that runs over
several paragraphs (an opening mark on each, the closing mark on the last) is one quote. A mark
left open at a paragraph end that does not continue is dropped: unbalanced text gives fewer
quotes, never an exception.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsprobe.rules import load_rules


@dataclass(frozen=True)
class Quote:
    start: int
    end: int


@dataclass(frozen=True)
class QuoteMarks:
    pairs: dict[str, str]  # opening mark -> its closing mark
    max_chars: int  # a longer "quote" is two stray marks, not a quotation


def quote_marks_from(rules: dict) -> QuoteMarks:
    """The quote marks of a rules table shaped like rules/attributions.toml."""
    return QuoteMarks(dict(rules["marks"]["pairs"]), int(rules["limits"]["max_quote_chars"]))


@cache
def default_marks() -> QuoteMarks:
    return quote_marks_from(load_rules("attributions"))


def _next_paragraph_start(text: str, i: int) -> int:
    """Index of the first non-space character after the line break at `i`."""
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    return j


def find_quotes(text: str, marks: QuoteMarks | None = None) -> list[Quote]:
    marks = marks or default_marks()
    pairs, max_chars = marks.pairs, marks.max_chars
    quotes: list[Quote] = []
    open_at: int | None = None
    closer = ""
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if open_at is None:
            if ch in pairs:
                open_at, closer = i, pairs[ch]
            i += 1
            continue
        if ch == closer:
            if i + 1 - open_at <= max_chars:
                quotes.append(Quote(open_at, i + 1))
            open_at = None
        elif ch == "\n":
            j = _next_paragraph_start(text, i)
            opener = next((o for o, c in pairs.items() if c == closer and j < n and text[j] == o), None)
            if opener is not None and opener != closer:
                i = j  # continued quote: skip the repeated opening mark
            elif opener is not None and j < n and text[j] == closer and closer == '"':
                i = j  # straight quotes: a paragraph opening with '"' continues the quote
            else:
                open_at = None  # unbalanced: the paragraph ended with the quote open
                i = j
                continue
        elif ch in pairs and ch != closer and pairs[ch] == closer:
            open_at = i  # a second opening mark of the same kind: restart from here
        i += 1
    return quotes
