"""The `doc._` attributes that newsprobe components read and fill, registered once."""
from __future__ import annotations

from spacy.attrs import IDX, ORTH, SENT_START
from spacy.tokens import Doc, Span

from newsprobe.model import FINDINGS as MODEL_FINDINGS

# np_article holds the ingested newsprobe.model.Article; the others hold lists of findings.
ARTICLE = "np_article"
# the techniques layer's article-level profile (a newsprobe.model.TechniqueProfile)
TECHNIQUE_PROFILE = "np_technique_profile"
# the shared trunk's pass over the Doc (a newsprobe.techniques.encoder.TrunkPass), set by newsprobe_encoder
TRUNK = "np_trunk"
# one attribute per kind of finding, named after newsprobe.model.FINDINGS (the one list of them)
FINDINGS = tuple(f"np_{name}" for name in MODEL_FINDINGS)


def register_extensions() -> None:
    for name in (ARTICLE, TECHNIQUE_PROFILE, TRUNK, *FINDINGS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


# Every component module imports this one: a component that spaCy builds from its entry point
# (spacy.blank("en").add_pipe("newsprobe_timex"), no load_pipeline) finds its attributes there.
register_extensions()


def findings(doc: Doc, name: str) -> list:
    """The list of findings `name` on `doc`, created on first use (a list default would be shared)."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def remember_text(doc: Doc, text: str) -> None:
    """Record the text `doc` was tokenised from as its `doc_text`, so that no layer has to rebuild it.

    spaCy's tokenizer keeps every character; the length check guards against one that does not."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):
        doc.user_data["np_text"] = text


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token again on each access of `doc.text`."""
    text = doc.user_data.get("np_text")
    if text is None:
        text = doc.user_data["np_text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset: `[t.idx for t in doc]` without a Token object per word."""
    return doc.to_array(IDX).tolist()


def word_texts(doc: Doc, attr: int = ORTH) -> list[str]:
    """Each token's text (`attr` LOWER: lower-cased), as `[t.text for t in doc]` gives it without a
    Token object per word (a loop over a Doc that reads only the words, at a fraction of the cost)."""
    strings = doc.vocab.strings
    return [strings[value] for value in doc.to_array(attr).tolist()]


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, with the boundaries found once per Doc: each `doc.sents` walks every token.

    Same boundaries as spaCy's own: a sentence starts at the first token and wherever SENT_START is 1."""
    bounds = doc.user_data.get("np_sent_bounds")
    if bounds is None:
        if not doc.has_annotation("SENT_START"):
            return list(doc.sents)  # spaCy raises its own error for an unsegmented Doc
        starts = [i for i, flag in enumerate(doc.to_array(SENT_START).tolist()) if flag == 1 and i > 0]
        edges = [0, *starts, len(doc)]
        bounds = doc.user_data["np_sent_bounds"] = [(a, b) for a, b in zip(edges, edges[1:]) if b > a]
    return [doc[a:b] for a, b in bounds]


def opens_line(doc: Doc, i: int) -> bool:
    """Token `i` begins the text or a line (the token before it ends with, or is, a line break)."""
    return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space
