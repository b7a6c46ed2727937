"""RSS and Atom feeds: items become articles; a feed that is not XML is one NP411; --fetch goes through fetch."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import read_inputs, read_one
from newsprobe.ingest.feeds import articles_from_feed

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title><link>https://wire.example.org/</link>
<item><title>Talks resume</title><link>https://wire.example.org/talks</link>
<pubDate>Sun, 02 Jan 2022 10:00:00 GMT</pubDate><dc:creator>Sara Ahmadi</dc:creator>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Talks resumed in Vienna on Saturday.</p><p>Both sides said progress was made.</p>]]></content:encoded>
</item>
<item><title>Only a summary</title><link>https://wire.example.org/summary</link>
<pubDate>Mon, 03 Jan 2022 08:00:00 GMT</pubDate>
<description>&lt;b&gt;Markets&lt;/b&gt; fell sharply.</description></item>
<item><title>Empty</title><link>https://wire.example.org/empty</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title>Harvest report</title><link href="https://atom.example.org/harvest"/>
<updated>2022-02-03T12:00:00Z</updated><author><name>Li Wei</name></author>
<content type="html">&lt;p&gt;The harvest failed this year.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_become_articles() -> None:
    results = list(articles_from_feed(RSS, "wire.rss"))
    assert [source for source, _ in results] == ["https://wire.example.org/talks", "https://wire.example.org/summary",
                                                 "https://wire.example.org/empty"]
    talks, summary, empty = (result for _, result in results)
    assert talks.text == "Talks resumed in Vienna on Saturday.\n\nBoth sides said progress was made."
    assert (talks.title, talks.outlet, talks.published, talks.authors) == \
        ("Talks resume", "Example Wire", "2022-01-02", ["Sara Ahmadi"])
    assert talks.url == "https://wire.example.org/talks"
    assert summary.text == "Markets fell sharply."
    assert isinstance(empty, NewsprobeError) and empty.code is Code.EMPTY


def test_atom_entry() -> None:
    [(_, article)] = list(articles_from_feed(ATOM, "a.atom"))
    assert (article.text, article.outlet, article.published, article.authors) == \
        ("The harvest failed this year.", "Atom Daily", "2022-02-03", ["Li Wei"])


def test_fetch_uses_the_item_pages_and_feed_dates() -> None:
    asked: list[str] = []

    def fetch(url: str) -> tuple[bytes, str]:
        asked.append(url)
        body = "<p>" + " ".join(["The full story of the talks, told at length."] * 8) + "</p>"
        return f"<html><head><title>Page</title></head><body><article>{body}</article></body></html>".encode(), url

    results = [r for _, r in articles_from_feed(RSS, "wire.rss", fetch)]
    assert asked == ["https://wire.example.org/talks", "https://wire.example.org/summary",
                     "https://wire.example.org/empty"]
    assert results[0].text.startswith("The full story of the talks")
    assert results[0].published == "2022-01-02" and results[0].outlet == "Example Wire"


@pytest.mark.parametrize("data", [b"just some text", b"<html><body>x</body></html>", b"<rss><channel><title>x"])
def test_a_feed_that_is_not_xml_is_np411(data: bytes) -> None:
    with pytest.raises(NewsprobeError) as caught:
        list(articles_from_feed(data, "bad.rss"))
    assert caught.value.code is Code.BAD_FEED


def test_a_truncated_feed_keeps_what_can_be_salvaged() -> None:
    # feedparser's lenient parser recovers items from broken XML, as real feeds often are.
    [(_, result)] = list(articles_from_feed(RSS[:RSS.index(b"<item><title>Only")], "cut.rss"))
    assert result.title == "Talks resume"


def test_read_one_sniffs_feeds_by_suffix_and_content(tmp_path: Path) -> None:
    (tmp_path / "wire.xml").write_bytes(RSS)
    (tmp_path / "noext").write_bytes(ATOM)
    assert len(list(read_one(str(tmp_path / "wire.xml"), Options()))) == 3
    [(_, article)] = list(read_one(str(tmp_path / "noext"), Options()))
    assert article.outlet == "Atom Daily"


def test_a_bad_feed_in_a_batch_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_bytes(b"not a feed at all")
    (tmp_path / "b.atom").write_bytes(ATOM)
    results = list(read_inputs([str(tmp_path)], Options()))
    assert isinstance(results[0][1], NewsprobeError) and results[0][1].code is Code.BAD_FEED
    assert results[0][0] == str(tmp_path / "a.rss")
    assert results[1][1].title == "Harvest report"
