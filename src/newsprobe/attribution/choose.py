"""Choose the attributions head's decoding on PolNeAR dev and write it to settings.json.

`python -m newsprobe.attribution.choose DEV [--cache FILE]`: one pipeline pass over the dev split
keeps, per article, the head's tag probabilities, the parse's layout and the rules' attributions
(`--cache` keeps them in a pickle for the next run); then each decoding setting is chosen in turn,
the others held, by the mean exact F1 over Source, Cue and Content (learned.py `Decoding`):
content bridging, the sentence-end floor and source chunks in mode `learned`, then which finder each
role comes from in mode `per_role`. Rerun after retraining the head: the choice follows the weights.
Dev is for choosing; the figures it leads to are optimistic.
"""
from __future__ import annotations

import itertools
import json
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsprobe.attribution.boundaries import Layout
from newsprobe.attribution.learned import MODEL_DIR, ROLES, Decoding, decode, merge
from newsprobe.evaluate.attributions import Counts, figures, score_doc, trim
from newsprobe.evaluate.brat import Record

BRIDGES = ((0, 0.0), (5, 0.15), (10, 0.05), (10, 0.15), (10, 0.3), (20, 0.15))
SENTENCE_FLOORS = (2.0, 0.5, 0.4, 0.3, 0.2, 0.1)


@dataclass
class DevArticle:
    text: str
    gold: list[Record]
    starts: np.ndarray
    ends: np.ndarray
    probs: np.ndarray
    layout: Layout
    rules: list[tuple[str, Record]]


def collect(dev: Path) -> list[DevArticle]:
    """One pipeline pass over a PolNeAR split: what decoding needs, per article."""
    from newsprobe.attribution.extract import TextIndex, extract
    from newsprobe.attribution.quotes import find_quotes
    from newsprobe.evaluate.polnear import load_split
    from newsprobe.pipeline import load_pipeline
    from newsprobe.pipeline.attributions import AttributionsComponent, _record, layout_of
    from newsprobe.pipeline.extensions import TRUNK

    articles = load_split(dev)
    nlp = load_pipeline()
    component = nlp.get_pipe("newsprobe_attributions")
    assert isinstance(component, AttributionsComponent)
    component.mode = "learned"  # the head's mode: the trunk pass is kept for it
    head = component.head
    out = []
    for (_, text, gold), doc in zip(articles, nlp.pipe(text for _, text, _ in articles)):
        trunk = getattr(doc._, TRUNK)
        index = TextIndex(doc, component.rules.lexicon, find_quotes(text, component.rules.marks))
        out.append(DevArticle(text, gold, trunk.starts, trunk.ends, head.probs(trunk.hidden), layout_of(doc, index),
                              [(f.kind, _record(f)) for f in extract(index)]))
    return out


def score(articles: list[DevArticle], decoding: Decoding, mode: str) -> dict[str, dict[str, float]]:
    counts = {role: Counts() for role in ROLES}
    for a in articles:
        learned = decode(a.text, a.starts, a.ends, a.probs, decoding, a.layout)
        predicted = merge(learned, a.rules, mode, dict(decoding.role_from))
        score_doc(trim(predicted, a.text), trim(a.gold, a.text), counts)
    return figures(counts)


def mean_exact(result: dict[str, dict[str, float]]) -> float:
    return sum(result[f"{role}/exact"]["f1"] for role in ROLES) / len(ROLES)


def _best(articles: list[DevArticle], options: list[Decoding], mode: str, log: Callable[[str], None] = print) -> Decoding:
    """The option of highest mean exact F1 (the first among equals)."""
    scored = []
    for option in options:
        result = score(articles, option, mode)
        scored.append((mean_exact(result), option))
        log(f"{mode:9} {mean_exact(result):.4f}  " + "  ".join(
            f"{role} {result[f'{role}/exact']['f1']:.3f}" for role in ROLES) + f"  {option.settings()}")
    return max(scored, key=lambda pair: pair[0])[1]


def choose(articles: list[DevArticle], log: Callable[[str], None] = print) -> Decoding:
    """Each setting in turn, the others held (see the module doc)."""
    best = Decoding()
    best = _best(articles, [replace(best, bridge=b, floor=f) for b, f in BRIDGES], "learned", log)
    best = _best(articles, [replace(best, sentence_floor=t) for t in SENTENCE_FLOORS], "learned", log)
    best = _best(articles, [replace(best, chunks=c) for c in (False, True)], "learned", log)
    combos = itertools.product(("learned", "rules"), repeat=len(ROLES))
    return _best(articles, [replace(best, role_from=tuple(zip(ROLES, combo))) for combo in combos], "per_role", log)


def write_settings(decoding: Decoding, model: Path = MODEL_DIR) -> None:
    """The decoding keys of settings.json replaced; its other keys kept."""
    path = model / "settings.json"
    settings = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    settings.update(decoding.settings())
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--cache"):
        print("usage: python -m newsprobe.attribution.choose DEV_FOLDER [--cache FILE]", file=sys.stderr)
        return 2
    cache = Path(argv[2]) if len(argv) == 3 else None
    if cache is not None and cache.exists():
        articles = pickle.loads(cache.read_bytes())
    else:
        articles = collect(Path(argv[0]))
        if cache is not None:
            cache.write_bytes(pickle.dumps(articles))
    decoding = choose(articles)
    write_settings(decoding)
    print(f"chosen: {decoding.settings()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
