"""The JSON endpoints: analyse, store, list, read, search, entities, speakers, stats."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from newsprobe.api import cursor, passages, queries
from newsprobe.api.auth import holds_token, require_read, require_write
from newsprobe.api.corpus_routes import app_encoder
from newsprobe.api.inputs import ArticleInput, to_article
from newsprobe.api.params import filters
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis, Article
from newsprobe.query import AGGREGATES
from newsprobe.store.search import Filters

router = APIRouter()
Limit = Annotated[int | None, Query(ge=1, le=1000, description="Page size (capped by api_page_size).")]
Cursor = Annotated[str | None, Query(alias="cursor", description="The `next` cursor of the previous page.")]


def _service(request: Request):  # noqa: ANN202
    return request.app.state.service


def _page_size(request: Request, limit: int | None) -> int:
    most = _service(request).options.api_page_size
    return min(limit or most, most)


def _next_link(request: Request, token: str | None) -> str | None:
    return str(request.url.include_query_params(cursor=token)) if token else None


async def _article(body: ArticleInput, request: Request) -> tuple[Article, str]:
    # Off the event loop: a URL is fetched and HTML extracted here.
    return await run_in_threadpool(to_article, body, _service(request).options)


@router.post("/analyze", response_model=Analysis, tags=["analysis"], dependencies=[Depends(require_read)],
             summary="Analyse one article (text, HTML or URL) and return the JSON contract; nothing is stored. "
                     "Texts over api_max_text_chars get 413 (NP908), analyses over the time budget 504 (NP913), "
                     "and a full queue 503 (NP912) with Retry-After.")
async def analyze(body: ArticleInput, request: Request) -> Any:
    article, source = await _article(body, request)
    analysis = await _service(request).analyse(article, source)
    # Serialised on a thread, not the event loop (a long article's Analysis takes a while), and sent as is.
    return Response(await run_in_threadpool(analysis.model_dump_json), media_type="application/json")


@router.post("/articles", tags=["corpus"], dependencies=[Depends(require_write)], status_code=201,
             summary="Analyse one article and store it (201), or say it is stored already (200); as with "
                     "`newsprobe ingest`, the stored article gets its story and its claims their fact-check links.")
async def store_article(body: ArticleInput, request: Request) -> Any:
    from newsprobe.embeddings import LazyEncoder  # onnxruntime: imported by the first write, not at start

    service, app = _service(request), request.app
    article, source = await _article(body, request)
    store = await run_in_threadpool(service.store)
    encoder = LazyEncoder(lambda: app_encoder(app))  # loaded when an article first needs it
    if await run_in_threadpool(store.stored_ids, [article.id]):
        await run_in_threadpool(service.link, encoder, article.id)  # its story, if an earlier POST left none
        return JSONResponse({"id": article.id, "created": False, "href": f"/articles/{article.id}"})
    analysis = await service.analyse(article, source)
    created = await run_in_threadpool(store.add, analysis)
    await run_in_threadpool(service.link, encoder, article.id, analysis if created else None)
    return JSONResponse({"id": article.id, "created": created, "href": f"/articles/{article.id}"},
                        status_code=201 if created else 200)


@router.get("/articles", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="Stored articles, newest stored first, with the filters of `newsprobe search`; cursor-paged.")
def list_articles(request: Request, selected: Annotated[Filters, Depends(filters)], limit: Limit = None,
                  cursor_: Cursor = None) -> Any:
    before = cursor.decode(cursor_, "before")
    rows, following = queries.list_articles(_service(request).store(), selected, _page_size(request, limit), before)
    token = cursor.encode({"before": following}) if following is not None else None
    return {"articles": rows, "next": token, "next_url": _next_link(request, token)}


@router.get("/articles/{article_id}", response_model=Analysis, tags=["corpus"], dependencies=[Depends(require_read)],
            summary="One stored article's analysis, exactly as analysed.")
def get_article(article_id: str, request: Request) -> Any:
    # Stored analyses were valid when stored: send them as they are, skipping a validate-and-dump round trip.
    body = queries.article_json(_service(request).store(), article_id, full_source=holds_token(request))
    return Response(body, media_type="application/json")


@router.get("/search", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="Full-text search with filters: the best matches, each with its passage and the matched stretches.")
def search(request: Request, selected: Annotated[Filters, Depends(filters)], limit: Limit = None,
           cursor_: Cursor = None) -> Any:
    from newsprobe.store.search import search as run_search

    size, offset = _page_size(request, limit), cursor.decode(cursor_, "offset") or 0
    mark = passages.markers()
    hits = run_search(_service(request).store(), selected, limit=size + 1, offset=offset, mark=mark)
    results = []
    for hit in hits[:size]:
        passage, spans = passages.split(hit.passage, mark)
        results.append({"id": hit.id, "url": hit.url, "outlet": hit.outlet, "published": hit.published,
                        "title": hit.title, "passage": passage, "highlights": spans, "score": hit.score})
    token = cursor.encode({"offset": offset + size}) if len(hits) > size else None
    return {"results": results, "next": token, "next_url": _next_link(request, token)}


@router.get("/entities", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="Entities by the number of matching articles that name them.")
def entities(request: Request, selected: Annotated[Filters, Depends(filters)], limit: Limit = None,
             type_: Annotated[str | None, Query(alias="type", description="PERSON, ORG, GPE, ...")] = None,
             cursor_: Cursor = None) -> Any:
    size, offset = _page_size(request, limit), cursor.decode(cursor_, "offset") or 0
    rows = queries.top_entities(_service(request).store(), selected, type_, size + 1, offset)
    token = cursor.encode({"offset": offset + size}) if len(rows) > size else None
    return {"entities": rows[:size], "next": token, "next_url": _next_link(request, token)}


@router.get("/speakers", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="Who is quoted most: attributions, articles and outlets per speaker.")
def speakers(request: Request, selected: Annotated[Filters, Depends(filters)], limit: Limit = None) -> Any:
    from newsprobe.store.stats import top_speakers

    return {"speakers": top_speakers(_service(request).store(), selected, _page_size(request, limit))}


def aggregate(store, name: str, selected: Filters, limit: int) -> list[dict]:  # noqa: ANN001
    """One named aggregate's rows (NP405 for an unknown name)."""
    from newsprobe.store.stats import all_stats

    if name not in AGGREGATES:
        raise NewsprobeError(Code.BAD_QUERY, f"unknown aggregate '{name}'; choose {', '.join(AGGREGATES)}")
    return all_stats(store, selected, limit, (name,))[name]


@router.get("/stats", tags=["stats"], dependencies=[Depends(require_read)],
            summary="The names of the aggregates under /stats/{name}.")
def stats_index() -> Any:
    return {"aggregates": [f"/stats/{name}" for name in AGGREGATES]}


@router.get("/stats/{name}", tags=["stats"], dependencies=[Depends(require_read)],
            summary="One corpus aggregate: techniques (per outlet and month), speakers, quotes (who quotes whom), "
                    "comentions, voice (own-voice share per outlet), voices (claims per outlet and voice).")
def stats(name: str, request: Request, selected: Annotated[Filters, Depends(filters)], limit: Limit = None) -> Any:
    rows = aggregate(_service(request).store(), name, selected, _page_size(request, limit))
    return {"name": name, "rows": jsonable_encoder(rows)}
