"""Entities: spaCy's NER mentions grouped into per-article clusters.

One cluster per person, place or body: the full name, the surname and title forms ("Leader of the
Islamic Revolution Ayatollah Seyed Ali Khamenei", "Ayatollah Khamenei", "the Leader") fall together;
appositions give roles; a surname that the parser tagged as a place or organisation takes the
cluster's type.

The rules of rules/entities.toml come from the factory's `rules` setting and those of rules/coref.toml
(pronouns, role nouns, type evidence) from its `coref` setting, each a TOML file laid over the packaged
one, held by the component: pipelines with different rules can share a process.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprobe.entities.coref import Ranker, resolve
from newsprobe.entities.names import NameHead, NameSpan, load_name_head, name_spans
from newsprobe.entities.places import place_names, places_inside
from newsprobe.entities.ranking import load_ranker
from newsprobe.entities.type_model import GIVEN, TypeModel, load_type_model
from newsprobe.entities.lexicon import CorefRules, coref_rules, load_coref_rules
from newsprobe.entities.types import vote_type
from newsprobe.model import Entity, EntityMention, MentionKind
from newsprobe.pipeline.extensions import TRUNK, doc_text, findings, opens_line, word_texts
from newsprobe.rules import component_rules, load_rules

if TYPE_CHECKING:  # the module needs no encoder at run time
    from newsprobe.pipeline.encoder import EncoderComponent

MENTIONS_GROUP = "np_entity_mentions"
APPOSITION = "APPOSITION"  # the label of an apposition's mention (add_apposition_mentions)
# A longer apposition is no role phrase (a list the parser chained): never a mention, and each name
# looks at a bounded number of words, so a text of thousands of names stays linear.
MAX_APPOSITION_WORDS = 30
_POSSESSIVE = {"'s", "’s", "'", "’"}
_CLAUSES = {"relcl", "acl", "advcl"}  # "..., who had called for ...": not part of the role


@dataclass(frozen=True)
class Rules:
    kept: frozenset[str]
    confusable: frozenset[str]
    honorifics: frozenset[str]
    phrase_heads: frozenset[str]
    phrase_links: frozenset[str]
    aliases: dict[str, str]
    ignored: frozenset[str]


@cache
def default_rules() -> Rules:
    """The packaged rules, built once (every pipeline without a rules file of its own shares them)."""
    return entity_rules_from(load_rules("entities"))


def load_entity_rules(path: str | Path | None) -> Rules:
    """The newsprobe_entities factory's `rules`: rules/entities.toml with the TOML file at `path` laid
    over it (None: as packaged); its [aliases] replace the packaged ones whole."""
    return component_rules("newsprobe_entities", "entities", path, entity_rules_from, default_rules, frozenset({"aliases"}))


def entity_rules_from(raw: dict) -> Rules:
    aliases = {form: name for name, forms in raw["aliases"].items() for form in [name, *forms]}
    titles = raw["titles"]
    return Rules(frozenset(raw["types"]["kept"]), frozenset(raw["types"]["person_confusable"]),
                 frozenset(w.lower() for w in titles["honorifics"]),
                 frozenset(w.lower() for w in titles["phrase_heads"]),
                 frozenset(titles["phrase_links"]), aliases,
                 frozenset(w.lower() for w in raw["types"]["ignored_words"]))


def _is_honorific(token: Token, rules: Rules) -> bool:
    return token.text[:1].isupper() and token.lower_.rstrip(".") in rules.honorifics


@dataclass
class Mention:
    start: int  # token indices of the mention as written, titles included
    end: int
    label: str
    core: tuple[str, ...]  # the name without titles, lowercased
    core_text: str
    titles: list[str] = field(default_factory=list)
    kind: MentionKind = "name"
    within: tuple[int, int] | None = None  # a place named inside another name: that name's tokens

    @property
    def is_person(self) -> bool:
        return self.label == "PERSON"


def _title_phrase_start(doc: Doc, end: int, rules: Rules) -> int:
    """Start of a title phrase such as "Leader of the Islamic Revolution" that ends at token `end`."""
    links, heads = rules.phrase_links, rules.phrase_heads
    i = end - 1
    while i >= 0 and (doc[i].text[:1].isupper() or doc[i].lower_ in links) and doc[i].lower_ not in heads:
        i -= 1
    if i >= 0 and doc[i].lower_ in heads and doc[i].text[:1].isupper() and i + 1 < end and doc[i + 1].lower_ == "of":
        return i
    return end


def _person_mention(doc: Doc, ent_start: int, end: int, rules: Rules) -> Mention:
    start = ent_start
    while start > 0 and _is_honorific(doc[start - 1], rules):  # titles written before the name
        start -= 1
    phrase_start = _title_phrase_start(doc, start, rules)
    core_start = ent_start
    while core_start < end - 1 and _is_honorific(doc[core_start], rules):  # titles inside the NER span
        core_start += 1
    titles = [doc[phrase_start:start].text] if phrase_start < start else []
    titles += [t.text.rstrip(".") for t in doc[start:core_start] if _is_honorific(t, rules)]
    core = doc[core_start:end]
    return Mention(phrase_start, end, "PERSON", tuple(t.lower_ for t in core if not t.is_punct), core.text, titles)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading "the", "of" ("of Athens" tagged as a person) and quote marks, and a trailing possessive or punctuation, from a mention."""
    while end - start > 1 and (doc[start].lower_ in {"the", "of"} or doc[start].is_punct):
        start += 1
    while end - start > 1 and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _is_titled_name(doc: Doc, start: int, end: int, rules: Rules, lexicon: CorefRules) -> bool:
    """ "Ms Geller" tagged as an organisation: a courtesy title before a name marks a person; so does a
    known first name opening a short name ("Ilse Varga"); neither when an organisation or place word is
    in it ("General Motors Corporation", "Douglas Aircraft")."""
    if end - start < 2 or not all(t.text[:1].isupper() for t in doc[start:end]):
        return False
    if any(t.text in lexicon.org_words | lexicon.place_words for t in doc[start:end]):
        return False
    return _is_honorific(doc[start], rules) or end - start <= 3 and doc[start].text in lexicon.genders


def _normal_name(text: str, label: str, rules: Rules) -> str:
    name = text.lower().strip()
    name = rules.aliases.get(name, name)
    if label == "NORP" and name.endswith("s") and len(name) > 4:
        name = name[:-1]  # "Iranians" and "Iranian" name the same group
    return name


def collect_mentions(doc: Doc, rules: Rules, coref: CorefRules | None = None) -> list[Mention]:
    lexicon = coref or coref_rules()  # first names and type evidence decide a tagged name's type
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in rules.kept or any(t.lower_ in rules.ignored for t in ent):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        split = _affiliation(doc, start, end, rules, lexicon) if ent.label_ in rules.confusable | {"PERSON"} else None
        body = _mention(doc, *_trim(doc, split + 1, end), "ORG", rules) if split else None
        end = split or end
        if split or ent.label_ == "PERSON" or ent.label_ in rules.confusable and _is_titled_name(doc, start, end, rules, lexicon):
            mention = _person_mention(doc, start, end, rules)
            if mention.core[:1] == ("of",) and len(mention.core) > 1:
                # "King of Athens": a title and a place, not a personal name; the place is the mention
                place = doc[end - len(mention.core) + 1 : end]
                mention = Mention(place.start, end, "GPE", mention.core[1:], place.text)
            mentions.extend([mention, body] if body else [mention])
        else:
            mentions.append(_mention(doc, start, end, ent.label_, rules))
    return mentions


def _affiliation(doc: Doc, start: int, end: int, rules: Rules, lexicon: CorefRules) -> int | None:
    """ "Isabel Ruiz of Heaven Sent Gaming" tagged as one name: the "of" between a personal name of two
    capitalised words or more (a person's by its tag or its known first name) and the capitalised name
    of a body, else None. A title before "of" keeps the phrase whole ("Mary Queen of Scots")."""
    if not (doc[start].ent_type_ == "PERSON" or doc[start].text in lexicon.genders):
        return None
    for i in range(start + 2, end - 1):
        if doc[i].lower_ != "of":
            continue
        before, after = doc[start:i], [t for t in doc[i + 1:end] if t.lower_ != "the"]
        if (all(t.text[:1].isupper() for t in before) and after and after[0].text[:1].isupper()
                and doc[i - 1].lower_ not in rules.honorifics | rules.phrase_heads):
            return i
    return None


MAX_REPEATS_PER_WORD = 20  # names sharing a first word that are looked for: keeps the scan linear
MAX_REPEAT_WORDS = 8  # and only names this short (a longer "name" is a tagging accident)


def repeated_names(doc: Doc, mentions: list[Mention], rules: Rules) -> list[Mention]:
    """Other occurrences, as written, of a name of two words or more that neither the NER nor the head
    found there ("What is Heaven Sent Gaming?"): a whole name, not part of a longer capitalised one."""
    by_first: dict[str, list[tuple[tuple[str, ...], Mention]]] = {}
    for m in mentions:
        words = tuple(t.text for t in doc[m.start:m.end])
        if m.kind == "name" and 1 < len(words) <= MAX_REPEAT_WORDS:
            known = by_first.setdefault(words[0], [])
            if len(known) < MAX_REPEATS_PER_WORD and all(w != words for w, _ in known):
                known.append((words, m))
    if not by_first:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)} | {i for e in doc.ents for i in range(e.start, e.end)}
    found = []
    for token in doc:
        for words, source in by_first.get(token.text, ()):
            end = token.i + len(words)
            if (end > len(doc) or taken.intersection(range(token.i, end))
                    or tuple(t.text for t in doc[token.i:end]) != words or not _whole_name(doc, token.i, end)):
                continue
            found.append(_person_mention(doc, token.i, end, rules) if source.is_person
                         else _mention(doc, token.i, end, source.label, rules))
            taken.update(range(token.i, end))
            break
    return found


def _whole_name(doc: Doc, start: int, end: int) -> bool:
    """Not glued to more capitalised words (then it is part of another name)."""
    before = doc[start - 1] if start else None
    after = doc[end] if end < len(doc) else None
    glued_before = before is not None and before.text[:1].isupper() and not before.is_sent_start \
        and not opens_line(doc, start)
    return not glued_before and not (after is not None and after.text[:1].isupper())


def _mention(doc: Doc, start: int, end: int, label: str, rules: Rules) -> Mention:
    text = doc[start:end].text
    return Mention(start, end, label, tuple(_normal_name(text, label, rules).split()), text)


_DASHES = {"–", "—", "-", "--"}
_TRAILING = {"of", "the", "and", "for", "de", "&", "-"}


def _common_word(token: Token, capitalised_inside: set[str], lowercase: set[str]) -> bool:
    """A one-word name whose capital says nothing: the text also writes it in lower case ("Iodine",
    "THE", "State"), or it only ever opens a sentence ("Dockworkers walked off ...")."""
    if token.lower_ in lowercase:
        return True
    return bool(token.is_sent_start) and token.text not in capitalised_inside


def _is_dateline(doc: Doc, start: int, end: int) -> bool:
    """ "VELMORA – The ministers ...": a name in capitals opening the text or a line, before a dash,
    is a news dateline, which names a place."""
    return opens_line(doc, start) and end < len(doc) and doc[end].text in _DASHES and doc[start:end].text.isupper()


def head_mentions(doc: Doc, spans: list[NameSpan], mentions: list[Mention], rules: Rules,
                  add_at: float) -> list[Mention]:
    """The names the head found (entities/names.py) at `add_at` confidence or more over words that
    neither the NER (any label: a date is not a name) nor an earlier found name covers, less a
    trailing "of"; a single word only when its capital means a name (`_common_word`)."""
    spans = [s for s in spans if s.confidence >= add_at]
    if not spans:
        return []  # the Doc's word sets below are built only for a name that may be added
    taken = {i for m in mentions for i in range(m.start, m.end)}
    taken |= {i for ent in doc.ents for i in range(ent.start, ent.end)}
    texts, opens = word_texts(doc), doc.to_array(SENT_START).tolist()
    capitalised_inside = {w for w, o in zip(texts, opens) if w[:1].isupper() and o != 1}  # not opening a sentence
    lowercase = {w for w in texts if w.islower()}
    found = []
    for span in spans:
        words = doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or taken.intersection(range(words.start, words.end)):
            continue
        start, end = _trim(doc, words.start, words.end)
        while end - start > 1 and doc[end - 1].lower_ in _TRAILING:
            end -= 1  # "Emperor of" cut off before "the United States"
        if any(t.lower_ in rules.ignored for t in doc[start:end]):
            continue
        dateline = _is_dateline(doc, start, end)
        if not dateline and end - start == 1 and _common_word(doc[start], capitalised_inside, lowercase):
            continue
        label = "GPE" if dateline else GIVEN[span.family]
        found.append(_person_mention(doc, start, end, rules) if label == "PERSON"
                     else _mention(doc, start, end, label, rules))
        taken.update(range(words.start, words.end))
    return found


class Cluster:
    """Mentions of one entity, with the name words and person flag kept up to date as they are added."""

    def __init__(self, order: int = 0) -> None:
        self.order = order  # position among the article's clusters: ties go to the earlier one
        self.mentions: list[Mention] = []
        self.starts: list[int] = []  # mention starts, sorted, for last_before by bisection
        self.tokens: set[str] = set()
        self.is_person = False

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        bisect.insort(self.starts, mention.start)
        self.tokens.update(mention.core)
        self.is_person = self.is_person or mention.is_person

    @property
    def title_heads(self) -> set[str]:
        return {t.split()[0].lower() for m in self.mentions for t in m.titles}

    def last_before(self, token: int) -> int:
        i = bisect.bisect_left(self.starts, token)
        return self.starts[i - 1] if i else -1


def _nearest(clusters: list[Cluster], token: int) -> Cluster | None:
    """The cluster mentioned most recently before `token`; else the first one."""
    if not clusters:
        return None
    best = max(clusters, key=lambda c: c.last_before(token))
    return best if best.last_before(token) >= 0 else clusters[0]


class PersonIndex:
    """Person clusters by name word, so that a mention looks only at clusters sharing a word with it
    (a long text with thousands of names stays near-linear)."""

    def __init__(self) -> None:
        self.by_word: dict[str, dict[int, Cluster]] = {}

    def register(self, cluster: Cluster, mention: Mention) -> None:
        if cluster.is_person:  # a cluster's words only grow by its mentions' words
            for word in mention.core:
                self.by_word.setdefault(word, {})[cluster.order] = cluster

    def sharing(self, words: set[str]) -> list[Cluster]:
        found = {order: c for w in words for order, c in self.by_word.get(w, {}).items()}
        return [found[k] for k in sorted(found)]


def _person_for(index: PersonIndex, mention: Mention) -> Cluster | None:
    """A person cluster whose name contains this mention's words, or, for a mention the parser did not
    call a person ("Jose Ines Garcia Zarate" as an organisation), whose full name it contains."""
    core = set(mention.core)
    sharing = index.sharing(core)
    candidates = [c for c in sharing if c.is_person and core and core <= c.tokens]
    if not candidates and not mention.is_person:
        candidates = [c for c in sharing if c.is_person and len(c.tokens) > 1 and c.tokens <= core]
    return _nearest(candidates, mention.start)


def _initial_tails(name: tuple[str, ...]) -> list[str]:
    """ "pmf" for "iraq’s popular mobilization forces": the initials of the name and of its tails (two
    letters at least), the acronyms the name may be written as."""
    initials = "".join(w[0] for w in name if w[:1].isalpha())
    return [initials[i:] for i in range(len(initials) - 1)]


def cluster_mentions(mentions: list[Mention], rules: Rules) -> list[Cluster]:
    """Persons by longest name first, so that surnames and first names join a full name."""
    clusters: list[Cluster] = []
    by_name: dict[tuple[str, ...], Cluster] = {}
    acronyms: dict[str, Cluster] = {}  # each tail of a name's initials -> the first such cluster
    index = PersonIndex()
    persons = sorted((m for m in mentions if m.is_person), key=lambda m: (-len(m.core), m.start))
    for mention in persons:
        cluster = _person_for(index, mention)
        if cluster is None:
            cluster = Cluster(len(clusters))
            clusters.append(cluster)
        cluster.add(mention)
        index.register(cluster, mention)
    for mention in (m for m in mentions if not m.is_person):
        cluster = _person_for(index, mention) if mention.label in rules.confusable else None
        cluster = cluster or by_name.get(mention.core)
        if cluster is None and len(mention.core) == 1 and mention.core_text.isupper() and len(mention.core[0]) > 1:
            cluster = acronyms.get(mention.core[0])
        if cluster is None:
            cluster = by_name[mention.core] = Cluster(len(clusters))
            clusters.append(cluster)
            for tail in _initial_tails(mention.core):
                acronyms.setdefault(tail, cluster)
        cluster.add(mention)
        index.register(cluster, mention)
    return clusters


def add_title_mentions(doc: Doc, clusters: list[Cluster]) -> None:
    """ "the Leader", "the slain general": a title used alone names the person who holds it."""
    by_title: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for head in cluster.title_heads:
            by_title.setdefault(head, []).append(cluster)
    if not by_title:
        return
    taken = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    for token in doc:
        holders = by_title.get(token.lower_)
        if not holders or token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "ADJ":
            start -= 1
        followed_by_name = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        if start == 0 or doc[start - 1].lower_ != "the" or followed_by_name:
            continue
        holder = _nearest(holders, token.i)
        if holder is not None and holder.last_before(token.i) >= 0:
            core = (token.lower_,)
            holder.add(Mention(start - 1, token.i + 1, "PERSON", core, token.text, kind="nominal"))


def _appositions(doc: Doc, mention: Mention, taken: set[int], titles: frozenset[str] = frozenset(),
                 adjacent: bool = False) -> list[Span]:
    """Appositions after a mention: a common noun's phrase ("al-Muhandis, the deputy head of ..."), or a
    title's (`titles`: "Norton I, Emperor of the United States"), up to a relative clause or where
    another person's mention (`taken`) begins; `adjacent`: only one written right after the name's comma."""
    found = []
    root = doc[mention.start : mention.end].root
    for child in root.children:
        if child.dep_ != "appos" or child.i < mention.end:
            continue
        if child.pos_ != "NOUN" and not (child.pos_ == "PROPN" and child.lower_ in titles):
            continue
        if adjacent and not (doc[mention.end].text == "," and child.left_edge.i == mention.end + 1
                             and child.right_edge.i - child.left_edge.i < MAX_APPOSITION_WORDS):
            continue
        clauses = {t.i for w in child.subtree if w.dep_ in _CLAUSES and w != child for t in w.subtree}
        words = list(child.subtree)
        cut = next((k for k, t in enumerate(words) if t.i in taken or t.i in clauses), len(words))
        words = words[:cut]
        while words and (words[-1].is_punct or words[-1].text.isupper() and len(words) > 1
                         and words[-2].text == "("):
            words.pop()  # a trailing comma, or an acronym in brackets
        if words:
            found.append(doc[words[0].i : words[-1].i + 1])
    return found


def _roles(doc: Doc, cluster: Cluster, taken: set[int]) -> list[str]:
    """Appositions after a mention ("al-Muhandis, the deputy head of ..."), and title phrases."""
    roles = [t for m in cluster.mentions for t in m.titles if " " in t]
    for mention in cluster.mentions:
        if mention.label != APPOSITION:
            roles.extend(span.text for span in _appositions(doc, mention, taken))
    return list(dict.fromkeys(roles))


def add_apposition_mentions(doc: Doc, clusters: list[Cluster], rules: Rules) -> None:
    """ "Ilse Varga, the head of the port union," and "Norton I, Emperor of the United States": the
    apposition right after a name and its comma is a nominal mention of the entity (a role, not another
    name: it is no alias and casts no type vote)."""
    persons = {i: c.order for c in clusters for m in c.mentions if m.is_person for i in range(m.start, m.end)}
    titles = rules.phrase_heads | rules.honorifics
    for cluster in clusters:
        others = {i for i, order in persons.items() if order != cluster.order}
        for mention in [m for m in cluster.mentions if m.kind == "name"]:
            for span in _appositions(doc, mention, others, titles, adjacent=True):
                cluster.add(Mention(span.start, span.end, APPOSITION, (), span.text, kind="nominal"))


# Voted types whose names may hold a place ("the University of Chicago"); a person's title phrase
# ("Emperor of the United States") is part of the person's mention instead.
_HOLDS_PLACES = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})  # the types a nested place may join


def add_nested_places(doc: Doc, clusters: list[Cluster], types: list[str], rules: Rules) -> None:
    """Places named inside the names of bodies, buildings, works and events (entities/places.py), each
    joined to the article's place of that name or made a place of its own; `types` (each cluster's
    voted type) grows with `clusters`."""
    places = {m.core: i for i, c in enumerate(clusters) if types[i] in _PLACE_LABELS for m in c.mentions if m.kind == "name"}
    seen: set[tuple[int, int]] = set()
    for index in range(len(clusters)):
        if types[index] not in _HOLDS_PLACES:
            continue
        for outer in [m for m in clusters[index].mentions if m.kind == "name" and m.label != APPOSITION]:
            for start, end in places_inside(doc, outer.start, outer.end, rules.aliases):
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                place = _mention(doc, start, end, "GPE", rules)
                place.within = (outer.start, outer.end)
                if place.core not in places:
                    places[place.core] = len(clusters)
                    clusters.append(Cluster(order=len(clusters)))
                    types.append("GPE")
                clusters[places[place.core]].add(place)


def _place_by_name(cluster: Cluster, voted: str, rules: Rules) -> str:
    """An organisation whose every name is a known place's ("Helsinki", "Guadeloupe") is that place:
    the small model tags many place names as organisations, and nothing in the text said otherwise."""
    names = [" ".join(m.core) for m in cluster.mentions if m.kind == "name"]
    if voted != "ORG" or not names:
        return voted
    known = place_names()
    return "GPE" if all(rules.aliases.get(name, name) in known for name in names) else voted


def _name_rank(mention: Mention) -> tuple[bool, int, int, int]:
    """The cluster's name: not a dateline in capitals, then the most words, then the longest text."""
    return (not mention.core_text.isupper(), len(mention.core), len(mention.core_text), -mention.start)


def to_entities(doc: Doc, clusters: list[Cluster], types: list[str]) -> list[Entity]:
    """Entities in order of first mention; `types[i]` is the voted type of `clusters[i]`."""
    taken = {i for c in clusters for m in c.mentions if m.is_person for i in range(m.start, m.end)}
    order = sorted(range(len(clusters)), key=lambda i: min(m.start for m in clusters[i].mentions))
    ids = {index: f"e{number}" for number, index in enumerate(order, start=1)}
    outer = {(m.start, m.end): ids[i] for i, c in enumerate(clusters) for m in c.mentions
             if m.kind == "name" and m.within is None}
    entities = []
    for index in order:
        cluster = clusters[index]
        mentions = sorted(cluster.mentions, key=lambda m: m.start)
        names = [m for m in mentions if m.kind == "name"] or mentions
        named = [m for m in names if m.is_person] if cluster.is_person else names
        name = max(named or names, key=_name_rank).core_text
        spans = [(doc[m.start : m.end], m.kind) for m in mentions]
        surface = list(dict.fromkeys(s.text for (s, kind), m in zip(spans, mentions)
                                     if s.text != name and kind != "pronoun" and m.label != APPOSITION))
        worded = Cluster()
        for m in mentions:
            if m.kind != "pronoun":
                worded.add(m)
        entities.append(Entity(
            id=ids[index], name=name, type=types[index],
            mentions=[EntityMention(start=s.start_char, end=s.end_char, text=s.text, kind=kind,
                                    within=outer.get(m.within) if m.within else None)
                      for (s, kind), m in zip(spans, mentions)],
            aliases=surface, roles=_roles(doc, worded, taken - {i for m in mentions for i in range(m.start, m.end)}),
        ))
    return entities


@dataclass(frozen=True)
class MentionRef:
    start: int
    end: int
    entity: str
    type: str


class MentionIndex:
    """An article's entity mentions sorted by start, for overlap look-ups by bisection."""

    def __init__(self, entities: list[Entity]) -> None:
        self.mentions = sorted((MentionRef(m.start, m.end, e.id, e.type.upper())
                                for e in entities for m in e.mentions), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self.order = {e.id: number for number, e in enumerate(entities)}

    def cluster_at(self, start: int, end: int) -> str | None:
        """The cluster whose mention overlaps characters [start, end), the tightest first; a tie goes
        to the cluster mentioned first in the article."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        best: tuple[int, int, str] | None = None  # (extra characters, cluster order, id)
        for m in self.mentions[lo:hi]:
            if m.start < end and start < m.end:
                key = (abs(m.start - start) + abs(m.end - end), self.order[m.entity], m.entity)
                best = key if best is None or key < best else best
        return best[2] if best else None


def entity_for_span(doc: Doc, start: int, end: int) -> str | None:
    """The id of the cluster with a mention overlapping characters [start, end), the tightest first.
    For many look-ups in one article, build a MentionIndex once instead."""
    return MentionIndex(findings(doc, "np_entities")).cluster_at(start, end)


def _adder(doc: Doc, clusters: list[Cluster]) -> Callable[[int, int, int, MentionKind], None]:
    """Adds a resolved pronoun or role noun to its cluster (no name words: it does not rename it)."""
    def add(cluster: int, start: int, end: int, kind: MentionKind) -> None:
        clusters[cluster].add(Mention(start, end, kind.upper(), (), doc[start:end].text, kind=kind))
    return add


class EntitiesComponent:
    def __init__(self, rules: Rules | None = None, ranker: Ranker | None = None,
                 type_model: TypeModel | None = None, coref: CorefRules | None = None,
                 names: NameHead | None = None) -> None:
        self.rules = rules or default_rules()
        self.coref = coref or coref_rules()
        self.ranker = ranker  # the learned pronoun resolver; None: the rules alone
        self.type_model = type_model  # the learned check on voted types; None: the vote alone
        self.names = names  # the names head over the trunk; None (or no trunk pass): NER mentions alone

    def types(self, doc: Doc, clusters: list[Cluster]) -> list[str]:
        voted = [_place_by_name(c, vote_type(doc, c, self.coref), self.rules) for c in clusters]
        if self.type_model is None:
            return voted
        return [self.type_model.retype(doc, c, v, self.coref) for c, v in zip(clusters, voted)]

    def mentions(self, doc: Doc) -> list[Mention]:
        """The NER's mentions, and the names head's where the pipeline ran the trunk."""
        mentions = collect_mentions(doc, self.rules, self.coref)
        trunk = getattr(doc._, TRUNK)
        if self.names is not None and trunk is not None and trunk.hidden is not None:
            text = doc_text(doc)
            probs = trunk.head_outputs.get(self.names)  # computed with the pass (pipeline/encoder.py)
            if probs is None:
                probs = self.names.probs(text, trunk.starts, trunk.ends, trunk.hidden)
            spans = name_spans(text, trunk.starts, trunk.ends, probs)
            mentions += head_mentions(doc, spans, mentions, self.rules, self.names.settings.add_at)
        mentions += repeated_names(doc, mentions, self.rules)
        return sorted(mentions, key=lambda m: m.start)

    def __call__(self, doc: Doc) -> Doc:
        clusters = cluster_mentions(self.mentions(doc), self.rules)
        add_title_mentions(doc, clusters)
        add_apposition_mentions(doc, clusters, self.rules)
        resolve(doc, clusters, self.types(doc, clusters), _adder(doc, clusters), self.ranker, self.coref)
        types = self.types(doc, clusters)
        add_nested_places(doc, clusters, types, self.rules)
        entities = to_entities(doc, clusters, types)
        findings(doc, "np_entities").extend(entities)
        spans = (doc.char_span(m.start, m.end, label=e.id, alignment_mode="expand")
                 for e in entities for m in e.mentions)
        doc.spans[MENTIONS_GROUP] = [s for s in spans if s is not None]  # "expand" gives None only off the text
        return doc


@Language.factory("newsprobe_entities", default_config={"rules": None, "coref": None})
def make_entities(nlp: Language, name: str, rules: str | None, coref: str | None) -> EntitiesComponent:
    """`rules`: a TOML file whose tables are laid over rules/entities.toml; `coref`: one laid over
    rules/coref.toml (pronouns, role nouns, type evidence, first names); None: as packaged. The learned
    pronoun ranker, type check and names head are the packaged models (models/entities); the head
    reads the trunk pass of the newsprobe_encoder component when the pipeline has one."""
    component = EntitiesComponent(load_entity_rules(rules), load_ranker(), load_type_model(), load_coref_rules(coref),
                                  load_name_head())
    if "newsprobe_encoder" in nlp.pipe_names:  # earlier in the pipeline: it runs the head with its pass
        cast("EncoderComponent", nlp.get_pipe("newsprobe_encoder")).names = component.names
    return component
