"""Learned attributions: a small tagger head over the shared trunk's hidden states (ONNX Runtime).

The head tags every word piece O / B-role / I-role for the roles Source, Cue and Content (PolNeAR's
univocal labels). Tags become spans word by word (a word takes its first piece's tag), and spans
become attributions around each cue: the nearest source with no other cue between, and the content
next to the cue group (both neighbours, as parts, when a quote is split by "he said").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprobe.evaluate.brat import Record

ROLES = ("Source", "Cue", "Content")
TAGS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
MODEL_DIR = Path(__file__).parents[1] / "models" / "attributions"
# A source further than this from its cue (chars between them) is not linked to it.
MAX_SOURCE_GAP = 120
# Content parts on both sides of a cue group are one split quote when each gap is at most this.
MAX_SPLIT_GAP = 4


@dataclass(frozen=True)
class RoleSpan:
    role: str
    start: int
    end: int


def _continues_word(text: str, starts: np.ndarray, ends: np.ndarray, i: int) -> bool:
    """True when piece i is glued to the previous one inside a word (a ## piece)."""
    return (i > 0 and starts[i] == ends[i - 1] and text[starts[i]].isalnum()
            and text[ends[i - 1] - 1].isalnum())


def word_roles(text: str, starts: np.ndarray, ends: np.ndarray,
               probs: np.ndarray) -> tuple[list[tuple[int, int, int, bool]], list[float]]:
    """(start, end, role index or -1, begins) per word: the role of highest probability (its B and I
    summed) at the word's first piece; `begins` when B outweighs I there. Also each word's content
    probability."""
    words: list[tuple[int, int, int, bool]] = []
    content: list[float] = []
    for i in range(len(starts)):
        if words and _continues_word(text, starts, ends, i):
            words[-1] = (words[-1][0], int(ends[i]), words[-1][2], words[-1][3])
            continue
        p = probs[i]
        scores = [p[0], p[1] + p[2], p[3] + p[4], p[5] + p[6]]
        best = int(np.argmax(scores)) - 1
        words.append((int(starts[i]), int(ends[i]), best, best >= 0 and p[1 + 2 * best] > p[2 + 2 * best]))
        content.append(float(scores[3]))
    return words, content


def _bridge(words: list[tuple[int, int, int, bool]], content: list[float], gap: int,
            floor: float) -> list[tuple[int, int, int, bool]]:
    """Runs of at most `gap` words between two content words join the content when each of them
    has content probability >= `floor` (the tagger often drops or mislabels a word or two inside a
    long content; a verb inside it may score as a cue)."""
    role = ROLES.index("Content")
    out = list(words)
    inside = [k for k, w in enumerate(words) if w[2] == role]
    for left, right in zip(inside, inside[1:]):
        if 1 < right - left <= gap + 1 and all(content[k] >= floor for k in range(left + 1, right)):
            for k in range(left + 1, right):
                out[k] = (words[k][0], words[k][1], role, False)
    return out


def _ends_sentence(text: str, end: int) -> bool:
    return text[:end].rstrip("”’\"')").endswith((".", "!", "?"))


def spans_from_probs(text: str, starts: np.ndarray, ends: np.ndarray, probs: np.ndarray,
                     bridge: int = 0, floor: float = 0.0) -> list[RoleSpan]:
    """Role spans from per-piece tag probabilities (columns in TAGS order), word by word.

    A source or cue span also ends where the next word begins one (B over I); a content span only
    where that word also follows a sentence end: contents are long, and B inside a sentence of one
    is mostly noise."""
    words = _bridge(*word_roles(text, starts, ends, probs), bridge, floor)
    out: list[RoleSpan] = []
    current: list[int] | None = None  # role, start, end
    for start, end, role, begins in words:
        split = begins and (role != ROLES.index("Content") or (current is not None and _ends_sentence(text, current[2])))
        if current is not None and (role != current[0] or split):
            out.append(RoleSpan(ROLES[current[0]], current[1], current[2]))
            current = None
        if role >= 0:
            current = [role, start, end] if current is None else [role, current[1], end]
    if current is not None:
        out.append(RoleSpan(ROLES[current[0]], current[1], current[2]))
    return out


def spans_from_tags(text: str, starts: np.ndarray, ends: np.ndarray, tags: np.ndarray) -> list[RoleSpan]:
    """Role spans from per-piece tag ids (gold tags, for the decoding's ceiling)."""
    return spans_from_probs(text, starts, ends, np.eye(len(TAGS))[tags])


def _gap(text: str, a: int, b: int) -> int:
    """Chars between a and b that are not whitespace or punctuation."""
    return sum(ch.isalnum() for ch in text[a:b]) if b > a else 0


def link(spans: list[RoleSpan], text: str) -> list[Record]:
    """Attributions around each cue, each span used at most once (the labels are univocal)."""
    spans = sorted(spans, key=lambda s: s.start)
    cues = [k for k, s in enumerate(spans) if s.role == "Cue"]
    used: set[int] = set()
    out: list[Record] = []
    for c in cues:
        cue = spans[c]
        rec: Record = {"Cue": ((cue.start, cue.end),)}
        source = _nearest(spans, c, "Source", used)
        group = [c] if source is None else sorted([c, source])
        parts = _content_parts(spans, group, used, text)
        if not parts:
            continue
        if source is not None:
            used.add(source)
            rec["Source"] = ((spans[source].start, spans[source].end),)
        used.update(parts)
        rec["Content"] = tuple((spans[p].start, spans[p].end) for p in sorted(parts))
        used.add(c)
        out.append(rec)
    return out


def _neighbour(spans: list[RoleSpan], k: int, step: int, role: str, used: set[int]) -> int | None:
    """The next span of `role` from k in direction step, stopping at any other cue."""
    j = k + step
    while 0 <= j < len(spans):
        if spans[j].role == "Cue":
            return None
        if spans[j].role == role and j not in used:
            return j
        j += step
    return None


def _nearest(spans: list[RoleSpan], c: int, role: str, used: set[int]) -> int | None:
    """The closest unused span of `role` on either side of cue c, within MAX_SOURCE_GAP chars."""
    cue = spans[c]
    best, best_gap = None, MAX_SOURCE_GAP + 1
    for step in (-1, 1):
        j = _neighbour(spans, c, step, role, used)
        if j is None:
            continue
        gap = cue.start - spans[j].end if step < 0 else spans[j].start - cue.end
        if gap < best_gap:
            best, best_gap = j, gap
    return best


def _content_parts(spans: list[RoleSpan], group: list[int], used: set[int], text: str) -> list[int]:
    first, last = spans[group[0]], spans[group[-1]]
    before = _neighbour(spans, group[0], -1, "Content", used)
    after = _neighbour(spans, group[-1], 1, "Content", used)
    if before is not None and after is not None:
        left = _gap(text, spans[before].end, first.start)
        right = _gap(text, last.end, spans[after].start)
        if left <= MAX_SPLIT_GAP and right <= MAX_SPLIT_GAP and "\n" not in text[spans[before].end:spans[after].start]:
            return [before, after]
        return [before] if left <= right else [after]
    return [k for k in (before, after) if k is not None]


class AttributionHead:
    """The tagger head in ONNX Runtime: hidden states [pieces, 384] -> tag probabilities per piece.

    Decoding settings (`bridge`, `floor`) default to the model folder's settings.json when it has one."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int = 1, bridge: int | None = None,
                 floor: float | None = None) -> None:
        import json

        import onnxruntime

        from newsprobe.errors import Code, NewsprobeError

        settings_file = folder / "settings.json"
        settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.exists() else {}
        self.merge_mode = settings.get("merge", "learned")

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        try:
            self.session = onnxruntime.InferenceSession(str(folder / "head.onnx"), options,
                                                        providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise NewsprobeError(Code.ATTRIBUTION_MODEL_MISSING, f"{folder}: {exc}") from exc
        self.bridge = int(settings.get("bridge_words", 0)) if bridge is None else bridge
        self.floor = float(settings.get("bridge_floor", 0.0)) if floor is None else floor

    def probs(self, hidden: np.ndarray) -> np.ndarray:
        """Tag probabilities [pieces, tags] from the trunk's hidden states [pieces, 384]."""
        if not len(hidden):
            return np.zeros((0, len(TAGS)))
        logits = self.session.run(None, {"hidden": hidden[None].astype(np.float32)})[0][0]
        exp = np.exp(logits - logits.max(-1, keepdims=True))
        return exp / exp.sum(-1, keepdims=True)

    def records(self, text: str, starts: np.ndarray, ends: np.ndarray, hidden: np.ndarray) -> list[Record]:
        return link(spans_from_probs(text, starts, ends, self.probs(hidden), self.bridge, self.floor), text)


def _overlaps(a: Record, b: Record) -> bool:
    return any(s1 < e2 and s2 < e1 for role in ROLES for s1, e1 in a.get(role, ()) for s2, e2 in b.get(role, ()))


def merge(learned: list[Record], rules: list[tuple[str, Record]], mode: str) -> list[Record]:
    """Learned attributions combined with the rules' ((kind, record) pairs).

    learned: the head's only; direct: the rules' direct quotes replace the learned attributions they
    overlap; union: direct, plus every other rules attribution that overlaps no learned one."""
    if mode == "learned":
        return learned
    if mode == "rules_first":
        plain = [rec for _, rec in rules]
        return plain + [rec for rec in learned if not any(_overlaps(rec, r) for r in plain)]
    direct = [rec for kind, rec in rules if kind == "direct"]
    kept = [rec for rec in learned if not any(_overlaps(rec, d) for d in direct)] + direct
    if mode == "union":
        kept += [rec for kind, rec in rules if kind != "direct" and not any(_overlaps(rec, k) for k in kept)]
    return sorted(kept, key=lambda rec: min(s for ranges in rec.values() for s, _ in ranges))
