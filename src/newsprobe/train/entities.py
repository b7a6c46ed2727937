"""Train the entities layer's pronoun ranker on GUM train; choose its threshold on GUM dev.

`python -m newsprobe.train.entities [GUM_FOLDER]` (default ../shared/data/gum-entities) parses the
training documents of splits/gum.json (GUM train less the carved test fifth, less any document whose
normalised text duplicates a dev or test text), records each third-person pronoun's candidates
(entities/ranking.py) with a gold label (the candidate's cluster holds a mention of the pronoun's
gold chain), fits a logistic regression (scikit-learn), then picks the threshold and the salience
fallback on dev through the whole pipeline. Writes models/entities/pronouns.json and
train_record.json; `python -m newsprobe.entities.card render` renders MODEL_CARD.md from them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsprobe.entities.coref import Resolver, Seen, resolve
from newsprobe.entities.ranking import MODEL_FILE, LogisticRanker, features
from newsprobe.entities.types import vote_type
from newsprobe.evaluate.dedup import drop_duplicates, hashes
from newsprobe.entities.type_model import FAMILIES, TypeModel
from newsprobe.entities.type_model import features as type_features
from newsprobe.evaluate.entities import COMPONENTS, evaluate_entities, is_named, split_docs
from newsprobe.evaluate.gum import GumDoc
from newsprobe.pipeline.entities import (Cluster, EntitiesComponent, _adder, add_title_mentions, cluster_mentions,
                                         collect_mentions, default_rules)

RECORD_FILE = MODEL_FILE.with_name("train_record.json")
TYPE_FILE = MODEL_FILE.with_name("types.json")
Model = TypeVar("Model", LogisticRanker, TypeModel)
RANKER_C, RANKER_THRESHOLDS = (1.0,), (0.3, 0.5, 0.7)
TYPE_C, TYPE_THRESHOLDS = (0.1, 1.0), (0.4, 0.5, 0.6, 0.7)


def without_duplicates(train: list[GumDoc], held_out: list[GumDoc]) -> tuple[list[GumDoc], list[GumDoc]]:
    """(kept, dropped): the training documents whose normalised text duplicates no held-out text."""
    return drop_duplicates(train, hashes(d.text for d in held_out), text=lambda d: d.text)


def training_docs(folder: Path) -> tuple[list[GumDoc], list[GumDoc]]:
    """(kept, dropped): GUM train documents, less those duplicating a dev or test text."""
    held_out = split_docs(folder / "dev", "dev") + split_docs(folder / "train", "test")
    return without_duplicates(split_docs(folder / "train", "train"), held_out)


class Recorder:
    """A Ranker that records each pronoun's candidate rows and labels, and answers with the gold
    choice (the most recent candidate of a right cluster) so that later pronouns see gold history."""
    fallback = "none"

    def __init__(self, pronoun_chain: dict[int, int], cluster_chains: list[set[int]], act: str = "gold") -> None:
        self.pronoun_chain, self.cluster_chains, self.act = pronoun_chain, cluster_chains, act
        self.rows: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []

    def choose(self, resolver: Resolver, token: Token, kind: str, candidates: list[Seen],
               rule: int | None) -> int | None:
        if not candidates:
            return None
        chain = self.pronoun_chain.get(token.i)
        labels = np.array([chain is not None and chain in self.cluster_chains[c.cluster] for c in candidates])
        self.rows.append(features(resolver, token, kind, candidates, rule))
        self.labels.append(labels)
        if self.act == "rule":
            return rule
        return candidates[int(np.argmax(labels))].cluster if labels.any() else None


def _gold_chains(doc: Doc, gold: GumDoc, clusters: list[Cluster]) -> tuple[dict[int, int], list[set[int]]]:
    """Each one-token gold mention's chain by token, and each cluster's gold chains: those of the gold
    mentions ending where one of its (non-pronoun) mentions ends."""
    by_end: dict[int, set[int]] = {}
    pronoun_chain = {}
    for g in gold.mentions:
        by_end.setdefault(g.end, set()).add(g.chain)
        if len(g.tokens) == 1:
            span = doc.char_span(g.start, g.end)
            if span is not None and len(span) == 1:
                pronoun_chain[span.start] = g.chain
    chains = [set().union(*(by_end.get(doc[m.start:m.end].end_char, set()) for m in c.mentions if m.kind != "pronoun"))
              for c in clusters]
    return pronoun_chain, chains


def parse(nlp: Language, docs: list[GumDoc]) -> list[tuple[GumDoc, Doc]]:
    return list(zip(docs, nlp.pipe(d.text for d in docs)))


def record(parsed: list[tuple[GumDoc, Doc]], act: str = "gold") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, labels, group): every candidate of every pronoun, with the index of its pronoun. `act`:
    whose choices later pronouns see as history, the gold ones or the rules'."""
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    for gold, doc in parsed:
        clusters = cluster_mentions(collect_mentions(doc, default_rules()), default_rules())
        add_title_mentions(doc, clusters)
        recorder = Recorder(*_gold_chains(doc, gold, clusters), act)
        resolve(doc, clusters, [vote_type(doc, c) for c in clusters], _adder(doc, clusters), recorder)
        for r, y in zip(recorder.rows, recorder.labels):
            groups.append(np.full(len(y), len(groups)))  # the pronoun's number
            rows.append(r)
            labels.append(y)
    return np.vstack(rows), np.concatenate(labels), np.concatenate(groups)


def fit(rows: np.ndarray, labels: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Logistic regression (multinomial for more than two classes): (weights, bias)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(rows, labels)
    return model.coef_, model.intercept_


def cluster_family(doc: Doc, gold: GumDoc, cluster: Cluster) -> str | None:
    """The GUM family most of the cluster's name mentions have in gold (matched by their end, as the
    scorer matches mentions); None when no name mention is a gold mention."""
    by_end = {g.end: g.type for g in gold.mentions if is_named(g)}
    found = Counter(by_end.get(doc[m.start:m.end].end_char) for m in cluster.mentions if m.kind == "name")
    found.pop(None, None)
    if not found:
        return None
    family = found.most_common(1)[0][0]
    return family if family in FAMILIES else "other"


def record_types(parsed: list[tuple[GumDoc, Doc]]) -> tuple[np.ndarray, np.ndarray]:
    """(rows, family indices) of every cluster with a name mention matched in gold, resolved by the
    rules as at inference."""
    rows, labels = [], []
    for gold, doc in parsed:
        clusters = cluster_mentions(collect_mentions(doc, default_rules()), default_rules())
        add_title_mentions(doc, clusters)
        resolve(doc, clusters, [vote_type(doc, c) for c in clusters], _adder(doc, clusters))
        for cluster in clusters:
            family = cluster_family(doc, gold, cluster)
            if family is not None and any(m.kind == "name" for m in cluster.mentions):
                rows.append(type_features(doc, cluster))
                labels.append(FAMILIES.index(family))
    return np.vstack(rows), np.array(labels)


def files_hash(docs: list[GumDoc], folder: Path) -> str:
    digest = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.name):
        digest.update((folder / f"{d.name}.tsv").read_bytes())
    return digest.hexdigest()


def _component(nlp: Language) -> EntitiesComponent:
    component = nlp.get_pipe("newsprobe_entities")
    assert isinstance(component, EntitiesComponent)
    return component


def _grid(nlp: Language, dev: Path, log: list[dict], name: str, attribute: str,
          models: Iterable[tuple[float, float, Model]], rank: Callable[[dict, float], tuple]) -> Model:
    """The model that ranks best on dev: each (C, threshold, model) is set as the entities component's
    `attribute` in turn, scored with `newsprobe eval entities` on dev and logged."""
    trials: list[tuple[tuple, Model]] = []
    for c, threshold, model in models:
        setattr(_component(nlp), attribute, model)
        figures = evaluate_entities(dev, nlp, "dev").figures()
        print(f"{name} C {c} threshold {threshold}: {figures}", flush=True)
        log.append({"model": name, "C": c, "threshold": threshold, **figures})
        trials.append((rank(figures, threshold), model))
    return max(trials, key=lambda trial: trial[0])[1]


def choose_ranker(parsed: list[tuple[GumDoc, Doc]], nlp: Language, dev: Path, log: list[dict]) -> LogisticRanker:
    rows, labels, groups = record(parsed)
    print(f"pronouns: {groups[-1] + 1}, {len(rows)} candidates, {int(labels.sum())} right", flush=True)
    fitted = {c: fit(rows, labels, c) for c in RANKER_C}
    models = ((c, t, LogisticRanker(fitted[c][0][0], float(fitted[c][1][0]), t, "rule"))
              for c in RANKER_C for t in RANKER_THRESHOLDS)
    # best pronouns resolved, then mention precision, then the lower threshold
    return _grid(nlp, dev, log, "pronouns", "ranker", models,
                 lambda f, t: (f["pronouns_resolved"], f["mention_precision"], -t))


def choose_type_model(parsed: list[tuple[GumDoc, Doc]], nlp: Language, dev: Path, log: list[dict]) -> TypeModel:
    rows, labels = record_types(parsed)
    print(f"clusters: {len(rows)}, families {np.bincount(labels, minlength=len(FAMILIES)).tolist()}", flush=True)
    fitted = {c: fit(rows, labels, c) for c in TYPE_C}
    models = ((c, t, TypeModel(*fitted[c], t)) for c in TYPE_C for t in TYPE_THRESHOLDS)
    # best named mentions typed, then pronouns resolved, then the higher threshold
    return _grid(nlp, dev, log, "types", "type_model", models, lambda f, t: (f["named_typed"], f["pronouns_resolved"], t))


def main(folder: Path) -> None:
    from newsprobe.config import load_options
    from newsprobe.pipeline import load_pipeline

    started, cpu = time.time(), time.process_time()
    options = load_options()
    parser = load_pipeline(dataclasses.replace(options, components=("newsprobe_metadata",)))
    kept, dropped = training_docs(folder)
    print(f"train: {len(kept)} documents ({len(dropped)} dropped as duplicates)", flush=True)
    parsed = parse(parser, kept)
    nlp = load_pipeline(dataclasses.replace(options, components=COMPONENTS))
    component = _component(nlp)
    component.ranker = component.type_model = None
    baseline = evaluate_entities(folder / "dev", nlp, "dev").figures()
    print(f"dev, rules: {baseline}", flush=True)
    log: list[dict] = []
    ranker = choose_ranker(parsed, nlp, folder / "dev", log)
    component.ranker = ranker
    type_model = choose_type_model(parsed, nlp, folder / "dev", log)
    component.type_model = type_model
    final = evaluate_entities(folder / "dev", nlp, "dev").figures()
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    MODEL_FILE.write_text(json.dumps(ranker.to_json(), indent=1) + "\n", encoding="utf-8")
    TYPE_FILE.write_text(json.dumps(type_model.to_json(), indent=1) + "\n", encoding="utf-8")
    RECORD_FILE.write_text(json.dumps({
        "command": "python -m newsprobe.train.entities", "train_documents": len(kept),
        "dropped_duplicates": [d.name for d in dropped], "train_sha256": files_hash(kept, folder / "train"),
        "dev_sha256": files_hash(split_docs(folder / "dev", "dev"), folder / "dev"),
        "pronoun_threshold": ranker.threshold, "type_threshold": type_model.threshold,
        "dev_rules": baseline, "dev": final, "trials": log,
        "wall_seconds": round(time.time() - started), "cpu_seconds": round(time.process_time() - cpu),
    }, indent=1) + "\n", encoding="utf-8")
    print(f"dev with both models: {final}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data/gum-entities"))
