"""How a command reports a coded error: one line on standard error ("error [NPxxx] ..."), exit status 2.

Commands are wrapped in `@coded` rather than each holding its own try/except; `recode` turns a foreign
exception (a missing spaCy model, a missing optional extra) into a coded one where it is raised."""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from newsprobe.errors import Code, NewsprobeError
from newsprobe.terminal import printable

P = ParamSpec("P")
R = TypeVar("R")
BAD_INPUT = 2  # the exit status of a coded error (Typer uses 2 for a bad option too)

err = Console(stderr=True, soft_wrap=True)


def error_line(message: str) -> Text:
    """"error <message>": the message printed as written (it may hold [brackets] or control codes)."""
    return Text.assemble(("error", "red"), " ", printable(message))


def warning_line(message: str) -> Text:
    return Text.assemble(("warning", "yellow"), " ", printable(message))


def fail(error: NewsprobeError) -> NoReturn:
    """Print the coded error's one line and leave with status 2."""
    err.print(error_line(str(error)), highlight=False)
    raise typer.Exit(BAD_INPUT)


def coded(command: Callable[P, R]) -> Callable[P, R]:
    """Run `command`; a NewsprobeError raised in it becomes its one-line message and exit status 2."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except NewsprobeError as error:
            fail(error)

    return run


@contextmanager
def recode(kinds: type[BaseException] | tuple[type[BaseException], ...], code: Code,
           detail: Callable[[BaseException], object] = lambda error: error) -> Iterator[None]:
    """Within the block, an exception of `kinds` becomes NewsprobeError(code, detail(error))."""
    try:
        yield
    except kinds as error:
        raise NewsprobeError(code, detail(error)) from None


def missing_extra(error: BaseException) -> object:
    """The detail of NP for a missing optional extra: the module that could not be imported."""
    return getattr(error, "name", None) or str(error)


class NoteHandler(logging.Handler):
    """newsprobe's log notes (an implausible date ignored, ...) as one plain line each on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(Text(printable(record.getMessage()), style="yellow"), highlight=False)
