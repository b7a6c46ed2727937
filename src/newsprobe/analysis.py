"""Run the pipeline over articles and turn each finished Doc into the typed Analysis."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.model import Analysis, Article
from newsprobe.pipeline.extensions import ARTICLE, TECHNIQUE_PROFILE, findings, remember_text


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying its Article, ready for `nlp.pipe`."""
    doc = nlp.make_doc(article.text)
    remember_text(doc, article.text)
    setattr(doc._, ARTICLE, article)
    return doc


def doc_to_analysis(doc: Doc, source: str) -> Analysis:
    return Analysis(
        source=source,
        article=getattr(doc._, ARTICLE),
        entities=findings(doc, "np_entities"),
        attributions=findings(doc, "np_attributions"),
        timexes=findings(doc, "np_timexes"),
        events=findings(doc, "np_events"),
        claims=findings(doc, "np_claims"),
        techniques=findings(doc, "np_techniques"),
        technique_profile=getattr(doc._, TECHNIQUE_PROFILE, None),
    )


def run_pipeline(
    nlp: Language, items: Iterable[tuple[Article, str]], batch_size: int = 32
) -> Iterator[Analysis]:
    """Stream (article, source) pairs through `nlp.pipe`; memory stays constant for any count."""
    docs = ((make_doc(nlp, article), source) for article, source in items)
    for doc, source in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        yield doc_to_analysis(doc, source)
