"""The HTML pages: corpus (search and charts), analyse (paste text or a URL), article (findings in the text)."""
from __future__ import annotations

from functools import cache
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.routing import Match
from starlette.types import Scope

from newsprobe.api.auth import require_read
from newsprobe.api import passages
from newsprobe.api.inputs import ArticleInput, to_article
from newsprobe.api.params import filters
from newsprobe.errors import NewsprobeError
from newsprobe.model import Analysis
from newsprobe.store.search import Filters
from newsprobe.web import charts, highlight, panels

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read)])
LAYER_NAMES = {"technique": "Techniques", "attribution": "Attributions", "claim": "Claims", "entity": "Entities",
               "timex": "Time expressions", "event": "Events"}
FILTER_FIELDS = ("q", "outlet", "from", "to", "technique", "speaker", "entity", "voice")
PAGE = 30
FORM_TYPES = {"application/x-www-form-urlencoded"}  # what the analyse page's form sends (see _form)


def headline(title: str | None, text: str, most: int = 90) -> str:
    """The title, or for an untitled article the start of its first line, cut at a word."""
    if title:
        return title
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= most:
        return line or "(no title)"
    return line[:most].rsplit(" ", 1)[0] + " …"


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("newsprobe", "web/templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["headline"] = headline
    return env


def page(name: str, status: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status)


def article_context(analysis: Analysis, stored: bool) -> dict:
    return {"a": analysis, "stored": stored, "paragraphs": highlight.render_text(analysis),
            "counts": highlight.layer_counts(analysis), "layers": LAYER_NAMES,
            "details": panels.details_json(analysis), "speakers": panels.speakers(analysis),
            "claims": panels.ranked_claims(analysis), "timeline": panels.timeline(analysis),
            "words": len(analysis.article.text.split())}


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request) -> HTMLResponse:
    from newsprobe.web.story_page import article_links

    store = request.app.state.service.store()
    analysis = store.get(article_id)
    return page("article.html", **article_context(analysis, stored=True), **article_links(store, article_id))


class FormRoute(APIRoute):
    """A route that takes only an HTML form's submission, so that the analyse page's form and the JSON API
    share `POST /analyze` (the app puts the pages before the API: a JSON body goes on to the API)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        kind = Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()
        if match is Match.FULL and kind not in FORM_TYPES:
            return Match.NONE, {}
        return match, child


@router.get("/analyze", response_class=HTMLResponse)
def analyse_form() -> HTMLResponse:
    return page("analyse.html", form={})


@router.api_route("/analyse", methods=["GET", "POST"])
def old_spelling(request: Request) -> RedirectResponse:
    """The page's first address: 308 for a GET, 307 for a POST (both keep the method, the POST its body)."""
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse("/analyze" + query, status_code=308 if request.method == "GET" else 307)


def _form(body: bytes) -> dict[str, str]:
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in fields.items() if key in {"text", "url", "published"}}


async def analyse_submit(request: Request) -> HTMLResponse:
    form = _form(await request.body())
    service = request.app.state.service
    source = "url" if form.get("url", "").strip() else "text"
    try:
        data = ArticleInput(**{source: form.get(source)}, published=form.get("published") or None)
        article, label = await run_in_threadpool(to_article, data, service.options)  # may fetch a URL
        analysis = await service.analyse(article, label)
    except NewsprobeError as error:
        from newsprobe.api.errors import status_of

        return page("analyse.html", status=status_of(error.code), form=form, error=error)
    return page("article.html", **article_context(analysis, stored=False))


router.add_api_route("/analyze", analyse_submit, methods=["POST"], response_class=HTMLResponse,
                    route_class_override=FormRoute)


def marked_passage(text: str, spans: list[list[int]]) -> Markup:
    """A search passage, escaped, with its matched stretches `spans` ([start, end) in `text`) in <mark>."""
    pieces, at = [], 0
    for start, end in spans:
        pieces.append(f"{escape(text[at:start])}<mark>{escape(text[start:end])}</mark>")
        at = end
    return Markup("".join(pieces) + str(escape(text[at:])))


@router.get("/", response_class=HTMLResponse)
def corpus_page(request: Request, selected: Annotated[Filters, Depends(filters)],
                page_number: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1) -> HTMLResponse:
    from newsprobe.store.stats import claim_voices
    from newsprobe.store.search import search
    from newsprobe.store.stats import technique_use, top_speakers

    store = request.app.state.service.store()
    form = {key: request.query_params.get(key, "") for key in FILTER_FIELDS}
    try:
        mark = passages.markers()
        hits = search(store, selected, limit=PAGE + 1, offset=(page_number - 1) * PAGE, mark=mark)
        matched = {}
        for hit in hits:
            hit.passage, matched[hit.id] = passages.split(hit.passage, mark)
        techniques = technique_use(store, selected)
        speakers = top_speakers(store, selected, 15)
        voices = claim_voices(store, selected)
    except NewsprobeError as error:
        return page("corpus.html", status=400, form=form, error=error, hits=[], total=store.count())
    speaker_bars = [(s["speaker"], s["attributions"], f"{s['speaker']}: {s['attributions']} attributions in "
                     f"{s['articles']} articles, {s['outlets']} outlets") for s in speakers]
    following = str(request.url.include_query_params(page=page_number + 1)) if len(hits) > PAGE else None
    earlier = str(request.url.include_query_params(page=page_number - 1)) if page_number > 1 else None
    return page("corpus.html", form=form, hits=hits[:PAGE], total=store.count(), passage=lambda hit: marked_passage(hit.passage, matched[hit.id]),
                first=(page_number - 1) * PAGE + 1, following=following, earlier=earlier,
                technique_chart=charts.technique_chart(techniques),
                colours=charts.technique_colours(techniques),
                speaker_chart=charts.hbar_chart(speaker_bars, "Top speakers"),
                voice_chart=charts.voice_chart(voices))


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = [(method.upper(), path, operation.get("summary", ""))
                 for path, methods in schema["paths"].items() for method, operation in methods.items()]
    return page("api.html", endpoints=endpoints)
