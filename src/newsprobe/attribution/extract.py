"""Find attribution relations (source, cue, content) in a parsed Doc, in a few linear passes:
quotes first (direct), then cue verbs with a complement clause (indirect, mixed), then
"according to X", then cue-less colon and dash forms."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsprobe.attribution.lexicon import Lexicon, lexicon
from newsprobe.attribution.quotes import Quote, find_quotes
from newsprobe.pipeline.extensions import doc_text
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


@dataclass
class Found:
    kind: str
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


class _Text:
    """Character <-> token lookups and quote membership for one doc."""

    def __init__(self, doc: Doc, quotes: list[Quote]) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self.quotes = quotes
        self.quote_starts = [q.start for q in quotes]

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after `char`."""
        return bisect.bisect_left(self.starts, char)

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, char) - 1
        return i >= 0 and self.quotes[i].start <= char < self.quotes[i].end

    def quote_starting_at(self, char: int) -> int | None:
        i = bisect.bisect_left(self.quote_starts, char)
        return i if i < len(self.quotes) and self.quotes[i].start == char else None


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
        node = verb.head
        for _ in range(6):
            main = node.pos_ in {"VERB", "AUX"} and node.dep_ in {"ROOT", "conj"}
            if _is_cue_verb(node, lex) or node.head is node or main:
                return _source_of(node, verb_group(node)[0], lex, depth + 1)
            node = node.head
        return None, None
    if verb.tag_ in {"VBG", "VB"}:
        return None, None
    run = left_run(verb.doc, g0)
    if run is None or verb.doc[run[1] - 1].lower_ in lex.never:
        return None, None
    return char_range(verb.doc[run[0]:run[1]]), verb.doc[run[1] - 1]


def _window_after(t: _Text, first: int, lex: Lexicon) -> int:
    """End (exclusive) of the tokens after a quote that may hold its cue."""
    doc = t.doc
    end = min(len(doc), first + lex.after_window)
    for i in range(first, end):
        if "\n" in doc[i].text or t.quote_starting_at(doc[i].idx) is not None:
            return i
        if doc[i].text in SENTENCE_END:
            return i + 1
    return end


def _window_before(t: _Text, last: int, lex: Lexicon) -> int:
    """Start of the tokens before a quote that may hold its cue."""
    doc = t.doc
    start = max(0, last - lex.before_window)
    for i in range(last - 1, start - 1, -1):
        tok = doc[i]
        if "\n" in tok.text or tok.text in SENTENCE_END or t.in_quote(tok.idx):
            return i + 1
    return start


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


class Extractor:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.t = _Text(doc, find_quotes(doc_text(doc)))
        self.used_cues: set[int] = set()
        self.used_quotes: set[int] = set()
        self.found: list[Found] = []

    def run(self) -> list[Found]:
        for qi in range(len(self.t.quotes)):
            if qi not in self.used_quotes:
                self._direct(qi)
        for tok in self.doc:
            if tok.i not in self.used_cues and _is_cue_verb(tok, self.lex):
                self._indirect(tok)
        for tok in self.doc:
            if tok.lower_ == "according" and tok.i not in self.used_cues:
                self._according_to(tok)
        self._colon_forms()
        return sorted(self.found, key=lambda f: f.position)

    # --- direct quotes -------------------------------------------------------------------
    def _direct(self, qi: int) -> None:
        q = self.t.quotes[qi]
        first = self.t.token_at(q.start)
        after = self.t.token_at(q.end)
        if first >= len(self.doc) or after <= first:
            return
        found = self._cue_after(q, after) or self._cue_before(q, first)
        if found is None:
            return
        self.used_quotes.add(qi)
        found.quotes.append(q)
        self.found.append(found)

    def _cue_after(self, q: Quote, after: int) -> Found | None:
        doc, lex = self.doc, self.lex
        end = _window_after(self.t, after, lex)
        start = after
        while start < end and doc[start].is_punct:
            start += 1
        closed = doc_text(self.doc)[q.start:q.end].rstrip("\"”»“ ")[-1:]
        if closed in SENTENCE_END and start < end and doc[start].text[:1].isupper() \
                and doc[start].lower_ not in {"he", "she", "they", "said", "says", "added"}:
            return None  # “... .” followed by a new sentence
        verb = next((doc[i] for i in range(start, end) if _is_speech_verb(doc[i], lex)), None)
        acc = next((i for i in range(start, end) if _according(doc, i)), None)
        if verb is None and acc is None:
            return self._name_after(q, start, end)
        rng = _according(doc, acc) if acc is not None else None
        if acc is not None and rng is not None and (verb is None or acc < verb.i):
            self.used_cues.add(acc)
            src, head = char_range(doc[rng[0]:rng[1]]), doc[rng[1] - 1]
            return Found("direct", [(q.start, q.end)], char_range(doc[acc:acc + 2]), src, head,
                         confidence=0.85)
        if verb is None:
            return None
        g0, g1 = verb_group(verb)
        subj = subject_of(verb, lambda tok: _is_cue_verb(tok, lex))
        if subj is not None and not _across_lines(subj, verb):
            src, head = _source_range(doc, subj, lex)
        else:
            src, head = _run_source(doc, g1, end) if g1 < end else (None, None)
            if src is None:
                src, head = _run_source(doc, start, g0)
        self.used_cues.add(verb.i)
        found = Found("direct", [(q.start, q.end)], char_range(doc[g0:g1]), src, head, confidence=0.9)
        tail = max(g1, self.t.token_at(src[1]) if src else g1)
        self._channel_and_split(found, tail, end)
        return found

    def _name_after(self, q: Quote, start: int, end: int) -> Found | None:
        """ "“...,” Jesse Toprak, an analyst for Edmunds.": a person's name alone after a quote."""
        doc = self.doc
        if start >= end or doc[start].ent_type_ != "PERSON" or doc[start].ent_iob_ != "B":
            return None
        stop = start + 1
        while stop < end and doc[stop].ent_type_ == "PERSON" and doc[stop].ent_iob_ == "I":
            stop += 1
        if stop < end and doc[stop].text not in {",", "."}:
            return None
        return Found("direct", [(q.start, q.end)], None, char_range(doc[start:stop]), doc[stop - 1],
                     confidence=0.6)

    def _channel_and_split(self, found: Found, tail: int, end: int) -> None:
        """After "“X,” he said": a relaying "according to Y" and a second quote part "“Z.”"."""
        doc = self.doc
        i = tail
        while i < len(doc) and doc[i].text == ",":
            i += 1
        rng = _according(doc, i) if i < len(doc) else None
        if rng is not None:
            self.used_cues.add(i)
            found.channel = char_range(doc[rng[0]:rng[1]])
            return
        if i >= len(doc):
            return
        if end < len(doc) and doc[end - 1].text in SENTENCE_END:
            i = end  # "“X,” he said. “Y.”": a next quote without a cue of its own continues
            if "\n" in doc_text(doc)[doc[i - 1].idx:doc[i].idx]:
                return
            qi = self.t.quote_starting_at(doc[i].idx)
            if qi is None or qi in self.used_quotes or self._has_own_cue(self.t.quotes[qi]):
                return
        else:
            qi = self.t.quote_starting_at(doc[i].idx)
            if qi is None or qi in self.used_quotes or i <= tail or doc[i - 1].text != ",":
                return
        q2 = self.t.quotes[qi]
        self.used_quotes.add(qi)
        found.content.append((q2.start, q2.end))
        found.quotes.append(q2)

    def _has_own_cue(self, q: Quote) -> bool:
        doc = self.doc
        after = self.t.token_at(q.end)
        end = _window_after(self.t, after, self.lex)
        return any(_is_speech_verb(doc[i], self.lex) or doc[i].lower_ == "according"
                   for i in range(after, end))

    def _cue_before(self, q: Quote, first: int) -> Found | None:
        doc, lex = self.doc, self.lex
        start = _window_before(self.t, first, lex)
        if start >= first:
            return None
        sep = first - 1 if doc[first - 1].text in SEPARATORS or doc[first - 1].text in lex.dashes else first
        verb = next((doc[i] for i in range(sep - 1, start - 1, -1) if _is_speech_verb(doc[i], lex)), None)
        if verb is None:
            return self._cueless(q, start, sep) if sep < first else None
        g0, g1 = verb_group(verb)
        that = next((i for i in range(g1, min(first, g1 + 2)) if doc[i].lower_ == "that"
                     and doc[i].dep_ == "mark" and doc[g1:i].text in {"", ","}), None)
        tail_end = that if that is not None else sep
        tail = doc[g1:tail_end]
        fixed = tail.text.lower().endswith(lex.cue_tails)
        if len(tail) > MAX_CUE_TAIL or (sep == first and that is None and len(tail) > 3) or any(
                (t.pos_ in {"VERB", "AUX"} and not fixed) or t.text in {",", ";"} for t in tail):
            return None  # reported speech runs between cue and quote: an indirect/mixed case
        src, head = _source_of(verb, g0, lex)
        if src is None or not (doc[g1 - 1].idx <= src[0] < q.start):
            g1 = max(g1, trim(doc, g1, tail_end)[1])  # "summed up the situation as follows:"
        self.used_cues.add(verb.i)
        if that is not None:
            return Found("mixed", [(doc[that].idx, q.end)], char_range(doc[g0:g1]), src, head,
                         confidence=0.85)
        return Found("direct", [(q.start, q.end)], char_range(doc[g0:g1]), src, head, confidence=0.85)

    def _cueless(self, q: Quote, start: int, sep: int) -> Found | None:
        """ "Name: “...”" or "Name — “...”": a short name before a colon or dash is the source."""
        doc = self.doc
        if doc[sep].text not in {":"} | self.lex.dashes or not 0 < sep - start <= 6:
            return None
        span = doc[start:sep]
        if any(t.pos_ in {"VERB", "AUX"} for t in span) or not any(t.pos_ in {"PROPN", "PRON"} for t in span):
            return None
        head = max(span, key=lambda tok: tok.i if tok.pos_ in {"PROPN", "PRON", "NOUN"} else -1)
        return Found("direct", [(q.start, q.end)], None, char_range(span), head, confidence=0.6)

    # --- indirect and mixed ------------------------------------------------------------
    def _complement(self, verb: Token) -> tuple[Token, Token | None] | None:
        """The clause a cue verb reports, and the content noun in "rejected speculations that"."""
        for child in verb.rights:
            if child.dep_ == "ccomp":
                return child, None
        for child in verb.rights:
            if child.dep_ == "dobj" and child.lemma_.lower() in self.lex.content_nouns:
                clause = next((c for c in child.rights if c.dep_ in {"acl", "ccomp", "relcl"}), None)
                if clause is not None and clause.left_edge.lower_ == "that":
                    return clause, child
        return None

    def _indirect(self, verb: Token) -> None:
        doc, lex = self.doc, self.lex
        comp = self._complement(verb)
        if comp is None:
            return
        clause, noun = comp
        c0, c1 = trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        if c1 <= c0 or c1 - c0 < 2 or doc[c0].lower_ in lex.question_words:
            return
        if _is_passive(verb) and not (doc[c0].lower_ == "that" and any(
                c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children)):
            return  # "the news was announced": the subject of a passive is not the source
        c1 = self._cut_at_next_cue(c0, c1)
        src, head = _source_of(verb, verb_group(verb)[0], lex)
        if src is None and verb.lemma_.lower() in lex.belief:
            return
        if src is not None and src[0] >= doc[c0].idx and src[1] <= doc[c1 - 1].idx + len(doc[c1 - 1]):
            return  # the "subject" sits inside the reported clause: a misparse
        g0, g1 = verb_group(verb)
        if noun is not None:
            g1 = noun.i + 1
        content = char_range(doc[c0:c1])
        around = self._quote_around(content)
        if around is not None:  # the clause is a whole quotation: report it with its marks
            self.used_cues.add(verb.i)
            self.found.append(Found("direct", [(around.start, around.end)], char_range(doc[g0:g1]),
                                    src, head, confidence=0.8, quotes=[around]))
            return
        inner = [q for q in self._quotes_inside(content)]
        self.used_cues.add(verb.i)
        kind = "mixed" if inner else "indirect"
        self.found.append(Found(kind, [content], char_range(doc[g0:g1]), src, head,
                                confidence=0.75, quotes=inner))

    def _cut_at_next_cue(self, c0: int, c1: int) -> int:
        """End a content before a second attribution joined to it: ", underlining that ..." or
        "... and said its sources had ..." (the parser hangs both inside the first clause)."""
        doc = self.doc
        for i in range(c0 + 1, c1 - 1):
            tok = doc[i + 1]
            joined = (doc[i].text == "," and tok.tag_ == "VBG") or (
                doc[i].dep_ == "cc" and tok.dep_ == "conj")
            if joined and _is_cue_verb(tok, self.lex) and self._complement(tok) is not None:
                return trim(doc, c0, i)[1]
        return c1

    def _quote_around(self, rng: CharRange) -> Quote | None:
        i = bisect.bisect_right(self.t.quote_starts, rng[0]) - 1
        if i < 0 or i in self.used_quotes:
            return None
        q = self.t.quotes[i]
        if q.start <= rng[0] and rng[1] <= q.end and rng[0] - q.start <= 2:
            self.used_quotes.add(i)
            return q
        return None

    def _quotes_inside(self, rng: CharRange) -> list[Quote]:
        out = []
        i = bisect.bisect_left(self.t.quote_starts, rng[0])
        while i < len(self.t.quotes) and self.t.quotes[i].start < rng[1]:
            q = self.t.quotes[i]
            if q.end <= rng[1]:
                out.append(q)
                self.used_quotes.add(i)
            i += 1
        return out

    # --- according to X ----------------------------------------------------------------
    def _according_to(self, tok: Token) -> None:
        doc = self.doc
        rng = _according(doc, tok.i)
        if rng is None:
            return
        obj = next(c for c in doc[tok.i + 1].children if c.dep_ == "pobj")
        if obj.lower_ in self.lex.never:
            return  # "which, according to ...": the source is elsewhere
        self.used_cues.add(tok.i)
        src = char_range(doc[rng[0]:rng[1]])
        owner = next((f for f in self.found if f.cue and f.cue[1] <= tok.idx and (
            f.cue[0] <= tok.head.idx < f.cue[1]
            or (obj.lemma_.lower() in self.lex.channel_nouns and f.cue[0] >= tok.sent.start_char))),
            None)  # "he said, according to a readout": the readout is a channel, not a source
        if owner is not None and owner.channel is None:
            owner.channel = src
            return
        sent = tok.sent
        parts = [trim(doc, sent.start, tok.i), trim(doc, rng[1], sent.end)]
        content = [char_range(doc[a:b]) for a, b in parts if b - a >= 2]
        if not content:
            return
        inner = [q for rng in content for q in self._quotes_inside(rng)]
        whole = len(inner) == 1 and len(content) == 1 and (inner[0].start, inner[0].end) == content[0]
        kind = "direct" if whole else "mixed" if inner else "indirect"
        self.found.append(Found(kind, content, char_range(doc[tok.i:tok.i + 2]), src, obj,
                                confidence=0.8))

    # --- cue-less colon and dash lines -------------------------------------------------
    def _colon_forms(self) -> None:
        """ "Name: text" opening a line below the headline, with no quote marks: a short
        person's name (all of it a PERSON entity) before a colon or spaced dash; the content runs
        to the end of the line."""
        text = doc_text(self.doc)
        line_start = text.find("\n")
        while 0 <= line_start < len(text):
            line_end = text.find("\n", line_start + 1)
            line_end = len(text) if line_end < 0 else line_end
            self._colon_line(self.t.token_at(line_start + 1), self.t.token_at(line_end))
            line_start = line_end if line_end > line_start else -1

    def _colon_line(self, start: int, stop: int) -> None:
        doc, lex = self.doc, self.lex
        while start < stop and doc[start].is_space:
            start += 1
        sep = next((t for t in doc[start:min(stop, start + 5)] if t.text == ":" or (
            t.text in lex.dashes and t.whitespace_ and t.i > 0 and t.nbor(-1).whitespace_)), None)
        if sep is None or sep.i == start or self.t.in_quote(sep.idx):
            return
        head_span = doc[start:sep.i]
        if any(t.ent_type_ != "PERSON" for t in head_span):
            return
        c0, c1 = trim(doc, sep.i + 1, stop)
        while c1 > c0 and doc[c1 - 1].is_space:
            c1 -= 1
        if c1 - c0 < 3 or self.t.in_quote(doc[c0].idx) or any(
                f.content[0][0] <= doc[c0].idx < f.content[-1][1] for f in self.found):
            return
        self.found.append(Found("other", [char_range(doc[c0:c1])], None,
                                char_range(head_span), head_span[-1], confidence=0.5))


def extract(doc: Doc) -> list[Found]:
    return Extractor(doc).run()


def kind_of(quotes: list[Quote], content: list[CharRange]) -> str:
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
