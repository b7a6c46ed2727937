"""Learned attributions: a small tagger head over the shared trunk's hidden states (ONNX Runtime).

The head tags every word piece O / B-role / I-role for the roles Source, Cue and Content (PolNeAR's
univocal labels). A word takes its first piece's probabilities; the words' tags are the most probable
sequence in which every I-role follows a B- or I- of its role (Viterbi). Tags become spans, spans are
set to PolNeAR's boundary conventions (boundaries.py), and spans become attributions around each
cue: the nearest source with no other cue between, and the content next to the cue group (both
neighbours, as parts, when a quote is split by "he said").
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprobe.attribution.boundaries import Layout, RoleSpan, adjust
from newsprobe.evaluate.brat import Record
from newsprobe.heads import chunked_probs
from newsprobe.intervals import SortedRanges

ROLES = ("Source", "Cue", "Content")
TAGS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
MODEL_DIR = Path(__file__).parents[1] / "models" / "attributions"
# A source further than this from its cue (chars between them) is not linked to it.
MAX_SOURCE_GAP = 120
# Content parts on both sides of a cue group are one split quote when each gap is at most this.
MAX_SPLIT_GAP = 4
_INSIDE = (2, 4, 6)  # the I- tags; each may only follow its own B- or I-


def _continues_word(text: str, starts: np.ndarray, ends: np.ndarray, i: int) -> bool:
    """True when piece i is glued to the previous one inside a word (a ## piece)."""
    return (i > 0 and starts[i] == ends[i - 1] and text[starts[i]].isalnum()
            and text[ends[i - 1] - 1].isalnum())


def word_probs(text: str, starts: np.ndarray, ends: np.ndarray,
               probs: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Each word's char range and its first piece's tag probabilities."""
    words: list[tuple[int, int]] = []
    rows: list[int] = []
    for i in range(len(starts)):
        if words and _continues_word(text, starts, ends, i):
            words[-1] = (words[-1][0], int(ends[i]))
            continue
        words.append((int(starts[i]), int(ends[i])))
        rows.append(i)
    return words, probs[rows] if rows else np.zeros((0, len(TAGS)))


def viterbi(probs: np.ndarray) -> list[int]:
    """The most probable tag sequence (ids in TAGS order) with no I-role after anything but its
    own B- or I- (and none first)."""
    if not len(probs):
        return []
    logp = np.log(probs + 1e-9)
    allowed = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    for tag in _INSIDE:
        allowed[:, tag] = False
        allowed[tag - 1, tag] = allowed[tag, tag] = True
    moves = np.where(allowed, 0.0, -np.inf)
    score = logp[0] + np.where(np.isin(np.arange(len(TAGS)), _INSIDE), -np.inf, 0.0)
    back = np.zeros((len(probs), len(TAGS)), dtype=np.int64)
    for t in range(1, len(probs)):
        candidates = score[:, None] + moves
        back[t] = candidates.argmax(0)
        score = candidates.max(0) + logp[t]
    path = [int(score.argmax())]
    for t in range(len(probs) - 1, 0, -1):
        path.append(int(back[t][path[-1]]))
    return path[::-1]


def _bridge(words: list[tuple[int, int, int, bool]], content: np.ndarray, gap: int,
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


def _raw_spans(text: str, words: list[tuple[int, int, int, bool]], sentences: set[int] | None) -> list[RoleSpan]:
    """Spans over runs of words of one role. A source or cue span also ends where the next word
    begins one (B-); a content span only where that word also starts a sentence (by the parse when
    `sentences` is given, else by the end punctuation before it): B- inside a sentence is mostly noise."""
    out: list[RoleSpan] = []
    current: list[int] | None = None  # role, start, end
    for start, end, role, begins in words:
        new_sentence = current is not None and (
            start in sentences if sentences is not None else _ends_sentence(text, current[2]))
        split = begins and (role != ROLES.index("Content") or new_sentence)
        if current is not None and (role != current[0] or split):
            out.append(RoleSpan(ROLES[current[0]], current[1], current[2]))
            current = None
        if role >= 0:
            current = [role, start, end] if current is None else [role, current[1], end]
    if current is not None:
        out.append(RoleSpan(ROLES[current[0]], current[1], current[2]))
    return out


def spans_from_probs(text: str, starts: np.ndarray, ends: np.ndarray, probs: np.ndarray,
                     bridge: int = 0, floor: float = 0.0, layout: Layout | None = None,
                     sentence_floor: float = 2.0, chunks: bool = False) -> list[RoleSpan]:
    """Role spans from per-piece tag probabilities (columns in TAGS order), word by word; with a
    layout, set to PolNeAR's boundaries (boundaries.adjust; `sentence_floor` > 1 never extends)."""
    ranges, word_p = word_probs(text, starts, ends, probs)
    content = word_p[:, 5] + word_p[:, 6]
    tags = viterbi(word_p)
    words = [(s, e, (tag - 1) // 2 if tag else -1, tag in (1, 3, 5)) for (s, e), tag in zip(ranges, tags)]
    spans = _raw_spans(text, _bridge(words, content, bridge, floor),
                       set(layout.sentences) if layout is not None and layout.sentences else None)
    if layout is None:
        return spans
    return adjust(spans, ranges, content, text, layout, sentence_floor, chunks)


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


@dataclass(frozen=True)
class Decoding:
    """How tags become attributions; settings.json keys in brackets, chosen on PolNeAR dev by
    `python -m newsprobe.attribution.choose` (never typed in).

    bridge [bridge_words], floor [bridge_floor]: content gaps joined (see _bridge);
    sentence_floor [sentence_end_floor]: a content runs on to its sentence end when the words left
    have this mean content probability (above 1: never);
    chunks [source_chunks]: sources grow to the noun chunks they touch;
    role_from [role_from]: in mode per_role, for an attribution both find, which finder's span each
    role takes ("learned" or "rules")."""
    bridge: int = 0
    floor: float = 0.0
    sentence_floor: float = 2.0
    chunks: bool = False
    role_from: tuple[tuple[str, str], ...] = (("Source", "learned"), ("Cue", "learned"), ("Content", "learned"))

    @classmethod
    def from_settings(cls, settings: dict) -> Decoding:
        role_from = settings.get("role_from", {})
        return cls(int(settings.get("bridge_words", cls.bridge)), float(settings.get("bridge_floor", cls.floor)),
                   float(settings.get("sentence_end_floor", cls.sentence_floor)),
                   bool(settings.get("source_chunks", cls.chunks)),
                   tuple((role, str(role_from.get(role, "learned"))) for role in ROLES))

    def settings(self) -> dict:
        return {"bridge_words": self.bridge, "bridge_floor": self.floor, "sentence_end_floor": self.sentence_floor,
                "source_chunks": self.chunks, "role_from": dict(self.role_from)}


def decode(text: str, starts: np.ndarray, ends: np.ndarray, probs: np.ndarray, decoding: Decoding,
           layout: Layout | None = None) -> list[Record]:
    """Attributions from per-piece tag probabilities."""
    return link(spans_from_probs(text, starts, ends, probs, decoding.bridge, decoding.floor, layout,
                                 decoding.sentence_floor, decoding.chunks), text)


class AttributionHead:
    """The tagger head in ONNX Runtime: hidden states [pieces, 384] -> tag probabilities per piece.

    Decoding settings default to the model folder's settings.json when it has one."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int = 1, decoding: Decoding | None = None) -> None:
        import json

        import onnxruntime

        from newsprobe.errors import Code, NewsprobeError

        settings_file = folder / "settings.json"
        settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.exists() else {}
        self.merge_mode = settings.get("merge", "learned")
        self.decoding = decoding or Decoding.from_settings(settings)

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        try:
            self.session = onnxruntime.InferenceSession(str(folder / "head.onnx"), options,
                                                        providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise NewsprobeError(Code.ATTRIBUTION_MODEL_MISSING, f"{folder}: {exc}") from exc

    def probs(self, hidden: np.ndarray) -> np.ndarray:
        """Tag probabilities [pieces, tags] from the trunk's hidden states [pieces, 384]."""
        return chunked_probs(self.session, hidden.astype(np.float32))

    def records(self, text: str, starts: np.ndarray, ends: np.ndarray, hidden: np.ndarray,
                layout: Layout | None = None) -> list[Record]:
        """The head's attributions; `layout` (from the parse) turns on the boundary conventions."""
        return decode(text, starts, ends, self.probs(hidden), self.decoding, layout)


def overlaps(a: Record, b: Record) -> bool:
    return any(s1 < e2 and s2 < e1 for role in ROLES for s1, e1 in a.get(role, ()) for s2, e2 in b.get(role, ()))


def _extent(rec: Record) -> tuple[int, int]:
    ranges = [r for role in ROLES for r in rec.get(role, ())]
    return (min(s for s, _ in ranges), max(e for _, e in ranges)) if ranges else (0, 0)


class Overlapping:
    """Which of `records` overlap a given record (`overlaps`), found through their extents sorted by
    start rather than by comparing every pair: a 100,000-word text has some 10^4 attributions a side."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self.extents = SortedRanges((*_extent(rec), k) for k, rec in enumerate(records))

    def of(self, rec: Record) -> list[int]:
        """Indices (ascending) of the records that overlap `rec`."""
        return sorted(k for _, _, k in self.extents.near(*_extent(rec)) if overlaps(rec, self.records[k]))


def _per_role(learned: list[Record], rules: list[Record], role_from: dict[str, str]) -> list[Record]:
    """Each learned attribution that overlaps a rule one (each rule one used once) takes, role by
    role, the span of the finder `role_from` names when that finder has one; rule attributions
    overlapping nothing kept are added."""
    out: list[Record] = []
    used: set[int] = set()
    by_rules = Overlapping(rules)
    for rec in learned:
        hit = next((k for k in by_rules.of(rec) if k not in used), None)
        if hit is None:
            out.append(rec)
            continue
        used.add(hit)
        winner = {"learned": rec, "rules": rules[hit]}
        merged: Record = {}
        for role in ROLES:
            first, second = (winner["rules"], rec) if role_from.get(role) == "rules" else (rec, winner["rules"])
            if role in first or role in second:
                merged[role] = first.get(role) or second[role]
        out.append(merged)
    kept = Overlapping(out)
    return out + [r for k, r in enumerate(rules) if k not in used and not kept.of(r)]


def merge(learned: list[Record], rules: list[tuple[str, Record]], mode: str,
          role_from: dict[str, str] | None = None) -> list[Record]:
    """Learned attributions combined with the rules' ((kind, record) pairs).

    learned: the head's only; direct: the rules' direct quotes replace the learned attributions they
    overlap; union: direct, plus every other rules attribution that overlaps no learned one;
    rules_first: every rule attribution, plus the learned ones overlapping none; per_role: see
    _per_role (`role_from`: role -> "learned" or "rules")."""
    if mode == "learned":
        return learned
    if mode == "per_role":
        return sorted(_per_role(learned, [rec for _, rec in rules], role_from or {}),
                      key=lambda rec: min(s for ranges in rec.values() for s, _ in ranges))
    if mode == "rules_first":
        plain = [rec for _, rec in rules]
        by_rules = Overlapping(plain)
        return plain + [rec for rec in learned if not by_rules.of(rec)]
    direct = [rec for kind, rec in rules if kind == "direct"]
    by_direct = Overlapping(direct)
    kept = [rec for rec in learned if not by_direct.of(rec)] + direct
    if mode == "union":
        by_kept = Overlapping(kept)
        kept += [rec for kind, rec in rules if kind != "direct" and not by_kept.of(rec)]
    return sorted(kept, key=lambda rec: min(s for ranges in rec.values() for s, _ in ranges))
