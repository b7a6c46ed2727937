"""Speaker resolution: the entity cluster a source mention stands for.

A name or title that is itself a mention of a cluster resolves to it. A pronoun resolves to the
most recent subject-position person (or group, for "they") outside quotes, or the most recent
resolved speaker, in the same or the previous few sentences. A role noun ("the minister")
resolves to the most recent cluster with that role or alias. Anything else stays None: no guess.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsprobe.attribution.lexicon import Lexicon
from newsprobe.attribution.spans import SUBJECTS
from newsprobe.model import Entity
from newsprobe.pipeline.entities import MentionIndex, MentionRef
from newsprobe.pipeline.extensions import sentences

PERSON_TYPES = {"PERSON", "PER"}
GROUP_TYPES = {"ORG", "NORP", "GPE", "PERSON", "PER"}


class Resolver:
    def __init__(self, doc: Doc, entities: list[Entity], lex: Lexicon, in_quote: Callable[[int], bool]) -> None:
        self.doc = doc
        self.lex = lex
        self.types = {e.id: e.type.upper() for e in entities}
        self.roles = {e.id: {w.lower() for r in [*e.roles, *e.aliases, e.name] for w in r.split()}
                      for e in entities}
        self.index = MentionIndex(entities)
        self.mentions, self.starts = self.index.mentions, self.index.starts
        self.in_quote = in_quote
        self.sent_starts = [s.start_char for s in sentences(doc)]
        # Candidate antecedents for pronouns: (char, entity) of subject mentions outside quotes.
        self.subjects: list[tuple[int, str]] = [
            (m.start, m.entity) for m in self.mentions
            if not in_quote(m.start) and self._is_subject(m)]
        self.speakers: list[tuple[int, str]] = []

    def _is_subject(self, m: MentionRef) -> bool:
        """A subject of a main clause (not of a relative clause: "the popularity X gained")."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and any(
            t.dep_ in SUBJECTS and t.head.dep_ in {"ROOT", "conj", "ccomp"} for t in span)

    def cluster_at(self, start: int, end: int) -> str | None:
        return self.index.cluster_at(start, end)

    def _person_inside(self, start: int, end: int) -> str | None:
        """A person named inside the source ("the firm's chief executive, Alan Mulally"), the last
        one named; other
        names inside it are modifiers ("American strategists"), not the speaker."""
        i = bisect.bisect_left(self.starts, start)
        found = None
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end and m.type in PERSON_TYPES:
                found = m.entity  # the last one: "Assange's lawyer, Carlos Poveda" is Poveda
            i += 1
        return found

    def _sentence(self, char: int) -> int:
        return bisect.bisect_right(self.sent_starts, char) - 1

    def _recent(self, char: int, types: set[str]) -> str | None:
        limit = self.sent_starts[max(0, self._sentence(char) - self.lex.resolve_sentences)]
        best: tuple[int, str] | None = None
        for pool in (self.subjects, self.speakers):
            i = bisect.bisect_left(pool, (char, "")) - 1
            while i >= 0 and pool[i][0] >= limit:
                if self.types.get(pool[i][1], "") in types:
                    if best is None or pool[i][0] > best[0]:
                        best = pool[i]
                    break
                i -= 1
        return best[1] if best else None

    def _by_role(self, char: int, word: str) -> str | None:
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0:
            if word in self.roles.get(self.mentions[i].entity, ()):
                return self.mentions[i].entity
            i -= 1
        return None

    def resolve(self, source: tuple[int, int], head: Token | None) -> str | None:
        """The cluster the source stands for; call in text order (speakers feed later pronouns)."""
        found = None
        if head is not None:
            found = self.cluster_at(head.idx, head.idx + len(head.text))
        found = found or self._person_inside(*source)
        if found is None and head is not None:
            word = head.lower_
            if word in self.lex.person_pronouns:
                found = self._recent(source[0], PERSON_TYPES)
            elif word in self.lex.group_pronouns:
                found = self._recent(source[0], GROUP_TYPES)
            elif head.pos_ in {"NOUN", "PROPN"} and any(t.lower_ == "the" for t in head.lefts):
                found = self._by_role(source[0], word)
        if found is not None:
            bisect.insort(self.speakers, (source[0], found))
        return found
