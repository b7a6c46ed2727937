"""The ASGI app: JSON API, HTML pages and the package's own static files, behind the size limit and CSP."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from spacy.language import Language

from newsprobe.api import corpus_routes, errors, export, routes
from newsprobe.api.middleware import BodyLimit, SecurityHeaders
from newsprobe.api.service import Service
from newsprobe.config import Options, load_options
from newsprobe.version import __version__

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"


def create_app(options: Options | None = None, db: str | None = None, nlp: Language | None = None,
               warm: bool = False) -> FastAPI:
    """A newsprobe app over the store at `db` (see `newsprobe.store.resolve_url`); `nlp` skips loading one
    where analyses run in this process (`api_workers = 0`); `warm` starts the analysis workers at startup."""
    from newsprobe.web import pages

    options = options or load_options()
    service = Service(options, db, nlp)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm:
            service.pool().warm()  # load the pipelines now, not on the first requests
        yield
        service.close()

    # The interactive docs pages load their scripts from a CDN, so they are off; /openapi.json stays.
    app = FastAPI(title="newsprobe", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Evidence-linked analysis of news articles: analyse, store, search, aggregate, export.")
    app.state.service = service
    errors.install(app)
    app.include_router(pages.router)  # first: its POST /analyze takes forms only, the API's JSON (pages.FormRoute)
    app.include_router(routes.router)
    app.include_router(export.router)
    app.include_router(corpus_routes.router)  # stories, claims' fact-checks, fact-check search
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, limit=options.api_max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
