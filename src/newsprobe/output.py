"""Output formats of `newsprobe analyze`: json, jsonl, text (a Rich report) and html (a standalone page)."""
from __future__ import annotations

import json
from enum import Enum
from typing import TextIO

from newsprobe.model import Analysis


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    html = "html"


class Writer:
    """Writes analyses one at a time; `json` with several inputs writes one array."""

    def __init__(self, fmt: OutputFormat, out: TextIO) -> None:
        self.fmt, self.out, self.count = fmt, out, 0
        self._held: Analysis | None = None  # json: one document prints as an object, more as an array

    def write(self, analysis: Analysis) -> None:
        self.count += 1
        if self.fmt is OutputFormat.jsonl:
            self.out.write(analysis.model_dump_json() + "\n")
        elif self.fmt is OutputFormat.json:
            self._write_json(analysis)
        elif self.fmt is OutputFormat.text:
            from newsprobe.report import print_report

            print_report(analysis, self.out)
        else:
            from newsprobe.htmlpage import render_page

            self.out.write(render_page(analysis))

    def _write_json(self, analysis: Analysis) -> None:
        if self.count == 1:
            self._held = analysis
            return
        if self._held is not None:
            self.out.write("[\n" + _pretty(self._held))
            self._held = None
        self.out.write(",\n" + _pretty(analysis))

    def close(self) -> None:
        if self.fmt is not OutputFormat.json:
            return
        if self._held is not None:
            self.out.write(_pretty(self._held) + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")
        elif self.count == 0:
            self.out.write("[]\n")


def _pretty(analysis: Analysis) -> str:
    return json.dumps(analysis.model_dump(mode="json"), indent=2, ensure_ascii=False)
