"""Time expressions with TIMEX3 values anchored to the publication date (news mode).

The anchor is the article's `published` date, else a full date at the head of the text (a dateline
such as "March 01, 2008"). The tense of the clause around a phrase decides which Saturday "on
Saturday" means: the one before the anchor in a past-tense report, the one after in a future one.

The rules come from the factory's `rules` setting (a TOML file laid over rules/timex.toml;
timex/rules.py), held by the component: pipelines with different rules can share a process.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsprobe.model import Timex
from newsprobe.pipeline.extensions import ARTICLE, doc_text, findings
from newsprobe.timex import TimexMatch, find_timexes
from newsprobe.timex.rules import TimexRules, load_timex_rules, timex_rules

# A date this close to the start of the text is read as the dateline's date.
DATELINE_CHARS = 300
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_PERFECT = {"has", "have", "had"}
# "until Friday", "by Monday": the phrase lies ahead of the clause's time.
_FORWARD_PREPS = {"until", "till", "by"}


def iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def dateline_anchor(text: str, rules: TimexRules | None = None) -> date | None:
    """A full date written near the head of the article, if any."""
    for match in find_timexes(text[:DATELINE_CHARS], None, rules=rules):
        if match.type == "DATE" and len(match.value) == 10 and match.anchored and "X" not in match.value:
            return iso_date(match.value)
    return None


def _governing_verb(token: Token) -> Token | None:
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> int:
    """-1 past, +1 future, 0 present or unknown, from the verb's form and its auxiliaries.

    A conjoined or non-finite verb ("will fly and land", "closed until Friday") takes the tense of
    the verb it hangs on."""
    for _ in range(3):
        tense = _own_tense(verb)
        if tense != 0 or verb.head is verb or verb.tag_ not in ("VB", "VBN", "VBG"):
            return tense
        verb = verb.head
    return 0


def _own_tense(verb: Token) -> int:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX or any(a.lower_ == "going" for a in auxes):
        return 1
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or (lowers & _PERFECT and verb.tag_ == "VBN"):
        return -1
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and any(c.lower_ == "to" for c in verb.children):
        return 1  # "plans to meet on Monday"; not "celebrations to mark Friday's entry" (no intent)
    if verb.tag_ == "VBG" and lowers & {"is", "are", "am", "'s", "'re"}:  # "is meeting on Monday"
        return 1
    return 0


def make_tense(doc: Doc) -> Callable[[int, int], int]:
    def tense(start: int, end: int) -> int:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not doc.has_annotation("DEP"):
            return -1
        if span.start > 0 and doc[span.start - 1].lower_ in _FORWARD_PREPS:
            return 1
        verb = _governing_verb(span.root)
        return verb_tense(verb) if verb is not None else -1
    return tense


def timexes_for(doc: Doc, anchor: date | None, rules: TimexRules | None = None) -> list[Timex]:
    """`rules`: the component's (None: the packaged rules)."""
    return [_to_model(m) for m in find_timexes(doc_text(doc), anchor, make_tense(doc), rules)]


def _to_model(match: TimexMatch) -> Timex:
    return Timex(start=match.start, end=match.end, text=match.text, type=match.type, value=match.value,
                 anchored=match.anchored, relative=match.relative)


class TimexComponent:
    def __init__(self, rules: TimexRules | None = None) -> None:
        self.rules = rules or timex_rules()

    def __call__(self, doc: Doc) -> Doc:
        article = getattr(doc._, ARTICLE)
        anchor = iso_date(article.published) if article is not None else None
        if anchor is None:
            anchor = dateline_anchor(doc_text(doc), self.rules)
        findings(doc, "np_timexes").extend(timexes_for(doc, anchor, self.rules))
        return doc


@Language.factory("newsprobe_timex", default_config={"rules": None})
def make_timex(nlp: Language, name: str, rules: str | None) -> TimexComponent:
    """`rules`: a TOML file whose tables are laid over rules/timex.toml (None: as packaged)."""
    return TimexComponent(load_timex_rules(rules))
