"""Find attribution relations (source, cue, content) in a parsed Doc, in ordered linear passes:

1. direct_quotes: each quotation with its cue after it ("“...,” he said") or before it ("He said: “...”")
2. reported_clauses: cue verbs with a complement clause ("said that ...": indirect, mixed)
3. according_to_phrases: "according to X", or X as the channel of an attribution found before
4. colon_lines: cue-less "Name: text" lines

A pass does not take a cue token or a quotation that an earlier one took: the `Claimed` record is
threaded through the passes in this order, so that order is part of the rules.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsprobe.attribution.lexicon import Lexicon
from newsprobe.attribution.quotes import Quote
from newsprobe.model import AttributionKind
from newsprobe.pipeline.extensions import doc_text, token_starts
from newsprobe.attribution.spans import (
    SUBJECTS,
    CharRange,
    char_range,
    left_run,
    noun_phrase,
    subject_of,
    trim,
    verb_group,
)

SENTENCE_END = {".", "!", "?"}
SEPARATORS = {":", ","}
# Tokens allowed between a cue verb and the quote it introduces ("describing him as “...”").
MAX_CUE_TAIL = 8
# Words after a quote ending in a full stop that still belong to its attribution ("“...” He said").
_CUE_OPENERS = {"he", "she", "they", "said", "says", "added"}


@dataclass
class Found:
    kind: AttributionKind
    content: list[CharRange]
    cue: CharRange | None = None
    source: CharRange | None = None
    source_head: Token | None = None
    channel: CharRange | None = None
    confidence: float = 0.8
    quotes: list[Quote] = field(default_factory=list)

    @property
    def position(self) -> int:
        return min(r[0] for r in [*self.content, *(x for x in (self.cue, self.source) if x)])


class TextIndex:
    """One doc's text, rules and quotations, with character <-> token lookups; read-only."""

    def __init__(self, doc: Doc, lex: Lexicon, quotes: list[Quote]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.token_starts = token_starts(doc)
        self.quotes = quotes
        self.quote_starts = [q.start for q in quotes]

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after `char`."""
        return bisect.bisect_left(self.token_starts, char)

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, char) - 1
        return i >= 0 and self.quotes[i].start <= char < self.quotes[i].end

    def quote_starting_at(self, char: int) -> int | None:
        i = bisect.bisect_left(self.quote_starts, char)
        return i if i < len(self.quotes) and self.quotes[i].start == char else None


@dataclass
class Claimed:
    """What earlier passes took: cue tokens (token indices) and quotations (indices into the quotes)."""
    cues: set[int] = field(default_factory=set)
    quotes: set[int] = field(default_factory=set)


# A pass: (text index, what earlier passes claimed, what they found) -> what this pass finds.
Pass = Callable[[TextIndex, Claimed, list[Found]], list[Found]]


def extract(index: TextIndex) -> list[Found]:
    """Every pass in order, their findings in text order."""
    claimed = Claimed()
    found: list[Found] = []
    for find in PASSES:
        found.extend(find(index, claimed, found))
    return sorted(found, key=lambda f: f.position)


# --- shared helpers ----------------------------------------------------------------------
def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)


def _is_cue_verb(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and lex.is_cue_verb(tok.lemma_.lower())


def _is_speech_verb(tok: Token, lex: Lexicon) -> bool:
    """A cue for a quotation: a verb of saying in the active voice ("is called" is not)."""
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in lex.speech and not _is_passive(tok)


def _source_range(doc: Doc, head: Token | None, lex: Lexicon) -> tuple[CharRange | None, Token | None]:
    if head is None or head.lower_ in lex.never:
        return None, None
    start, end = noun_phrase(head)
    return char_range(doc[start:end]), head


def _across_lines(a: Token, b: Token) -> bool:
    """A parse link across a line break (a headline parsed into the first sentence)."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" in doc_text(a.doc)[lo:hi]


def _subjects_range(doc: Doc, subjects: list[Token], lex: Lexicon) -> tuple[CharRange | None, Token | None]:
    """Two adjacent subjects are one mention misparsed ("The US automobile manufacturer Ford")."""
    src, head = _source_range(doc, subjects[-1], lex)
    if src is None or len(subjects) == 1:
        return src, head
    first, _ = _source_range(doc, subjects[0], lex)
    if first is not None and not doc_text(doc)[first[1]:src[0]].strip():
        return (first[0], src[1]), head
    return src, head


def _source_of(verb: Token, g0: int, lex: Lexicon, depth: int = 0) -> tuple[CharRange | None, Token | None]:
    """The source of a cue verb: its subject; for a participle ("..., underlining that") the
    source of the main verb it hangs on; else the noun phrase right before its verb group."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not _across_lines(c, verb)]
    if subjects:
        return _subjects_range(verb.doc, subjects, lex)
    if verb.dep_ in {"advcl", "xcomp", "acl", "conj"} and depth < 2:
        return _main_verb_source(verb, lex, depth)
    if verb.tag_ in {"VBG", "VB"}:
        return None, None
    run = left_run(verb.doc, g0)
    if run is None or verb.doc[run[1] - 1].lower_ in lex.never:
        return None, None
    return char_range(verb.doc[run[0]:run[1]]), verb.doc[run[1] - 1]


def _main_verb_source(verb: Token, lex: Lexicon, depth: int) -> tuple[CharRange | None, Token | None]:
    """The source of the cue or main verb that a dependent verb hangs on, a few steps up."""
    node = verb.head
    for _ in range(6):
        main = node.pos_ in {"VERB", "AUX"} and node.dep_ in {"ROOT", "conj"}
        if _is_cue_verb(node, lex) or node.head is node or main:
            return _source_of(node, verb_group(node)[0], lex, depth + 1)
        node = node.head
    return None, None


def _according(doc: Doc, i: int) -> tuple[int, int] | None:
    """Token range of the phrase after "according to" at token i, or None."""
    if doc[i].lower_ != "according" or i + 1 >= len(doc) or doc[i + 1].lower_ != "to":
        return None
    obj = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    end = obj.right_edge.i + 1
    return trim(doc, i + 2, end)


def _run_source(doc: Doc, start: int, end: int) -> tuple[CharRange | None, Token | None]:
    """Fallback source in a window: the noun run nearest the cue, when the parse gives none."""
    nominal = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "PART", "NUM"}
    i = start
    while i < end and doc[i].pos_ not in {"PROPN", "NOUN", "PRON"}:
        if doc[i].pos_ not in nominal and not doc[i].is_punct:
            return None, None
        i += 1
    j = i
    while j < end and doc[j].pos_ in nominal:
        j += 1
    if j == i:
        return None, None
    head = max(doc[i:j], key=lambda tok: tok.i if tok.pos_ in {"PROPN", "NOUN", "PRON"} else -1)
    return char_range(doc[i:j]), head


def _quotes_inside(index: TextIndex, claimed: Claimed, rng: CharRange) -> list[Quote]:
    """The quotations wholly inside `rng`, claimed (taken or not before: a content may hold them)."""
    out = []
    i = bisect.bisect_left(index.quote_starts, rng[0])
    while i < len(index.quotes) and index.quotes[i].start < rng[1]:
        q = index.quotes[i]
        if q.end <= rng[1]:
            out.append(q)
            claimed.quotes.add(i)
        i += 1
    return out


# --- pass 1: direct quotes ---------------------------------------------------------------
def direct_quotes(index: TextIndex, claimed: Claimed, earlier: list[Found]) -> list[Found]:
    """Each quotation not yet claimed, with the cue after it, else the cue before it."""
    found = []
    for qi, quote in enumerate(index.quotes):
        if qi in claimed.quotes:  # a later part of an earlier quote ("“X,” he said. “Y.”")
            continue
        first, after = index.token_at(quote.start), index.token_at(quote.end)
        if first >= len(index.doc) or after <= first:
            continue
        attribution = _cue_after(index, claimed, quote, after) or _cue_before(index, claimed, quote, first)
        if attribution is not None:
            claimed.quotes.add(qi)
            attribution.quotes.append(quote)
            found.append(attribution)
    return found


def _window_after(index: TextIndex, first: int) -> int:
    """End (exclusive) of the tokens after a quote that may hold its cue."""
    doc = index.doc
    end = min(len(doc), first + index.lex.after_window)
    for i in range(first, end):
        if "\n" in doc[i].text or index.quote_starting_at(doc[i].idx) is not None:
            return i
        if doc[i].text in SENTENCE_END:
            return i + 1
    return end


def _window_before(index: TextIndex, last: int) -> int:
    """Start of the tokens before a quote that may hold its cue."""
    doc = index.doc
    start = max(0, last - index.lex.before_window)
    for i in range(last - 1, start - 1, -1):
        tok = doc[i]
        if "\n" in tok.text or tok.text in SENTENCE_END or index.in_quote(tok.idx):
            return i + 1
    return start


def _new_sentence_after(index: TextIndex, quote: Quote, start: int, end: int) -> bool:
    """ "“... .” Then a new sentence": the words after a closed quote are not its cue."""
    doc = index.doc
    closed = index.text[quote.start:quote.end].rstrip("\"”»“ ")[-1:]
    return (closed in SENTENCE_END and start < end and doc[start].text[:1].isupper()
            and doc[start].lower_ not in _CUE_OPENERS)


def _cue_after(index: TextIndex, claimed: Claimed, quote: Quote, after: int) -> Found | None:
    """ "“...,” he said", "“...,” according to X", "“...,” Name.": the cue in the window after a quote."""
    doc, lex = index.doc, index.lex
    end = _window_after(index, after)
    start = after
    while start < end and doc[start].is_punct:
        start += 1
    if _new_sentence_after(index, quote, start, end):
        return None
    verb = next((doc[i] for i in range(start, end) if _is_speech_verb(doc[i], lex)), None)
    acc = next((i for i in range(start, end) if _according(doc, i)), None)
    if verb is None and acc is None:
        return _name_after(doc, quote, start, end)
    phrase = _according(doc, acc) if acc is not None else None
    if acc is not None and phrase is not None and (verb is None or acc < verb.i):
        claimed.cues.add(acc)
        return Found("direct", [(quote.start, quote.end)], char_range(doc[acc:acc + 2]),
                     char_range(doc[phrase[0]:phrase[1]]), doc[phrase[1] - 1], confidence=0.85)
    if verb is None:
        return None
    return _said_after(index, claimed, quote, verb, (start, end))


def _said_after(index: TextIndex, claimed: Claimed, quote: Quote, verb: Token,
                window: tuple[int, int]) -> Found:
    """ "“...,” he said (, according to Y | . “Z.”)": the speech verb after a quote, its source, and
    a relaying channel or a second quote part after it."""
    doc, lex = index.doc, index.lex
    start, end = window
    g0, g1 = verb_group(verb)
    subj = subject_of(verb, lambda tok: _is_cue_verb(tok, lex))
    if subj is not None and not _across_lines(subj, verb):
        src, head = _source_range(doc, subj, lex)
    else:
        src, head = _run_source(doc, g1, end) if g1 < end else (None, None)
        if src is None:
            src, head = _run_source(doc, start, g0)
    claimed.cues.add(verb.i)
    tail = max(g1, index.token_at(src[1]) if src else g1)
    channel, second = _channel_or_second_part(index, claimed, tail, end)
    content, quotes = [(quote.start, quote.end)], []
    if second is not None:
        content.append((second.start, second.end))
        quotes.append(second)
    return Found("direct", content, char_range(doc[g0:g1]), src, head, channel=channel, confidence=0.9,
                 quotes=quotes)


def _name_after(doc: Doc, quote: Quote, start: int, end: int) -> Found | None:
    """ "“...,” Jesse Toprak, an analyst for Edmunds.": a person's name alone after a quote."""
    if start >= end or doc[start].ent_type_ != "PERSON" or doc[start].ent_iob_ != "B":
        return None
    stop = start + 1
    while stop < end and doc[stop].ent_type_ == "PERSON" and doc[stop].ent_iob_ == "I":
        stop += 1
    if stop < end and doc[stop].text not in {",", "."}:
        return None
    return Found("direct", [(quote.start, quote.end)], None, char_range(doc[start:stop]), doc[stop - 1],
                 confidence=0.6)


def _channel_or_second_part(index: TextIndex, claimed: Claimed, tail: int,
                            end: int) -> tuple[CharRange | None, Quote | None]:
    """After "“X,” he said": a relaying "according to Y" (the channel, its cue claimed), else a
    second quote part "“Z.”" with no cue of its own (claimed)."""
    doc = index.doc
    i = tail
    while i < len(doc) and doc[i].text == ",":
        i += 1
    phrase = _according(doc, i) if i < len(doc) else None
    if phrase is not None:
        claimed.cues.add(i)
        return char_range(doc[phrase[0]:phrase[1]]), None
    if i >= len(doc):
        return None, None
    qi = _second_part(index, claimed, i, tail, end)
    if qi is None:
        return None, None
    claimed.quotes.add(qi)
    return None, index.quotes[qi]


def _second_part(index: TextIndex, claimed: Claimed, i: int, tail: int, end: int) -> int | None:
    """The quote continuing "“X,” he said" at token i ("“X,” he said, “Y”") or after the
    sentence ("“X,” he said. “Y.”"), if it is unclaimed and has no cue of its own."""
    doc = index.doc
    if end < len(doc) and doc[end - 1].text in SENTENCE_END:
        i = end
        if "\n" in index.text[doc[i - 1].idx:doc[i].idx]:
            return None
        qi = index.quote_starting_at(doc[i].idx)
        if qi is None or qi in claimed.quotes or _has_own_cue(index, index.quotes[qi]):
            return None
        return qi
    qi = index.quote_starting_at(doc[i].idx)
    if qi is None or qi in claimed.quotes or i <= tail or doc[i - 1].text != ",":
        return None
    return qi


def _has_own_cue(index: TextIndex, quote: Quote) -> bool:
    doc, lex = index.doc, index.lex
    after = index.token_at(quote.end)
    end = _window_after(index, after)
    return any(_is_speech_verb(doc[i], lex) or doc[i].lower_ == "according" for i in range(after, end))


def _cue_before(index: TextIndex, claimed: Claimed, quote: Quote, first: int) -> Found | None:
    """ "He said: “...”", "described it as “...”", "said that “...”" (mixed), or a cue-less "Name: “...”"."""
    doc, lex = index.doc, index.lex
    start = _window_before(index, first)
    if start >= first:
        return None
    sep = first - 1 if doc[first - 1].text in SEPARATORS or doc[first - 1].text in lex.dashes else first
    verb = next((doc[i] for i in range(sep - 1, start - 1, -1) if _is_speech_verb(doc[i], lex)), None)
    if verb is None:
        return _cueless(index, quote, start, sep) if sep < first else None
    g0, g1 = verb_group(verb)
    that = next((i for i in range(g1, min(first, g1 + 2)) if doc[i].lower_ == "that"
                 and doc[i].dep_ == "mark" and doc[g1:i].text in {"", ","}), None)
    tail_end = that if that is not None else sep
    if _speech_runs_on(doc, lex, (g1, tail_end), unmarked=sep == first and that is None):
        return None  # reported speech runs between cue and quote: an indirect/mixed case
    src, head = _source_of(verb, g0, lex)
    if src is None or not (doc[g1 - 1].idx <= src[0] < quote.start):
        g1 = max(g1, trim(doc, g1, tail_end)[1])  # "summed up the situation as follows:"
    claimed.cues.add(verb.i)
    if that is not None:
        return Found("mixed", [(doc[that].idx, quote.end)], char_range(doc[g0:g1]), src, head,
                     confidence=0.85)
    return Found("direct", [(quote.start, quote.end)], char_range(doc[g0:g1]), src, head, confidence=0.85)


def _speech_runs_on(doc: Doc, lex: Lexicon, tail: tuple[int, int], unmarked: bool) -> bool:
    """The tokens between a cue verb group and its quote are more than a fixed cue tail ("as", "as
    follows"): too many, or a verb or clause break among them. `unmarked`: no separator, no "that"."""
    words = doc[tail[0]:tail[1]]
    fixed = words.text.lower().endswith(lex.cue_tails)
    return len(words) > MAX_CUE_TAIL or (unmarked and len(words) > 3) or any(
        (t.pos_ in {"VERB", "AUX"} and not fixed) or t.text in {",", ";"} for t in words)


def _cueless(index: TextIndex, quote: Quote, start: int, sep: int) -> Found | None:
    """ "Name: “...”" or "Name — “...”": a short name before a colon or dash is the source."""
    doc = index.doc
    if doc[sep].text not in {":"} | index.lex.dashes or not 0 < sep - start <= 6:
        return None
    span = doc[start:sep]
    if any(t.pos_ in {"VERB", "AUX"} for t in span) or not any(t.pos_ in {"PROPN", "PRON"} for t in span):
        return None
    head = max(span, key=lambda tok: tok.i if tok.pos_ in {"PROPN", "PRON", "NOUN"} else -1)
    return Found("direct", [(quote.start, quote.end)], None, char_range(span), head, confidence=0.6)


# --- pass 2: reported clauses (indirect and mixed) ---------------------------------------
def reported_clauses(index: TextIndex, claimed: Claimed, earlier: list[Found]) -> list[Found]:
    """Each unclaimed cue verb with a complement clause: "X said (that) ...", "rejected claims that ..."."""
    found = []
    for tok in index.doc:
        if tok.i not in claimed.cues and _is_cue_verb(tok, index.lex):
            attribution = _reported_clause(index, claimed, tok)
            if attribution is not None:
                found.append(attribution)
    return found


def _complement(verb: Token, lex: Lexicon) -> tuple[Token, Token | None] | None:
    """The clause a cue verb reports, and the content noun in "rejected speculations that"."""
    for child in verb.rights:
        if child.dep_ == "ccomp":
            return child, None
    for child in verb.rights:
        if child.dep_ == "dobj" and child.lemma_.lower() in lex.content_nouns:
            clause = next((c for c in child.rights if c.dep_ in {"acl", "ccomp", "relcl"}), None)
            if clause is not None and clause.left_edge.lower_ == "that":
                return clause, child
    return None


def _content_clause(doc: Doc, lex: Lexicon, verb: Token) -> tuple[int, int, Token | None] | None:
    """Token range of the clause a cue verb reports and its content noun, or None when the verb
    reports none (no complement, a question, a passive whose subject is no source)."""
    comp = _complement(verb, lex)
    if comp is None:
        return None
    clause, noun = comp
    c0, c1 = trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if c1 <= c0 or c1 - c0 < 2 or doc[c0].lower_ in lex.question_words:
        return None
    if _is_passive(verb) and not (doc[c0].lower_ == "that" and any(
            c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)):
        return None  # "the news was announced": the subject of a passive is not the source
    return c0, _cut_at_next_cue(doc, lex, c0, c1), noun


def _reported_clause(index: TextIndex, claimed: Claimed, verb: Token) -> Found | None:
    doc, lex = index.doc, index.lex
    clause = _content_clause(doc, lex, verb)
    if clause is None:
        return None
    c0, c1, noun = clause
    src, head = _source_of(verb, verb_group(verb)[0], lex)
    if src is None and verb.lemma_.lower() in lex.belief:
        return None
    if src is not None and src[0] >= doc[c0].idx and src[1] <= doc[c1 - 1].idx + len(doc[c1 - 1]):
        return None  # the "subject" sits inside the reported clause: a misparse
    g0, g1 = verb_group(verb)
    cue = char_range(doc[g0:noun.i + 1 if noun is not None else g1])
    content = char_range(doc[c0:c1])
    claimed.cues.add(verb.i)
    whole = _quote_around(index, claimed, content)
    if whole is not None:  # the clause is a whole quotation: report it with its marks
        return Found("direct", [(whole.start, whole.end)], cue, src, head, confidence=0.8, quotes=[whole])
    inner = _quotes_inside(index, claimed, content)
    return Found("mixed" if inner else "indirect", [content], cue, src, head, confidence=0.75, quotes=inner)


def _cut_at_next_cue(doc: Doc, lex: Lexicon, c0: int, c1: int) -> int:
    """End a content before a second attribution joined to it: ", underlining that ..." or
    "... and said its sources had ..." (the parser hangs both inside the first clause)."""
    for i in range(c0 + 1, c1 - 1):
        tok = doc[i + 1]
        joined = (doc[i].text == "," and tok.tag_ == "VBG") or (
            doc[i].dep_ == "cc" and tok.dep_ == "conj")
        if joined and _is_cue_verb(tok, lex) and _complement(tok, lex) is not None:
            return trim(doc, c0, i)[1]
    return c1


def _quote_around(index: TextIndex, claimed: Claimed, rng: CharRange) -> Quote | None:
    """The unclaimed quotation that `rng` is (give or take its opening marks), claimed."""
    i = bisect.bisect_right(index.quote_starts, rng[0]) - 1
    if i < 0 or i in claimed.quotes:
        return None
    q = index.quotes[i]
    if q.start <= rng[0] and rng[1] <= q.end and rng[0] - q.start <= 2:
        claimed.quotes.add(i)
        return q
    return None


# --- pass 3: according to X --------------------------------------------------------------
def according_to_phrases(index: TextIndex, claimed: Claimed, earlier: list[Found]) -> list[Found]:
    """Each unclaimed "according to X": the channel of an earlier attribution it relays (set on that
    attribution: "he said, according to a readout"), else the cue of its sentence's content."""
    found: list[Found] = []
    for tok in index.doc:
        if tok.lower_ == "according" and tok.i not in claimed.cues:
            attribution = _according_to(index, claimed, tok, [*earlier, *found])
            if attribution is not None:
                found.append(attribution)
    return found


def _according_to(index: TextIndex, claimed: Claimed, tok: Token, so_far: list[Found]) -> Found | None:
    doc, lex = index.doc, index.lex
    phrase = _according(doc, tok.i)
    if phrase is None:
        return None
    obj = next(c for c in doc[tok.i + 1].children if c.dep_ == "pobj")
    if obj.lower_ in lex.never:
        return None  # "which, according to ...": the source is elsewhere
    claimed.cues.add(tok.i)
    src = char_range(doc[phrase[0]:phrase[1]])
    relayed = _relayed(lex, tok, obj, so_far)
    if relayed is not None and relayed.channel is None:
        relayed.channel = src
        return None
    sent = tok.sent
    parts = [trim(doc, sent.start, tok.i), trim(doc, phrase[1], sent.end)]
    content = [char_range(doc[a:b]) for a, b in parts if b - a >= 2]
    if not content:
        return None
    inner = [q for rng in content for q in _quotes_inside(index, claimed, rng)]
    whole = len(inner) == 1 and len(content) == 1 and (inner[0].start, inner[0].end) == content[0]
    kind: AttributionKind = "direct" if whole else "mixed" if inner else "indirect"
    return Found(kind, content, char_range(doc[tok.i:tok.i + 2]), src, obj, confidence=0.8)


def _relayed(lex: Lexicon, tok: Token, obj: Token, so_far: list[Found]) -> Found | None:
    """The attribution that "according to" at `tok` relays: one whose cue it hangs on, or (a channel
    noun: "he said, according to a readout") one whose cue is earlier in the same sentence."""
    channel = obj.lemma_.lower() in lex.channel_nouns
    return next((f for f in so_far if f.cue and f.cue[1] <= tok.idx and (
        f.cue[0] <= tok.head.idx < f.cue[1] or (channel and f.cue[0] >= tok.sent.start_char))), None)


# --- pass 4: cue-less colon and dash lines -----------------------------------------------
def colon_lines(index: TextIndex, claimed: Claimed, earlier: list[Found]) -> list[Found]:
    """ "Name: text" opening a line below the headline, with no quote marks: a short
    person's name (all of it a PERSON entity) before a colon or spaced dash; the content runs
    to the end of the line, unless an earlier attribution's content covers it."""
    text = index.text
    found: list[Found] = []
    line_start = text.find("\n")
    while 0 <= line_start < len(text):
        line_end = text.find("\n", line_start + 1)
        line_end = len(text) if line_end < 0 else line_end
        attribution = _colon_line(index, index.token_at(line_start + 1), index.token_at(line_end),
                                  [*earlier, *found])
        if attribution is not None:
            found.append(attribution)
        line_start = line_end if line_end > line_start else -1
    return found


def _colon_line(index: TextIndex, start: int, stop: int, so_far: list[Found]) -> Found | None:
    doc, lex = index.doc, index.lex
    while start < stop and doc[start].is_space:
        start += 1
    sep = next((t for t in doc[start:min(stop, start + 5)] if t.text == ":" or (
        t.text in lex.dashes and t.whitespace_ and t.i > 0 and t.nbor(-1).whitespace_)), None)
    if sep is None or sep.i == start or index.in_quote(sep.idx):
        return None
    head_span = doc[start:sep.i]
    if any(t.ent_type_ != "PERSON" for t in head_span):
        return None
    c0, c1 = trim(doc, sep.i + 1, stop)
    while c1 > c0 and doc[c1 - 1].is_space:
        c1 -= 1
    if c1 - c0 < 3 or index.in_quote(doc[c0].idx) or any(
            f.content[0][0] <= doc[c0].idx < f.content[-1][1] for f in so_far):
        return None
    return Found("other", [char_range(doc[c0:c1])], None, char_range(head_span), head_span[-1], confidence=0.5)


PASSES: tuple[Pass, ...] = (direct_quotes, reported_clauses, according_to_phrases, colon_lines)


def kind_of(quotes: list[Quote], content: list[CharRange]) -> AttributionKind:
    """The kind of an attribution found another way (the learned head) from its content and the
    text's quotes: direct when every part is one quote (give or take its marks), mixed when a part
    holds or cuts a quote, else indirect."""
    def is_quote(s: int, e: int) -> bool:
        return any(q.start <= s + 1 and s - q.start <= 2 and e - 1 <= q.end and q.end - e <= 2 for q in quotes)

    if all(is_quote(s, e) for s, e in content):
        return "direct"
    if any(q.start < e and s < q.end for q in quotes for s, e in content):
        return "mixed"
    return "indirect"
