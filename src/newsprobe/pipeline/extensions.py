"""The `doc._` attributes that newsprobe components read and fill, registered once."""
from __future__ import annotations

from spacy.tokens import Doc

# np_article holds the ingested newsprobe.model.Article; the others hold lists of findings.
ARTICLE = "np_article"
# the techniques layer's article-level profile (a newsprobe.model.TechniqueProfile)
TECHNIQUE_PROFILE = "np_technique_profile"
FINDINGS = ("np_entities", "np_attributions", "np_timexes", "np_events", "np_claims", "np_techniques")


def register_extensions() -> None:
    for name in (ARTICLE, TECHNIQUE_PROFILE, *FINDINGS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def findings(doc: Doc, name: str) -> list:
    """The list of findings `name` on `doc`, created on first use (a list default would be shared)."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token again on each access of `doc.text`."""
    text = doc.user_data.get("np_text")
    if text is None:
        text = doc.user_data["np_text"] = doc.text
    return text
