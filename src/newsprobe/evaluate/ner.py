"""News NER on MEANTIME English (120 Wikinews articles, CC BY 4.0): exact-span and overlap precision,
recall and F1 over people, organisations and places, scored flat, as news NER test sets are.

Gold: each named mention (syntactic_type NAM) of an entity that MEANTIME types PER, ORG or LOC (the
type of the entity its REFERS_TO link points at), in the annotated part of the document (up to the last
sentence holding a markable, as evaluate/meantime.py rebuilds it). Predicted: the name mentions of
newsprobe's entities typed person (PERSON), organisation (ORG) or place (GPE, LOC, FAC), less the places
named inside another name (a mention with `within`), which a flat annotation does not mark. An exact
hit has the same characters and type; an overlap hit shares a character and the type. The documents
are those of the time layer's MEANTIME split (splits/timex.json): dev by default, test scored once.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from newsprobe.evaluate import f1, ratio
from newsprobe.evaluate.meantime import load_document, last_annotated_sentence, meantime_files, rebuild
from newsprobe.evaluate.timex import doc_key, split_ids
from newsprobe.model import Entity

TYPES = ("PER", "ORG", "LOC")
FLAT_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
Mention = tuple[int, int, str]  # characters [start, end) and type


@dataclass
class NerScore:
    documents: int = 0
    gold: Counter[str] = field(default_factory=Counter)  # per type
    predicted: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    gold_overlapped: Counter[str] = field(default_factory=Counter)  # gold mentions an overlap hit finds
    predicted_overlapping: Counter[str] = field(default_factory=Counter)

    def prf(self, kind: str = "exact", of: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1, exact or overlap, over all types or type `of`."""
        types = TYPES if of is None else (of,)
        gold, predicted = (sum(c[t] for t in types) for c in (self.gold, self.predicted))
        if kind == "exact":
            found = correct = sum(self.exact[t] for t in types)
        else:
            found = sum(self.gold_overlapped[t] for t in types)
            correct = sum(self.predicted_overlapping[t] for t in types)
        p, r = ratio(correct, predicted), ratio(found, gold)
        return p, r, f1(p, r)


def gold_mentions(root: ET.Element, offsets: dict[str, tuple[int, int]]) -> set[Mention]:
    """MEANTIME's named PER / ORG / LOC mentions inside the rebuilt text (`offsets`: token id -> characters)."""
    entity_type = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
    refers: dict[str | None, str | None] = {}
    for link in root.iter("REFERS_TO"):
        target = link.find("target")
        for source in link.findall("source"):
            refers[source.get("m_id")] = entity_type.get(target.get("m_id") if target is not None else None)
    gold = set()
    for mention in root.iter("ENTITY_MENTION"):
        kind = refers.get(mention.get("m_id"))
        tokens = [a.get("t_id", "") for a in mention.findall("token_anchor")]
        if mention.get("syntactic_type") != "NAM" or kind not in TYPES or not tokens:
            continue
        if all(t in offsets for t in tokens):
            gold.add((offsets[tokens[0]][0], offsets[tokens[-1]][1], kind))
    return gold


def flat_mentions(entities: list[Entity]) -> set[Mention]:
    """The names a flat NER annotation would mark: no pronoun or role noun, no place inside a name."""
    return {(m.start, m.end, FLAT_TYPE[e.type]) for e in entities if e.type in FLAT_TYPE
            for m in e.mentions if m.kind == "name" and m.within is None}


def score_document(gold: set[Mention], predicted: set[Mention], score: NerScore) -> None:
    def overlaps(a: Mention, b: Mention) -> bool:
        return a[0] < b[1] and b[0] < a[1] and a[2] == b[2]

    for mention in gold:
        score.gold[mention[2]] += 1
        score.exact[mention[2]] += mention in predicted
        score.gold_overlapped[mention[2]] += any(overlaps(p, mention) for p in predicted)
    for mention in predicted:
        score.predicted[mention[2]] += 1
        score.predicted_overlapping[mention[2]] += any(overlaps(mention, g) for g in gold)


def evaluate_ner(folder: Path, nlp: Language, split: str = "dev") -> NerScore:
    from newsprobe import analyze

    keep = split_ids(split)
    score = NerScore()
    for path in meantime_files(folder):
        if keep is not None and doc_key(path.name) not in keep:
            continue
        root = load_document(path)
        rebuilt = rebuild(root, last_annotated_sentence(root))
        analysis = analyze(rebuilt.text, nlp=nlp, source=path.stem)
        score_document(gold_mentions(root, rebuilt.offsets), flat_mentions(analysis.entities), score)
        score.documents += 1
    return score


def report(score: NerScore, split: str) -> str:
    lines = [f"documents {score.documents}  split {split}  gold {sum(score.gold.values())}  "
             f"predicted {sum(score.predicted.values())}"]
    for kind in ("exact", "overlap"):
        p, r, f = score.prf(kind)
        lines.append(f"{kind:8} precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}")
    for of in TYPES:
        p, r, f = score.prf("exact", of)
        lines.append(f"  {of:6} exact precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}  (gold {score.gold[of]})")
    return "\n".join(lines)
