"""Convert the PETRARCH CAMEO verb dictionary (CAMEO.2.0.txt, MIT, Open Event Data Alliance) into the
compact JSON lexicon newsprobe reads (rules/cameo_verbs.json).

Kept: each verb block's CAMEO code, its member verbs (with irregular forms and phrasal "+" verbs),
its patterns as word lists before and after the verb, and the synonym sets patterns refer to.
Dropped: PETRARCH's source/target position markers ($, +, %, ^), which this coder does not use.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError

_BLOCK = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]")
_CODE = re.compile(r"\[(?P<code>[^\]]*)\]")
ATTRIBUTION = ("Derived from CAMEO.2.0.txt of UniversalPetrarch (https://github.com/openeventdata/"
               "UniversalPetrarch, commit 067552d8), MIT License, Copyright (c) 2015 Open Event Data Alliance.")


def clean_code(text: str) -> str | None:
    """'042:043' -> '042' (the source-to-target code), ':173' -> '173', '---' -> None (no event)."""
    parts = [p.strip() for p in text.split(":") if p.strip()]
    code = parts[0] if parts else "---"
    return None if code.startswith("-") else code


def _words(text: str) -> list[str]:
    """Pattern elements as lower-case words ('&WEAPON' kept as a synonym-set reference)."""
    text = re.sub(r"[(){}$+%^|]", " ", text)
    return [w.lower() if not w.startswith("&") else w for w in text.replace("_", " ").split() if w != "*"]


def _pattern(line: str, block_code: str | None) -> dict | None:
    match = _CODE.search(line)
    if not match:
        return None
    body = line[1 : match.start()]
    if "*" not in body:
        return None
    before, after = body.split("*", 1)
    return {"before": _words(before), "after": _words(after), "code": clean_code(match["code"])}


def _member(line: str, block_code: str | None) -> tuple[str, list[str], dict]:
    """A member verb line -> (lemma, other forms, {particles, code})."""
    text = line.split("#", 1)[0]
    code_match = _CODE.search(text)
    code = clean_code(code_match["code"]) if code_match else block_code
    forms = re.findall(r"\{([^}]*)\}", text)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text).split()[0]
    words = head.lstrip("+").lower().split("_")
    other = [f.lstrip("+").lower().split("_")[0] for f in " ".join(forms).split()] if forms else []
    return words[0], other, {"particles": [w for w in words[1:] if w], "code": code}


def build_lexicon(source: Path) -> dict:
    if not source.exists():
        raise NewsprobeError(Code.DATA_MISSING, source)
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    blocks: dict[str, dict] = {}
    verbs: dict[str, list[dict]] = {}
    forms: dict[str, str] = {}
    current_set: str | None = None
    block: dict | None = None
    for raw in lines:
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        head = _BLOCK.match(line)
        if head:
            block = {"code": clean_code(head["code"]), "patterns": []}
            blocks[head["name"]] = block
            current_set = None
            continue
        if line.startswith("&") and block is None:
            current_set = line.strip()
            synsets[current_set] = []
            continue
        if block is None:
            if current_set and line.startswith("+"):
                synsets[current_set].append(line[1:].split("#")[0].strip().lower().replace("_", " ").strip())
            continue
        if line.startswith("-"):
            pattern = _pattern(line, block["code"])
            if pattern:
                block["patterns"].append(pattern)
            continue
        lemma, other, entry = _member(line, block["code"])
        entry["block"] = list(blocks)[-1]
        verbs.setdefault(lemma, []).append(entry)
        for form in other:
            forms.setdefault(form, lemma)
    return {"_attribution": ATTRIBUTION, "synsets": synsets, "blocks": blocks, "verbs": verbs, "forms": forms}


def write_lexicon(source: Path, target: Path) -> dict:
    lexicon = build_lexicon(source)
    target.write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return lexicon
