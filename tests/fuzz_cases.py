"""Hypothesis strategies for hostile inputs, and the properties every input must keep.

Shared by the property-based tests (tests/ingest, tests/pipeline, tests/api) and by benchmarks/fuzz.py, which
runs the same strategies through Hypothesis for many more examples and counts what breaks.
Properties: ingesting any bytes gives Articles or coded NewsprobeErrors, never another exception; every span
of an Analysis is `text[start:end]`; the API never answers 500.
"""
from __future__ import annotations

import gzip
import json
from urllib.parse import quote
from collections.abc import Iterator

from hypothesis import strategies as st

from newsprobe.errors import NewsprobeError
from newsprobe.ingest import _from_bytes
from newsprobe.model import Analysis, Article

KINDS = ("text", "html", "jsonl", "feed", "warc")

# --- properties -------------------------------------------------------------------------------------------


def ingest(data: bytes, kind: str) -> list[Article | NewsprobeError]:
    """What newsprobe makes of `data` read as `kind`: Articles and coded errors. Any other exception escapes."""
    results: list[Article | NewsprobeError] = []
    try:
        for _source, result in _from_bytes("fuzz", data, kind):
            assert isinstance(result, (Article, NewsprobeError)), type(result)
            results.append(result)
    except NewsprobeError as error:  # read_inputs records these as the input's failure
        results.append(error)
    return results


def spans(analysis: Analysis) -> Iterator[tuple[str, object]]:
    """(where, span) for every span-like object of `analysis` that claims to quote the text, parts included."""
    def walk(where: str, value: object) -> Iterator[tuple[str, object]]:
        if value is None:
            return
        yield where, value
        for i, part in enumerate(getattr(value, "parts", None) or []):
            yield from walk(f"{where}.parts[{i}]", part)

    article = analysis.article
    yield from walk("article.dateline", article.dateline)
    yield from walk("article.licence.notice", article.licence and article.licence.notice)
    for i, entity in enumerate(analysis.entities):
        for j, mention in enumerate(entity.mentions):
            yield from walk(f"entities[{i}].mentions[{j}]", mention)
    for i, item in enumerate(analysis.attributions):
        for name in ("source", "cue", "content", "channel"):
            yield from walk(f"attributions[{i}].{name}", getattr(item, name))
    for name in ("timexes", "claims", "techniques"):
        for i, item in enumerate(getattr(analysis, name)):
            yield from walk(f"{name}[{i}]", item)
    for i, event in enumerate(analysis.events):
        yield from walk(f"events[{i}].trigger", event.trigger)


def span_errors(analysis: Analysis) -> list[str]:
    """Every span whose offsets are out of range or whose text is not `text[start:end]` (empty: all good)."""
    text, wrong = analysis.article.text, []
    for where, span in spans(analysis):
        start, end, quoted = span.start, span.end, span.text  # type: ignore[attr-defined]
        if not 0 <= start <= end <= len(text) or text[start:end] != quoted:
            wrong.append(f"{where}: [{start}:{end}] {quoted!r} vs {text[start:end]!r}")
    return wrong


# --- text -------------------------------------------------------------------------------------------------
ENCODINGS = ("utf-8", "utf-16", "utf-8-sig", "latin-1", "cp1252", "shift_jis", "koi8-r")
BOMS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    """Any Unicode text in some encoding (what it cannot encode dropped), maybe behind a stray BOM."""
    text = draw(st.text(max_size=400))
    encoding = draw(st.sampled_from(ENCODINGS))
    return draw(st.sampled_from(BOMS)) + text.encode(encoding, errors="ignore")


text_bytes = st.one_of(st.binary(max_size=600), encoded_text())

# --- HTML -------------------------------------------------------------------------------------------------
TAGS = ("html", "head", "body", "article", "main", "div", "p", "span", "h1", "title", "script", "style",
        "meta", "br", "table", "td", "li", "pre", "svg", "math", "template", "noscript", "iframe", "a", "time")
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
ugly = st.sampled_from(["&#0;", "&#xFFFFFFFF;", "&#55296;", "&nbsp", "<!--", "-->", "<![CDATA[", "]]>", "\x00",
                        "</", "<", ">", "&", "\"", "'", "\u2028", "\ufeff", "<?xml ?>", "<!DOCTYPE x [", "]>"])


def attribute() -> st.SearchStrategy[str]:
    names = st.sampled_from(["class", "id", "charset", "content", "http-equiv", "property", "name", "datetime",
                             "lang", "type", "href", "itemprop"])
    return st.builds(lambda n, v: f' {n}="{v}"', names, st.one_of(words, st.sampled_from(
        ["utf-8", "x-bogus", "text/html; charset=utf-7", "application/ld+json", "og:title", "article:published_time",
         "datePublished", "1999-99-99"])))


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(draw(st.lists(attribute(), max_size=3)))
    if depth >= 4:
        inner = [draw(words)]
    else:
        inner = draw(st.lists(st.one_of(words, ugly, element(depth + 1)), max_size=4))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
    return f"<{tag}{attrs}>{''.join(inner)}{close}"


def json_values() -> st.SearchStrategy[object]:
    numbers = st.floats(allow_nan=False, allow_infinity=False)  # JSON has neither
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), numbers, words)
    return st.recursive(leaves, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                       st.dictionaries(words, kids, max_size=3)), max_leaves=8)


@st.composite
def json_ld(draw: st.DrawFn) -> str:
    """A JSON-LD script whose fields have the right names and any shape of value."""
    fields = st.sampled_from(["@type", "@graph", "headline", "author", "datePublished", "publisher", "name",
                              "articleBody", "inLanguage"])
    data = draw(st.dictionaries(fields, json_values(), max_size=5))
    body = json.dumps(data) if draw(st.booleans()) else draw(words)
    return f'<script type="application/ld+json">{body}</script>'


@st.composite
def html_documents(draw: st.DrawFn) -> bytes:
    head = draw(st.sampled_from(["", "<!DOCTYPE html>", "<?xml version='1.0' encoding='x-bogus'?>", "<html>"]))
    parts = draw(st.lists(st.one_of(element(), json_ld(), words, ugly), min_size=1, max_size=6))
    deep = "<div>" * draw(st.sampled_from([0, 0, 0, 0, 0, 0, 200, 2000]))  # deep nesting: parsers' recursion limits
    encoding = draw(st.sampled_from(("utf-8", "utf-16", "latin-1", "cp1252")))
    return (head + deep + "".join(parts)).encode(encoding, errors="ignore")


html_bytes = st.one_of(st.binary(max_size=600), html_documents())

# --- JSONL ------------------------------------------------------------------------------------------------
record_fields = st.sampled_from(["text", "html", "url", "published", "outlet", "title", "authors", "language"])


@st.composite
def jsonl_documents(draw: st.DrawFn) -> bytes:
    """Lines of records with the right field names and any values, other JSON, and broken lines."""
    record = st.dictionaries(record_fields, st.one_of(json_values(), words), max_size=6).map(json.dumps)
    other = json_values().map(json.dumps)
    broken = st.one_of(words, st.just('{"text": "unterminated'), st.just("[1, 2"))
    lines = draw(st.lists(st.one_of(record, other, broken), max_size=4))
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


jsonl_bytes = st.one_of(st.binary(max_size=400), jsonl_documents())

# --- RSS / Atom -------------------------------------------------------------------------------------------
DATES = st.one_of(words, st.sampled_from(["Sat, 01 Jan 2022 10:00:00 GMT", "2022-13-45T99:99:99Z", "0000-00-00",
                                          "Mon, 31 Feb 2022 25:61:00 +9999", "9999-12-31T23:59:59Z", "-1"]))
feed_text = st.one_of(words, ugly, st.builds(lambda x: f"<![CDATA[{x}]]>", words), element())


@st.composite
def feed_documents(draw: st.DrawFn) -> bytes:
    items = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 3))):
        title, body, link, date = (draw(feed_text), draw(feed_text), draw(words), draw(DATES))
        if atom:
            items.append(f"<entry><title>{title}</title><link href=\"{link}\"/><updated>{date}</updated>"
                         f"<content type=\"html\">{body}</content><author><name>{draw(words)}</name></author></entry>")
        else:
            items.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
                         f"<description>{body}</description></item>")
    end = draw(st.sampled_from(["", "</channel></rss>", "</feed>", "</rss"]))
    if atom:
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(words)}</title>'
    else:
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{draw(words)}</title>'
    return (doc + "".join(items) + end).encode("utf-8", errors="ignore")


feed_bytes = st.one_of(st.binary(max_size=400), st.binary(max_size=300).map(lambda b: b"<?xml version='1.0'?><rss>" + b),
                       feed_documents())

# --- WARC -------------------------------------------------------------------------------------------------


@st.composite
def warc_record(draw: st.DrawFn) -> bytes:
    """A WARC record whose headers, HTTP block and lengths may lie."""
    body = draw(html_bytes)
    status = draw(st.sampled_from(["200 OK", "404 Not Found", "200", "abc", ""]))
    content_type = draw(st.sampled_from(["text/html", "text/html; charset=x-bogus", "application/pdf", ""]))
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    if draw(st.booleans()):
        http = draw(st.binary(max_size=200))
    length = draw(st.one_of(st.just(len(http)), st.integers(-5, 10 ** 12)))
    kind = draw(st.sampled_from(["response", "request", "warcinfo", "", "resource"]))
    uri = draw(st.one_of(st.just("https://example.org/a"), words))
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n")
    return head.encode("utf-8", errors="ignore") + http + b"\r\n\r\n"


@st.composite
def warc_documents(draw: st.DrawFn) -> bytes:
    data = b"".join(draw(st.lists(warc_record(), min_size=1, max_size=3)))
    if draw(st.booleans()):
        data = gzip.compress(data)
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    return data if cut is None else data[:cut]


warc_bytes = st.one_of(st.binary(max_size=300).map(lambda b: b"WARC/1.0\r\n" + b), warc_documents())

STRATEGIES = {"text": text_bytes, "html": html_bytes, "jsonl": jsonl_bytes, "feed": feed_bytes, "warc": warc_bytes}

# --- pipeline ---------------------------------------------------------------------------------------------
# Any Unicode (surrogates included: they reach the pipeline from JSON), weighted towards text that looks like
# news so the components have something to find.
NEWSY = ("said", "according to", "\"", "on Saturday", "two years ago", "President", "Mr.", "Iran", "the Leader",
         "2022", "\n\n", "—", "“", "”", "'", "(", ")", ".", " ", "claimed", "will", "TEHRAN –")
pipeline_text = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(NEWSY)), max_size=25).map("".join)

# --- API --------------------------------------------------------------------------------------------------
# Values that reach a query string: any text, numbers at and past the bounds, dates, FTS5 query syntax.
query_text = st.one_of(words, st.sampled_from(["", "0", "-1", "1001", "1e309", "nan", "2022-01-01", "2022-02-30",
                                               "\"unclosed", "a OR", "NEAR(", "*", "a AND NOT b", "col:x", "'",
                                               "%00", "\x00", "Harbour Ledger"]))


def _values(schema: dict, components: dict) -> st.SearchStrategy[object]:
    """Values for a parameter: what its OpenAPI schema allows, and as often what it does not."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        return st.one_of(*(_values(s, components) for s in schema["anyOf"] if s.get("type") != "null"))
    kind = schema.get("type")
    allowed: st.SearchStrategy[object]
    if "enum" in schema:
        allowed = st.sampled_from(schema["enum"])
    elif kind == "integer":
        allowed = st.integers(min_value=schema.get("minimum", -10), max_value=schema.get("maximum", 10 ** 6))
    elif kind == "number":
        allowed = st.floats(min_value=schema.get("minimum"), max_value=schema.get("maximum"))
    elif kind == "array":
        allowed = st.lists(_values(schema.get("items", {}), components), max_size=3)
    else:
        allowed = query_text
    return st.one_of(allowed, query_text)


@st.composite
def api_requests(draw: st.DrawFn, schema: dict) -> tuple[str, str, dict, object]:
    """(method, path, query parameters, JSON body or None) for one operation of the OpenAPI `schema`."""
    components = schema["components"]["schemas"]
    operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    path, method, op = draw(st.sampled_from(operations))
    params: dict[str, object] = {}
    for param in op.get("parameters", []):
        if param["in"] == "path":
            value = draw(st.one_of(_values(param["schema"], components),
                                   st.sampled_from(["rich1", "techniques", "speakers", "quotes"])))
            path = path.replace("{" + param["name"] + "}", quote(str(value), safe="") or "x")
        elif draw(st.booleans()):
            params[param["name"]] = draw(_values(param["schema"], components))
    body = None
    if "requestBody" in op:
        # Never a "url": the API would try to fetch it, and fuzzing must not touch the network.
        fields = st.sampled_from(["text", "html", "published", "outlet", "title", "authors", "language", "source"])
        body = draw(st.one_of(json_values(), st.dictionaries(fields, st.one_of(json_values(), words,
                                                                               pipeline_text), max_size=5)))
    return method.upper(), path, params, body


def call(client, request: tuple[str, str, dict, object], headers: dict | None = None):
    method, path, params, body = request
    return client.request(method, path, params=params, json=body, headers=headers)
