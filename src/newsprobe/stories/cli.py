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


def list_stories(db: str | None, out: TextIO, limit: int = 50) -> None:
    """`newsprobe stories list`: one line per story, largest first: id, articles, date span, outlets."""
    from newsprobe.store import Store
    from newsprobe.store.stories import story_list

    with Store(db, read_only=None) as store:
        for row in story_list(store, limit):
            span = f"{row['first'] or '?'}..{row['last'] or '?'}"
            print(f"{row['story']}\t{row['articles']} articles\t{span}\t{', '.join(row['outlets'])}", file=out)


def show_story(db: str | None, story: int, out: TextIO) -> None:
    """`newsprobe stories show ID`: the story's articles in time order, then its outlets side by side."""
    from newsprobe.store import Store
    from newsprobe.store.stories import story_articles, story_outlets

    with Store(db, read_only=None) as store:
        members, outlets = story_articles(store, story), story_outlets(store, story)
    print(f"story {story}: {len(members)} articles", file=out)
    for row in members:
        print(f"  {row['published'] or '?'}\t{row['outlet'] or '-'}\t{row['id']}\t{row['title'] or ''}", file=out)
    for row in outlets:
        speakers = ", ".join(f"{s['name']} ({s['quotes']})" for s in row["speakers"][:5]) or "-"
        voices = ", ".join(f"{voice} {count}" for voice, count in row["claims"].items())
        print(f"{row['outlet'] or '-'}: {row['articles']} articles, {row['words']} words; speakers {speakers}; "
              f"claims {voices}; techniques {row['techniques_per_1000_words']} per 1,000 words", file=out)
