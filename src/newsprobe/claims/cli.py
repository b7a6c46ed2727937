"""`newsprobe claims score`: one score per input line, scored in batches of whole lines."""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import TextIO

from newsprobe.claims.degenerate import degeneracy
from newsprobe.claims.features import WORD
from newsprobe.claims.scorer import default_model
from newsprobe.errors import Code, NewsprobeError

BATCH = 2000


def _open(file: str, stdin: TextIO) -> TextIO:
    if file == "-":
        return stdin
    path = Path(file)
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, source=file)
    try:
        return path.open(encoding="utf-8", newline=None)
    except OSError as exc:
        raise NewsprobeError(Code.NOT_FOUND, exc, source=file) from exc


def _warn_long(batch: list[str], first: int, warn: Callable[[NewsprobeError], None]) -> None:
    """A coded warning for each line too long to be a sentence (it still gets its damped score)."""
    for number, line in enumerate(batch, first):
        if degeneracy(line) == "too long":
            words = len(WORD.findall(line))
            warn(NewsprobeError(Code.CLAIMS_LINE_TOO_LONG,
                                f"line {number} has {words:,} words, too many for one sentence; "
                                f"its score is damped"))


def score_lines(file: str, stdin: TextIO, out: TextIO,
                warn: Callable[[NewsprobeError], None] = lambda _: None) -> int:
    """Score every line of `file`; returns how many lines were scored. Empty lines score 0."""
    model = default_model()
    stream = _open(file, stdin)
    count = 0
    try:
        while batch := [line.rstrip("\r\n") for line in islice(stream, BATCH)]:
            scores = model.score(batch)
            out.writelines(f"{s:.4f}\n" for s in scores)
            _warn_long(batch, count + 1, warn)
            count += len(batch)
    except UnicodeDecodeError as exc:
        raise NewsprobeError(Code.ENCODING, exc, source=file) from exc
    finally:
        if stream is not stdin:
            stream.close()
    return count
