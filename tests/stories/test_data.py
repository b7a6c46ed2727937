"""Article lines for story assignment: bad lines are coded errors, in place, and the others are read."""
from __future__ import annotations

import pytest

from newsprobe.errors import Code, NewsprobeError
from newsprobe.stories.data import Article, parse_article, read_articles


def test_good_line_with_optional_fields():
    article = parse_article('{"id": 7, "text": "Body.", "title": "Head", "date": "2024-01-02", "url": null}')
    assert article == Article("7", "Body.", "Head", "2024-01-02", "")


@pytest.mark.parametrize("line, why", [
    ("{not json", "not JSON"),
    ('["id", "text"]', "not a JSON object"),
    ('{"text": "no id"}', "no 'id'"),
    ('{"id": "", "text": "empty id"}', "no 'id'"),
    ('{"id": "a"}', "no 'text'"),
    ('{"id": "a", "text": 5}', "no 'text'"),
    ('{"id": "a", "text": " ", "title": ""}', "empty text and title"),
])
def test_bad_lines(line, why):
    with pytest.raises(NewsprobeError) as bad:
        parse_article(line)
    assert bad.value.code == Code.STORY_BAD_LINE
    assert why in str(bad.value)


def test_read_keeps_file_order_and_line_numbers(tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b'{"id": "a", "text": "One."}\n\n\xff\xfe\n{"id": "b", "text": null, "title": "Two"}\n')
    read = read_articles(path)
    assert [number for number, _ in read] == [1, 3, 4]
    assert isinstance(read[1][1], NewsprobeError) and read[1][1].source.endswith(":3")
    assert read[2][1].title == "Two"
