"""Retrain only the technique classifier, on the frozen trunk: `newsprobe train techniques --head-only`.

Steps: parse the PTC articles; run the committed `tagger.onnx` once per article and pool each gold
span's hidden states (cached under .cache/, so a rerun skips the encoder); learn the lexicon prior and
the parse classifier on the training articles only (outside dev and test, copies dropped by
normalised-text hash); fit the head (logistic regression over the pooled states); on dev, choose the
weight of the parse classifier's log-probabilities in the mix with the head's and fit the temperature;
write classifier, lexicon, head and the record. The encoder is not retrained.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from newsprobe.techniques.data import PtcArticle
from newsprobe.techniques.scoring import merge
from newsprobe.techniques.encoder import SpanEncoder
from newsprobe.techniques.head import SpanHead, pool_spans
from newsprobe.techniques.lexicon import lemma_keys
from newsprobe.techniques.linear import LinearModel
from newsprobe.techniques.span_features import ArticleIndex, span_features

CACHE = Path(__file__).parents[3] / ".cache" / "techniques_head"


@dataclass(frozen=True)
class HeadSettings:
    head_c: float = 0.005  # inverse L2 strength over standardised states (dev: see RECIPE_HISTORY.md)
    # "balanced": each class weighted by the inverse of its training frequency, so the rare techniques
    # are not drowned by Loaded_Language (dev TC micro-F1 rose; RECIPE_HISTORY.md); None: unweighted
    class_weight: str | None = "balanced"
    # tried on dev; finer steps where the best weights lie (0.35-0.65 in every run so far)
    parse_weights: tuple[float, ...] = (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.8, 1.0)


def sentences(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []


def _cache_key(model: Path, article: PtcArticle) -> str:
    digest = hashlib.sha256(model.read_bytes()[:1 << 20] + str(model.stat().st_size).encode())
    digest.update(article.text.encode())
    digest.update(json.dumps([(s.start, s.end) for s in article.spans]).encode())
    return digest.hexdigest()[:24]


def pooled_spans(encoder: SpanEncoder, model: Path, docs: list[Doc], articles: list[PtcArticle],
                 log: Callable[[str], None] = print, cache: Path = CACHE) -> list[np.ndarray]:
    """Per article, the pooled trunk states of its gold spans (read from / written to the cache)."""
    cache.mkdir(parents=True, exist_ok=True)
    out = []
    started = time.time()
    for k, (doc, article) in enumerate(zip(docs, articles)):
        path = cache / f"{_cache_key(model, article)}.npy"
        if path.exists():
            out.append(np.load(path))
            continue
        sents = sentences(doc)
        trunk = encoder.run(article.text, np.array([s for s, _ in sents], dtype=np.int64))
        pooled = pool_spans(trunk, [(s.start, s.end) for s in article.spans], sents)
        np.save(path, pooled)
        out.append(pooled)
        if k % 25 == 0:
            log(f"  trunk features {k + 1}/{len(articles)} at {time.time() - started:.0f} s")
    return out


def inside_flags(doc: Doc, article: PtcArticle) -> list[bool]:
    """Per token, whether its first character lies inside a (merged) gold span."""
    merged = merge((s.start, s.end) for s in article.spans)
    starts = np.array([s for s, _ in merged])
    flags = []
    for token in doc:
        k = int(np.searchsorted(starts, token.idx, side="right")) - 1
        flags.append(k >= 0 and token.idx < merged[k][1] and not token.is_space)
    return flags


def fit_lr(rows: list[dict[str, float]], labels: list, c: float) -> LinearModel:
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows).tocsr()
    X.indices, X.indptr = X.indices.astype(np.int32), X.indptr.astype(np.int32)  # liblinear needs 32-bit
    binary = len(set(labels)) == 2  # liblinear is much faster there; multinomial needs lbfgs
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear" if binary else "lbfgs",
                             random_state=0).fit(X, labels)
    return LinearModel.from_sklearn(vectorizer, clf)


def learn_lexicon(docs: list[Doc], articles: list[PtcArticle], min_count: int) -> dict[str, tuple[float, int]]:
    total: Counter[str] = Counter()
    within: Counter[str] = Counter()
    for doc, article in zip(docs, articles):
        keys = lemma_keys(doc)
        total.update(keys)
        within.update(k for k, inside in zip(keys, inside_flags(doc, article)) if inside)
    return {k: (round(within[k] / c, 4), c) for k, c in total.items() if c >= min_count}


def feature_rows(docs: list[Doc], articles: list[PtcArticle], lexicon: dict) -> list[list[dict[str, float]]]:
    """Per article, the parse feature dicts of its gold spans."""
    out = []
    for doc, article in zip(docs, articles):
        index = ArticleIndex(doc)
        out.append([span_features(index, s.start, s.end, lexicon) for s in article.spans])
    return out


def fit_head(inputs: np.ndarray, labels: list[str], c: float, class_weight: str | None = None) -> SpanHead:
    mean = inputs.mean(axis=0)
    scale = inputs.std(axis=0) + 1e-6
    clf = LogisticRegression(C=c, max_iter=2000, random_state=0, class_weight=class_weight).fit(
        (inputs - mean) / scale, labels)
    return SpanHead(mean.astype(np.float32), scale.astype(np.float32), clf.coef_.astype(np.float32),
                    clf.intercept_.astype(np.float32), [str(x) for x in clf.classes_])


def accuracy(head: SpanHead, pooled: np.ndarray, parse: np.ndarray | None, labels: list[str]) -> float:
    return float(np.mean(np.array(head.classes)[head.proba(pooled, parse).argmax(axis=1)] == np.array(labels)))


def choose_parse_weight(head: SpanHead, pooled: np.ndarray, parse: np.ndarray, labels: list[str],
                        weights: tuple[float, ...]) -> float:
    """The weight with the best dev accuracy (ties: the first listed, so the least parse)."""
    scores = []
    for weight in weights:
        head.parse_weight = weight
        scores.append(accuracy(head, pooled, parse, labels))
    head.parse_weight = weights[int(np.argmax(scores))]
    return head.parse_weight


def fit_temperature(head: SpanHead, pooled: np.ndarray, parse: np.ndarray | None, labels: list[str]) -> float:
    """The temperature minimising the dev log loss (bounded: calibration only, the argmax never moves)."""
    y = np.array([head.classes.index(label) for label in labels])

    def loss(t: float) -> float:
        head.temperature = t
        return float(-np.log(head.proba(pooled, parse)[np.arange(len(y)), y] + 1e-12).mean())

    best = minimize_scalar(loss, bounds=(0.25, 8.0), method="bounded").x
    head.temperature = float(best)
    return float(best)


@dataclass
class Prepared:
    """Everything the head is fitted from: per-split inputs and labels, and the parse side's artefacts."""

    classifier: LinearModel  # the parse classifier, fitted on all training spans
    lexicon: dict[str, tuple[float, int]]
    classes: list[str]
    train_pooled: np.ndarray
    train_labels: list[str]
    dev_pooled: np.ndarray
    dev_parse: np.ndarray
    dev_labels: list[str]


def _spans_labels(articles: list[PtcArticle]) -> list[list[str]]:
    return [[s.label for s in a.spans] for a in articles]


def prepare(encoder: SpanEncoder, model: Path, train: tuple[list[Doc], list[PtcArticle]],
            dev: tuple[list[Doc], list[PtcArticle]], classifier_c: float, lexicon_min_count: int,
            log: Callable[[str], None] = print) -> Prepared:
    """Pool the trunk states of the gold spans and fit the parse classifier on the training spans."""
    pooled = {name: pooled_spans(encoder, model, docs, arts, log) for name, (docs, arts) in
              (("train", train), ("dev", dev))}
    lexicon = learn_lexicon(*train, lexicon_min_count)
    rows = feature_rows(*train, lexicon)
    labels = _spans_labels(train[1])
    classes = sorted({y for ys in labels for y in ys})
    classifier = fit_lr([r for rs in rows for r in rs], [y for ys in labels for y in ys], classifier_c)
    log("parse classifier fitted")
    dev_rows = [r for rs in feature_rows(*dev, lexicon) for r in rs]
    dev_parse = np.zeros((len(dev_rows), len(classes)))
    dev_parse[:, [classes.index(c) for c in classifier.classes]] = classifier.proba(dev_rows)
    return Prepared(classifier, lexicon, classes, np.vstack(pooled["train"]), [y for ys in labels for y in ys], np.vstack(pooled["dev"]), dev_parse,
                    [y for ys in _spans_labels(dev[1]) for y in ys])


def fit_on(prepared: Prepared, settings: HeadSettings) -> tuple[SpanHead, float]:
    """The head fitted on the training spans, its parse weight and temperature on dev, and its dev
    accuracy on the gold spans."""
    head = fit_head(prepared.train_pooled, prepared.train_labels, settings.head_c, settings.class_weight)
    if head.classes != prepared.classes:
        raise ValueError(f"head classes {head.classes} differ from the parse side's {prepared.classes}")
    dev = (prepared.dev_pooled, prepared.dev_parse, prepared.dev_labels)
    choose_parse_weight(head, *dev, settings.parse_weights)
    fit_temperature(head, *dev)
    return head, accuracy(head, *dev)


def train_head(out: Path, data: Path | None = None, settings: HeadSettings = HeadSettings(),
               log: Callable[[str], None] = print) -> dict:
    """Refit lexicon, parse classifier and head in `out` (its tagger.onnx kept), score dev, update the record."""
    import spacy

    from newsprobe.config import load_options
    from newsprobe.evaluate.techniques import score_docs
    from newsprobe.techniques.data import PTC_TRAIN, data_root, final_test_ids, read_folder, split, training_articles
    from newsprobe.techniques.predictor import TechniquePredictor

    started = time.time()
    record = json.loads((out / "settings.json").read_text(encoding="utf-8"))
    articles = read_folder(Path(data) if data else data_root() / PTC_TRAIN)
    train, dropped = training_articles(articles)
    dev = split(articles, "dev")
    nlp = spacy.load(load_options().spacy_model)
    train_docs = list(nlp.pipe((a.text for a in train), batch_size=16))
    dev_docs = list(nlp.pipe((a.text for a in dev), batch_size=16))
    log(f"parsed {len(train)} training and {len(dev)} dev articles at {time.time() - started:.0f} s")
    model = out / "tagger.onnx"
    prepared = prepare(SpanEncoder(model), model, (train_docs, train), (dev_docs, dev),
                       record["settings"]["classifier_c"], record["settings"]["lexicon_min_count"], log)
    head, accuracy_ = fit_on(prepared, settings)
    log(f"head fitted at {time.time() - started:.0f} s; dev accuracy on gold spans {accuracy_:.4f}")
    prepared.classifier.save(out / "classifier")
    (out / "lexicon.json").write_text(json.dumps(prepared.lexicon, ensure_ascii=False), encoding="utf-8")
    head.save(out / "head")
    record["dev"] = score_docs(TechniquePredictor(out), dev_docs, dev)
    record["head"] = {
        "settings": asdict(settings), "parse_weight": head.parse_weight,
        "temperature": round(head.temperature, 4), "dev_accuracy": round(accuracy_, 4),
        "data": {"train_articles": len(train), "train_spans": len(prepared.train_labels),
                 "dev_articles": len(dev), "test_articles": len(final_test_ids()),
                 "dropped_copies": sorted(a.id for a in dropped)},
        "seconds": round(time.time() - started)}
    (out / "settings.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    log(f"done in {record['head']['seconds']} s; dev TC micro-F1 {record['dev']['tc_micro_f1']:.4f}")
    return record


def head_and_document(out: Path | None = None, data: Path | None = None) -> dict:
    """`newsprobe train techniques --head-only`: refit the head in `out` and re-render its card."""
    from newsprobe.errors import Code, NewsprobeError
    from newsprobe.techniques.card import render
    from newsprobe.techniques.predictor import MODEL_DIR

    out = Path(out) if out else MODEL_DIR
    if not (out / "tagger.onnx").is_file() or not (out / "settings.json").is_file():
        raise NewsprobeError(Code.TECH_HEAD_NO_TRUNK, f"{out}: needs tagger.onnx and settings.json "
                                                      "(train the full model first)")
    record = train_head(out, data)
    (out / "MODEL_CARD.md").write_text(render(record), encoding="utf-8")
    return record
