"""The encoder component: one trunk pass per window of each Doc, shared by the learned layers."""
from __future__ import annotations

import numpy as np
import pytest
from spacy.attrs import IDX, SENT_START

from newsprobe.analysis import make_doc
from newsprobe.model import Article
from newsprobe.techniques.wordpieces import encode, sentence_windows

pytestmark = pytest.mark.slow  # the shared trunk over the reference article


def _windows(encoder, doc) -> int:
    """Windows of the text, counted apart from the component (word pieces packed from sentences)."""
    starts, sentence = doc.to_array([IDX, SENT_START]).T.astype(np.int64)
    pieces = encode(encoder.tokenizer, doc.text)
    return len(sentence_windows(len(pieces.ids), np.searchsorted(pieces.starts, starts[sentence == 1])))


@pytest.fixture(scope="module")
def nlp():
    """The full pipeline with the learned attributions on (the default mode is rules)."""
    from newsprobe.config import load_options
    from newsprobe.pipeline import load_pipeline

    return load_pipeline(load_options(attributions_mode="rules_first"))


@pytest.fixture
def counted(nlp, monkeypatch):
    """The pipeline's encoder with its ONNX session's runs counted."""
    encoder = nlp.get_pipe("newsprobe_encoder").encoder
    calls = []
    run = encoder.session.run

    def counting(*args, **kwargs):
        calls.append(args[0])
        return run(*args, **kwargs)

    monkeypatch.setattr(encoder.session, "run", counting)
    return encoder, calls


@pytest.mark.parametrize("streamed", [False, True])
def test_the_trunk_runs_once_per_window_for_all_learned_layers(nlp, counted, reference_text, streamed):
    encoder, calls = counted
    doc = make_doc(nlp, Article(id="ref", text=reference_text))
    doc = next(nlp.pipe([doc])) if streamed else nlp(doc)
    windows = _windows(encoder, doc)
    assert windows > 1, "the reference article spans several windows"
    assert len(calls) == windows
    assert all(outputs == ["logits", "hidden"] for outputs in calls)
    assert doc._.np_trunk.hidden.shape == (len(doc._.np_trunk.starts), 384)
    assert any(a.origin == "learned" for a in doc._.np_attributions), "the head read the shared pass"
    assert doc._.np_techniques, "techniques read the shared pass"
    assert nlp.get_pipe("newsprobe_techniques").predictor._encoder is None


def test_non_english_text_gets_no_pass(nlp):
    doc = nlp(make_doc(nlp, Article(id="de", text="Der Minister sagte, man werde die Lage weiter beobachten. "
                                                  "Die Regierung hat am Montag neue Maßnahmen beschlossen.")))
    assert doc._.np_trunk is None
    assert all(a.origin == "rules" for a in doc._.np_attributions)


@pytest.mark.slow  # the reference article twice through the pipeline: 6 s on the shared machine
def test_a_stream_gives_what_one_call_gives(nlp, reference_text):
    from newsprobe.analysis import doc_to_analysis

    paragraphs = [p for p in reference_text.split("\n") if len(p) > 200][:6]
    texts = [*paragraphs, "Der Minister sagte, man werde die Lage beobachten.", "", reference_text]

    def docs():
        return [make_doc(nlp, Article(id=str(k), text=t)) for k, t in enumerate(texts)]

    one_by_one = [doc_to_analysis(nlp(d), "t") for d in docs()]
    streamed = [doc_to_analysis(d, "t") for d in nlp.pipe(docs(), batch_size=2)]
    assert [a.attributions for a in streamed] == [a.attributions for a in one_by_one]
    assert [a.techniques for a in streamed] == [a.techniques for a in one_by_one]
    assert any(x.origin == "learned" for a in streamed for x in a.attributions)


def test_the_main_thread_shares_the_passes_it_would_wait_for(nlp, reference_text, monkeypatch):
    """With the worker slowed, the main thread runs the newest passes itself; the results stay the same."""
    import threading
    import time

    from newsprobe.analysis import doc_to_analysis

    encoder = nlp.get_pipe("newsprobe_encoder").encoder
    ran_in: list[str] = []
    run = encoder.run

    def slow_worker(*args, **kwargs):
        ran_in.append(threading.current_thread().name)
        if ran_in[-1].startswith("np-encoder"):
            time.sleep(0.3)
        return run(*args, **kwargs)

    paragraphs = [p for p in reference_text.split("\n") if len(p) > 200][:8]

    def docs():
        return [make_doc(nlp, Article(id=str(k), text=t)) for k, t in enumerate(paragraphs)]

    expected = [doc_to_analysis(nlp(d), "t") for d in docs()]
    ran_in.clear()
    monkeypatch.setattr(encoder, "run", slow_worker)
    streamed = [doc_to_analysis(d, "t") for d in nlp.pipe(docs(), batch_size=2)]
    assert len(ran_in) == len(paragraphs), "each pass ran once, in one thread or the other"
    assert any(name.startswith("np-encoder") for name in ran_in)
    assert threading.main_thread().name in ran_in, "the main thread took passes instead of waiting"
    assert [a.model_dump() for a in streamed] == [a.model_dump() for a in expected]


def test_the_names_head_runs_with_the_pass_and_entities_read_it(nlp, reference_text, monkeypatch):
    """The entity names head runs once per Doc in the encoder's worker; without it on the pass, the
    entities component runs the head itself, to the same entities."""
    import threading

    from newsprobe.analysis import doc_to_analysis

    component = nlp.get_pipe("newsprobe_encoder")
    names = component.names
    assert names is not None and names is nlp.get_pipe("newsprobe_entities").names
    ran_in: list[str] = []
    probs = names.probs

    def counted(*args, **kwargs):
        ran_in.append(threading.current_thread().name)
        return probs(*args, **kwargs)

    monkeypatch.setattr(names, "probs", counted)
    doc = next(nlp.pipe([make_doc(nlp, Article(id="ref", text=reference_text))]))
    assert len(ran_in) == 1 and ran_in[0].startswith("np-encoder")
    assert names in doc._.np_trunk.head_outputs
    monkeypatch.setattr(component, "names", None)
    again = next(nlp.pipe([make_doc(nlp, Article(id="ref", text=reference_text))]))
    assert ran_in[1:] == [threading.main_thread().name] and not again._.np_trunk.head_outputs
    assert doc_to_analysis(again, "t").entities == doc_to_analysis(doc, "t").entities
    assert doc_to_analysis(doc, "t").entities


def test_without_the_entities_component_the_names_head_never_runs():
    import dataclasses

    from newsprobe.config import load_options
    from newsprobe.pipeline import load_pipeline

    components = ("newsprobe_metadata", "newsprobe_encoder", "newsprobe_techniques")
    alone = load_pipeline(dataclasses.replace(load_options(), components=components))
    assert alone.get_pipe("newsprobe_encoder").names is None
    doc = alone(make_doc(alone, Article(id="t", text="The minister said on Monday that taxes would rise. "
                                                    "Critics called the plan a disgrace.")))
    assert doc._.np_trunk is not None and not doc._.np_trunk.head_outputs
