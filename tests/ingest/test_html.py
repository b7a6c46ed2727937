from __future__ import annotations

import json

import pytest

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.html import article_from_html

BODY = " ".join(f"Paragraph {i} says the committee approved the harbour plan after a long debate." for i in range(12))
JSON_LD = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour plan approved",
           "datePublished": "2021-05-04T08:00:00+00:00", "author": [{"@type": "Person", "name": "Mira Okonkwo"}],
           "publisher": {"@type": "Organization", "name": "The Lakeside Courier"}}


def page(json_ld: dict | None = None, body: str = BODY) -> str:
    script = f'<script type="application/ld+json">{json.dumps(json_ld)}</script>' if json_ld else ""
    return f"""<!doctype html><html><head><title>Harbour | Courier</title>
<meta name="author" content="Someone Else"><meta property="article:published_time" content="2020-01-01">
{script}</head><body><nav>Home | World | Sport</nav><article><h1>Harbour plan approved</h1>
<p>{body}</p><p>{body}</p></article><footer>Contact us</footer></body></html>"""


def test_main_text_and_json_ld_metadata_first():
    article = article_from_html(page(JSON_LD), url="https://courier.example/harbour")
    assert "committee approved the harbour plan" in article.text
    assert "Home | World" not in article.text
    assert article.published == "2021-05-04"
    assert article.authors == ["Mira Okonkwo"]
    assert article.outlet == "The Lakeside Courier"
    assert article.title == "Harbour plan approved"
    assert article.url == "https://courier.example/harbour"


def test_metadata_without_json_ld_comes_from_the_page():
    article = article_from_html(page())
    assert article.published == "2020-01-01"


def test_json_ld_in_a_graph():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"}, JSON_LD]}
    assert article_from_html(page(graph)).authors == ["Mira Okonkwo"]


def test_page_without_article_text():
    with pytest.raises(NewsprobeError) as caught:
        article_from_html("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    assert caught.value.code is Code.NO_ARTICLE_TEXT


def test_an_implausible_json_ld_date_is_ignored_with_a_note_and_the_next_source_used(caplog):
    article = article_from_html(page({**JSON_LD, "datePublished": "0001-01-01T00:00:00Z"}))
    assert article.published == "2020-01-01"  # the page's article:published_time meta tag
    assert "publication date 0001-01-01 ignored" in caplog.text
    assert article.authors == ["Mira Okonkwo"]  # the rest of the JSON-LD object still counts


def test_a_later_json_ld_object_gives_the_date_when_the_first_one_is_implausible():
    first = {**JSON_LD, "datePublished": "9999-12-31"}
    second = {"@type": "NewsArticle", "datePublished": "2021-06-07"}
    article = article_from_html(page({"@graph": [{"@type": "NewsArticle", "datePublished": "9999-12-31"},
                                                 second]}))
    assert article.published == "2021-06-07"
    assert article_from_html(page(first)).published == "2020-01-01"
