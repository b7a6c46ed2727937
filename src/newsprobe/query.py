"""What a corpus query can ask, defined once for the store, the command line and the API: the ten
filters (with their help texts), the aggregates and the export formats.

Light on purpose (no SQLAlchemy, no FastAPI): `newsprobe --help` builds its options from here
without loading the store. `newsprobe.cli.options` builds the Typer options and
`newsprobe.api.params` the FastAPI query parameters from the metadata of `Filters`' fields.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any



class Voice(str, Enum):
    """Whose voice a claim is in."""

    outlet = "outlet"
    attributed = "attributed"
    vague = "vague"


class Aggregate(str, Enum):
    """The aggregates of `newsprobe stats --only NAME` and `GET /stats/NAME` (newsprobe.store.stats.all_stats)."""

    techniques = "techniques"
    speakers = "speakers"
    quotes = "quotes"
    comentions = "comentions"
    voice = "voice"
    voices = "voices"


VOICES = tuple(voice.value for voice in Voice)
AGGREGATES = tuple(aggregate.value for aggregate in Aggregate)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    brat = "brat"
    doccano = "doccano"


def _filter(help_text: str, *, kind: str = "text", flag: str | None = None, alias: str | None = None,
            **bounds: float) -> Any:
    """A filter field: its help text, its kind (text, many, date, voice, number), its command-line flag
    and query-parameter name where they differ from the field name, and its bounds (ge, le)."""
    metadata = {"help": help_text, "kind": kind, "flag": flag, "alias": alias, "bounds": bounds}
    if kind == "many":
        return field(default_factory=list, metadata=metadata)
    return field(default=None, metadata=metadata)


@dataclass
class Filters:
    """What to select; every field is optional and they combine with AND. (Field order is the order of
    the options in `newsprobe search --help`.)"""

    text: str | None = _filter('Words (all must match), "a phrase", OR, -exclude.', alias="q")
    outlet: list[str] = _filter("Outlet name (repeatable).", kind="many")
    date_from: str | date | None = _filter("Published on or after YYYY-MM-DD.", kind="date", flag="--from",
                                           alias="from")
    date_to: str | date | None = _filter("Published on or before YYYY-MM-DD.", kind="date", flag="--to", alias="to")
    entity: str | None = _filter("An entity's name (any case).")
    speaker: str | None = _filter("A quoted speaker's name (any case).")
    technique: str | None = _filter("A technique label, e.g. Loaded_Language.")
    voice: str | None = _filter("A claim voice: outlet, attributed or vague.", kind="voice")
    min_checkworthiness: float | None = _filter("A claim at least this check-worthy (0..1).", kind="number",
                                                ge=0.0, le=1.0)
    language: str | None = _filter("Article language code.")
