"""The CAMEO verb lexicon (rules/cameo_verbs.json) and the event rules (rules/events.toml, or a
component's own laid over them): the packaged lexicon is built once, a component's own per component."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsprobe.rules import HERE, component_rules, load_rules


# A block's patterns, indexed by one plain word each needs (None: synonym sets only), as
# (position in the block, size, pattern): the position keeps ties resolved in dictionary order.
IndexedPatterns = dict[str | None, list[tuple[int, int, dict]]]


def _index(blocks: dict[str, dict]) -> dict[str, IndexedPatterns]:
    index: dict[str, IndexedPatterns] = {}
    for name, block in blocks.items():
        rows: IndexedPatterns = {}
        for position, pattern in enumerate(block["patterns"]):
            words = [w for w in pattern["before"] + pattern["after"] if not w.startswith("&")]
            size = len(pattern["before"]) + len(pattern["after"])
            rows.setdefault(words[0] if words else None, []).append((position, size, pattern))
        index[name] = rows
    return index


def _split_synset(members: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    unique = frozenset(members)
    return frozenset(m for m in unique if " " not in m), tuple(sorted(m for m in unique if " " in m))


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, list[dict]]
    forms: dict[str, str]
    blocks: dict[str, dict]
    patterns: dict[str, IndexedPatterns]
    synsets: dict[str, frozenset[str]]
    # each synset split into its one-word members (a set to intersect) and its multi-word phrases
    synset_parts: dict[str, tuple[frozenset[str], tuple[str, ...]]]
    nouns: dict[str, str]
    noun_phrases: dict[str, str]
    cues: dict[str, tuple[frozenset[str], str]]
    target_preps: frozenset[str]
    place_preps: frozenset[str]
    place_labels: frozenset[str]
    patient_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    skip_verbs: frozenset[str]
    light_verbs: frozenset[str]
    labour_code: str
    labour_triggers: frozenset[str]
    labour_words: frozenset[str]
    military_words: frozenset[str]
    statement_objects: frozenset[str]
    frame_preps: frozenset[str]
    object_senses: dict[str, dict[str, str]]
    clause_senses: dict[str, str]


@cache
def cameo_verbs() -> dict:
    """rules/cameo_verbs.json, read once (the packaged verb data every lexicon is built on)."""
    return json.loads((HERE / "cameo_verbs.json").read_text(encoding="utf-8"))


@cache
def lexicon() -> Lexicon:
    """The default lexicon: CAMEO 2.0 verbs (rules/cameo_verbs.json) and rules/events.toml."""
    return make_lexicon(cameo_verbs())


def load_lexicon(path: str | Path | None) -> Lexicon:
    """The newsprobe_events factory's `rules`: the CAMEO verbs with rules/events.toml, the TOML file at
    `path` laid over it (None: as packaged). Its word tables ([nouns], [noun_phrases], [cues], [verbs],
    [roots]) replace the packaged ones whole."""
    whole = frozenset({"nouns", "noun_phrases", "cues", "verbs", "roots"})
    return component_rules("newsprobe_events", "events", path, lambda rules: make_lexicon(cameo_verbs(), rules),
                           lexicon, whole)


def make_lexicon(data: dict, rules: dict | None = None) -> Lexicon:
    """A lexicon from verb data in the cameo_verbs.json layout (see events/lexicon_build.py) and event
    rules in the rules/events.toml layout (None: that file)."""
    rules = load_rules("events") if rules is None else rules
    roles, labour = rules["roles"], rules["labour"]
    return Lexicon(
        verbs=_with_extra_verbs(data, rules["verbs"]),
        forms=data["forms"],
        blocks=data["blocks"],
        patterns=_index(data["blocks"]),
        synsets={k: frozenset(v) for k, v in data["synsets"].items()},
        synset_parts={k: _split_synset(v) for k, v in data["synsets"].items()},
        nouns=rules["nouns"],
        noun_phrases=rules["noun_phrases"],
        cues={k: (frozenset(v[0]), v[1]) for k, v in rules["cues"].items()},
        target_preps=frozenset(roles["target_preps"]),
        place_preps=frozenset(roles["place_preps"]),
        place_labels=frozenset(roles["place_labels"]),
        patient_nouns=frozenset(roles["patient_nouns"]),
        relative_pronouns=frozenset(roles["relative_pronouns"]),
        skip_verbs=frozenset(rules["skip"]["verbs"]),
        light_verbs=frozenset(rules["light"]["verbs"]),
        labour_code=labour["code"],
        labour_triggers=frozenset(labour["triggers"]),
        labour_words=frozenset(labour["words"]),
        military_words=frozenset(labour["military"]),
        statement_objects=frozenset(rules["statement"]["objects"]),
        frame_preps=frozenset(rules["frame"]["preps"]),
        object_senses=rules["objects"],
        clause_senses=rules["clauses"],
    )


def _with_extra_verbs(data: dict, extra: dict[str, str]) -> dict[str, list[dict]]:
    """The lexicon's verbs plus events.toml's [verbs] (lemma -> block), for blocks the lexicon has."""
    verbs = dict(data["verbs"])
    for lemma, block in extra.items():
        if block in data["blocks"] and lemma not in verbs:
            verbs[lemma] = [{"block": block, "code": data["blocks"][block]["code"], "particles": []}]
    return verbs
