"""The coreference and typing rules of rules/coref.toml: the packaged ones (built once), or a component's own
(the newsprobe_entities factory's `coref` file laid over them, see `load_coref_rules`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsprobe.rules import component_rules, load_rules

PRONOUN_CLASSES = ("male", "female", "thing", "group", "speaker", "speakers")


@dataclass(frozen=True)
class CorefRules:
    pronouns: dict[str, str]  # word -> male | female | thing | group | speaker | speakers
    window_sentences: int
    window_mentions: int
    nominals: dict[str, str]  # role noun -> type
    thing_types: frozenset[str]
    group_types: frozenset[str]
    org_words: frozenset[str]
    org_names: frozenset[str]
    place_words: frozenset[str]
    place_prepositions: frozenset[str]
    person_words: frozenset[str]
    genders: dict[str, str]  # first name -> male | female (a name in both lists has none)


@cache
def coref_rules() -> CorefRules:
    """The packaged rules, shared by every pipeline that names no `coref` file."""
    return coref_rules_from(load_rules("coref"))


def load_coref_rules(path: str | Path | None) -> CorefRules:
    """The newsprobe_entities factory's `coref`: rules/coref.toml with the TOML file at `path` laid over it
    (None: as packaged); NP322-NP324 name the file and the key when it does not fit."""
    return component_rules("newsprobe_entities", "coref", path, coref_rules_from, coref_rules)


def coref_rules_from(raw: dict) -> CorefRules:
    evidence, names = raw["evidence"], raw["first_names"]
    male, female = set(names["male"]), set(names["female"])
    genders = {n: "male" for n in male - female} | {n: "female" for n in female - male}
    return CorefRules(
        pronouns={w: kind for kind in PRONOUN_CLASSES for w in raw["pronouns"][kind]},
        window_sentences=int(raw["window"]["sentences"]), window_mentions=int(raw["window"]["mentions"]),
        nominals={w: kind for kind, words in raw["nominals"].items() for w in words},
        thing_types=frozenset(raw["types"]["thing"]), group_types=frozenset(raw["types"]["group"]),
        org_words=frozenset(evidence["org_words"]), org_names=frozenset(evidence["org_names"]),
        place_words=frozenset(evidence["place_words"]),
        place_prepositions=frozenset(evidence["place_prepositions"]),
        person_words=frozenset(w.lower() for w in evidence["person_words"]), genders=genders)


def pronoun_class(word: str) -> str | None:
    """male, female, thing or group for a third-person pronoun, speaker or speakers for the first
    person singular or plural (any case); None otherwise."""
    return coref_rules().pronouns.get(word.lower())


def is_unresolvable_speaker(text: str) -> bool:
    """A source that is only a pronoun ("she", "I"): without a resolved entity it names nobody."""
    return text.strip().lower() in coref_rules().pronouns or text.strip().lower() in {"i", "we", "you", "me", "us"}
