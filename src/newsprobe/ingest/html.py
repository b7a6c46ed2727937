"""HTML pages: main text and metadata through trafilatura; JSON-LD first for date and authors."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Unpack

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.text import ArticleMeta, article_from_text, plausible_published, present
from newsprobe.model import Article

if TYPE_CHECKING:  # lxml and trafilatura are imported when a page is read: plain text never pays for them
    import lxml.html
    from trafilatura.metadata import Document

# Less text than this after extraction is navigation or boilerplate, not an article. Counted in
# characters, not words, because Chinese or Japanese text has no spaces between words.
MIN_ARTICLE_CHARS = 80
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "report", "webpage"}


def _json_ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                graph = item.get("@graph")  # may be anything, null included (found by fuzzing)
                stack.extend(graph if isinstance(graph, list) else [graph])
                yield item


def _names(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def json_ld_metadata(tree: lxml.html.HtmlElement) -> ArticleMeta:
    """datePublished, authors and publisher of the page's article object, if it declares one."""
    for item in _json_ld_objects(tree):
        types = item.get("@type", [])
        types = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
        if not types & _ARTICLE_TYPES:
            continue
        meta: ArticleMeta = {}
        if isinstance(item.get("datePublished"), str):
            try:  # an implausible date ("0001-01-01") is left out, so that the page's next source is used
                if published := plausible_published(item["datePublished"], "JSON-LD datePublished"):
                    meta["published"] = published
            except NewsprobeError:
                pass
        if authors := _names(item.get("author")):
            meta["authors"] = authors
        if outlet := _names(item.get("publisher")):
            meta["outlet"] = outlet[0]
        if isinstance(item.get("headline"), str):
            meta["title"] = item["headline"].strip()
        if meta:
            return meta
    return {}


def _bare_extraction(tree: lxml.html.HtmlElement, url: str | None, with_metadata: bool) -> Document | None:
    import trafilatura

    document = trafilatura.bare_extraction(tree, url=url, with_metadata=with_metadata, include_comments=False)
    return None if isinstance(document, dict) else document  # the dict form comes only with as_dict=True


def extract_main_text(html: str | bytes, url: str | None = None) -> tuple[str, ArticleMeta]:
    """The article's main text and trafilatura's metadata, JSON-LD taking precedence."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise NewsprobeError(Code.NO_ARTICLE_TEXT)
    from_json_ld = json_ld_metadata(tree)  # read before trafilatura prunes the tree
    try:
        document = _bare_extraction(tree, url, with_metadata=True)
    except AssertionError:  # htmldate's cleaning trips on some hostile trees (found by fuzzing): text only
        tree = trafilatura.load_html(html)
        document = _bare_extraction(tree, url, with_metadata=False)
    text = (document.text if document else "") or ""
    if len("".join(text.split())) < MIN_ARTICLE_CHARS:
        raise NewsprobeError(Code.NO_ARTICLE_TEXT)
    meta: ArticleMeta = {}
    if document:
        meta = {"title": document.title, "outlet": document.sitename, "published": document.date,
                "authors": [a.strip() for a in (document.author or "").split(";") if a.strip()]}
    if meta.get("published"):  # trafilatura's date (meta tags, URL, text): used only if plausible
        meta["published"] = plausible_published(str(meta["published"]), "page date")
    meta.update(from_json_ld)
    return text, present(meta)


def article_from_html(html: str | bytes, *, url: str | None = None, **meta: Unpack[ArticleMeta]) -> Article:
    text, found = extract_main_text(html, url)
    found.update(present(meta))
    return article_from_text(text, url=url, **found)
