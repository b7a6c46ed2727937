"""A stand-in for the pipeline in worker processes: "sleep 3" as text takes 3 s, anything else answers at once.

The pool's tests use it to control how long an analysis runs without loading spaCy in every worker."""
from __future__ import annotations

import time
from collections.abc import Callable

from newsprobe.config import Options
from newsprobe.model import Analysis, Article


def slow_analyser(_options: Options) -> Callable[[Article, str], Analysis]:
    def analyse(article: Article, source: str) -> Analysis:
        words = article.text.split()
        if len(words) == 2 and words[0] == "sleep":
            time.sleep(float(words[1]))
        return Analysis(source=source, article=article)

    return analyse
