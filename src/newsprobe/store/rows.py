"""One Analysis -> the rows of every table, as plain tuples in `COLUMNS` order (no per-row dicts or pydantic).

The values are what both drivers take as they are (sqlite3 parameters, psycopg COPY rows): dates as
ISO strings, booleans as bool, the stored Analysis as bytes, so the bulk path converts nothing per row.
"""
from __future__ import annotations

import json
import struct
import zlib
from datetime import date, datetime
from functools import cache
from typing import Any

from pydantic_core import to_json

from newsprobe.entities.lexicon import is_unresolvable_speaker
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis
from newsprobe.store import schema

Row = tuple[Any, ...]
# Finding table -> its rows of one article; each row starts with the article's pk.
Findings = dict[str, list[Row]]

ARTICLE_COLUMNS = ("id", "url", "outlet", "published", "month", "language", "title", "authors", "licence",
                   "dateline_start", "dateline_end", "dateline_text", "word_count", "source", "text", "analysis",
                   "schema_version", "stored_at", "claim_count", "own_voice_count")
# The columns each finding builder below fills, in its order (checked against the schema by the tests).
COLUMNS = {
    "entities": ("article_pk", "idx", "entity_id", "name", "norm", "type", "aliases", "roles", "mention_count"),
    "mentions": ("article_pk", "idx", "entity_idx", "start", "end", "text"),
    "attributions": ("article_pk", "idx", "kind", "speaker", "speaker_name", "speaker_norm", "vague", "confidence",
                     "source_start", "source_end", "source_text", "cue_start", "cue_end", "cue_text",
                     "content_start", "content_end", "content_text", "channel_start", "channel_end", "channel_text"),
    "timexes": ("article_pk", "idx", "start", "end", "text", "type", "value"),
    "events": ("article_pk", "idx", "trigger_start", "trigger_end", "trigger_text", "code", "actor", "target", "time",
               "place", "confidence"),
    "claims": ("article_pk", "idx", "start", "end", "text", "checkworthiness", "voice", "attribution",
               "denied"),
    "techniques": ("article_pk", "idx", "start", "end", "text", "technique", "confidence"),
}
FINDING_TABLES = tuple(t.name for t in schema.FINDING_TABLES)
NO_SPAN = (None, None, None)


def analysis_dict(analysis: Analysis | dict) -> dict:
    return analysis.model_dump(mode="json") if isinstance(analysis, Analysis) else analysis


def _span(span: dict | None) -> tuple:
    return (span["start"], span["end"], span["text"]) if span else NO_SPAN


def _joined(values: list[str] | None) -> str | None:
    return "; ".join(values) if values else None


def _published(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def stored_time(now: datetime) -> str:
    """A DateTime as SQLAlchemy's SQLite dialect writes it (PostgreSQL reads the same text)."""
    return now.strftime("%Y-%m-%d %H:%M:%S.%f")


def article_row(data: dict, stored_at: str) -> Row:
    """The `articles` row in ARTICLE_COLUMNS order (no pk: the database gives it)."""
    article = data["article"]
    text = article["text"]
    try:
        published = _published(article.get("published"))
    except ValueError:  # a caller's own Analysis; the readers and the API give ISO dates or a coded error
        raise NewsprobeError(Code.BAD_DATE, str(article.get("published")), f"article {article['id']}") from None
    day = published.isoformat() if published else None
    licence = article.get("licence") or {}
    claims = data.get("claims", ())
    return (article["id"], article.get("url"), article.get("outlet"), day, day[:7] if day else None,
            article.get("language"), article.get("title"), _joined(article.get("authors")), licence.get("id"),
            *_span(article.get("dateline")), len(text.split()), data.get("source"), text, pack(data),
            data.get("schema_version", ""), stored_at, len(claims), sum(c["voice"] == "outlet" for c in claims))


def finding_rows(data: dict, pk: int) -> Findings:
    """{finding table: rows} for one analysis whose article has primary key `pk`."""
    entities: list[Row] = []
    mentions: list[Row] = []
    names: dict[str, str] = {}
    for i, e in enumerate(data.get("entities", ())):
        found = e.get("mentions") or ()
        name = e["name"]
        names[e["id"]] = name
        entities.append((pk, i, e["id"], name, name.casefold(), e["type"], _joined(e.get("aliases")),
                         _joined(e.get("roles")), len(found)))
        base = len(mentions)  # mention idx runs over the whole article
        mentions.extend([(pk, base + j, i, m["start"], m["end"], m["text"]) for j, m in enumerate(found)])
    return {
        "entities": entities, "mentions": mentions,
        "attributions": _attributions(pk, data, names),
        "timexes": [(pk, i, t["start"], t["end"], t["text"], t["type"], t["value"])
                    for i, t in enumerate(data.get("timexes", ()))],
        "events": [(pk, i, *_span(e["trigger"]), e["code"], e.get("actor"), e.get("target"), e.get("time"),
                    e.get("place"), e.get("confidence", 1.0)) for i, e in enumerate(data.get("events", ()))],
        "claims": [(pk, i, c["start"], c["end"], c["text"], c["checkworthiness"], c["voice"], c.get("attribution"),
                    bool(c.get("denied", False))) for i, c in enumerate(data.get("claims", ()))],
        "techniques": [(pk, i, t["start"], t["end"], t["text"], t["technique"], t.get("confidence", 1.0))
                       for i, t in enumerate(data.get("techniques", ()))],
    }


def _attributions(pk: int, data: dict, names: dict[str, str]) -> list[Row]:
    rows = []
    for i, a in enumerate(data.get("attributions", ())):
        source = a.get("source")
        name = names.get(a.get("speaker") or "") or (source["text"] if source else None)
        if not a.get("speaker") and name and is_unresolvable_speaker(name):
            name = None  # "she" resolved to nobody names nobody: not a speaker in the aggregates
        rows.append((pk, i, a["kind"], a.get("speaker"), name, name.casefold() if name else None,
                     bool(a.get("vague", False)), a.get("confidence", 1.0), *_span(source), *_span(a.get("cue")),
                     *_span(a["content"]), *_span(a.get("channel"))))
    return rows


# The stored Analysis: compact JSON without article.text (it has its own column), compressed. New
# blobs are zstd (pyarrow's codec, a dependency already): 0.07 ms against zlib's 0.17 ms for a 600-word
# article's 34 kB of JSON, and smaller. A zstd blob is ZSTD, the JSON's length (pyarrow needs it), the
# frame; older blobs are zlib streams (first byte 0x78), read as before.
ZSTD = b"\x00"


@cache
def _zstd():  # noqa: ANN202 - pyarrow is imported on first use only
    import pyarrow as pa

    return pa.Codec("zstd", compression_level=1)


def pack(data: dict) -> bytes:
    article = data["article"]
    raw = to_json({**data, "article": {k: v for k, v in article.items() if k != "text"}})
    return ZSTD + struct.pack("<I", len(raw)) + _zstd().compress(raw, asbytes=True)


def unpack(blob: bytes) -> dict:
    if blob[:1] == ZSTD:
        (size,) = struct.unpack_from("<I", blob, 1)
        return json.loads(_zstd().decompress(blob[5:], decompressed_size=size, asbytes=True))
    return json.loads(zlib.decompress(blob))


def analysis_data(blob: bytes, text: str) -> dict:
    """The stored Analysis as a dict, the text back in its place after article.id."""
    data = unpack(blob)
    article = data["article"]
    data["article"] = {"id": article.pop("id"), "text": text, **article}
    return data


def analysis_from_row(blob: bytes, text: str) -> Analysis:
    """The stored Analysis, exactly as it was analysed."""
    return Analysis.model_validate(analysis_data(blob, text))
