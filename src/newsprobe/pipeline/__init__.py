"""The analysis pipeline: a spaCy Language whose newsprobe components each add one kind of finding."""
from __future__ import annotations

import importlib

import spacy
from spacy.language import Language

from newsprobe.config import Options, load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.pipeline.extensions import register_extensions

# component name -> module that registers its factory; imported only when the component is used.
COMPONENT_MODULES: dict[str, str] = {
    "newsprobe_metadata": "newsprobe.pipeline.metadata",
    "newsprobe_encoder": "newsprobe.pipeline.encoder",
    "newsprobe_entities": "newsprobe.pipeline.entities",
    "newsprobe_attributions": "newsprobe.pipeline.attributions",
    "newsprobe_timex": "newsprobe.pipeline.timex",
    "newsprobe_events": "newsprobe.pipeline.events",
    "newsprobe_claims": "newsprobe.pipeline.claims",
    "newsprobe_techniques": "newsprobe.pipeline.techniques",
}


def load_pipeline(options: Options | None = None) -> Language:
    """Load the configured spaCy model by name and add the configured newsprobe components."""
    options = options or load_options()
    register_extensions()
    try:
        nlp = spacy.load(options.spacy_model)
    except OSError as exc:
        raise NewsprobeError(Code.MODEL_MISSING, options.spacy_model) from exc
    nlp.max_length = options.max_chars  # a longer article fails alone with NP109 (analysis.make_doc)
    for name in options.components:
        if name not in COMPONENT_MODULES:
            raise NewsprobeError(Code.BAD_CONFIG, f"unknown component '{name}'")
        importlib.import_module(COMPONENT_MODULES[name])
        nlp.add_pipe(name, last=True, config=_component_config(name, options))
    return nlp


def _component_config(name: str, options: Options) -> dict[str, object]:
    """The settings a component's factory takes from the options."""
    if name == "newsprobe_encoder":
        return {"worker_thread": options.techniques_thread}
    if name == "newsprobe_attributions":
        return {"mode": options.attributions_mode}
    return {}
