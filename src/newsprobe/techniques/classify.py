"""Label given spans with techniques (SemEval-2020 TC format: id<TAB>?<TAB>start<TAB>end)."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError

SpanLine = tuple[str, int, int]


def read_span_lines(path: Path) -> list[SpanLine]:
    """(article id, start, end) per non-empty line; bad lines raise NP502."""
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            article, start, end = parts[0].strip(), int(parts[2]), int(parts[3])
        except (IndexError, ValueError) as exc:
            raise NewsprobeError(Code.TECH_BAD_SPANS, f"line {number}: {line!r}") from exc
        if not article or not 0 <= start < end:
            raise NewsprobeError(Code.TECH_BAD_SPANS, f"line {number}: {line!r}")
        out.append((article, start, end))
    return out


def classify_file(articles_dir: Path, spans_file: Path, nlp=None, predictor=None) -> list[str]:  # noqa: ANN001
    """The span lines with the predicted technique in the second column, in input order."""
    import spacy

    from newsprobe.config import load_options
    from newsprobe.evaluate.techniques import classify_spans
    from newsprobe.techniques.predictor import TechniquePredictor

    lines = read_span_lines(spans_file)
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, (article, _, _) in enumerate(lines):
        by_article[article].append(k)
    texts = {}
    for article in by_article:
        path = articles_dir / f"article{article}.txt"
        if not path.is_file():
            raise NewsprobeError(Code.TECH_UNKNOWN_ARTICLE, article)
        texts[article] = path.read_text(encoding="utf-8")
        for k in by_article[article]:
            if lines[k][2] > len(texts[article]):
                raise NewsprobeError(Code.TECH_BAD_SPANS, f"span {lines[k][1]}-{lines[k][2]} past the end "
                                                          f"of article{article}.txt")
    predictor = predictor or TechniquePredictor()
    nlp = nlp or spacy.load(load_options().spacy_model)
    labels: dict[int, str] = {}
    ids = list(by_article)
    for article, doc in zip(ids, nlp.pipe((texts[a] for a in ids), batch_size=16)):
        rows = by_article[article]
        found = classify_spans(predictor, doc, [(lines[k][1], lines[k][2]) for k in rows])
        labels.update(zip(rows, found))
    return [f"{a}\t{labels[k]}\t{s}\t{e}" for k, (a, s, e) in enumerate(lines)]
