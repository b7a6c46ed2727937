"""Fact-check collections for the store, streamed: JSON lines, or ClaimReview JSON-LD (schema.org markup).

Nothing is read whole, so a 1 GB file costs the memory of one record: JSON lines go line by line, a
JSON-LD file item by item (ijson). Every record or line yields either a `Record` or a coded error with
its place (`file:line` or `file#item`), and reading goes on, so one bad record never loses the others.

JSON lines: an id (`id`, else `vclaim_id`) and a claim text (`claim`, else `vclaim`, else a ClaimReview's
`claimReviewed`); `url`, `rating`, `date`, `publisher`, `title` are kept in their columns and every other
field as JSON. A line that is itself a ClaimReview object is read as one.
JSON-LD: one ClaimReview object, a list of them, or a page's `{"@graph": [...]}`; items of other types
in a list or graph (the page's WebSite, Organization ...) are skipped without an error.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import ijson

from newsprobe.errors import Code, NewsprobeError

COLUMNS = ("url", "rating", "date", "publisher", "title")
ID_KEYS = ("id", "vclaim_id", "@id")
CLAIM_KEYS = ("claim", "vclaim", "claimReviewed")


@dataclass(frozen=True)
class Record:
    id: str
    claim: str
    url: str | None = None
    rating: str | None = None
    date: str | None = None
    publisher: str | None = None
    title: str | None = None
    extra: dict = field(default_factory=dict, compare=False)
    where: str = field(default="", compare=False)  # file:line or file#item, for errors about it


Item = Record | NewsprobeError


def _text(value: object) -> str | None:
    """A string field as text; numbers become text; anything else is None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, str)):
        return str(value).strip() or None
    return None


def _name(value: object) -> str | None:
    """A schema.org Thing's name (an Organization author, a Rating), a list's first, or a plain string."""
    if isinstance(value, list):
        return next((name for name in map(_name, value) if name), None)
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("alternateName")) or _text(value.get("url"))
    return _text(value)


def is_claim_review(item: object) -> bool:
    kinds = item.get("@type") if isinstance(item, dict) else None
    return kinds == "ClaimReview" or (isinstance(kinds, list) and "ClaimReview" in kinds)


def from_claim_review(item: dict) -> Record | str:
    """A Record from a ClaimReview, or what is missing. The id is its @id, else its url."""
    review_id = _text(item.get("@id")) or _text(item.get("url"))
    claim = _text(item.get("claimReviewed"))
    if not review_id:
        return "a ClaimReview without '@id' or 'url'"
    if not claim:
        return f"ClaimReview {review_id}: no 'claimReviewed' text"
    rating = item.get("reviewRating")
    rating_text = (_text(rating.get("alternateName")) or _text(rating.get("ratingValue"))) \
        if isinstance(rating, dict) else _text(rating)
    used = {"@id", "url", "claimReviewed", "reviewRating", "datePublished", "author", "headline", "name"}
    return Record(review_id, claim, _text(item.get("url")), rating_text, _text(item.get("datePublished")),
                  _name(item.get("author")), _text(item.get("headline")) or _text(item.get("name")),
                  {key: value for key, value in item.items() if key not in used})


def from_object(record: object) -> Record | str:
    """A Record from one JSON-lines object, or what is wrong with it."""
    if not isinstance(record, dict):
        return "not a JSON object"
    if is_claim_review(record) and "claimReviewed" in record:
        return from_claim_review(record)
    record_id = next((_text(record[key]) for key in ID_KEYS if key in record), None)
    claim = next((_text(record[key]) for key in CLAIM_KEYS if key in record), None)
    if not record_id:
        return "no 'id' (or 'vclaim_id')"
    if not claim:
        return f"fact-check {record_id}: no 'claim' (or 'vclaim') text"
    used = {*ID_KEYS, *CLAIM_KEYS, *COLUMNS}
    return Record(record_id, claim, _text(record.get("url")), _text(record.get("rating")), _text(record.get("date")),
                  _name(record.get("publisher")), _text(record.get("title")),
                  {k: v for k, v in record.items() if k not in used})


def read_jsonl(path: Path) -> Iterator[Item]:
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield NewsprobeError(Code.FACTCHECK_ENCODING, f"byte {exc.start}", where)
                continue
            if not line.strip():
                continue
            try:
                found = from_object(json.loads(line))
            except json.JSONDecodeError as exc:
                found = f"not JSON ({exc.msg})"
            except RecursionError:
                found = "nested too deeply"
            yield NewsprobeError(Code.FACTCHECK_BAD_LINE, found, where) if isinstance(found, str) \
                else replace(found, where=where)


def _first_byte(path: Path) -> bytes:
    with open(path, "rb") as handle:
        while chunk := handle.read(4096):
            stripped = chunk.lstrip(b"\xef\xbb\xbf \t\r\n")
            if stripped:
                return stripped[:1]
    return b""


def _items(handle, prefix: str) -> Iterator[object]:  # noqa: ANN001 - a binary file
    return ijson.items(handle, prefix, use_float=True)


def read_json_ld(path: Path) -> Iterator[Item]:
    """ClaimReview items of a JSON-LD file, streamed. Invalid JSON (or bytes that are not UTF-8) ends the
    file with one coded error naming the item it was reached at; every item before it is kept."""
    first = _first_byte(path)
    prefixes = ["item"] if first == b"[" else ["@graph.item", ""] if first == b"{" else []
    if not prefixes:
        yield NewsprobeError(Code.FACTCHECK_BAD_JSON_LD, "neither a JSON object nor a list", str(path))
        return
    for prefix in prefixes:
        number = 0
        with open(path, "rb") as handle:
            try:
                for number, item in enumerate(_items(handle, prefix), 1):
                    where = f"{path}#{number}"
                    if not isinstance(item, dict) or not is_claim_review(item):
                        if prefix == "":
                            yield NewsprobeError(Code.FACTCHECK_BAD_JSON_LD, "no ClaimReview in the file", str(path))
                        continue
                    found = from_claim_review(item)
                    yield NewsprobeError(Code.FACTCHECK_BAD_LINE, found, where) if isinstance(found, str) \
                        else replace(found, where=where)
            except (ijson.JSONError, UnicodeDecodeError) as exc:
                yield NewsprobeError(Code.FACTCHECK_BAD_JSON_LD, f"after item {number}: {exc}".strip(), str(path))
                return
        if number:  # the @graph held items: the whole-object reading is not needed
            return


def read_collection(path: Path) -> Iterator[Item]:
    """Records and coded errors of a fact-check file, streamed: `.json` / `.jsonld` files as JSON-LD, others
    as JSON lines (a file that starts with `[` is JSON-LD whatever its name)."""
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    if path.suffix.lower() in {".json", ".jsonld"} or _first_byte(path) == b"[":
        return read_json_ld(path)
    return read_jsonl(path)


def deduplicated(items: Iterator[Item], seen: set[str] | None = None) -> Iterator[Item]:
    """The first record of each id; a later one becomes NP1105 (the first is kept)."""
    seen = set() if seen is None else seen
    for item in items:
        if isinstance(item, Record):
            if item.id in seen:
                yield NewsprobeError(Code.FACTCHECK_DUPLICATE, item.id, item.where or None)
                continue
            seen.add(item.id)
        yield item
