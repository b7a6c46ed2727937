"""Pages across articles: a story's outlets side by side, a claim's path through the news, and the fact-check
matches the article page shows beside each claim (read from the store's across-articles tables)."""
from __future__ import annotations

import sqlalchemy as sa
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from newsprobe.api.auth import require_read

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read)])


def article_links(store, article_id: str) -> dict:  # noqa: ANN001 - newsprobe.store.Store
    """The article page's extra context: {"factchecks": {claim finding id: [fact-check]}, "story": id | None}."""
    from newsprobe.store.factchecks import claim_links
    from newsprobe.store.schema import articles
    from newsprobe.store.stories import article_story

    with store.engine.connect() as connection:
        pk = connection.scalar(sa.select(articles.c.pk).where(articles.c.id == article_id))
    if pk is None:
        return {"factchecks": {}, "story": None}
    links = claim_links(store, pk)
    return {"factchecks": {f"c{idx}": found for idx, found in links.items()}, "story": article_story(store, pk)}


@router.get("/story/{story}", response_class=HTMLResponse)
def story_page(story: int = Path(ge=1, le=2**31 - 1), *, request: Request) -> HTMLResponse:
    from newsprobe.store.stories import story_articles, story_outlets
    from newsprobe.web.pages import page

    store = request.app.state.service.store()
    members, outlets = story_articles(store, story), story_outlets(store, story)
    voices = ("outlet", "attributed", "vague")
    return page("story.html", story=story, members=members, outlets=outlets, voices=voices,
                dates=[m["published"] for m in members if m["published"]])


@router.get("/claim/{claim:path}", response_class=HTMLResponse)
def claim_page(claim: str, request: Request,
               min_score: Annotated[float, Query(ge=0.0, le=1.0)] = 0.75) -> HTMLResponse:
    """Every stored article that carries the claim (ARTICLE_ID:INDEX), in time order, with its voice."""
    from newsprobe.api.corpus_routes import sentence_encoder
    from newsprobe.embeddings import LazyEncoder
    from newsprobe.store.similar import claim_path
    from newsprobe.web import charts
    from newsprobe.web.pages import page

    path = claim_path(request.app.state.service.store(), claim, LazyEncoder(lambda: sentence_encoder(request)),
                      min_score=min_score)
    return page("claim.html", path=path, min_score=min_score, timeline=charts.appearance_chart(path["appearances"]),
                voices=charts.voice_chart(path["outlets"]))
