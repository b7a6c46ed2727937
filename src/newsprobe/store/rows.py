"""One Analysis -> the rows of every table, as plain dicts (no pydantic on the bulk path)."""
from __future__ import annotations

import json
import zlib
from datetime import date, datetime, timezone
from typing import Any

from pydantic_core import to_json

from newsprobe.model import Analysis

Rows = dict[str, list[dict[str, Any]]]


def analysis_dict(analysis: Analysis | dict) -> dict:
    return analysis.model_dump(mode="json") if isinstance(analysis, Analysis) else analysis


def _span(prefix: str, span: dict | None) -> dict[str, Any]:
    span = span or {}
    return {f"{prefix}_start": span.get("start"), f"{prefix}_end": span.get("end"),
            f"{prefix}_text": span.get("text")}


def _joined(values: list[str] | None) -> str | None:
    return "; ".join(values) if values else None


def _published(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def article_row(data: dict, now: datetime) -> dict[str, Any]:
    article = data["article"]
    text = article["text"]
    stored = dict(data, article={k: v for k, v in article.items() if k != "text"})
    published = article.get("published")
    licence = article.get("licence") or {}
    return {
        "id": article["id"], "url": article.get("url"), "outlet": article.get("outlet"),
        "published": _published(published), "month": published[:7] if published else None,
        "language": article.get("language"), "title": article.get("title"),
        "authors": _joined(article.get("authors")), "licence": licence.get("id"),
        **_span("dateline", article.get("dateline")),
        "word_count": len(text.split()), "source": data.get("source"), "text": text,
        "analysis": pack(stored),
        "schema_version": data.get("schema_version", ""), "stored_at": now,
    }


def _entities(aid: str, data: dict) -> tuple[list[dict], list[dict]]:
    entities, mentions = [], []
    for i, entity in enumerate(data.get("entities", [])):
        entities.append({"article_id": aid, "idx": i, "entity_id": entity["id"], "name": entity["name"],
                         "norm": entity["name"].casefold(), "type": entity["type"],
                         "aliases": _joined(entity.get("aliases")), "roles": _joined(entity.get("roles")),
                         "mention_count": len(entity.get("mentions", []))})
        for mention in entity.get("mentions", []):
            mentions.append({"article_id": aid, "idx": len(mentions), "entity_idx": i,
                             "start": mention["start"], "end": mention["end"], "text": mention["text"]})
    return entities, mentions


def _attributions(aid: str, data: dict, names: dict[str, str]) -> list[dict]:
    rows = []
    for i, a in enumerate(data.get("attributions", [])):
        source = a.get("source") or {}
        name = names.get(a.get("speaker") or "") or source.get("text")
        rows.append({"article_id": aid, "idx": i, "kind": a["kind"], "speaker": a.get("speaker"),
                     "speaker_name": name, "speaker_norm": name.casefold() if name else None,
                     "vague": bool(a.get("vague", False)), "confidence": a.get("confidence", 1.0),
                     **_span("source", a.get("source")), **_span("cue", a.get("cue")),
                     **_span("content", a["content"]), **_span("channel", a.get("channel"))})
    return rows


def _plain(aid: str, items: list[dict], fields: tuple[str, ...]) -> list[dict]:
    return [{"article_id": aid, "idx": i, **{f: item.get(f) for f in fields}} for i, item in enumerate(items)]


def _events(aid: str, data: dict) -> list[dict]:
    return [{"article_id": aid, "idx": i, **_span("trigger", e["trigger"]), "code": e["code"],
             "actor": e.get("actor"), "target": e.get("target"), "time": e.get("time"),
             "place": e.get("place"), "confidence": e.get("confidence", 1.0)}
            for i, e in enumerate(data.get("events", []))]


def analysis_rows(analysis: Analysis | dict, now: datetime | None = None) -> Rows:
    """{table name: rows} for one analysis."""
    data = analysis_dict(analysis)
    aid = data["article"]["id"]
    entities, mentions = _entities(aid, data)
    names = {e["entity_id"]: e["name"] for e in entities}
    return {
        "articles": [article_row(data, now or datetime.now(timezone.utc).replace(tzinfo=None))],
        "entities": entities, "mentions": mentions,
        "attributions": _attributions(aid, data, names),
        "timexes": _plain(aid, data.get("timexes", []), ("start", "end", "text", "type", "value")),
        "events": _events(aid, data),
        "claims": _plain(aid, data.get("claims", []),
                         ("start", "end", "text", "checkworthiness", "voice", "attribution")),
        "techniques": _plain(aid, data.get("techniques", []), ("start", "end", "text", "technique", "confidence")),
    }


def pack(data: dict) -> bytes:
    """Compact JSON, zlib-compressed: the findings' span texts make it large, and it compresses ~4x."""
    return zlib.compress(to_json(data), 1)


def unpack(blob: bytes) -> dict:
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
