"""MEANTIME (CAT XML) -> raw text and brat attributions.

Text is rebuilt from tokens deterministically: sentence 0 (the headline) and sentence 1 (the
date) each end with a newline; the body's sentences are joined by one space. Inside a sentence
tokens are joined by one space except: no space before , . ; : ! ? % ) ] 's n't 're 've 'll 'd 'm
and closing quotes; no space after ( [ $ US$ # and opening quotes. PTB quotes `` and '' become
“ and ”; a straight " alternates between opening and closing within the document.

Attributions: an EVENT_MENTION that REFERS_TO an EVENT of class SPEECH_COGNITIVE is a cue; its
HAS_PARTICIPANT Arg0 entity mention is the source; its SLINK targets give the content, widened
to the clause: the rest of the sentence on the target's side of the cue (past the source when it
sits between), without outer punctuation. Only the annotated part of each document (up to the
last sentence holding a markable) is written, so unannotated sentences do not count as misses.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.brat import Record, format_ann

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "”", "’",
                   "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", "'", "..."}
NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "CA$", "AU$", "#", "``", "“", "‘"}
QUOTE_MAP = {"``": "“", "''": "”"}
CONTENT_EDGE = {",", ".", ":", ";", "--", "-"}


@dataclass
class Rebuilt:
    text: str
    offsets: dict[str, tuple[int, int]]  # t_id -> characters
    sentence: dict[str, int]  # t_id -> sentence number
    order: list[str]  # t_ids in text order


def load_document(path: Path) -> ET.Element:
    """A MEANTIME CAT XML document, a file that is not one coded (NP)."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise NewsprobeError(Code.BAD_MEANTIME, f"{path}: {exc}") from exc
    if root.tag != "Document" or root.find("token") is None:
        raise NewsprobeError(Code.BAD_MEANTIME, str(path))
    return root


def _anchors(el: ET.Element) -> list[str]:
    return [a.get("t_id", "") for a in el.findall("token_anchor")]


def last_annotated_sentence(root: ET.Element) -> int:
    sentence = {t.get("t_id"): int(t.get("sentence", 0)) for t in root.iter("token")}
    marks = root.find("Markables")
    ids = [tid for el in (marks if marks is not None else []) for tid in _anchors(el)]
    return max((sentence[t] for t in ids if t in sentence), default=max(sentence.values()))


def rebuild(root: ET.Element, last_sentence: int | None = None) -> Rebuilt:
    out: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence: dict[str, int] = {}
    order: list[str] = []
    pos = 0
    prev, prev_sent, straight_open = None, -1, False
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", 0))
        if last_sentence is not None and sent > last_sentence:
            break
        word = tok.text or ""
        if word == '"':
            word, straight_open = ('"', not straight_open)
            opening = straight_open
        else:
            opening = word in {"``", "“"}
        shown = QUOTE_MAP.get(word, word)
        if prev is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n" if prev_sent <= 1 else " "
        elif word in NO_SPACE_BEFORE or (word == '"' and not opening) or prev in NO_SPACE_AFTER \
                or prev == "OPEN_STRAIGHT":
            sep = ""
        else:
            sep = " "
        out.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(shown))
        sentence[tok.get("t_id", "")] = sent
        order.append(tok.get("t_id", ""))
        out.append(shown)
        pos += len(shown)
        prev = "OPEN_STRAIGHT" if (word == '"' and opening) else word
        prev_sent = sent
    return Rebuilt("".join(out) + "\n", offsets, sentence, order)


def rebuild_file(path: Path, annotated_only: bool = False) -> str:
    root = load_document(path)
    return rebuild(root, last_annotated_sentence(root) if annotated_only else None).text


def _speech_cues(root: ET.Element) -> tuple[dict[str, list[str]], list[str]]:
    """Mention id -> token ids for all mentions, and the ids of speech-cognitive event mentions."""
    marks = root.find("Markables")
    rels = root.find("Relations")
    mentions = {el.get("m_id", ""): _anchors(el) for el in (marks if marks is not None else [])
                if el.tag in {"ENTITY_MENTION", "EVENT_MENTION"}}
    speech = {el.get("m_id") for el in (marks if marks is not None else [])
              if el.tag == "EVENT" and el.get("class") == "SPEECH_COGNITIVE"}
    cues = []
    for r in rels if rels is not None else []:
        source, target = r.find("source"), r.find("target")
        if r.tag == "REFERS_TO" and source is not None and target is not None and target.get("m_id") in speech:
            cues.append(source.get("m_id", ""))
    events = {el.get("m_id") for el in (marks if marks is not None else []) if el.tag == "EVENT_MENTION"}
    return mentions, [c for c in cues if c in events]


def _relations(root: ET.Element, tag: str, role: str | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    rels = root.find("Relations")
    for r in rels if rels is not None else []:
        if r.tag != tag or (role and r.get("sem_role") != role):
            continue
        src, tgt = r.find("source"), r.find("target")
        if src is not None and tgt is not None:
            out[src.get("m_id", "")].append(tgt.get("m_id", ""))
    return out


def _span(rb: Rebuilt, tids: list[str]) -> tuple[int, int] | None:
    got = [rb.offsets[t] for t in tids if t in rb.offsets]
    if not got:
        return None
    return min(s for s, _ in got), max(e for _, e in got)


def _content(rb: Rebuilt, cue: list[str], source: list[str], target: list[str],
             words: dict[str, str]) -> tuple[int, int] | None:
    """The clause on the target's side of the cue, within the cue's sentence."""
    index = {t: i for i, t in enumerate(rb.order)}
    if not all(t in index for t in [*cue, *target]) or not cue or not target:
        return None
    sent = rb.sentence[cue[0]]
    in_sent = [i for i, t in enumerate(rb.order) if rb.sentence[t] == sent]
    c0, c1 = min(index[t] for t in cue), max(index[t] for t in cue)
    src = [index[t] for t in source if t in index and rb.sentence[t] == sent]
    t0 = min(index[t] for t in target)
    if t0 > c1:
        lo = max([c1, *[s for s in src if c1 < s < t0]]) + 1
        hi = in_sent[-1]
    else:
        lo = in_sent[0]
        hi = min([c0, *[s for s in src if t0 < s < c0]]) - 1
    while lo <= hi and words[rb.order[lo]] in CONTENT_EDGE:
        lo += 1
    while hi >= lo and words[rb.order[hi]] in CONTENT_EDGE:
        hi -= 1
    if hi < lo:
        return None
    return rb.offsets[rb.order[lo]][0], rb.offsets[rb.order[hi]][1]


def convert(path: Path) -> tuple[str, list[Record]]:
    """The annotated part of one MEANTIME document as text and attribution records."""
    root = load_document(path)
    rb = rebuild(root, last_annotated_sentence(root))
    words = {t.get("t_id", ""): t.text or "" for t in root.iter("token")}
    mentions, cues = _speech_cues(root)
    arg0 = _relations(root, "HAS_PARTICIPANT", "Arg0")
    slinks = _relations(root, "SLINK")
    records: list[Record] = []
    for cue in cues:
        cue_span = _span(rb, mentions.get(cue, []))
        if cue_span is None:
            continue
        rec: Record = {"Cue": (cue_span,)}
        src_tokens = [t for m in arg0.get(cue, []) for t in mentions.get(m, [])]
        first_src = next((mentions.get(m, []) for m in arg0.get(cue, []) if mentions.get(m)), [])
        src_span = _span(rb, first_src)
        if src_span:
            rec["Source"] = (src_span,)
        contents = {c for t in slinks.get(cue, [])
                    if (c := _content(rb, mentions[cue], src_tokens, mentions.get(t, []), words)) is not None}
        if contents:
            rec["Content"] = (min(contents, key=lambda c: c[0]),)
        records.append(rec)
    return rb.text, records


def meantime_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    sub = folder / "intra-doc_annotation"
    files = sorted((sub if sub.exists() else folder).glob("**/*.xml"))
    if not files:
        raise NewsprobeError(Code.DATA_MISSING, f"no MEANTIME .xml files under {folder}")
    return files


def convert_folder(folder: Path, out: Path) -> int:
    """Write NAME.txt and NAME.ann for every MEANTIME document; the number written."""
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in meantime_files(folder):
        text, records = convert(path)
        (out / f"{path.stem}.txt").write_text(text, encoding="utf-8")
        (out / f"{path.stem}.ann").write_text(format_ann(records, text), encoding="utf-8")
        n += 1
    return n
