"""Articles for story assignment, one JSON object a line: id, text, optionally title, date, url (and,
for evaluation, story and topic). A bad line becomes a coded error and the other lines go on."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    story: str = ""  # gold labels, only in evaluation data
    topic: str = ""


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def parse_article(line: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise NewsprobeError(Code.STORY_BAD_LINE, f"not JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise NewsprobeError(Code.STORY_BAD_LINE, "not a JSON object")
    article_id = record.get("id")
    if isinstance(article_id, bool) or not isinstance(article_id, (str, int)) or not str(article_id).strip():
        raise NewsprobeError(Code.STORY_BAD_LINE, "no 'id'")
    if not isinstance(record.get("text"), (str, type(None))) or "text" not in record:
        raise NewsprobeError(Code.STORY_BAD_LINE, f"article {article_id}: no 'text' string")
    text, title = _text(record, "text"), _text(record, "title")
    if not (text.strip() or title.strip()):
        raise NewsprobeError(Code.STORY_BAD_LINE, f"article {article_id}: empty text and title")
    story, topic = record.get("story"), record.get("topic")
    return Article(str(article_id), text, title, _text(record, "date"), _text(record, "url"),
                   "" if story is None else str(story), "" if topic is None else str(topic))


def read_articles(path: Path) -> list[tuple[int, Article | NewsprobeError]]:
    """(line number, article or its error) per non-blank line, in file order."""
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    out: list[tuple[int, Article | NewsprobeError]] = []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                out.append((number, NewsprobeError(Code.STORY_BAD_LINE, "not UTF-8", f"{path}:{number}")))
                continue
            if not line.strip():
                continue
            try:
                out.append((number, parse_article(line)))
            except NewsprobeError as error:
                out.append((number, error.with_source(f"{path}:{number}")))
    return out
