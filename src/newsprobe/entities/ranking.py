"""A learned pronoun resolver: mention ranking by logistic regression over hand features.

For a third-person pronoun, every mention in the rule window (entities/coref.py: the last few
sentences, at most `window.mentions` mentions, none inside another quotation) is a candidate; each gets
a score from the features below, and the best candidate's cluster takes the pronoun when its
probability reaches the threshold chosen on GUM dev. The rule's own choice is one feature, so the
ranker learns where to trust it. Weights come from GUM train (`python -m newsprobe.train.entities`,
models/entities/MODEL_CARD.md); inference is numpy only. Work per pronoun is bounded by the window.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Token

from newsprobe.attribution.spans import SUBJECTS
from newsprobe.entities.coref import _agrees

if TYPE_CHECKING:
    from newsprobe.entities.coref import Resolver, Seen

MODEL_FILE = Path(__file__).parents[1] / "models" / "entities" / "pronouns.json"
CLASSES = ("male", "female", "thing", "group")
TYPE_GROUPS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "norp"}
GROUPS = ("person", "org", "place", "norp", "other")
POSSESSIVES = {"his", "her", "its", "their", "hers", "theirs"}
REFLEXIVES = {"himself", "herself", "itself", "themselves"}


def feature_names() -> list[str]:
    names = [f"class={c}" for c in CLASSES] + [f"type={g}" for g in GROUPS]
    names += [f"{c}x{g}" for c in CLASSES for g in GROUPS]
    names += ["agrees", "gender_same", "gender_other", "sentences=0", "sentences=1", "sentences=2",
              "sentences>=3", "log_rank", "log_tokens", "cand_subject", "pron_subject", "both_subject",
              "cand_name", "cand_nominal", "cand_pronoun", "cand_same_pronoun", "log_salience",
              "most_salient", "cand_quoted_pron_not", "same_quote", "bound", "possessive", "rule_choice",
              "cluster_first_in_window", "capitalised", "agrees_x_rule", "agrees_x_recent_cluster"]
    return names


def _group(label: str) -> str:
    return TYPE_GROUPS.get(label, "other")


def features(resolver: Resolver, token: Token, kind: str, candidates: list[Seen], rule: int | None) -> np.ndarray:
    """One row of feature_names() per candidate (most recent first)."""
    here, quote = resolver.sentence[token.i], resolver.quote[token.i]
    pron_subject = token.dep_ in SUBJECTS
    own_word = token.lower_
    rows = np.zeros((len(candidates), len(feature_names())), dtype=np.float64)
    seen_clusters: set[int] = set()
    best_count: dict[str, int] = {}  # from the resolver's running maxima: no pass over all clusters
    for label, count in resolver.most.items():
        group = _group(label)
        best_count[group] = max(best_count.get(group, 0), count)
    class_index = CLASSES.index(kind)
    for r, cand in enumerate(candidates):
        label = resolver.types[cand.cluster]
        group = _group(label)
        agrees = _agrees(kind, label, resolver.genders[cand.cluster], resolver.rules)
        gender = resolver.genders[cand.cluster]
        distance = here - cand.sentence
        first_of_cluster = cand.cluster not in seen_clusters
        seen_clusters.add(cand.cluster)
        cand_word = resolver.doc[cand.token].lower_ if cand.kind == "pronoun" else ""
        count = resolver.counts[cand.cluster]
        values = [0.0] * (len(CLASSES) + len(GROUPS) + len(CLASSES) * len(GROUPS))
        values[class_index] = 1.0
        values[len(CLASSES) + GROUPS.index(group)] = 1.0
        values[len(CLASSES) + len(GROUPS) + class_index * len(GROUPS) + GROUPS.index(group)] = 1.0
        values += [
            float(agrees), float(gender == kind), float(gender is not None and gender != kind and kind in {"male", "female"}),
            float(distance == 0), float(distance == 1), float(distance == 2), float(distance >= 3),
            math.log1p(r), math.log1p(max(0, token.i - cand.token)),
            float(cand.subject), float(pron_subject), float(cand.subject and pron_subject),
            float(cand.kind == "name"), float(cand.kind == "nominal"), float(cand.kind == "pronoun"),
            float(cand.kind == "pronoun" and resolver.rules.pronouns.get(cand_word) == kind),
            math.log1p(count), float(count > 0 and count == best_count.get(group, 0)),
            float(cand.quote >= 0 and quote < 0), float(cand.quote >= 0 and cand.quote == quote),
            float(distance == 0 and cand.head == token.head.i and own_word not in REFLEXIVES | POSSESSIVES),
            float(own_word in POSSESSIVES), float(rule == cand.cluster), float(first_of_cluster),
            float(resolver.capitalised[cand.cluster]),
            float(agrees and rule == cand.cluster), float(agrees and first_of_cluster),
        ]
        rows[r] = values
    return rows


@dataclass(frozen=True)
class LogisticRanker:
    weights: np.ndarray
    bias: float
    threshold: float
    fallback: str  # nothing above the threshold: "rule" (the rules' answer), "salient" (he/she: the
    # most salient person of that gender) or "none"

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))

    def choose(self, resolver: Resolver, token: Token, kind: str, candidates: list[Seen],
               rule: int | None) -> int | None:
        if not candidates:
            return rule if self.fallback == "rule" else None
        probabilities = self.scores(features(resolver, token, kind, candidates, rule))
        best = int(np.argmax(probabilities))  # argmax keeps the most recent of equal scores
        if probabilities[best] >= self.threshold:
            return candidates[best].cluster
        return rule if self.fallback == "rule" else None

    @classmethod
    def from_json(cls, data: dict) -> LogisticRanker:
        names = feature_names()
        if data["features"] != names:
            raise ValueError("pronoun model features differ from entities/ranking.py's")
        return cls(np.array(data["weights"], dtype=np.float64), float(data["bias"]),
                   float(data["threshold"]), str(data["fallback"]))

    def to_json(self) -> dict:
        return {"features": feature_names(), "weights": [round(float(w), 6) for w in self.weights],
                "bias": round(self.bias, 6), "threshold": self.threshold, "fallback": self.fallback}


@cache
def load_ranker(path: Path = MODEL_FILE) -> LogisticRanker | None:
    """The trained ranker, or None when the file is absent (the rules then resolve alone)."""
    if not path.is_file():
        return None
    return LogisticRanker.from_json(json.loads(path.read_text(encoding="utf-8")))
