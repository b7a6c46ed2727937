"""Entities on GUM: typing of named mentions, mention detection, and pronoun resolution.

Rules of the score (stated so that a figure can be checked):
- A gold mention is *named* (a proper-noun mention) when it is not a pronoun and every word of its head
  phrase (the words before a comma, bracket or relative pronoun) is capitalised, function words and
  determiners (the, of, and, these, 's, ...) aside. A single word opening a sentence counts only with a
  Wikipedia identity. (GUM gives the identity to every mention of a chain, pronouns included, so the
  identity alone does not make a mention named.)
- Types: GUM person -> PERSON, organization -> ORG, place -> GPE, LOC or FAC; NORP (a nationality or
  group) counts for person and organization. Named mentions of GUM's other types (object, event,
  abstract, time, substance, plant, animal) are not scored for typing; their number is printed.
- Typing: the share of gold named person/place/organization mentions that overlap a predicted mention
  whose entity has the right type.
- Mention detection: a predicted mention matches a gold mention when one lies inside the other and both
  end at the same character (English noun phrases end in their head). Precision: predicted mentions
  matching any gold mention; recall: gold person/place/organization mentions (names, nominals and
  pronouns) matched by a predicted one.
- Pronouns: of the gold pronouns whose identity chain holds a named person or organization mention, the
  share whose predicted cluster (the entity with a mention covering the pronoun) also has a mention
  overlapping one of those named mentions.
Splits (splits/gum.json): dev = GUM's dev folder; test = a fixed fifth of GUM train; train = the rest.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsprobe.evaluate import read_split
from newsprobe.evaluate.gum import GoldMention, GumDoc, read_folder
from newsprobe.model import Entity

if TYPE_CHECKING:
    from spacy.language import Language

SPLIT_FILE = Path(__file__).with_name("splits") / "gum.json"
TYPES = {"person": {"PERSON", "NORP"}, "organization": {"ORG", "NORP"}, "place": {"GPE", "LOC", "FAC"}}
PRONOUNS = {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs", "it", "its",
            "i", "me", "my", "we", "us", "our"}
FUNCTION_WORDS = {"the", "of", "and", "for", "de", "la", "du", "von", "van", "der", "'s", "’s", "a", "an",
                  "in", "on", "at", "to", "&", "-", "this", "these", "that", "those", "(", ")", ",", ".", "'", "’"}
HEAD_STOPS = {",", "(", "who", "which", "that", "whose", "whom", "where", "–", "—", ":", ";"}
COMPONENTS = ("newsprobe_metadata", "newsprobe_encoder", "newsprobe_entities", "newsprobe_attributions")


def is_pronoun(mention: GoldMention) -> bool:
    return len(mention.tokens) == 1 and mention.tokens[0].lower() in PRONOUNS


def is_named(mention: GoldMention) -> bool:
    """A proper-noun mention: its words up to the first comma, bracket or relative pronoun (the head
    phrase) are capitalised, function words and determiners aside; a single word opening a sentence
    counts only when it has a Wikipedia identity (a capital there says nothing)."""
    if is_pronoun(mention):
        return False
    if len(mention.tokens) == 1 and mention.first_in_sentence and not mention.identity:
        return False
    words = []
    for token in mention.tokens:
        if token in HEAD_STOPS or token.lower() in HEAD_STOPS:
            break
        if token.lower() not in FUNCTION_WORDS and any(c.isalpha() for c in token):
            words.append(token)
    return bool(words) and all(w[0].isupper() for w in words)


@dataclass
class EntityScore:
    documents: int = 0
    named: int = 0
    named_typed: int = 0
    named_other_types: int = 0
    by_type: Counter = field(default_factory=Counter)  # (gum type, typed right?) -> count
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    pronouns: int = 0
    pronouns_resolved: int = 0
    pronouns_in_cluster: int = 0  # covered by some predicted mention at all

    def add(self, other: EntityScore) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @staticmethod
    def share(hits: int, total: int) -> float:
        return hits / total if total else 0.0

    @property
    def typing(self) -> float:
        return self.share(self.named_typed, self.named)

    @property
    def precision(self) -> float:
        return self.share(self.predicted_matched, self.predicted)

    @property
    def recall(self) -> float:
        return self.share(self.gold_matched, self.gold)

    @property
    def pronoun_resolution(self) -> float:
        return self.share(self.pronouns_resolved, self.pronouns)

    def figures(self) -> dict[str, float]:
        """The four figures as the model records and cards keep them (rounded to 4 places)."""
        return {"named_typed": round(self.typing, 4), "mention_precision": round(self.precision, 4),
                "mention_recall": round(self.recall, 4), "pronouns_resolved": round(self.pronoun_resolution, 4)}


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _matches(p: tuple[int, int], g: GoldMention) -> bool:
    return p[1] == g.end  # same end: one span lies inside the other


def score_doc(doc: GumDoc, entities: list[Entity]) -> EntityScore:
    """The counts of one document against the predicted entities (quadratic in mentions: GUM documents
    are a few hundred mentions long)."""
    score = EntityScore(documents=1)
    predicted = [(m.start, m.end, e.id, e.type.upper()) for e in entities for m in e.mentions]
    scored = [g for g in doc.mentions if g.type in TYPES]
    for g in doc.mentions:
        if not is_named(g):
            continue
        if g.type not in TYPES:
            score.named_other_types += 1
            continue
        right = any(_overlaps(p[0], p[1], g.start, g.end) and p[3] in TYPES[g.type] for p in predicted)
        score.named += 1
        score.named_typed += right
        score.by_type[(g.type, right)] += 1
    score.predicted = len(predicted)
    score.predicted_matched = sum(any(_matches(p[:2], g) for g in doc.mentions) for p in predicted)
    score.gold = len(scored)
    score.gold_matched = sum(any(_matches(p[:2], g) for p in predicted) for g in scored)
    _score_pronouns(doc, predicted, score)
    return score


def _score_pronouns(doc: GumDoc, predicted: list[tuple[int, int, str, str]], score: EntityScore) -> None:
    named_in_chain: dict[int, list[GoldMention]] = {}
    for g in doc.mentions:
        if g.type in {"person", "organization"} and is_named(g):
            named_in_chain.setdefault(g.chain, []).append(g)
    for g in doc.mentions:
        if not is_pronoun(g) or g.chain not in named_in_chain:
            continue
        score.pronouns += 1
        clusters = {p[2] for p in predicted if p[0] <= g.start and g.end <= p[1]}
        score.pronouns_in_cluster += bool(clusters)
        named = named_in_chain[g.chain]
        score.pronouns_resolved += any(p[2] in clusters and _overlaps(p[0], p[1], n.start, n.end)
                                       for p in predicted for n in named)


def split_docs(folder: Path, split: str) -> list[GumDoc]:
    """The documents of `folder` in `split` (dev, test, train or all). Train is every document listed
    in neither dev nor test."""
    if split == "train":
        held_out = (read_split(SPLIT_FILE, "dev") or set()) | (read_split(SPLIT_FILE, "test") or set())
        return [d for d in read_folder(folder) if d.name not in held_out]
    return read_folder(folder, read_split(SPLIT_FILE, split))


def evaluate_entities(folder: Path, nlp: Language, split: str = "dev") -> EntityScore:
    """Run the pipeline over each document's text and add up the counts."""
    from newsprobe import analyze

    total = EntityScore()
    for doc in split_docs(folder, split):
        analysis = analyze(doc.text, nlp=nlp, source=doc.name)
        total.add(score_doc(doc, analysis.entities))
    return total


def report(score: EntityScore, split: str) -> str:
    lines = [f"documents {score.documents}  split {split}",
             f"named mentions typed   {score.typing:.4f}  ({score.named_typed}/{score.named}; "
             f"{score.named_other_types} named mentions of other GUM types not scored)"]
    for gum_type in TYPES:
        right, wrong = score.by_type[(gum_type, True)], score.by_type[(gum_type, False)]
        lines.append(f"  {gum_type:13} {score.share(right, right + wrong):.4f}  ({right}/{right + wrong})")
    lines.append(f"mention detection      precision {score.precision:.4f} ({score.predicted_matched}/"
                 f"{score.predicted})  recall {score.recall:.4f} ({score.gold_matched}/{score.gold})")
    lines.append(f"pronouns resolved      {score.pronoun_resolution:.4f}  ({score.pronouns_resolved}/"
                 f"{score.pronouns}; {score.pronouns_in_cluster} in some predicted cluster)")
    return "\n".join(lines)
