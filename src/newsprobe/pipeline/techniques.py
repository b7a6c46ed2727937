"""The techniques component: persuasion-technique spans (14 SemEval-2020 labels) and their profile.

It reads the parse spaCy already made; the trained model (CRF tagger + linear classifier, no
PyTorch) is loaded once when the component is created. Non-English text is not analysed: the
profile says so instead.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.model import Technique
from newsprobe.pipeline.extensions import ARTICLE, TECHNIQUE_PROFILE, findings, register_extensions
from newsprobe.pipeline.metadata import guess_language
from newsprobe.techniques.predictor import TechniquePredictor
from newsprobe.techniques.profile import build_profile, skipped_profile


def _language(doc: Doc) -> str | None:
    article = getattr(doc._, ARTICLE)
    if article is not None and article.language:
        return article.language
    return guess_language(doc)


class TechniquesComponent:
    def __init__(self) -> None:
        register_extensions()
        self.predictor = TechniquePredictor()

    def __call__(self, doc: Doc) -> Doc:
        language = _language(doc)
        if language != "en":
            setattr(doc._, TECHNIQUE_PROFILE,
                    skipped_profile(f"not run: the text is not recognised as English "
                                    f"(language: {language or 'unknown'})"))
            return doc
        if len(doc) and not doc.has_annotation("SENT_START"):
            setattr(doc._, TECHNIQUE_PROFILE,
                    skipped_profile("not run: the spaCy pipeline gives no sentences (add a parser or senter)"))
            return doc
        found = findings(doc, "np_techniques")
        text = doc.text
        for span in self.predictor.predict(doc) if len(doc) else ():
            found.append(Technique(start=span.start, end=span.end, text=text[span.start:span.end],
                                   technique=span.label, confidence=span.confidence))
        setattr(doc._, TECHNIQUE_PROFILE, build_profile(doc, found))
        return doc


@Language.factory("newsprobe_techniques")
def make_techniques(nlp: Language, name: str) -> TechniquesComponent:
    return TechniquesComponent()
