"""Article metadata read from the text itself: dateline, outlet, licence notice and language.

The rules come from the factory's `rules` setting (a TOML file laid over rules/metadata.toml), held
by the component: pipelines with different rules can share a process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from newsprobe.model import Article, Span
from newsprobe.pipeline.extensions import ARTICLE, doc_text
from newsprobe.pipeline.licence import LicenceRules, find_licence, licence_rules_from
from newsprobe.rules import component_rules, load_rules

# Below this share of English stop words, a text is not called English.
MIN_ENGLISH_STOPWORD_SHARE = 0.2
# The opening tokens tell the language as well as the whole text does.
LANGUAGE_SAMPLE_TOKENS = 400


@dataclass(frozen=True)
class MetadataRules:
    dateline: re.Pattern[str]
    outlets: tuple[re.Pattern[str], ...]
    licence: LicenceRules


def metadata_rules_from(rules: dict) -> MetadataRules:
    outlets = tuple(re.compile(p, re.M) for p in rules["outlet"]["patterns"])
    return MetadataRules(re.compile(rules["dateline"]["pattern"]), outlets, licence_rules_from(rules["licence"]))


@cache
def metadata_rules() -> MetadataRules:
    """The packaged rules, compiled once (every pipeline without a rules file of its own shares them)."""
    return metadata_rules_from(load_rules("metadata"))


def load_metadata_rules(path: str | Path | None) -> MetadataRules:
    """The newsprobe_metadata factory's `rules`: rules/metadata.toml with the TOML file at `path` laid
    over it (None: as packaged)."""
    return component_rules("newsprobe_metadata", "metadata", path, metadata_rules_from, metadata_rules)


def find_dateline(text: str, rules: MetadataRules | None = None) -> Span | None:
    """The place of a dateline at the start of the text ("TEHRAN –" -> "TEHRAN")."""
    match = (rules or metadata_rules()).dateline.match(text[:200])
    if not match:
        return None
    place = match["place"]
    if not (place.isupper() or match["agency"]):
        return None
    return Span(start=match.start("place"), end=match.end("place"), text=place)


def find_outlet(text: str, rules: MetadataRules | None = None) -> str | None:
    for pattern in (rules or metadata_rules()).outlets:
        match = pattern.search(text)
        if match:
            return match["outlet"].strip()
    return None


def guess_language(doc: Doc) -> str | None:
    words = [t.lower_ for t in doc[:LANGUAGE_SAMPLE_TOKENS] if t.is_alpha]
    if not words:
        return None
    share = sum(w in STOP_WORDS for w in words) / len(words)
    return "en" if share >= MIN_ENGLISH_STOPWORD_SHARE else None


def fill_metadata(article: Article, doc: Doc, rules: MetadataRules | None = None) -> None:
    """Fill what ingest left empty; never overwrite metadata the source gave. `rules`: the
    component's (None: the packaged rules)."""
    text = article.text
    rules = rules or metadata_rules()
    article.dateline = article.dateline or find_dateline(text, rules)
    article.outlet = article.outlet or find_outlet(text, rules)
    article.licence = article.licence or find_licence(text, rules.licence)
    article.language = article.language or guess_language(doc)


class MetadataComponent:
    def __init__(self, rules: MetadataRules | None = None) -> None:
        self.rules = rules or metadata_rules()

    def __call__(self, doc: Doc) -> Doc:
        article = getattr(doc._, ARTICLE)
        if article is None:
            article = Article(id="", text=doc_text(doc))
            setattr(doc._, ARTICLE, article)
        fill_metadata(article, doc, self.rules)
        return doc


@Language.factory("newsprobe_metadata", default_config={"rules": None})
def make_metadata(nlp: Language, name: str, rules: str | None) -> MetadataComponent:
    """`rules`: a TOML file whose tables are laid over rules/metadata.toml (None: as packaged)."""
    return MetadataComponent(load_metadata_rules(rules))
