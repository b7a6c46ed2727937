"""Train the techniques model from the PTC datathon v5 articles, on the CPU, in one command.

Steps: parse with the configured spaCy model; learn the lexicon prior and the sentence prior
(cross-fitted on the training articles so the tagger sees honest values); train the CRF span tagger
and the technique classifier; on the committed dev split, fit the confidence calibration and pick
the tagger threshold; score dev and write the artefact with its model card.
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
import pycrfsuite
import spacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from newsprobe.config import load_options
from newsprobe.techniques.data import PTC_TRAIN, PtcArticle, data_root, dev_ids, read_folder
from newsprobe.techniques.features import doc_features, lemma_keys, lexicon_without
from newsprobe.techniques.linear import LinearModel
from newsprobe.techniques.predictor import MODEL_DIR, TechniquePredictor
from newsprobe.techniques.scoring import merge
from newsprobe.techniques.sentences import sentence_labels, sentence_rows
from newsprobe.techniques.span_features import ArticleIndex, span_features


@dataclass(frozen=True)
class Settings:
    crf_c1: float = 0.05
    crf_c2: float = 0.01
    crf_iterations: int = 150
    classifier_c: float = 3.0
    sentence_c: float = 2.0
    sentence_folds: int = 5
    lexicon_min_count: int = 2
    vectors: bool = False  # the parse's tok2vec vectors as tagger features (+0.005 SI F1, half the speed)
    thresholds: tuple[float, ...] = (0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2)


def bio_tags(doc: Doc, article: PtcArticle) -> list[str]:
    """B/I/O per token against the merged gold spans (a token is inside if its first char is)."""
    merged = merge((s.start, s.end) for s in article.spans)
    tags, previous, k = [], None, 0
    for token in doc:
        while k < len(merged) and merged[k][1] <= token.idx:
            k += 1
        hit = k if k < len(merged) and merged[k][0] <= token.idx and not token.is_space else None
        tags.append("O" if hit is None else ("I" if hit == previous else "B"))
        previous = hit
    return tags


def _fit_lr(rows: list[dict[str, float]], labels: list, c: float) -> LinearModel:
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows).tocsr()
    X.indices, X.indptr = X.indices.astype(np.int32), X.indptr.astype(np.int32)  # liblinear needs 32-bit
    binary = len(set(labels)) == 2  # liblinear is much faster there; multinomial needs lbfgs
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear" if binary else "lbfgs",
                             random_state=0).fit(X, labels)
    return LinearModel.from_sklearn(vectorizer, clf)


def _sentence_priors(docs: list[Doc], articles: list[PtcArticle], train: list[int],
                     settings: Settings) -> tuple[LinearModel, dict[int, list[float]]]:
    """Final sentence model, and out-of-fold token priors for the training articles."""
    sents = {i: list(docs[i].sents) for i in range(len(docs))}
    rows = {i: sentence_rows(sents[i]) for i in sents}
    ys = {i: sentence_labels(sents[i], [(s.start, s.end) for s in articles[i].spans]) for i in sents}

    def fit(ids: list[int]) -> LinearModel:
        return _fit_lr([r for i in ids for r in rows[i]], [y for i in ids for y in ys[i]], settings.sentence_c)

    def token_priors(model: LinearModel, i: int) -> list[float]:
        out = [0.0] * len(docs[i])
        for sent, p in zip(sents[i], model.proba(rows[i])[:, 1] if rows[i] else []):
            out[sent.start:sent.end] = [float(p)] * (sent.end - sent.start)
        return out

    priors: dict[int, list[float]] = {}
    k = settings.sentence_folds
    for fold in range(k):
        held = set(train[fold::k])
        model = fit([i for i in train if i not in held])
        priors.update({i: token_priors(model, i) for i in held})
    return fit(train), priors


def train_model(out: Path = MODEL_DIR, data: Path | None = None, settings: Settings = Settings(),
                log: Callable[[str], None] = print) -> dict:
    started = time.time()
    folder = Path(data) if data else data_root() / PTC_TRAIN
    articles = read_folder(folder)
    dev = dev_ids()
    train = [i for i, a in enumerate(articles) if a.id not in dev]
    held = [i for i, a in enumerate(articles) if a.id in dev]
    nlp = spacy.load(load_options().spacy_model)
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    log(f"parsed {len(docs)} articles in {time.time() - started:.0f} s")

    lemmas = [lemma_keys(d) for d in docs]
    tags = [bio_tags(d, a) for d, a in zip(docs, articles)]
    inside = [[t != "O" for t in ts] for ts in tags]
    total, within = Counter(), Counter()
    for i in train:
        total.update(lemmas[i])
        within.update(l for l, f in zip(lemmas[i], inside[i]) if f)
    lexicon = {l: (round(within[l] / c, 4), c) for l, c in total.items() if c >= settings.lexicon_min_count}

    sentence_model, priors = _sentence_priors(docs, articles, train, settings)
    log(f"sentence prior fitted at {time.time() - started:.0f} s")

    trainer = pycrfsuite.Trainer(verbose=False)
    for i in train:
        own = lexicon_without((total, within), lemmas[i], inside[i])
        trainer.append(doc_features(docs[i], own, lemmas[i], settings.vectors, priors[i]), tags[i])
    trainer.set_params({"c1": settings.crf_c1, "c2": settings.crf_c2,
                        "max_iterations": settings.crf_iterations, "feature.possible_transitions": True})
    out.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out / "tagger.crfsuite"))
    log(f"span tagger trained at {time.time() - started:.0f} s")

    rows, labels = [], []
    for i in train:
        index = ArticleIndex(docs[i])
        for span in articles[i].spans:
            rows.append(span_features(index, span.start, span.end, lexicon))
            labels.append(span.label)
    classifier = _fit_lr(rows, labels, settings.classifier_c)
    log(f"technique classifier trained at {time.time() - started:.0f} s")

    sentence_model.save(out / "sentence")
    classifier.save(out / "classifier")
    (out / "lexicon.json").write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")
    provisional = {"token_threshold": 0.2, "min_confidence": 0.0, "calibration": [1.0, 0.0],
                   "settings": asdict(settings)}
    (out / "settings.json").write_text(json.dumps(provisional), encoding="utf-8")

    from newsprobe.evaluate.techniques import tune_on_dev  # late: it needs the saved model

    tuned = tune_on_dev(TechniquePredictor(out), [docs[i] for i in held], [articles[i] for i in held],
                        settings.thresholds)
    record = {
        "token_threshold": tuned["threshold"],
        "min_confidence": tuned["min_confidence"],
        "calibration": tuned["calibration"],
        "settings": asdict(settings),
        "data": {"folder": str(folder.name), "sha256": data_hash(folder),
                 "train_articles": len(train), "dev_articles": len(held),
                 "train_spans": sum(len(articles[i].spans) for i in train)},
        "spacy_model": load_options().spacy_model,
        "dev": tuned["scores"],
        "seconds": round(time.time() - started),
    }
    (out / "settings.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    log(f"done in {record['seconds']} s")
    return record


def data_hash(folder: Path) -> str:
    """sha256 over the sorted names and bytes of the .txt and .labels files used."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".labels"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _card(record: dict, command: str) -> str:
    dev, data, s = record["dev"], record["data"], record["settings"]
    si, sl = dev["si"], dev["span_label"]
    rows = "\n".join(
        f"| {label} | {v['tc']['f1']:.3f} | {v['tc']['gold']} | {v['span_label']['f1']:.3f} |"
        for label, v in dev["per_technique"].items())
    return f"""# newsprobe techniques model

Span identification + technique classification with the 14 labels of SemEval-2020 Task 11.
No PyTorch: a linear-chain CRF (python-crfsuite) tags tokens inside/outside technique spans, and a
multinomial logistic regression (trained with scikit-learn, stored as arrays) labels each span.

## Data
- `ptc-datathon-v5/tasks-2-3/{data['folder']}` (Hack the News Datathon v5, CC BY 3.0), sha256 of its
  .txt and .labels files in name order: `{data['sha256']}`
- 18 labels mapped to the 14 of SemEval-2020 (Bandwagon + Reductio_ad_hitlerum merged; Whataboutism,
  Straw_Men, Red_Herring merged; Obfuscation dropped); the span past the end of article776368676 clipped.
- Split: `dev_articles.txt` lists the {data['dev_articles']} dev articles (15%: the smallest
  sha256("newsprobe-techniques-dev-v1:<id>")); never trained on. Train: {data['train_articles']} articles,
  {data['train_spans']} spans.

## Model
- Tokens and parse: `{record['spacy_model']}` (the pipeline's own parse; nothing re-parsed).
- Tagger features: word, lemma, POS, tag, dependency, head, shape, suffix, entity type, +-2 words,
  bigrams, position in sentence, quotes, sentence mood (! ?), title line, repetition of the lemma and
  of the word pair in the article, a lexicon prior (share of a lemma's training occurrences inside
  spans; leave-one-article-out while training) and a sentence prior (logistic regression over the
  sentence's words and bigrams; {s['sentence_folds']}-fold cross-fitted while training).
- CRF: c1={s['crf_c1']}, c2={s['crf_c2']}, {s['crf_iterations']} L-BFGS iterations. Spans are runs of tokens whose
  marginal P(inside) > {record['token_threshold']} (threshold picked on dev from {s['thresholds']}:
  best SI F1, near-ties to precision).
- Classifier: logistic regression C={s['classifier_c']} over span words, lemmas, bigrams, first/last word,
  POS, entities, length, share of the sentence, the sentence's words, 3 words either side,
  repetition of the span text and its words in the article, quotes, ! and ?, capitals, title line.
- Confidence: Platt-calibrated span score (a={record['calibration'][0]:.3f}, b={record['calibration'][1]:.3f},
  fitted on dev against each span's overlap with gold) times the label probability.

## Dev figures ({dev['articles']} articles; threshold and calibration were set on this split)
- SI (SemEval-2020 partial overlap, overlaps merged): P {si['precision']:.4f}  R {si['recall']:.4f}  F1 {si['f1']:.4f}
- TC micro-F1 on the gold spans: {dev['tc_micro_f1']:.4f}
- Span + label (partial overlap within a technique): P {sl['precision']:.4f}  R {sl['recall']:.4f}  F1 {sl['f1']:.4f}

| technique | TC F1 | gold spans | span+label F1 |
|---|---|---|---|
{rows}

## Reproduce
`{command}` — {record['seconds']} s on this machine's CPU (2 shared cores).
"""


def train_and_document(out: Path | None = None, data: Path | None = None) -> dict:
    out = Path(out) if out else MODEL_DIR
    record = train_model(out, data)
    if out.resolve() != MODEL_DIR.resolve() and DEV_LIST_NAME not in {p.name for p in out.iterdir()}:
        (out / DEV_LIST_NAME).write_text((MODEL_DIR / DEV_LIST_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(_card(record, "newsprobe train techniques"), encoding="utf-8")
    return record


DEV_LIST_NAME = "dev_articles.txt"
