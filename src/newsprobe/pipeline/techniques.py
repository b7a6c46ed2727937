"""The techniques component: persuasion-technique spans (14 SemEval-2020 labels) and their profile.

The trained model (a MiniLM span encoder in ONNX Runtime + a technique head over its hidden states and
a linear model over the parse, no PyTorch) is loaded once when the component is created. The encoder's
pass is the shared trunk's (`newsprobe_encoder`, earlier in the pipeline, keeps it on `doc._.np_trunk`,
hidden states included): this component reads its span probabilities and the head pools its hidden
states, so each window is encoded once. Without that component in the pipeline it runs the encoder
itself (still one pass for spans and head). Non-English text is not analysed: the profile says so
instead.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsprobe.model import Technique
from newsprobe.pipeline.encoder import skip_reason
from newsprobe.pipeline.extensions import TECHNIQUE_PROFILE, TRUNK, doc_text, findings, register_extensions
from newsprobe.techniques.predictor import TechniquePredictor
from newsprobe.techniques.profile import build_profile, skipped_profile


class TechniquesComponent:
    def __init__(self) -> None:
        register_extensions()
        self.predictor = TechniquePredictor(threads=1)

    def __call__(self, doc: Doc) -> Doc:
        reason = skip_reason(doc)
        if reason:
            setattr(doc._, TECHNIQUE_PROFILE, skipped_profile(reason))
            return doc
        found = findings(doc, "np_techniques")
        text = doc_text(doc)
        trunk = getattr(doc._, TRUNK)
        # the pipeline's pass (probabilities + hidden states) feeds spans and head; None: predict runs one
        ahead = self.predictor.from_pass(doc, trunk) if trunk is not None and len(doc) else None
        for span in self.predictor.predict(doc, ahead) if len(doc) else ():
            found.append(Technique(start=span.start, end=span.end, text=text[span.start:span.end],
                                   technique=span.label, confidence=span.confidence))
        setattr(doc._, TECHNIQUE_PROFILE, build_profile(doc, found))
        return doc


@Language.factory("newsprobe_techniques")
def make_techniques(nlp: Language, name: str) -> TechniquesComponent:
    return TechniquesComponent()
