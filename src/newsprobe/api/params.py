"""Query parameters shared by the list, search, stats and export endpoints: the filters of `newsprobe search`,
built from the one definition in `newsprobe.query.Filters` (names, help texts, bounds)."""
from __future__ import annotations

import inspect
from dataclasses import Field, fields
from typing import Annotated, Any

from fastapi import Query

from newsprobe.api.checks import in_range
from newsprobe.query import Filters

# The API takes every filter as given text (a bad voice is a coded 400 from the store, not a 422).
TYPES = {"many": list[str] | None, "number": float | None}


def _parameter(spec: Field) -> inspect.Parameter:
    meta = spec.metadata
    query = Query(alias=meta["alias"], description=meta["help"], **meta["bounds"])
    return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                             annotation=Annotated[TYPES.get(meta["kind"], str | None), query])


def filters(**given: Any) -> Filters:
    """The request's filters; empty values count as absent, dates are checked for range (NP910)."""
    return Filters(text=(given["text"] or "").strip() or None, outlet=[o for o in given["outlet"] or [] if o],
                   date_from=in_range(given["date_from"] or None), date_to=in_range(given["date_to"] or None),
                   language=given["language"] or None, entity=given["entity"] or None,
                   speaker=given["speaker"] or None, technique=given["technique"] or None,
                   voice=given["voice"] or None, min_checkworthiness=given["min_checkworthiness"])


# FastAPI reads a dependency's parameters from its signature: give `filters` one per field of Filters.
filters.__signature__ = inspect.Signature([_parameter(spec) for spec in fields(Filters)],  # type: ignore[attr-defined]
                                          return_annotation=Filters)
