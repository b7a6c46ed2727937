"""Actor codes for the CAMEO validation records, from the actor and agent dictionaries that ship
with them (PETR_Validate_actors/agents): a span's words -> a code such as "ARN" or "ARNREL".

PETRARCH conventions kept: '_' joins words; a name ending in '_' must match whole, otherwise its
last word matches as a prefix ("ARGENTIN" -> "Argentina"); '+' lines are synonyms of the entry above;
an agent code "~GOV" is appended to the actor's code, "NGO~" put before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_CODE = re.compile(r"\[\s*([^\]\s<>]*)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'-]*")


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]
    whole: bool
    code: str


def _name(text: str) -> tuple[tuple[str, ...], bool]:
    text = text.strip().lstrip("+")
    whole = text.endswith("_")
    return tuple(w for w in re.split(r"[_\s]+", text.upper()) if w), whole


def read_dictionary(path: Path) -> list[Name]:
    """Entries of a PETRARCH actor or agent file; '+' synonyms and {plural} forms share the code."""
    entries: list[tuple[list[tuple[tuple[str, ...], bool]], list[str]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<!") or line.startswith("!"):
            continue
        code_match = _CODE.search(line)
        head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).strip()
        plurals = [w for group in re.findall(r"\{([^}]*)\}", line) for w in group.split()]
        if head and not raw[:1].isspace():
            if not head.startswith("+") or not entries:
                entries.append(([], []))
            entries[-1][0].extend(_name(n) for n in [head, *plurals])
        if code_match and entries and not entries[-1][1]:
            entries[-1][1].append(code_match[1].strip())
    names = []
    for forms, codes in entries:
        code = codes[0] if codes else ""
        if code and not code.startswith("-") and code != "+++":
            names += [Name(words, whole, code) for words, whole in forms if words]
    return names


def _matches(name: Name, words: list[str], at: int) -> bool:
    if at + len(name.words) > len(words):
        return False
    for k, part in enumerate(name.words):
        word = words[at + k]
        last = k == len(name.words) - 1
        if not (word == part or (last and not name.whole and word.startswith(part))):
            return False
    return True


def _longest(names: list[Name], words: list[str]) -> Name | None:
    best: Name | None = None
    for at in range(len(words)):
        for name in names:
            if _matches(name, words, at) and (best is None or len(name.words) > len(best.words)):
                best = name
    return best


@dataclass
class ActorCoder:
    actors: list[Name]
    agents: list[Name]

    @classmethod
    def from_folder(cls, folder: Path) -> ActorCoder:
        base = folder / "dev-validate"
        return cls(read_dictionary(base / "PETR_Validate_actors_2_02.txt"),
                   read_dictionary(base / "PETR_Validate_agents_2_02.txt"))

    def code(self, text: str) -> str | None:
        words = [w.upper().removesuffix("'S").removesuffix("’S") for w in _WORD.findall(text)]
        actor = _longest(self.actors, words)
        agent = _longest(self.agents, words)
        base = actor.code if actor else ""
        if agent is None:
            return base or None
        suffix = agent.code.replace(" ", "")
        if suffix.startswith("~"):
            return base + suffix[1:]
        if suffix.endswith("~"):
            return suffix[:-1] + base
        return base + suffix
