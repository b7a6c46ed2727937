"""Article metadata read from the text itself: dateline, outlet, licence notice and language."""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from newsprobe.model import Article, Span
from newsprobe.pipeline.extensions import ARTICLE, doc_text
from newsprobe.pipeline.licence import find_licence
from newsprobe.rules import load_rules

# Below this share of English stop words, a text is not called English.
MIN_ENGLISH_STOPWORD_SHARE = 0.2
# The opening tokens tell the language as well as the whole text does.
LANGUAGE_SAMPLE_TOKENS = 400


@cache
def _rules() -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
    rules = load_rules("metadata")
    outlets = [re.compile(p, re.M) for p in rules["outlet"]["patterns"]]
    return re.compile(rules["dateline"]["pattern"]), outlets


def find_dateline(text: str) -> Span | None:
    """The place of a dateline at the start of the text ("TEHRAN –" -> "TEHRAN")."""
    dateline, _ = _rules()
    match = dateline.match(text[:200])
    if not match:
        return None
    place = match["place"]
    if not (place.isupper() or match["agency"]):
        return None
    return Span(start=match.start("place"), end=match.end("place"), text=place)


def find_outlet(text: str) -> str | None:
    _, outlets = _rules()
    for pattern in outlets:
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


def fill_metadata(article: Article, doc: Doc) -> None:
    """Fill what ingest left empty; never overwrite metadata the source gave."""
    text = article.text
    article.dateline = article.dateline or find_dateline(text)
    article.outlet = article.outlet or find_outlet(text)
    article.licence = article.licence or find_licence(text)
    article.language = article.language or guess_language(doc)


class MetadataComponent:
    def __call__(self, doc: Doc) -> Doc:
        article = getattr(doc._, ARTICLE)
        if article is None:
            article = Article(id="", text=doc_text(doc))
            setattr(doc._, ARTICLE, article)
        fill_metadata(article, doc)
        return doc


@Language.factory("newsprobe_metadata")
def make_metadata(nlp: Language, name: str) -> MetadataComponent:
    return MetadataComponent()
