"""Query parameters shared by the list, search, stats and export endpoints (the filters of `newsprobe search`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import Query

from newsprobe.api.checks import in_range
from newsprobe.store.search import Filters


def filters(
    q: Annotated[str | None, Query(description='Words (all must match), "a phrase", OR, -exclude.')] = None,
    outlet: Annotated[list[str] | None, Query(description="Outlet name (repeatable).")] = None,
    date_from: Annotated[str | None, Query(alias="from", description="Published on or after YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="Published on or before YYYY-MM-DD.")] = None,
    language: Annotated[str | None, Query(description="Article language code.")] = None,
    entity: Annotated[str | None, Query(description="An entity's name (any case).")] = None,
    speaker: Annotated[str | None, Query(description="A quoted speaker's name (any case).")] = None,
    technique: Annotated[str | None, Query(description="A technique label, e.g. Loaded_Language.")] = None,
    voice: Annotated[str | None, Query(description="A claim voice: outlet, attributed or vague.")] = None,
    min_checkworthiness: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
) -> Filters:
    return Filters(text=(q or "").strip() or None, outlet=[o for o in outlet or [] if o],
                   date_from=in_range(date_from or None), date_to=in_range(date_to or None), language=language or None, entity=entity or None,
                   speaker=speaker or None, technique=technique or None, voice=voice or None,
                   min_checkworthiness=min_checkworthiness)
