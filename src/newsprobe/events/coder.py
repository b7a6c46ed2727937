"""CAMEO codes for verbs and action nouns: the lexicon's most specific matching pattern wins."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from newsprobe.events.lexicon import Lexicon, lexicon

# How far right of a verb its pattern words may lie (tokens); keeps matching cheap and local.
WINDOW = 12
# How far left (tokens, within its sentence): a long sentence then costs each verb this, not its length.
WINDOW_BEFORE = 30


@dataclass(frozen=True)
class DocWords:
    """Each token's lower-case form and lower-cased lemma, read once per Doc from its arrays (a
    verb's clause is read many times, and a Token object per token and look-up is dear)."""

    lower: list[str]
    lemma: list[str]

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        strings = doc.vocab.strings
        lowered: dict[int, str] = {}  # lemma hash -> lower-cased lemma, once per distinct lemma
        lemmas = [lowered.get(h) or lowered.setdefault(h, strings[h].lower())
                  for h in doc.to_array(LEMMA).tolist()]
        return cls([strings[h] for h in doc.to_array(LOWER).tolist()], lemmas)

    def words(self, indices: Iterable[int]) -> set[str]:
        """The lower-case forms and lemmas of the tokens at `indices`."""
        indices = list(indices)
        return {self.lower[i] for i in indices} | {self.lemma[i] for i in indices}


def _element_found(element: str, words: set[str], text: str, lex: Lexicon) -> bool:
    if element.startswith("&"):
        single, phrases = lex.synset_parts.get(element, (frozenset(), ()))
        return not single.isdisjoint(words) or any(m in text for m in phrases)
    return element in words


def _matches(pattern: dict, before: set[str], after: set[str], after_text: str, lex: Lexicon) -> bool:
    return all(_element_found(e, before, "", lex) for e in pattern["before"]) and all(
        _element_found(e, after, after_text, lex) for e in pattern["after"])


def _stems(form: str) -> list[str]:
    """Regular inflections undone ("cordoned" -> "cordon", "wiretapped" -> "wiretap"), for verbs the
    lemmatiser got wrong."""
    stems = []
    for ending, restore in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
        if form.endswith(ending) and len(form) > len(ending) + 2:
            stem = form[: -len(ending)]
            stems.append(stem + restore)
            if ending in ("ing", "ed") and not restore and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # a doubled final consonant ("tapped", "gassing")
    return stems


def _entries(verb: Token, lex: Lexicon) -> list[dict]:
    lemma = verb.lemma_.lower()
    entries = lex.verbs.get(lemma) or lex.verbs.get(lex.forms.get(verb.lower_, ""), [])
    if not entries and lemma not in lex.verbs:
        entries = next((lex.verbs[s] for s in _stems(verb.lower_) if s in lex.verbs), [])
    if not entries:
        return []
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
    phrasal = [e for e in entries if e["particles"] and set(e["particles"]) <= particles]
    return phrasal or [e for e in entries if not e["particles"]]


def _candidates(index: dict, words: set[str]) -> list[tuple[int, int, dict]]:
    """The patterns whose indexed word occurs in the clause (and those with none), in dictionary order."""
    found = list(index.get(None, []))
    for word in words:
        found += index.get(word, [])
    return sorted(found, key=lambda row: row[0])


def code_verb(verb: Token, lex: Lexicon | None = None, sent_start: int | None = None,
              doc_words: DocWords | None = None) -> str | None:
    """The CAMEO code of a verb in its clause, or None when it names no coded event.
    `sent_start` (the index of the verb's sentence's first token) and `doc_words` (the Doc's
    DocWords) may be given to save finding them for each verb; the layer passes both."""
    lex = lex or lexicon()
    if verb.lemma_.lower() in lex.skip_verbs:
        return None
    entries = _entries(verb, lex)
    if not entries:
        return None
    doc = verb.doc
    # the words right of the verb up to its subtree's right edge (one contiguous stretch in a
    # projective parse), read by index so that a verb high in a long sentence costs WINDOW, not its subtree
    right = doc[verb.i + 1 : min(verb.right_edge.i + 1, verb.i + 1 + WINDOW)]
    start = verb.sent.start if sent_start is None else sent_start
    doc_words = doc_words or DocWords.of(doc)
    before = doc_words.words(range(max(start, verb.i - WINDOW_BEFORE), verb.i))
    after = doc_words.words(t.i for t in right)
    after_text = " ".join(doc_words.lower[t.i] for t in right)
    cue = lex.cues.get(verb.lemma_.lower())
    if cue and cue[0] & after:
        return cue[1]
    best: tuple[int, str | None] | None = None
    for entry in entries:
        for _, size, pattern in _candidates(lex.patterns[entry["block"]], before | after):
            if (best is None or size > best[0]) and _matches(pattern, before, after, after_text, lex):
                best = (size, pattern["code"])
    if best is not None:
        return best[1]
    # a verb in several blocks ("abandon": EVACUATE, uncoded, and ABANDON 080) takes the first coded one
    return next((e["code"] for e in entries if e["code"]), None)


def code_noun(noun: Token, lex: Lexicon | None = None) -> str | None:
    """The CAMEO code of an action noun ("strikes", "the drone strike"), or None."""
    lex = lex or lexicon()
    lemma = noun.lemma_.lower()
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    for mod in modifiers:
        phrase = f"{mod.lower_} {lemma}"
        if phrase in lex.noun_phrases:
            return lex.noun_phrases[phrase]
    return lex.nouns.get(lemma) or lex.nouns.get(noun.lower_)
