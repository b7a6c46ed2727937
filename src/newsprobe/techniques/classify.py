"""Label given spans with techniques (SemEval-2020 TC format: id<TAB>?<TAB>start<TAB>end).

A bad line never stops the run: it gets one coded error (unreadable NP502, unknown article NP504,
outside the text NP506, overlapping an earlier span of its article NP507, empty NP508) and every
other line is classified. The same span listed again is not an overlap: TC lists a span once per
technique, and each repeat gets the next most probable label.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError

SpanLine = tuple[str, int, int]


@dataclass
class Classified:
    lines: list[str] = field(default_factory=list)  # the classified lines, in input order
    errors: list[NewsprobeError] = field(default_factory=list)  # one per bad line, in input order


@dataclass(frozen=True)
class _Read:
    number: int
    raw: str
    parsed: SpanLine | NewsprobeError


def _parse(number: int, line: str) -> _Read:
    parts = line.split("\t")
    try:
        article, start, end = parts[0].strip(), int(parts[2]), int(parts[3])
    except (IndexError, ValueError):
        return _Read(number, line, NewsprobeError(Code.TECH_BAD_SPANS, f"line {number}: {line!r}"))
    if not article:
        return _Read(number, line, NewsprobeError(Code.TECH_BAD_SPANS, f"line {number}: {line!r}"))
    return _Read(number, line, (article, start, end))


def read_span_lines(path: Path) -> list[_Read]:
    """Every non-empty line, parsed or with its NP502 error."""
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    return [_parse(number, line)
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]


def span_error(number: int, span: SpanLine, text: str, earlier: list[tuple[int, int]]) -> NewsprobeError | None:
    """Why span `number` cannot be classified in `text`, given the article's earlier good spans."""
    article, start, end = span
    where = f"line {number}: article{article} {start}-{end}"
    if start < 0 or end > len(text) or start > len(text):
        return NewsprobeError(Code.TECH_SPAN_OUTSIDE, f"{where} (text length {len(text)})")
    if start >= end or not text[start:end].strip():
        return NewsprobeError(Code.TECH_SPAN_EMPTY, where)
    for s, e in earlier:
        if (s, e) != (start, end) and s < end and start < e:
            return NewsprobeError(Code.TECH_SPAN_OVERLAP, f"{where} overlaps {s}-{e}")
    return None


def _texts(articles_dir: Path, ids: set[str]) -> dict[str, str]:
    texts = {}
    for article in ids:
        path = articles_dir / f"article{article}.txt"
        if path.is_file():
            texts[article] = path.read_text(encoding="utf-8")
    return texts


def check_lines(articles_dir: Path, read: list[_Read]) -> tuple[dict[int, SpanLine], dict[int, NewsprobeError]]:
    """(good spans, errors), both by position in `read`."""
    texts = _texts(articles_dir, {r.parsed[0] for r in read if not isinstance(r.parsed, NewsprobeError)})
    good: dict[int, SpanLine] = {}
    errors: dict[int, NewsprobeError] = {}
    earlier: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, r in enumerate(read):
        span = r.parsed
        if isinstance(span, NewsprobeError):
            errors[k] = span
            continue
        article = span[0]
        if article not in texts:
            errors[k] = NewsprobeError(Code.TECH_UNKNOWN_ARTICLE, f"{article} (line {r.number})")
            continue
        problem = span_error(r.number, span, texts[article], earlier[article])
        if problem:
            errors[k] = problem
        else:
            good[k] = span
            earlier[article].append(span[1:])
    return good, errors


def classify_file(articles_dir: Path, spans_file: Path, nlp=None, predictor=None) -> Classified:  # noqa: ANN001
    """The good span lines with the predicted technique in the second column, and one coded error
    per bad line."""
    import spacy

    from newsprobe.config import load_options
    from newsprobe.evaluate.techniques import classify_spans
    from newsprobe.techniques.predictor import TechniquePredictor

    read = read_span_lines(spans_file)
    good, errors = check_lines(articles_dir, read)
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, (article, _, _) in good.items():
        by_article[article].append(k)
    labels: dict[int, str] = {}
    if by_article:
        texts = _texts(articles_dir, set(by_article))
        predictor = predictor or TechniquePredictor()
        nlp = nlp or spacy.load(load_options().spacy_model)
        ids = list(by_article)
        for article, doc in zip(ids, nlp.pipe((texts[a] for a in ids), batch_size=16)):
            rows = by_article[article]
            found = classify_spans(predictor, doc, [good[k][1:] for k in rows])
            labels.update(zip(rows, found))
    return Classified([f"{a}\t{labels[k]}\t{s}\t{e}" for k, (a, s, e) in sorted(good.items())],
                      [errors[k] for k in sorted(errors)])
