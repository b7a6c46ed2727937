"""Text from articles and users made safe for a terminal: never read as Rich markup, no control codes.

A title such as "[/]" must print as written, not end a Rich style; a title holding "\\x1b]0;...\\x07"
or "\\x1b[2J" must not retitle or clear the user's terminal. JSON output is not passed through here:
it stays exact.
"""
from __future__ import annotations

import re

from rich.text import Text

# ANSI/VT sequences: CSI ("\x1b[2J"), OSC ("\x1b]0;title\x07"), DCS/PM/APC strings, two-character escapes.
_ESCAPE_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)
# C0 and C1 control characters other than tab and newline (carriage return and backspace overwrite text).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """`text` without terminal escape sequences or control characters (tabs and newlines kept)."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", str(text)))


def plain(text: object, style: str = "") -> Text:
    """A Rich Text that prints `text` as written: no markup interpreted, no control characters."""
    return Text(printable(text), style=style)
