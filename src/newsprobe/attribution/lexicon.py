"""The attribution rules (rules/attributions.toml, or a pipeline's own: attribution/rules.py) as sets."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    content_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    question_words: frozenset[str]
    cue_tails: tuple[str, ...]
    vague: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    never: frozenset[str]
    dashes: frozenset[str]
    after_window: int
    before_window: int
    resolve_sentences: int

    def is_cue_verb(self, lemma: str) -> bool:
        return lemma in self.speech or lemma in self.belief


def lexicon_from(r: dict) -> Lexicon:
    """The lexicon of a rules table shaped like rules/attributions.toml."""
    cues, sources, limits = r["cues"], r["sources"], r["limits"]
    return Lexicon(
        speech=frozenset(cues["speech"]),
        belief=frozenset(cues["belief"]),
        content_nouns=frozenset(cues["content_nouns"]),
        channel_nouns=frozenset(cues["channel_nouns"]),
        question_words=frozenset(cues["question_words"]),
        cue_tails=tuple(cues["cue_tails"]),
        vague=frozenset(sources["vague"]),
        person_pronouns=frozenset(sources["person_pronouns"]),
        group_pronouns=frozenset(sources["group_pronouns"]),
        never=frozenset(sources["never"]),
        dashes=frozenset(r["marks"]["dashes"]),
        after_window=int(limits["after_window"]),
        before_window=int(limits["before_window"]),
        resolve_sentences=int(limits["resolve_sentences"]),
    )
