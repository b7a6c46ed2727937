"""Train the techniques model from the PTC datathon v5 articles, on the CPU, in one command.

Steps: parse with the configured spaCy model; fine-tune the span encoder (MiniLM's first layers as a
token tagger, exported to ONNX); learn the lexicon prior and train the technique classifier; on the
committed dev split, pick the span threshold and fit the confidence calibration; fit the technique
head on the new trunk's hidden states (train/technique_head.py); score dev and write the artefact
with its model card. Needs the `train` extra (PyTorch, transformers, onnx).
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
from tokenizers import Tokenizer

from newsprobe.config import load_options
from newsprobe.techniques.card import render as render_card
from newsprobe.techniques.data import (PTC_TRAIN, PtcArticle, data_root, dev_ids, read_folder, final_test_ids,
                                      training_articles)
from newsprobe.techniques.predictor import MODEL_DIR, TechniquePredictor
from newsprobe.techniques.scoring import merge
from newsprobe.techniques.span_features import ArticleIndex, span_features
from newsprobe.techniques.wordpieces import encode, encoder_folder, load_tokenizer, piece_labels, special_ids
from newsprobe.train.encoder import AuxiliaryTask, EncoderSettings, export_onnx, train_tagger
from newsprobe.train.technique_head import fit_lr, learn_lexicon, train_head


SEEDS = (0.0, 0.45, 0.5, 0.55, 0.6)


@dataclass(frozen=True)
class Settings:
    encoder: EncoderSettings = EncoderSettings()
    classifier_c: float = 3.0
    lexicon_min_count: int = 2
    bridge_tokens: int = 3  # gaps bridged inside a span (dev SI F1 0.388 -> 0.413 at 3; flat beyond)
    thresholds: tuple[float, ...] = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)
    seeds: tuple[float, ...] = SEEDS  # hysteresis: a span needs one token above this (0: none)
    # Train the trunk on PolNeAR's attribution roles too (one shared encoder for both layers);
    # 0 trains it on technique spans alone.
    attributions_weight: float = 0.0
    attributions_epochs: int | None = None  # the roles in the first this many epochs only (None: every epoch)


POLNEAR = "polnear-train-dev"


def attributions_task(tokenizer: Tokenizer, weight: float, log: Callable[[str], None] = print,
                      folder: Path | None = None, epochs: int | None = None) -> AuxiliaryTask:
    """PolNeAR train, less copies (by normalised text) of its dev articles, as piece ids and O/B-/I- role
    tags, with a fresh attributions head (train/attributions.py) to learn them on the shared trunk."""
    from newsprobe.evaluate.attributions import trim
    from newsprobe.evaluate.polnear import load_split, without_duplicates
    from newsprobe.train.attributions import Head, HeadSettings, piece_tags

    folder = folder or data_root() / POLNEAR
    everything = load_split(folder / "train")
    train = without_duplicates(everything, load_split(folder / "dev"))
    log(f"attributions: {len(train)} PolNeAR train articles ({len(everything) - len(train)} copies of dev dropped)")
    data = []
    for _, text, gold in train:
        pieces = encode(tokenizer, text)
        data.append((pieces.ids, piece_tags(pieces.starts, trim(gold, text))))
    return AuxiliaryTask(data, Head(HeadSettings()), weight, epochs)


def _train_encoder(articles: list[PtcArticle], train: list[int], out: Path, settings: Settings,
                   log: Callable[[str], None]) -> None:
    """Fine-tune the span encoder on the training articles and write `tagger.onnx`."""
    tokenizer = load_tokenizer()
    data = []
    for i in train:
        pieces = encode(tokenizer, articles[i].text)
        data.append((pieces.ids, piece_labels(pieces, merge((s.start, s.end) for s in articles[i].spans))))
    cls, sep = special_ids(tokenizer)
    auxiliary = (attributions_task(tokenizer, settings.attributions_weight, log, epochs=settings.attributions_epochs)
                 if settings.attributions_weight > 0 else None)
    tagger = train_tagger(encoder_folder(), data, cls, sep, settings.encoder, log, auxiliary)
    if auxiliary is not None:  # the jointly trained head, for comparison with one refitted on the exported trunk
        from newsprobe.train.attributions import export_head

        export_head(auxiliary.head.eval(), out / "attributions_head.onnx")
        del tagger.auxiliary
    export_onnx(tagger, out / "tagger.onnx")


def train_model(out: Path = MODEL_DIR, data: Path | None = None, settings: Settings = Settings(),
                log: Callable[[str], None] = print) -> dict:
    started = time.time()
    folder = Path(data) if data else data_root() / PTC_TRAIN
    articles = read_folder(folder)
    dev = dev_ids()
    # Outside dev and test, and no copy (by normalised-text hash) of a dev or test article.
    kept, dropped = training_articles(articles)
    train_ids = {a.id for a in kept}
    train = [i for i, a in enumerate(articles) if a.id in train_ids]
    held = [i for i, a in enumerate(articles) if a.id in dev]
    log(f"training articles {len(train)}; dropped as copies of dev/test articles: {[a.id for a in dropped]}")
    nlp = spacy.load(load_options().spacy_model)
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    log(f"parsed {len(docs)} articles in {time.time() - started:.0f} s")

    out.mkdir(parents=True, exist_ok=True)
    _train_encoder(articles, train, out, settings, log)
    for stale in ("head.npz", "head.json"):  # read the old trunk's states; train_head fits a new one
        (out / stale).unlink(missing_ok=True)
    log(f"span encoder trained at {time.time() - started:.0f} s")

    lexicon = learn_lexicon([docs[i] for i in train], [articles[i] for i in train], settings.lexicon_min_count)

    rows, labels = [], []
    for i in train:
        index = ArticleIndex(docs[i])
        for span in articles[i].spans:
            rows.append(span_features(index, span.start, span.end, lexicon))
            labels.append(span.label)
    classifier = fit_lr(rows, labels, settings.classifier_c)
    log(f"technique classifier trained at {time.time() - started:.0f} s")

    classifier.save(out / "classifier")
    (out / "lexicon.json").write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")
    provisional = {"token_threshold": 0.2, "min_confidence": 0.0, "calibration": [1.0, 0.0],
                   "bridge_tokens": settings.bridge_tokens, "settings": asdict(settings)}
    (out / "settings.json").write_text(json.dumps(provisional), encoding="utf-8")

    from newsprobe.evaluate.techniques import tune_on_dev  # late: it needs the saved model

    tuned = tune_on_dev(TechniquePredictor(out), [docs[i] for i in held], [articles[i] for i in held],
                        settings.thresholds, settings.seeds)
    record = {
        "token_threshold": tuned["threshold"],
        "seed_threshold": tuned["seed_threshold"],
        "decoding_rules": tuned["rules"],
        "min_confidence": tuned["min_confidence"],
        "calibration": tuned["calibration"],
        "bridge_tokens": settings.bridge_tokens,
        "settings": asdict(settings),
        "data": {"folder": str(folder.name), "sha256": data_hash(folder),
                 "train_articles": len(train), "dev_articles": len(held),
                 "test_articles": len(final_test_ids()), "dropped_copies": sorted(a.id for a in dropped),
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


def train_and_document(out: Path | None = None, data: Path | None = None, settings: Settings = Settings()) -> dict:
    out = Path(out) if out else MODEL_DIR
    train_model(out, data, settings)
    record = train_head(out, data)  # a new trunk needs a new head (the old one read other states)
    if out.resolve() != MODEL_DIR.resolve() and DEV_LIST_NAME not in {p.name for p in out.iterdir()}:
        (out / DEV_LIST_NAME).write_text((MODEL_DIR / DEV_LIST_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(render_card(record), encoding="utf-8")
    return record


DEV_LIST_NAME = "dev_articles.txt"
