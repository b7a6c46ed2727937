"""Pronouns and role nouns resolved onto an article's entity clusters.

A third-person pronoun (rules/coref.toml [pronouns]) takes the antecedent that agrees with it (he: a
person not known to be female; she: a person not known to be male; it: a place, body or thing; they:
an organisation or group) among the mentions of the last few sentences, in this order of preference:
a subject in the same or the previous sentence, the most recent one (Hobbs and Lappin-Leass both favour
subjects and recency). A person's gender comes from a known first name or an honorific, then from the
pronouns already resolved to it. A resolved pronoun is itself an antecedent for the next one
("Varga ... She ... her"). When nothing in the window agrees, he/she takes the person of that known
gender mentioned most so far (the subject of a biography or an interview). Outside quotes, mentions
inside a quotation are not antecedents.

First person outside quotes ("I", "my") is the speaker whose turn it is, where the text marks turns: a
person's name standing alone as a sentence ("Miss Rosenthal?", a court calling counsel) or before a
colon at a line's start ("SMITH: ..."), a name after "interviews" (the interviewee answers), and "I'm
Mario Lucero" ("my name is ..."), whose "I" is that person too. Without a turn, "I" is the person named
most so far: an interview's interviewee, a memoir's author (an op-ed's unnamed author is the known
miss). "we", "our" outside quotes go to the same speaker (an interviewee speaking for a team, as GUM
chains them: the organisation named most, the rule before, resolved 0.64 of GUM train's pronouns
against 0.66, and 0.84 of dev's against 0.86), or, with no person named, to the organisation named
most (a company's own text). Inside quotes the quote's speaker takes first person (entities/quoted.py).

"the agency", "the city": a role noun after "the" joins the most recent
cluster of its type. Nothing compatible in the window: the pronoun stays unresolved.

With a trained ranker (entities/ranking.py, models/entities/pronouns.json) a third-person pronoun's
antecedent is the best-scored agreeing mention of the same window instead, where the ranker is confident.

Work: each token looks back over at most `window.mentions` antecedents, so a text costs time linear in
its length however many mentions it holds.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol
from collections.abc import Callable

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from newsprobe.attribution.quotes import find_quotes
from newsprobe.attribution.spans import SUBJECTS
from newsprobe.entities.lexicon import CorefRules, coref_rules
from newsprobe.model import MentionKind
from newsprobe.pipeline.extensions import doc_text, opens_line, sentences, token_starts, word_texts

if TYPE_CHECKING:
    from newsprobe.pipeline.entities import Cluster

MAIN_CLAUSES = {"ROOT", "conj", "ccomp"}
# How far back (sentences) a main-clause subject is preferred to a more recent mention: further for a
# pronoun that is itself a subject (parallelism: "The Leader pointed to ... "..." he said").
SUBJECT_SENTENCES = {True: 3, False: 1}
FEMALE_TITLES = {"mrs", "ms", "miss", "lady", "queen", "princess", "dame", "sister", "empress", "madam"}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "brother", "emperor"}
# Who "I" and "we" are outside quotes, by preference: the speaker (whose turn it is, else the person named
# most); for "we" with no person named, the organisation named most (a company's own text).
FIRST_PERSON = {"speaker": ({"PERSON"},), "speakers": ({"PERSON"}, {"ORG"})}
AddMention = Callable[[int, int, int, MentionKind], None]  # (cluster index, start token, end token, kind)
SELF_NAMING = {"i": {"'m", "am"}, "my": {"nameis", "name's"}}  # "I'm X", "my name is X", words joined
TURN_ENDS = {"?", ":"}
INTERVIEW_VERBS = {"interviews", "interviewed", "interviewing"}  # "Wikinews interviews Marymegan Daly"


@dataclass(frozen=True)
class Seen:
    token: int
    sentence: int
    cluster: int
    subject: bool
    quote: int  # index of the quotation it stands in, -1 outside quotes
    kind: str = "name"  # name | nominal | pronoun
    head: int = -1  # token the mention's root depends on (binding: "Varga praised her")


def _gender(doc: Doc, cluster: Cluster, genders: dict[str, str]) -> str | None:
    for m in cluster.mentions:
        if m.kind != "name":
            continue
        words = {t.rstrip(".").lower() for t in m.titles} | ({doc[m.start - 1].lower_.rstrip(".")} if m.start else set())
        if words & FEMALE_TITLES:
            return "female"
        if words & MALE_TITLES:
            return "male"
        first = genders.get(doc[m.start].text)
        if first:
            return first
    return None


def _agrees(kind: str, cluster_type: str, gender: str | None, rules: CorefRules) -> bool:
    if kind in {"male", "female"}:
        return cluster_type == "PERSON" and gender in {None, kind}
    if kind == "thing":
        return cluster_type in rules.thing_types
    return cluster_type in rules.group_types


def _quote_of(doc: Doc) -> list[int]:
    """For each token, the index of the quotation it stands in (-1 outside): the attributions
    layer's quote finder, so that both layers see the same quotes."""
    index = [-1] * len(doc)
    quotes = find_quotes(doc_text(doc))
    q = 0
    for i, start in enumerate(token_starts(doc)):
        while q < len(quotes) and quotes[q].end <= start:
            q += 1
        if q < len(quotes) and quotes[q].start <= start:
            index[i] = q
    return index


def _sentence_of(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sent in enumerate(sentences(doc)):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


class Ranker(Protocol):
    """Chooses a pronoun's cluster among the window's candidates (entities/ranking.py)."""

    @property
    def fallback(self) -> str: ...  # "rule", "salient" or "none": see LogisticRanker

    def choose(self, resolver: Resolver, token: Token, kind: str, candidates: list[Seen],
               rule: int | None) -> int | None: ...


class Resolver:
    def __init__(self, doc: Doc, clusters: list[Cluster], types: list[str], ranker: Ranker | None = None,
                 rules: CorefRules | None = None) -> None:
        self.doc, self.types, self.ranker = doc, types, ranker
        self.rules = rules = rules or coref_rules()
        self.genders = [_gender(doc, c, rules.genders) for c in clusters]
        # "et al." gives a lower-case PERSON that citations repeat: never the text's speaker
        self.capitalised = [any(m.kind == "name" and doc[m.start].text[:1].isupper() for m in c.mentions)
                            for c in clusters]
        self.sentence = _sentence_of(doc)
        self.quote = _quote_of(doc)
        self.window = rules.window_sentences
        self.history: deque[Seen] = deque(maxlen=rules.window_mentions)
        self.counts = [0] * len(clusters)
        self.most: dict[str, int] = {}  # type -> the most names any cluster of that type has so far
        self.salient: dict[str, int] = {}  # gender -> the person of that gender mentioned most so far
        self.turn: int | None = None  # the person whose turn it is to speak, where the text marks turns

    def _is_subject(self, start: int, end: int) -> bool:
        """The subject of a main clause (not of a relative clause: "the popularity X gained")."""
        root = self.doc[start:end].root
        return root.dep_ in SUBJECTS and root.head.dep_ in MAIN_CLAUSES

    def see(self, start: int, end: int, cluster: int, named: bool = True, kind: str = "name") -> None:
        root = self.doc[start:end].root
        self.history.append(Seen(start, self.sentence[start], cluster, self._is_subject(start, end),
                                 self.quote[start], kind if not named else "name", root.head.i))
        if not named:
            return
        self.counts[cluster] += 1  # salience counts names only: a pronoun chain must not feed itself
        label = self.types[cluster]
        self.most[label] = max(self.most.get(label, 0), self.counts[cluster])
        gender = self.genders[cluster]
        if gender and self.types[cluster] == "PERSON":
            best = self.salient.get(gender)
            if best is None or self.counts[cluster] > self.counts[best]:
                self.salient[gender] = cluster

    def candidates(self, token: Token) -> list[Seen]:
        """The antecedents a learned ranker chooses among: the window's mentions, most recent first,
        without those inside another quotation."""
        here, quote = self.sentence[token.i], self.quote[token.i]
        found = []
        for seen in reversed(self.history):
            if seen.sentence < here - self.window:
                break
            if seen.quote in {-1, quote}:
                found.append(seen)
        return found

    def antecedent(self, token: Token, accepts: Callable[[int], bool]) -> int | None:
        """The cluster of the preferred accepted antecedent before `token`: a subject of this or the
        previous sentence, else the most recent one within the window. Outside quotes, the people named
        inside a quotation are not candidates ("... shows he was popular," he said)."""
        here, quote = self.sentence[token.i], self.quote[token.i]
        reach = SUBJECT_SENTENCES[token.dep_ in SUBJECTS]
        recent = subject = None
        for seen in reversed(self.history):
            if seen.sentence < here - self.window:
                break
            if seen.quote not in {-1, quote} or not accepts(seen.cluster):
                continue
            recent = recent if recent is not None else seen.cluster
            if seen.subject and seen.sentence >= here - reach:
                subject = seen.cluster
                break
        return subject if subject is not None else recent

    def most_named(self, kinds: set[str]) -> int | None:
        """The cluster of one of `kinds` named most so far (first named wins a tie)."""
        found = [c for c, kind in enumerate(self.types) if kind in kinds and self.counts[c] and self.capitalised[c]]
        return max(found, key=lambda c: self.counts[c], default=None)

    def pronoun(self, token: Token, kind: str) -> int | None:
        if kind in FIRST_PERSON:
            if self.quote[token.i] >= 0:
                return None
            if self.turn is not None:
                return self.turn
            for types in FIRST_PERSON[kind]:
                found = self.most_named(types)
                if found is not None:
                    return found
            return None
        found = self.antecedent(token, lambda c: _agrees(kind, self.types[c], self.genders[c], self.rules))
        if self.ranker is not None:
            return self._learned(token, kind, found)
        if found is None and kind in {"male", "female"}:
            found = self.salient.get(kind)  # the interviewee, the biography's subject: out of the window
        self._learn_gender(found, kind)
        return found

    def _learn_gender(self, found: int | None, kind: str) -> None:
        if found is not None and kind in {"male", "female"} and self.genders[found] is None:
            self.genders[found] = kind  # "Varga ... she": later pronouns must agree

    def _learned(self, token: Token, kind: str, rule: int | None) -> int | None:
        """The ranker's choice among the window's candidates that agree with the pronoun as the rule
        requires ("it" is never a person; the rule's answer is one of its features); below its
        threshold, the rule's answer (fallback "rule"); right after a quotation, the rule's answer; nothing
        at all for he/she: the most salient person of that gender, as the rule does."""
        assert self.ranker is not None
        if token.i and self.quote[token.i - 1] >= 0 > self.quote[token.i]:
            found = rule  # '..." he said': a quote's speaker, where the rules' subject preference holds
        else:
            agreeing = [c for c in self.candidates(token)
                        if _agrees(kind, self.types[c.cluster], self.genders[c.cluster], self.rules)]
            found = self.ranker.choose(self, token, kind, agreeing, rule)
        if found is None and kind in {"male", "female"} and self.ranker.fallback != "none":
            found = self.salient.get(kind)
        self._learn_gender(found, kind)
        return found

    def nominal(self, token: Token, kind: str) -> int | None:
        places = {"GPE", "LOC", "FAC"}
        return self.antecedent(token, lambda c: self.types[c] == kind or kind == "GPE" and self.types[c] in places)


def _is_role_noun(doc: Doc, token: Token) -> bool:
    """ "the agency" as a whole noun phrase: not "the agency's chief" nor "the city of Athens"."""
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (token.i > 0 and doc[token.i - 1].lower_ == "the" and token.pos_ == "NOUN"
            and (after is None or after.lower_ != "of" and after.pos_ not in {"PROPN", "NOUN"}))


def _alone(doc: Doc, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """A name that is a sentence or a line of its own, but for a "?" ("Miss Rosenthal?", a court calling
    counsel), or that opens a line before a colon ("SMITH: ..."). Looks at two words after it at most."""
    if end < len(doc) and doc[end].text == ":":
        return opens_line(doc, start)
    if sentence[0] != start and not opens_line(doc, start):
        return False
    rest: list[str] = []
    for i in range(end, sentence[1]):
        if opens_line(doc, i) or len(rest) > 1:
            break
        if not doc[i].is_space:
            rest.append(doc[i].text)
    return not rest or len(rest) == 1 and rest[0] in TURN_ENDS


def speaker_turns(doc: Doc, clusters: list[Cluster], types: list[str], sentence_of: list[int]) -> dict[int, int]:
    """Token -> person cluster whose turn to speak begins there: after a name that stands alone (a
    court calling counsel, a transcript's "SMITH:"), and at the "I" of "I'm Mario Lucero". `sentence_of`:
    each token's sentence number (the resolver's)."""
    bounds = [(s.start, s.end) for s in sentences(doc)]
    turns: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        if types[index] != "PERSON":
            continue
        for m in cluster.mentions:
            if m.kind != "name":
                continue
            if _alone(doc, m.start, m.end, bounds[sentence_of[m.start]]) \
                    or m.start and doc[m.start - 1].lower_ in INTERVIEW_VERBS:
                turns[m.end] = index
            for opener in range(max(0, m.start - 4), m.start - 1):
                between = "".join(t.lower_ for t in doc[opener + 1:m.start]).replace("’", "'")
                if between in SELF_NAMING.get(doc[opener].lower_, ()):
                    turns[opener] = index
    return turns


def resolve(doc: Doc, clusters: list[Cluster], types: list[str], add: AddMention,
            ranker: Ranker | None = None, rules: CorefRules | None = None) -> None:
    """Add each pronoun and role noun that resolves as a mention of its cluster, in text order; `rules`:
    the component's coreference rules (None: as packaged)."""
    rules = rules or coref_rules()
    spans = sorted((m.end, m.start, i, m.kind) for i, c in enumerate(clusters) for m in c.mentions)
    kinds = [s[3] for s in spans]
    taken = {t for c in clusters for m in c.mentions for t in range(m.start, m.end)}
    resolver = Resolver(doc, clusters, types, ranker, rules)
    turns = speaker_turns(doc, clusters, types, resolver.sentence)
    k = 0
    for i, lower in enumerate(word_texts(doc, LOWER)):
        resolver.turn = turns.get(i, resolver.turn)
        while k < len(spans) and spans[k][0] <= i:
            end, start, cluster, _ = spans[k]
            resolver.see(start, end, cluster, named=kinds[k] == "name", kind=kinds[k])
            k += 1
        if i in taken:
            continue
        kind = rules.pronouns.get(lower)
        if kind is not None:
            found = resolver.pronoun(doc[i], kind)
            if found is not None:
                add(found, i, i + 1, "pronoun")
                if kind not in FIRST_PERSON:  # "I" says who talks, not who "he" is next
                    resolver.see(i, i + 1, found, named=False, kind="pronoun")
            continue
        role = rules.nominals.get(lower)
        if role is not None and _is_role_noun(doc, doc[i]):
            found = resolver.nominal(doc[i], role)
            if found is not None:
                add(found, i - 1, i + 1, "nominal")
                resolver.see(i - 1, i + 1, found, named=False, kind="nominal")
