"""Who acted on whom, read off the dependency parse around an event trigger. Each function takes the
component's lexicon (`lex`; None: the packaged one)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from newsprobe.events.lexicon import Lexicon, lexicon

_SUBJECTS = ("nsubj", "csubj")
_CLIMB = ("xcomp", "conj", "advcl", "ccomp", "acomp", "pcomp")


def phrase(token: Token, ents: list[Span] | None = None, sent_start: int | None = None) -> Span:
    """The noun phrase headed by `token`: its left dependents (determiner, possessor, modifiers).
    `ents` (the entities of the doc or of the token's sentence, listed once by the caller) and
    `sent_start` (the index of the sentence's first token) save finding them again."""
    doc = token.doc
    start = min((t.i for t in token.lefts), default=token.i)
    sent_start = token.sent.start if sent_start is None else sent_start
    start = min(start, token.left_edge.i) if token.left_edge.i >= sent_start else start
    end = token.i + 1
    for right in token.rights:  # "General Qassem Soleimani", "Ain al-Asad base"
        if right.dep_ in ("compound", "flat", "nummod") or (right.ent_iob_ == "I"):
            end = max(end, right.i + 1)
    if token.ent_iob_ in ("B", "I"):
        for ent in ents if ents is not None else doc.ents:
            if ent.start <= token.i < ent.end:
                start, end = min(start, ent.start), max(end, ent.end)
    return doc[start:end]


def _antecedent(subject: Token, verb: Token, lex: Lexicon) -> Token:
    if subject.lower_ in lex.relative_pronouns and verb.dep_ == "relcl":
        return verb.head
    return subject


def _name_before(verb: Token) -> Token | None:
    """A name right before the verb (adverbs skipped): the subject when the parse missed it."""
    doc, i = verb.doc, verb.i - 1

    def in_sentence(i: int) -> bool:  # doc[i] is before the verb in its sentence (no scan of the sentence)
        return i >= 0 and not doc[i + 1].is_sent_start

    while in_sentence(i) and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if in_sentence(i) and doc[i].ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return doc[i]
    return None


def verb_actor(verb: Token, lex: Lexicon | None = None) -> Token | None:
    """The doer: the agent of a passive, else the subject, else that of the verb it hangs on."""
    actor = _verb_actor(verb, lex or lexicon())
    return actor if actor is not None else _name_before(verb)


def _verb_actor(verb: Token, lex: Lexicon) -> Token | None:
    for _ in range(4):
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return _antecedent(child, verb, lex)
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in _CLIMB or verb.head is verb:
            return None
        verb = verb.head
    return None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions, leaving out times ("on Saturday" is no target)."""
    return [o for p in token.children if p.dep_ in ("prep", "agent") and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj" and not _is_time(o)]


def _is_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME")


def _is_named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ != ""


def verb_target(verb: Token, lex: Lexicon | None = None) -> Token | None:
    """The one acted on: the passive subject, a named object, an object of a target preposition."""
    lex = lex or lexicon()
    passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    if passive:
        return passive[0]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj")]
    named = [o for o in objects if _is_named(o)]
    if named:
        return named[0]
    via_prep = _prep_objects(verb, lex.target_preps)
    named = [o for o in via_prep if _is_named(o)]
    if named:
        return named[0]
    for obj in objects:  # "a resumption of ties with Osgiliath": the first name inside the object
        inner = _first_name(obj)
        if inner is not None:
            return inner
    any_prep = [o for p in verb.children if p.dep_ == "prep" for o in p.children
                if o.dep_ == "pobj" and _is_named(o) and not _is_time(o)]
    candidates = objects or via_prep or any_prep
    return candidates[0] if candidates else None


_CLAUSES = ("relcl", "acl", "advcl", "ccomp", "appos")


def _first_name(token: Token) -> Token | None:
    """The first named token attached right of a phrase's head ("ties with Osgiliath"), not looking
    inside clauses or appositions; the head's own modifiers ("Pakistani students") are its name."""
    for child in token.rights:
        if child.dep_ in _CLAUSES:
            continue
        if _is_named(child) and not _is_time(child) and child.dep_ not in ("compound", "poss"):
            return child
        inner = _first_name(child)
        if inner is not None:
            return inner
    return None


def noun_actor(noun: Token, lex: Lexicon | None = None) -> Token | None:
    """The doer of an action noun: its possessor or named modifier, else the actor of its verb."""
    lex = lex or lexicon()
    head = noun.head
    if noun.lemma_.lower() not in lex.patient_nouns:
        for child in noun.lefts:
            if child.dep_ == "poss":
                return child
    if noun.dep_ in ("dobj", "obj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        actor = verb_actor(head, lex)
        if actor is not None:
            return actor
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        actor = verb_actor(head.head, lex)
        if actor is not None:
            return actor
    for child in noun.lefts:  # "the U.S. drone strike"
        if child.dep_ == "compound" and child.ent_type_ in ("GPE", "ORG", "NORP"):
            return child
    return None


def noun_target(noun: Token, lex: Lexicon | None = None) -> Token | None:
    lex = lex or lexicon()
    if noun.lemma_.lower() in lex.patient_nouns:
        for child in noun.lefts:
            if child.dep_ == "poss":
                return child
        objects = _prep_objects(noun, frozenset({"of"}))
        if objects:
            return objects[0]
    objects = _prep_objects(noun, lex.target_preps)
    return objects[0] if objects else None


def place_of(trigger: Token, ents: list[Span] | None = None, lex: Lexicon | None = None) -> Span | None:
    """A place name in the trigger's clause introduced by "in", "at", "to" ... ("a trip to Baghdad")."""
    lex = lex or lexicon()
    if ents is None:  # the caller's list is the sentence's already
        sent = trigger.sent
        ents = [e for e in sent.ents if sent.start <= e.start < sent.end]
    if not any(ent.label_ in lex.place_labels for ent in ents):
        return None  # no place named in the clause
    # subtrees as index ranges (contiguous in a projective parse): no walk of a long sentence per trigger
    scope = [(trigger.left_edge.i, trigger.right_edge.i)]
    if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB":  # "launched strikes ... in Baghdad"
        scope += [(p.left_edge.i, p.right_edge.i) for p in trigger.head.children if p.dep_ == "prep"]
    best: Span | None = None
    for ent in ents:
        if ent.label_ not in lex.place_labels or not any(a <= ent.root.i <= b for a, b in scope):
            continue
        prep = ent.root.head
        if ent.root.dep_ == "pobj" and prep.lower_ in lex.place_preps or (
                ent.root.dep_ == "compound" and ent.root.head == trigger):
            if best is None or abs(ent.start - trigger.i) < abs(best.start - trigger.i):
                best = ent
    return best
