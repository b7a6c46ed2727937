"""CLEF 2019 CheckThat! Task 1 (check-worthiness) training debates and speeches.

`train.csv` holds one sentence a row (line_number, speaker, text, label, file_name); each file is
one debate or speech, and the lab's measure ranks each file's sentences on its own (MAP over files).
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError
from newsprobe.paths import data_dir

FOLDER = "clef2019-checkthat-t1-train"  # in the data folder (newsprobe.paths.data_dir)
FILE_NAME = "train.csv"


@dataclass(frozen=True)
class Line:
    number: int
    speaker: str
    text: str
    label: int


@dataclass(frozen=True)
class Debate:
    name: str
    lines: list[Line]

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def labels(self) -> list[int]:
        return [line.label for line in self.lines]


def default_dir() -> Path:
    return data_dir() / FOLDER


def _path(folder: Path | None) -> Path:
    path = Path(folder or default_dir()) / FILE_NAME
    if not path.is_file():
        raise NewsprobeError(Code.DATA_MISSING, str(path))
    return path


def load_debates(folder: Path | None = None) -> list[Debate]:
    """The debates in file-name order, each in line-number order."""
    path = _path(folder)
    grouped: dict[str, list[Line]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                line = Line(int(row["line_number"]), row["speaker"].strip(), row["text"] or "",
                            int(row["label"]))
                grouped.setdefault(row["file_name"], []).append(line)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise NewsprobeError(Code.CLAIMS_BAD_DEBATES, f"{path}: {exc}") from exc
    if not grouped:
        raise NewsprobeError(Code.CLAIMS_BAD_DEBATES, f"{path}: no rows")
    return [Debate(name, sorted(lines, key=lambda line: line.number)) for name, lines in sorted(grouped.items())]


def data_hash(folder: Path | None = None) -> str:
    return hashlib.sha256(_path(folder).read_bytes()).hexdigest()
