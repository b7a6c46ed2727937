"""Search passages and their matched stretches, safe for any character an article's text may hold.

The store marks each match in a passage with the strings it is given. Fixed markers (once the control
characters \\x02 and \\x03) can be forged by an article's own text and then corrupt the highlights, so each
search gets fresh random markers that no stored text can contain except by a 1 in 2^64 chance.
"""
from __future__ import annotations

import secrets


def markers() -> tuple[str, str]:
    """A fresh pair of start/stop markers (letters and digits only: safe in FTS5 and ts_headline options)."""
    token = secrets.token_hex(8)
    return f"S{token}S", f"E{token}E"


def split(marked: str, mark: tuple[str, str]) -> tuple[str, list[list[int]]]:
    """The passage without the markers, and the [start, end) of each marked stretch in it."""
    start, stop = mark
    plain: list[str] = []
    spans: list[list[int]] = []
    length = at = 0
    while (begin := marked.find(start, at)) >= 0 and (end := marked.find(stop, begin + len(start))) >= 0:
        before, inside = marked[at:begin], marked[begin + len(start):end]
        plain += [before, inside]
        length += len(before)
        spans.append([length, length + len(inside)])
        length += len(inside)
        at = end + len(stop)
    plain.append(marked[at:])
    return "".join(plain), spans
