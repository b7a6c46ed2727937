"""GUM's entity and coreference layer (WebAnno TSV 3.2): a loader.

Each document becomes its text (tokens at their character offsets, separated by single spaces, sentences
by newlines, as SOURCE.txt says) and its gold mentions: character span, GUM type, Wikipedia identity,
and the identity chain they belong to. Chains follow the links of types coref, ana, cata and appos
(bridging, predicative and discourse-deixis links join different referents, so they do not chain).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError

IDENTITY_LINKS = {"coref", "ana", "cata", "appos"}
_LABEL = re.compile(r"^([^\[\]]+?)(?:\[(\d+)\])?$")
_TARGET = re.compile(r"^(\d+-\d+)(?:\[(\d+)_(\d+)\])?$")


@dataclass
class GoldMention:
    key: str  # "m<id>" for a multi-token mention, "t<token id>" for a one-token mention without an id
    start: int  # characters of the document text
    end: int
    type: str  # GUM type: person, place, organization, object, ...
    identity: str | None = None
    tokens: list[str] = field(default_factory=list)
    first_in_sentence: bool = False  # starts at the sentence's first token
    chain: int = -1  # identity chain number, set by the loader

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass
class GumDoc:
    name: str
    text: str
    mentions: list[GoldMention]


def _split(cell: str) -> list[str]:
    return [] if cell in {"_", ""} else cell.split("|")


def _find(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key


def parse_tsv(name: str, lines: list[str]) -> GumDoc:
    """One WebAnno TSV 3.2 document; raises NP810 on a row it cannot read."""
    chars: list[str] = []
    mentions: dict[str, GoldMention] = {}
    links: list[tuple[str, str]] = []
    sentence = ""
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        try:
            token_id, offsets, token = cells[0], cells[1], cells[2]
            start, end = (int(x) for x in offsets.split("-"))
            _read_row(token_id, start, end, token, cells, mentions, links, sentence != token_id.split("-")[0])
        except (IndexError, ValueError) as exc:
            raise NewsprobeError(Code.BAD_GUM, f"{name} line {number}: not a WebAnno TSV 3.2 token row") from exc
        new_sentence = sentence != token_id.split("-")[0]
        if chars and len(chars) < start:
            chars.extend(" " * (start - len(chars)))
            if new_sentence:
                chars[start - 1] = "\n"
        chars[start:end] = token
        sentence = token_id.split("-")[0]
    parent = {key: key for key in mentions}
    for a, b in links:
        if a in parent and b in parent:
            parent[_find(parent, a)] = _find(parent, b)
    roots: dict[str, int] = {}
    for key, mention in mentions.items():
        mention.chain = roots.setdefault(_find(parent, key), len(roots))
    ordered = sorted(mentions.values(), key=lambda m: (m.start, -m.end))
    return GumDoc(name, "".join(chars), ordered)


def _read_row(token_id: str, start: int, end: int, token: str, cells: list[str],
              mentions: dict[str, GoldMention], links: list[tuple[str, str]], new_sentence: bool) -> None:
    types, identities = _split(cells[3]), _split(cells[6])
    for k, label in enumerate(types):
        match = _LABEL.match(label)
        if match is None:
            raise ValueError(label)
        key = f"m{match[2]}" if match[2] else f"t{token_id}"
        identity = _identity(identities, k, match[2])
        mention = mentions.get(key)
        if mention is None:
            mention = mentions[key] = GoldMention(key, start, end, match[1], identity, first_in_sentence=new_sentence)
        mention.end = end
        mention.tokens.append(token)
        mention.identity = mention.identity or identity
    kinds, targets = _split(cells[8]), _split(cells[9])
    for kind, target in zip(kinds, targets):
        match = _TARGET.match(target)
        if match is None:
            raise ValueError(target)
        if kind not in IDENTITY_LINKS:
            continue
        target_key = f"m{match[2]}" if match[2] and match[2] != "0" else f"t{match[1]}"
        source_key = f"m{match[3]}" if match[3] and match[3] != "0" else f"t{token_id}"
        links.append((source_key, target_key))


def _identity(identities: list[str], k: int, mention_id: str | None) -> str | None:
    """The Wikipedia identity of the k-th mention on this row: matched by [id] when there is one."""
    for value in identities:
        match = _LABEL.match(value)
        if match and mention_id and match[2] == mention_id:
            return match[1]
    if not mention_id and k < len(identities) and "[" not in identities[k]:
        return identities[k]
    return None


def read_doc(path: Path) -> GumDoc:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsprobeError(Code.BAD_GUM, f"{path}: cannot read ({exc})") from exc
    return parse_tsv(path.stem, lines)


def read_folder(folder: Path, names: set[str] | None = None) -> list[GumDoc]:
    """The .tsv documents of a folder (only `names`, file stems, when given), sorted by name."""
    if not folder.is_dir():
        raise NewsprobeError(Code.BAD_GUM, f"{folder}: not a folder of GUM .tsv files")
    paths = sorted(p for p in folder.glob("*.tsv") if names is None or p.stem in names)
    if not paths:
        raise NewsprobeError(Code.BAD_GUM, f"{folder}: no GUM .tsv documents here")
    return [read_doc(p) for p in paths]
