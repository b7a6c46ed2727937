"""What `POST /analyze` and `POST /articles` accept, and how it becomes an Article (through newsprobe.ingest)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from newsprobe.api.checks import request_date, unicode_text, web_address
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import read_one
from newsprobe.ingest.html import article_from_html
from newsprobe.ingest.text import article_from_text
from newsprobe.model import Article


class ArticleInput(BaseModel):
    """Exactly one of `text`, `html` or `url`; the rest is optional metadata that overrides what is found."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="The article's plain text, analysed exactly as sent.")
    html: str | None = Field(default=None, description="An article page's HTML; its main text is extracted.")
    url: str | None = Field(default=None, description="An http(s) address to fetch (public addresses only).")
    published: str | None = Field(default=None, description="Publication date YYYY-MM-DD (anchors relative dates).")
    title: str | None = None
    outlet: str | None = None
    source: str | None = Field(default=None, description="What to record as the input; defaults to the URL.")


def _given(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def to_article(data: ArticleInput, options: Options) -> tuple[Article, str]:
    """The Article and its source label, or a coded error (NP904 when not exactly one input is given,
    NP909 for text that is not valid Unicode, NP107/NP910 for a bad date, NP201/NP911 for a bad URL)."""
    for name, value in data.model_dump().items():
        unicode_text(value, name)
    given = [name for name in ("text", "html", "url") if _given(getattr(data, name))]
    if len(given) != 1:
        raise NewsprobeError(Code.BAD_REQUEST, "send exactly one of text, html or url"
                             + (f" (got {', '.join(given)})" if given else ""))
    published = request_date(data.published)
    if data.text is not None and given == ["text"]:
        article = article_from_text(data.text)
        source = data.source or "<text>"
    elif given == ["html"]:
        article = article_from_html(data.html or "")
        source = data.source or "<html>"
    else:
        url = web_address((data.url or "").strip())
        _, result = next(read_one(url, options))
        if isinstance(result, NewsprobeError):
            raise result
        article, source = result, data.source or url
    updates = {"published": published, "title": data.title, "outlet": data.outlet}
    for name, value in updates.items():
        if value:
            setattr(article, name, value)
    return article, source
