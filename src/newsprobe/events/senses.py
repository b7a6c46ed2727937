"""Word senses the CAMEO lexicon cannot tell apart, decided from the parse and the words around a trigger.

- "strike" and its kin: by workers ("dockworkers went on strike", "the union's strike") a protest
  (CAMEO 143), by an air force or a missile an attack (the lexicon's 19x). The clue is the trigger's
  own actor, else the nearest clue word in its sentence, else the nearest clue word before it in the
  document ("Dockworkers walked off the job ... the strike will spread").
- "walk off the job" / "walk out" by workers: a strike (143).
- Verbs of reporting (say, tell, see, estimate, spread ...) are a statement (010) only when they
  report one: a speaker subject and a clausal or quoted complement. "The strike will spread", "was
  seen to", "an estimated 40,000" are no events.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Token

from newsprobe.events.lexicon import Lexicon

STATEMENT = "010"
_SUBJECTS = ("nsubj", "csubj")
_COMPLEMENTS = ("ccomp", "parataxis")


@dataclass(frozen=True)
class SenseClues:
    """The positions of labour and military clue words in one Doc, found once (so each trigger's look-up
    is a binary search, and a long text stays linear)."""

    positions: list[int]
    labour: list[bool]  # at each position: a labour clue (True) or a military one (False)

    @classmethod
    def of(cls, lemmas: list[str], lex: Lexicon) -> SenseClues:
        found = [(i, w in lex.labour_words) for i, w in enumerate(lemmas)
                 if w in lex.labour_words or w in lex.military_words]
        return cls([i for i, _ in found], [labour for _, labour in found])

    def nearest(self, i: int, sent_start: int, sent_end: int) -> bool | None:
        """Labour (True), military (False) or no clue (None) for the trigger at token i."""
        at = bisect_left(self.positions, i)
        inside = [k for k in (at - 1, at) if 0 <= k < len(self.positions)
                  and sent_start <= self.positions[k] < sent_end and self.positions[k] != i]
        if inside:
            return self.labour[min(inside, key=lambda k: abs(self.positions[k] - i))]
        before = at - 1 if at > 0 and self.positions[at - 1] != i else at - 2
        return self.labour[before] if before >= 0 else None


def _actor_clue(trigger: Token, lex: Lexicon) -> bool | None:
    """Labour/military read off the trigger's own doer: subject, possessor, compound or "by" agent."""
    doers = [c for c in trigger.children if c.dep_ in (*_SUBJECTS, "poss", "compound", "amod")]
    doers += [g for c in trigger.children if c.dep_ == "agent" for g in c.children]
    for doer in doers:
        for word in (doer.lemma_.lower(), doer.lower_):
            if word in lex.labour_words:
                return True
            if word in lex.military_words:
                return False
    return None


def labour_sense(trigger: Token, code: str, lex: Lexicon, clues: SenseClues, sent: tuple[int, int]) -> str:
    """The code of a strike-like trigger in its sense: the labour code (143) or the one given.
    `sent`: the first and one-past-last token index of the trigger's sentence."""
    lemma = trigger.lemma_.lower()
    if lemma == "walk":
        if not _walks_off_the_job(trigger, lex):
            return code
        return lex.labour_code
    if lemma not in lex.labour_triggers:
        return code
    clue = _actor_clue(trigger, lex)
    if clue is None:
        clue = clues.nearest(trigger.i, *sent)
    return lex.labour_code if clue else code


def _walks_off_the_job(verb: Token, lex: Lexicon) -> bool:
    """ "walked off the job", "walked out" by workers."""
    parts = {c.lower_: c for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    if "off" in parts and any(g.lemma_.lower() in ("job", "work") for g in parts["off"].children):
        return True
    return "out" in parts and _actor_clue(verb, lex) is True


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, or that of the verb it is conjoined to ("said ... and warned")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head
    return None


def reports_statement(verb: Token, lex: Lexicon) -> bool:
    """Whether a reporting verb reports a statement: a speaker subject (not "it") and a complement
    that is a clause or quote ("said that ...", '"...," she said', ", officials said"), or a
    statement noun as object ("announced the decision")."""
    subject = _subject(verb)
    if subject is None or subject.lower_ in ("it", "there"):
        return False
    if verb.dep_ == "parataxis" or any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return True
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in lex.statement_objects for c in verb.children)


def postposed_report(verb: Token) -> Token | None:
    """For a reporting verb placed after what it reports ("X signed the accord, officials said"), the
    head of the reported clause; None when the report comes first ("X said that ...")."""
    if verb.dep_ == "parataxis" and verb.head.i < verb.i:
        return verb.head
    complement = next((c for c in verb.children if c.dep_ in _COMPLEMENTS and c.i < verb.i), None)
    return complement


def object_sense(verb: Token, code: str, lex: Lexicon) -> str:
    """The code a verb's direct object gives it (rules/events.toml [objects]): "struck a cautious tone"
    is no attack, "take months" no seizure; else the code given. Only a block's own code is replaced:
    a code from one of the lexicon's patterns ("struck a conciliatory tone": 012) is more specific."""
    lemma = verb.lemma_.lower()
    senses = lex.object_senses.get(lemma)
    if not senses or code not in {entry["code"] for entry in lex.verbs.get(lemma, [])}:
        return code
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.lemma_.lower() in senses:
            return senses[child.lemma_.lower()]
    return code



def clause_sense(verb: Token, code: str, lex: Lexicon) -> str:
    """The code a clausal complement gives a verb (rules/events.toml [clauses]): "added that ..." reports
    a statement (010), not a grant; "think that ..." gives an opinion, no consultation; else the code given."""
    sense = lex.clause_senses.get(verb.lemma_.lower())
    if sense is None or not any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return code
    return sense


def negated(verb: Token) -> bool:
    """Whether the text says the action did not happen: a negation on the verb ("did not clash", "never
    met") or on an adverb of it ("did not even ever clash", where the parser hangs "not" from "ever")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children))
               for c in verb.children)
