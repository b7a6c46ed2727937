"""Score attributions against brat gold, per role (Source, Cue, Content).

Both sides' ranges are first trimmed of whitespace at their ends (a range left empty is dropped).
exact: a predicted span counts when its character ranges equal those of an unmatched gold
span of the same role (discontinuous spans compare as their set of parts: all ranges equal).
partial: a predicted span counts when it overlaps an unmatched gold span of the same role
whose attribution's content overlaps the predicted attribution's content (when both have one).
Matching is one-to-one, greedy in text order. P = matched / predicted, R = matched / gold.

Texts: DIR/NAME.txt beside DIR/NAME.ann, a PolNeAR split (DIR/ann/NAME.ann, DIR/text/NAME.txt), or a line `NAME<TAB>SPEC` in DIR/index.tsv where SPEC
is a path relative to the data folder (`samples/x.txt`) or `meantime:PATH.xml` (text rebuilt
from MEANTIME tokens, see evaluate/meantime.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate import prf
from newsprobe.evaluate.brat import ROLES, Ranges, Record, read_ann

if TYPE_CHECKING:
    from spacy.language import Language
from newsprobe.evaluate.polnear import is_split_folder, load_split
from newsprobe.model import Attribution, Span


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    exact: int = 0
    partial: int = 0

    def prf(self, matched: int) -> tuple[float, float, float]:
        return prf(matched, self.predicted, self.gold)


def _ranges(span: Span | None) -> tuple[tuple[int, int], ...] | None:
    if span is None:
        return None
    parts = span.parts or [span]
    return tuple(sorted((p.start, p.end) for p in parts))


def to_records(attributions: list[Attribution]) -> list[Record]:
    out = []
    for a in attributions:
        rec: Record = {}
        for role, span in (("Source", a.source), ("Cue", a.cue), ("Content", a.content)):
            r = _ranges(span)
            if r:
                rec[role] = r
        out.append(rec)
    return out


def _trim_ranges(ranges: Ranges, text: str) -> Ranges:
    out = []
    for start, end in ranges:
        chunk = text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if end > start:
            out.append((start, end))
    return tuple(out)


def trim(records: list[Record], text: str) -> list[Record]:
    """The records with every range trimmed of whitespace at both ends; empty roles dropped."""
    out = []
    for rec in records:
        kept = {role: r for role, ranges in rec.items() if (r := _trim_ranges(ranges, text))}
        if kept:
            out.append(kept)
    return out


def _overlap(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def score_doc(pred: list[Record], gold: list[Record], counts: dict[str, Counts]) -> None:
    for role in ROLES:
        c = counts[role]
        p_items = [r for r in pred if role in r]
        g_items = [r for r in gold if role in r]
        c.predicted += len(p_items)
        c.gold += len(g_items)
        free = list(range(len(g_items)))
        for p in p_items:
            hit = next((i for i in free if g_items[i][role] == p[role]), None)
            if hit is not None:
                free.remove(hit)
                c.exact += 1
        free = list(range(len(g_items)))
        for p in p_items:
            hit = next((i for i in free if _overlap(g_items[i][role], p[role]) and (
                "Content" not in p or "Content" not in g_items[i]
                or _overlap(g_items[i]["Content"], p["Content"]))), None)
            if hit is not None:
                free.remove(hit)
                c.partial += 1


def _index(folder: Path) -> dict[str, str]:
    index = folder / "index.tsv"
    if not index.exists():
        return {}
    rows = [line.split("\t") for line in index.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {r[0]: r[1].strip() for r in rows if len(r) >= 2}


def text_for(ann: Path, data: Path, index: dict[str, str]) -> str:
    beside = ann.with_suffix(".txt")
    if beside.exists():
        return beside.read_text(encoding="utf-8")
    spec = index.get(ann.stem)
    if spec is None:
        raise NewsprobeError(Code.NO_TEXT_FOR_ANN, str(ann))
    if spec.startswith("meantime:"):
        from newsprobe.evaluate.meantime import rebuild_file
        return rebuild_file(data / spec.removeprefix("meantime:"))
    path = data / spec
    if not path.exists():
        raise NewsprobeError(Code.DATA_MISSING, str(path))
    return path.read_text(encoding="utf-8")


def load_set(folder: Path, data: Path) -> list[tuple[str, str, list[Record]]]:
    """(name, text, gold records) for every .ann in folder."""
    if not folder.is_dir():
        raise NewsprobeError(Code.NOT_FOUND, str(folder))
    if is_split_folder(folder):
        return load_split(folder)
    index = _index(folder)
    return [(ann.stem, text_for(ann, data, index), read_ann(ann))
            for ann in sorted(folder.glob("*.ann"))]


MODES = ("rules", "learned", "direct", "union", "rules_first", "per_role")


def evaluate(folder: Path, data: Path, nlp: Language | None = None, limit: int | None = None, mode: str | None = None) -> dict[str, Counts]:
    """Score the pipeline's attributions; `mode` (see attribution/learned.py `merge`) overrides the
    pipeline's [attributions] mode for this run (default: the configured one, rules_first)."""
    from newsprobe.pipeline import load_pipeline
    from newsprobe.pipeline.attributions import AttributionsComponent
    from newsprobe.pipeline.extensions import findings

    if mode is not None and mode not in MODES:
        raise NewsprobeError(Code.BAD_CONFIG, f"attributions mode '{mode}' (one of {', '.join(MODES)})")
    docs = load_set(folder, data)[:limit]  # bad annotations fail before the model loads
    nlp = nlp or load_pipeline()
    component = nlp.get_pipe("newsprobe_attributions")
    if not isinstance(component, AttributionsComponent):  # a pipeline's own component of that name
        raise NewsprobeError(Code.BAD_CONFIG, f"newsprobe_attributions is a {type(component).__name__}")
    configured = component.mode
    component.mode = mode or configured
    counts = {role: Counts() for role in ROLES}
    try:
        for (_, text, gold), doc in zip(docs, nlp.pipe(text for _, text, _ in docs)):
            score_doc(trim(to_records(findings(doc, "np_attributions")), text), trim(gold, text), counts)
    finally:
        component.mode = configured
    return counts


def figures(counts: dict[str, Counts]) -> dict[str, dict[str, float]]:
    out = {}
    for role, c in counts.items():
        for mode, matched in (("exact", c.exact), ("partial", c.partial)):
            p, r, f = c.prf(matched)
            out[f"{role}/{mode}"] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}
    return out


def report(counts: dict[str, Counts]) -> str:
    lines = [f"{'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}   pred  gold"]
    for key, v in figures(counts).items():
        role, mode = key.split("/")
        c = counts[role]
        lines.append(f"{role:8} {mode:8} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f}  {c.predicted:5} {c.gold:5}")
    return "\n".join(lines)
