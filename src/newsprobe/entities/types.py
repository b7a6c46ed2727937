"""A cluster's type, voted over more than the small NER model's guess for each mention.

Votes: each name mention's NER label (a multi-word PERSON counts 5: a full personal name is rarely
wrong, and a surname the tagger called a place should follow it); a title or honorific before a name
(+3 PERSON); once per cluster, lexical evidence from rules/coref.toml (+6): an organisation word in the
name ("University", "Inc", "Ministry") or a known platform or body, a place word ("Bay", "Street"), a
known first name opening a name of two words or more (PERSON, checked first unless an organisation
word is among the name's first three); a name after "in"/"near" votes GPE (2) instead of its label; each resolved pronoun (he/she +1
PERSON, it/they +1 to the best non-person label). Ties go to the label seen first.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from newsprobe.entities.lexicon import CorefRules, coref_rules

if TYPE_CHECKING:
    from newsprobe.pipeline.entities import Cluster

FULL_NAME, TITLE, LEXICAL, PLACE = 5, 3, 6, 2
PLACES = {"GPE", "LOC", "FAC"}


def lexical_type(doc: Doc, cluster: Cluster, rules: CorefRules) -> str | None:
    names = [m for m in cluster.mentions if m.kind == "name"]
    words = {t.text for m in names for t in doc[m.start:m.end]}
    head_words = {t.text for m in names for t in doc[m.start:min(m.end, m.start + 3)]}
    if any(m.end - m.start > 1 and rules.genders.get(doc[m.start].text) for m in names) \
            and not head_words & rules.org_words:
        return "PERSON"  # "Isabel Ruiz of Heaven Sent Gaming": a first name before the body's name
    if words & rules.org_words or any(m.core_text in rules.org_names for m in names):
        return "ORG"
    if words & rules.place_words:
        return "GPE"
    return None


def vote_type(doc: Doc, cluster: Cluster, rules: CorefRules | None = None) -> str:
    counts = votes(doc, cluster, rules)
    return max(counts, key=lambda label: counts[label])  # max keeps the first of equal counts


def votes(doc: Doc, cluster: Cluster, rules: CorefRules | None = None) -> Counter[str]:
    """Each label's votes for the cluster (the module's docstring), in the order labels were seen; `rules`:
    the component's coreference rules (None: as packaged)."""
    rules = rules or coref_rules()
    votes: Counter[str] = Counter()
    for m in cluster.mentions:
        if m.label in {"PRONOUN", "NOMINAL", "APPOSITION"}:  # resolved mentions and roles carry no label of their own
            continue
        before = doc[m.start - 1] if m.start > 0 else None
        if before is not None and before.lower_ in rules.place_prepositions and m.label not in PLACES | {"PERSON"}:
            votes["GPE"] += PLACE  # "in Coron" tagged as an organisation: the preposition outweighs the tag
        else:
            votes[m.label] += FULL_NAME if m.label == "PERSON" and len(m.core) > 1 else 1
        if m.titles or before is not None and before.lower_.rstrip(".") in rules.person_words:
            votes["PERSON"] += TITLE
    lexical = lexical_type(doc, cluster, rules)
    if lexical:
        votes[lexical] += LEXICAL
    pronouns = Counter(rules.pronouns.get(doc[m.start].lower_) for m in cluster.mentions if m.kind == "pronoun")
    votes["PERSON"] += pronouns["male"] + pronouns["female"]
    other = next((label for label, _ in votes.most_common() if label != "PERSON"), "ORG")
    votes[other] += pronouns["thing"] + pronouns["group"]
    return votes
