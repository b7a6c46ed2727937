"""Time-expression evaluation as TempEval-3 scores it: strict and relaxed extent P/R/F1, value
accuracy over relaxed matches, and value F1 = relaxed F1 x value accuracy.

Documents are TimeML or NewsReader CAT files; each is anchored to its own creation time (DCT).
Fixed splits keep development and test apart: splits/timex.json (MEANTIME, by Wikinews id) and
splits/tbaq.json (TempEval-3 TBAQ-cleaned, by file stem). The two key sets cannot collide (Wikinews
ids are digits, TBAQ stems start with letters), so a split is the union of both tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from newsprobe.evaluate import read_split
from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.timeml import GoldTimex, TimeDoc, read_folder
from newsprobe.timex import TimexMatch

SPLITS = tuple(Path(__file__).with_name("splits") / name for name in ("timex.json", "tbaq.json"))


@dataclass
class TimexScore:
    documents: int
    gold: int
    predicted: int
    strict: int
    relaxed: int
    value_correct: int
    type_correct: int

    @staticmethod
    def _f1(hits: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = hits / pred if pred else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return self._f1(self.strict, self.predicted, self.gold)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        return self._f1(self.relaxed, self.predicted, self.gold)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        return self.relaxed_prf[2] * self.value_accuracy

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.relaxed if self.relaxed else 0.0


def doc_key(name: str) -> str:
    """The Wikinews id that names a MEANTIME document in every folder (file names differ in their
    tails); a name without leading digits (a TBAQ file stem) is its own key."""
    match = re.match(r"\d+", name)
    return match[0] if match else name


def split_ids(split: str) -> set[str] | None:
    """The document keys of `split` in every split table; None for "all"."""
    if split == "all":
        return None
    return set().union(*(read_split(path, split) or set() for path in SPLITS))


def match_doc(gold: list[GoldTimex], predicted: list[TimexMatch]) -> tuple[int, int, int, int, list]:
    """One-to-one overlap matching; returns strict, relaxed, value and type hits and the errors."""
    used: set[int] = set()
    strict = relaxed = value = kind = 0
    errors: list[tuple[str, GoldTimex | None, TimexMatch | None]] = []  # (kind, gold, predicted)
    for g in gold:
        for i, p in enumerate(predicted):
            if i in used or p.end <= g.start or p.start >= g.end:
                continue
            used.add(i)
            relaxed += 1
            strict += (p.start, p.end) == (g.start, g.end)
            value += p.value == g.value
            kind += p.type == g.type
            if p.value != g.value:
                errors.append(("value", g, p))
            break
        else:
            errors.append(("missed", g, None))
    errors += [("spurious", None, p) for i, p in enumerate(predicted) if i not in used]
    return strict, relaxed, value, kind, errors


def predict(nlp: Language, doc: TimeDoc) -> list[TimexMatch]:
    from newsprobe.pipeline.timex import dateline_anchor, iso_date, make_tense
    from newsprobe.timex import find_timexes

    # A DCT that is not ISO (one MEANTIME file has "03-02-2009") gives way to the dateline's date,
    # as in the pipeline when an article has no publication date.
    anchor = iso_date(doc.dct) or dateline_anchor(doc.text)
    return find_timexes(doc.text, anchor, make_tense(nlp(doc.text)))


def evaluate_timex(folder: Path, nlp: Language, split: str = "dev", errors_out: list | None = None) -> TimexScore:
    ids = split_ids(split)
    found = read_folder(folder)
    docs = [d for d in found if ids is None or doc_key(d.name) in ids]
    if found and not docs:
        raise NewsprobeError(Code.NOT_IN_SPLIT, f"{folder} ({split})")
    if not any(d.timexes for d in docs):
        raise NewsprobeError(Code.NO_GOLD_TIMEX, folder)
    score = TimexScore(len(docs), 0, 0, 0, 0, 0, 0)
    for doc in docs:
        predicted = [p for p in predict(nlp, doc) if doc.annotated_end is None or p.start < doc.annotated_end]
        strict, relaxed, value, kind, errors = match_doc(doc.timexes, predicted)
        score.gold += len(doc.timexes)
        score.predicted += len(predicted)
        score.strict += strict
        score.relaxed += relaxed
        score.value_correct += value
        score.type_correct += kind
        if errors_out is not None:
            errors_out.extend((doc, *e) for e in errors)
    return score
