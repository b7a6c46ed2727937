"""A learned check on a cluster's voted type: multinomial logistic regression over hand features.

The features are the cluster's label votes (entities/types.py, normalised), the rules' winning label,
the lexical evidence, titles, place prepositions, resolved pronouns by class, the name's shape and a
hashed suffix of its last word. The classes are GUM's families: person, organization, place, other.
The model overrides the vote only when it gives a family that the voted label does not belong to with
probability at or above the threshold chosen on GUM dev; "other" never overrides. Weights come from
GUM train (`python -m newsprobe.train.entities`); inference is numpy only.
"""
from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc

from newsprobe.entities.lexicon import CorefRules, coref_rules
from newsprobe.entities.types import PLACES, lexical_type, votes

if TYPE_CHECKING:
    from newsprobe.pipeline.entities import Cluster

MODEL_FILE = Path(__file__).parents[1] / "models" / "entities" / "types.json"
LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "OTHER")
FAMILIES = ("person", "organization", "place", "other")
# The labels the GUM scorer (evaluate/entities.py) accepts for each family, and the one given.
ACCEPTED = {"person": {"PERSON", "NORP"}, "organization": {"ORG", "NORP"}, "place": PLACES}
GIVEN = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
SUFFIX_BUCKETS = 32


def feature_names() -> list[str]:
    names = [f"vote={label}" for label in LABELS] + [f"rule={label}" for label in LABELS]
    names += ["lexical=PERSON", "lexical=ORG", "lexical=GPE", "titled", "place_preposition",
              "log_male_female", "log_thing", "log_group", "log_names", "name_words", "all_caps", "has_of",
              "first_name_known", "single_word", "digits"]
    return names + [f"suffix{k}" for k in range(SUFFIX_BUCKETS)]


def _label(label: str) -> str:
    return label if label in LABELS else "OTHER"


def features(doc: Doc, cluster: Cluster, rules: CorefRules | None = None) -> np.ndarray:
    rules = rules or coref_rules()
    counts = votes(doc, cluster, rules)
    total = sum(counts.values()) or 1
    by_label: Counter[str] = Counter()
    for label, n in counts.items():
        by_label[_label(label)] += n
    winner = _label(max(counts, key=lambda label: counts[label])) if counts else "OTHER"
    names = [m for m in cluster.mentions if m.kind == "name"]
    longest = max((m.core_text for m in names), key=len, default="")
    words = longest.split()
    lexical = lexical_type(doc, cluster, rules)
    pronouns = Counter(rules.pronouns.get(doc[m.start].lower_) for m in cluster.mentions if m.kind == "pronoun")
    places = sum(1 for m in names if m.start > 0 and doc[m.start - 1].lower_ in rules.place_prepositions)
    row = [by_label[label] / total for label in LABELS] + [float(winner == label) for label in LABELS]
    row += [float(lexical == "PERSON"), float(lexical == "ORG"), float(lexical == "GPE"),
            float(any(m.titles for m in names)), places / max(1, len(names)),
            math.log1p(pronouns["male"] + pronouns["female"]), math.log1p(pronouns["thing"]),
            math.log1p(pronouns["group"]), math.log1p(len(names)), min(len(words), 6) / 6,
            float(longest.isupper()), float("of" in words),
            float(bool(words) and words[0] in rules.genders), float(len(words) == 1),
            float(any(c.isdigit() for c in "".join(words)))]
    suffix = [0.0] * SUFFIX_BUCKETS
    if words:
        suffix[zlib.crc32(words[-1].lower()[-3:].encode("utf-8")) % SUFFIX_BUCKETS] = 1.0
    return np.array(row + suffix, dtype=np.float64)


@dataclass(frozen=True)
class TypeModel:
    weights: np.ndarray  # (families, features)
    bias: np.ndarray
    threshold: float

    def probabilities(self, row: np.ndarray) -> np.ndarray:
        z = self.weights @ row + self.bias
        e = np.exp(z - z.max())
        return e / e.sum()

    def retype(self, doc: Doc, cluster: Cluster, voted: str, rules: CorefRules | None = None) -> str:
        """The voted label, or the model's family's label where the model is sure the vote is wrong and
        no word of the name backs the vote."""
        if not any(m.kind == "name" for m in cluster.mentions):
            return voted
        if lexical_type(doc, cluster, rules or coref_rules()) == voted:
            return voted  # a word of the name agrees ("University" of Chicago): the model never overrides it
        p = self.probabilities(features(doc, cluster, rules))
        family = FAMILIES[int(np.argmax(p))]
        if family == "other" or voted in ACCEPTED[family] or p.max() < self.threshold:
            return voted
        return GIVEN[family]

    @classmethod
    def from_json(cls, data: dict) -> TypeModel:
        if data["features"] != feature_names() or data["families"] != list(FAMILIES):
            raise ValueError("type model features differ from entities/type_model.py's")
        return cls(np.array(data["weights"], dtype=np.float64), np.array(data["bias"], dtype=np.float64),
                   float(data["threshold"]))

    def to_json(self) -> dict:
        return {"features": feature_names(), "families": list(FAMILIES),
                "weights": [[round(float(w), 6) for w in row] for row in self.weights],
                "bias": [round(float(b), 6) for b in self.bias], "threshold": self.threshold}


@cache
def load_type_model(path: Path = MODEL_FILE) -> TypeModel | None:
    """The trained model, or None when the file is absent (the vote then stands alone)."""
    if not path.is_file():
        return None
    return TypeModel.from_json(json.loads(path.read_text(encoding="utf-8")))
