"""RSS and Atom feeds (feedparser): one article per item.

The item's own content (or summary) is the text unless the user asked for the pages with --fetch;
then each item's link goes through the guarded fetcher and the feed only fills missing metadata.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from newsprobe.errors import Code, NewsprobeError
from newsprobe.failures import READ, coded
from newsprobe.ingest.html import article_from_html
from newsprobe.ingest.text import ArticleMeta, article_from_text, present
from newsprobe.model import Article

if TYPE_CHECKING:  # feedparser and lxml are imported when a feed is read: sniffing bytes needs neither
    import feedparser

Result = tuple[str, Article | NewsprobeError]
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return any(root in head for root in _ROOTS)


def _published(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _body(entry: feedparser.FeedParserDict) -> str:
    """The item's fullest text: content:encoded / atom content, else the summary, as plain text."""
    contents = [c.get("value") or "" for c in entry.get("content", [])]
    html = max(contents, key=len) if contents else entry.get("summary") or ""  # an empty element gives None
    html = NOT_XML.sub("", html)  # lxml refuses control characters (found by fuzzing)
    if not html.strip():
        return ""
    import lxml.html

    fragment = lxml.html.fromstring(f"<div>{html}</div>")
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in fragment.iter("p", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    return "\n".join(line.strip() for line in fragment.text_content().strip().splitlines()).strip()


def _meta(entry: feedparser.FeedParserDict, outlet: str | None) -> ArticleMeta:
    names = ((a.get("name") or "").strip() for a in entry.get("authors", []))
    authors = [name for name in names if name]
    meta: ArticleMeta = {"title": (entry.get("title") or "").strip() or None, "published": _published(entry),
                         "outlet": outlet, "authors": authors}
    return present(meta)


def parse_feed(data: bytes) -> feedparser.FeedParserDict:
    if not looks_like_feed(data):
        raise NewsprobeError(Code.BAD_FEED, "no <rss>, <feed> or <rdf:RDF> root")
    import feedparser

    try:
        feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, OverflowError) as exc:  # its fallback parser chokes on a bad &#...; (found by fuzzing)
        raise NewsprobeError(Code.BAD_FEED, f"{type(exc).__name__}: {exc}") from exc
    if feed.bozo and not feed.entries:
        raise NewsprobeError(Code.BAD_FEED, f"not well-formed XML: {feed.get('bozo_exception', '')}")
    return feed


def articles_from_feed(data: bytes, source: str, fetch: Callable[[str], tuple[bytes, str]] | None = None
                       ) -> Iterator[Result]:
    """(`source#n` or the item's link, article or error) per item; one bad item never stops the rest.

    `fetch(url) -> (html, final url)` is given only when the user asked for the items' pages.
    """
    feed = parse_feed(data)
    outlet = (feed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(feed.entries, start=1):
        link = entry.get("link") or None
        where = link or f"{source}#{number}"
        try:
            meta = _meta(entry, outlet)
            if fetch and link:
                page, final = fetch(link)
                yield where, article_from_html(page, url=final, **_fill_only(meta))
            else:
                yield where, article_from_text(_body(entry), url=link, **meta)
        except NewsprobeError as error:
            yield where, error.with_source(where)
        except Exception as exc:  # noqa: BLE001 - one item nobody foresaw fails alone (NP112), the rest go on
            yield where, coded(exc, where, READ)


def _fill_only(meta: ArticleMeta) -> ArticleMeta:
    """Feed metadata for a fetched page: the feed's outlet and item date (reliable in feeds) override the
    page's; title and authors come from the page itself."""
    kept: ArticleMeta = {}
    if "published" in meta:
        kept["published"] = meta["published"]
    if "outlet" in meta:
        kept["outlet"] = meta["outlet"]
    return kept
