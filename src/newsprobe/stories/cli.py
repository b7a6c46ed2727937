"""`newsprobe stories assign FILE.jsonl`: one {"id", "story"} line per good input line, in input order.

The articles are taken in file order, as if they arrived in that order; a bad line gets a coded error
on stderr and the others go on. Story ids are "s1", "s2", ... in order of creation."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from newsprobe.embeddings import SentenceEncoder
from newsprobe.errors import NewsprobeError
from newsprobe.stories.data import Article, read_articles
from newsprobe.stories.pipeline import assign, features


def assign_file(path: Path, out: TextIO, err: TextIO, encoder: SentenceEncoder | None = None) -> int:
    """Write the story lines; return the number of bad lines."""
    read = read_articles(path)
    articles = [item for _, item in read if isinstance(item, Article)]
    stories = iter(assign(features(articles, encoder or SentenceEncoder())) if articles else [])
    bad = 0
    for _, item in read:
        if isinstance(item, NewsprobeError):
            bad += 1
            print(f"error {item}", file=err)
        else:
            print(json.dumps({"id": item.id, "story": f"s{next(stories) + 1}"}, ensure_ascii=False), file=out)
    return bad
