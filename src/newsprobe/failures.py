"""Failures of one article as data: every interface turns an exception into one of these and goes on.

A failure names the input, the stage ("read": turning the input into an Article; "analyse": the
pipeline), the error code and the type of the exception behind it, so that a batch of thousands
reports the one bad document instead of ending with a traceback.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from newsprobe.errors import Code, NewsprobeError

READ, ANALYSE = "read", "analyse"
# An exception's own message can be long (a whole document in a ValueError); the line stays readable.
MAX_DETAIL_CHARS = 300


def coded(exc: BaseException, source: str, stage: str) -> NewsprobeError:
    """`exc` as a coded error for `source`: a NewsprobeError keeps its code, any other exception
    becomes NP112 (read) or NP408 (analyse) naming its type."""
    if isinstance(exc, NewsprobeError):
        error = exc if exc.source else exc.with_source(source)
        error.stage = getattr(error, "stage", None) or stage  # type: ignore[attr-defined]
        return error
    message = " ".join(str(exc).split())[:MAX_DETAIL_CHARS]
    detail = f"stage {stage}, {type(exc).__name__}" + (f": {message}" if message else "")
    error = NewsprobeError(Code.READ_FAILED if stage == READ else Code.ANALYSIS_FAILED, detail, source)
    error.stage = stage  # type: ignore[attr-defined]
    error.error_type = type(exc).__name__  # type: ignore[attr-defined]
    error.__cause__ = exc  # kept for whoever debugs it; the user sees the one coded line
    return error


@dataclass(frozen=True)
class Failure:
    """One article that could not be read or analysed; what `analyze_many` reports instead of raising."""

    source: str
    code: str
    stage: str  # "read" or "analyse"
    error_type: str  # "NewsprobeError" for a foreseen problem, else the exception's class name
    reason: str
    hint: str
    index: int | None = None  # the item's position in the input of `analyze_many`

    @classmethod
    def from_error(cls, error: NewsprobeError, stage: str, index: int | None = None) -> Failure:
        return cls(source=error.source or "", code=error.code.value, stage=getattr(error, "stage", None) or stage,
                   error_type=getattr(error, "error_type", type(error).__name__), reason=error.reason,
                   hint=error.hint, index=index)

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.reason}; {self.hint}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
