"""Pages across articles: a story's outlets side by side, and the fact-check matches the article page shows
beside each claim (read from the store's across-articles tables)."""
from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Request
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
