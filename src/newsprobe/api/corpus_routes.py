"""The JSON endpoints across articles: an article's claims with their fact-checks, stories, fact-check search.

Everything here reads the store's across-articles tables (store/links_schema.py), filled at ingest and by
`newsprobe factchecks load`. Bad parameters are 4xx (422 by validation, 404 for what is not stored)."""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.encoders import jsonable_encoder

from newsprobe.api.auth import require_read
from newsprobe.errors import Code, NewsprobeError
from newsprobe.web import story_page

if TYPE_CHECKING:
    from newsprobe.embeddings import Embedder

router = APIRouter()
router.include_router(story_page.router)  # the story page (HTML), registered with these endpoints
StoryId = Annotated[int, Path(ge=1, le=2**31 - 1, description="A story id (`GET /stories`).")]
_ENCODER_LOCK = threading.Lock()


def _store(request: Request):  # noqa: ANN202 - newsprobe.store.Store
    return request.app.state.service.store()


def sentence_encoder(request: Request) -> Embedder:
    """The app's sentence encoder, loaded on the first request that needs one."""
    return app_encoder(request.app)


def app_encoder(app: FastAPI) -> Embedder:
    with _ENCODER_LOCK:
        if getattr(app.state, "sentence_encoder", None) is None:
            from newsprobe.embeddings import SentenceEncoder

            app.state.sentence_encoder = SentenceEncoder()
        return app.state.sentence_encoder


def article_claims(store, article_id: str) -> dict:  # noqa: ANN001
    """The stored article's claims, each with its fact-checks (best first), and its story (NP407 when absent)."""
    from newsprobe.store.factchecks import claim_links
    from newsprobe.store.schema import articles
    from newsprobe.store.stories import article_story

    analysis = store.get(article_id)
    with store.engine.connect() as connection:
        pk = connection.scalar(sa.select(articles.c.pk).where(articles.c.id == article_id))
    links = claim_links(store, pk)
    claims = [{"idx": idx, **claim.model_dump(), "factchecks": links.get(idx, [])}
              for idx, claim in enumerate(analysis.claims)]
    return {"id": article_id, "story": article_story(store, pk), "claims": claims}


@router.get("/articles/{article_id}/claims", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="A stored article's claims, each with the loaded fact-checks that match it (best first, with "
                    "their cosine score), and the article's story.")
def get_article_claims(article_id: str, request: Request) -> Any:
    return jsonable_encoder(article_claims(_store(request), article_id))


@router.get("/stories", tags=["stories"], dependencies=[Depends(require_read)],
            summary="Stories, largest first: article count, outlets, first and last publication date.")
def list_stories(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                 offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> Any:
    from newsprobe.store.stories import story_list

    limit = min(limit, request.app.state.service.options.api_page_size)
    return {"stories": story_list(_store(request), limit, offset), "limit": limit, "offset": offset}


@router.get("/stories/{story}", tags=["stories"], dependencies=[Depends(require_read)],
            summary="One story: its articles in time order, and its outlets side by side (speakers quoted, claims "
                    "per voice, techniques per 1,000 words). 404 (NP831) when there is no such story.")
def get_story(story: StoryId, request: Request) -> Any:
    from newsprobe.store.stories import story_articles, story_outlets

    store = _store(request)
    members = story_articles(store, story)
    for member in members:
        member.pop("pk", None)
    return {"story": story, "articles": members, "outlets": story_outlets(store, story)}


@router.get("/claims/{claim:path}/path", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="A stored claim (ARTICLE_ID:INDEX) and every stored claim saying the same, oldest first: outlet, "
                    "date, voice, speaker, whether the speaker denied it, the techniques on its words; and the "
                    "appearances counted per outlet and voice. 404 (NP833) when no such claim is stored.")
def get_claim_path(claim: str, request: Request, min_score: Annotated[float, Query(ge=0.0, le=1.0)] = 0.75,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Any:
    from newsprobe.embeddings import LazyEncoder
    from newsprobe.store.similar import claim_path

    return jsonable_encoder(claim_path(_store(request), claim, LazyEncoder(lambda: sentence_encoder(request)), limit, min_score))


@router.get("/factchecks/search", tags=["factchecks"], dependencies=[Depends(require_read)],
            summary="The loaded fact-checks nearest a claim text (MiniLM cosine through the vector index).")
def search_factchecks(request: Request, q: Annotated[str, Query(min_length=1, max_length=2000)],
                      limit: Annotated[int, Query(ge=1, le=100)] = 10) -> Any:
    from newsprobe.store.factchecks import search_factchecks as run

    if not q.strip():
        raise NewsprobeError(Code.BAD_QUERY, "an empty claim text")
    return {"query": q, "factchecks": run(_store(request), q, sentence_encoder(request), limit)}


@router.get("/factchecks/{factcheck_id:path}", tags=["factchecks"], dependencies=[Depends(require_read)],
            summary="One loaded fact-check and the stored claims linked to it, best first (404, NP832, when absent).")
def get_factcheck(factcheck_id: str, request: Request) -> Any:
    from newsprobe.store.factchecks import factcheck_detail

    return jsonable_encoder(factcheck_detail(_store(request), factcheck_id))
