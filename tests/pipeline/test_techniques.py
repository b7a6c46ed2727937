"""The techniques component inside the pipeline: findings on exact characters, profile, bad input."""
import pytest

from newsprobe.analysis import doc_to_analysis, make_doc
from newsprobe.config import load_options
from newsprobe.model import Article
from newsprobe.pipeline import load_pipeline
from newsprobe.techniques.labels import LABELS
from newsprobe.techniques.predictor import TechniquePredictor

pytestmark = pytest.mark.slow  # the span encoder over whole articles (17 s in all on the shared machine)

LOADED = ("The corrupt, treacherous regime keeps spreading its disgusting lies, and everyone knows it! "
          "These radical extremists want to destroy our great nation. ")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(load_options(components=("newsprobe_metadata", "newsprobe_techniques")))


def analyse(nlp, text: str):
    doc = nlp(make_doc(nlp, Article(id="t", text=text)))
    return doc_to_analysis(doc, "test")


def test_spans_sit_on_exact_characters_with_known_labels(nlp):
    text = "Title: The Shameful Betrayal\n\n" + LOADED * 3
    result = analyse(nlp, text)
    assert result.techniques, "a text full of loaded language yields techniques"
    for technique in result.techniques:
        assert text[technique.start:technique.end] == technique.text
        assert technique.technique in LABELS
        assert 0.0 < technique.confidence <= 1.0
    profile = result.technique_profile
    assert profile.ran and sum(profile.counts.values()) == len(result.techniques)
    assert 0 < profile.sentences_with_technique <= profile.sentences
    assert profile.share_of_sentences == pytest.approx(profile.sentences_with_technique / profile.sentences,
                                                       abs=1e-4)


def test_non_english_text_is_reported_not_analysed(nlp):
    text = ("Die Regierung hat am Montag neue Maßnahmen beschlossen, die ab nächster Woche gelten. "
            "Der Minister sagte, man werde die Lage weiter beobachten und gegebenenfalls nachsteuern.")
    result = analyse(nlp, text)
    assert result.techniques == []
    assert result.technique_profile.ran is False
    assert "English" in result.technique_profile.reason


def test_text_without_sentence_breaks(nlp):
    text = " ".join(["the shameful corrupt regime lies and lies and everyone knows it"] * 60)
    result = analyse(nlp, text)
    for technique in result.techniques:
        assert text[technique.start:technique.end] == technique.text


@pytest.mark.slow  # a long article through the encoder: 8 s on the shared machine
def test_long_article_is_read_in_windows_without_truncation(nlp):
    text = (LOADED + "The committee met on Tuesday to discuss the budget for next year. ") * 120
    doc = nlp(make_doc(nlp, Article(id="long", text=text)))
    ends = [t.end for t in doc._.np_techniques]
    assert max(ends) > len(text) * 0.9, "techniques are found up to the end of a long article"


def test_pipe_gives_what_one_call_gives(nlp):
    texts = [LOADED * (k + 1) for k in range(5)] + ["Der Minister sagte, man werde die Lage beobachten.", ""]
    docs = [make_doc(nlp, Article(id=str(k), text=t)) for k, t in enumerate(texts)]
    one_by_one = [doc_to_analysis(nlp(d), "t") for d in docs]
    docs = [make_doc(nlp, Article(id=str(k), text=t)) for k, t in enumerate(texts)]
    streamed = [doc_to_analysis(d, "t") for d in nlp.pipe(docs, batch_size=2)]
    assert [a.techniques for a in streamed] == [a.techniques for a in one_by_one]
    assert [a.technique_profile for a in streamed] == [a.technique_profile for a in one_by_one]
    assert any(a.techniques for a in streamed)


def test_batch_workers_can_turn_the_encoder_thread_off():
    options = load_options(components=("newsprobe_metadata", "newsprobe_encoder", "newsprobe_techniques"),
                           techniques_thread=False)
    nlp = load_pipeline(options)
    assert nlp.get_pipe("newsprobe_encoder").worker_thread is False
    docs = [make_doc(nlp, Article(id=str(k), text=LOADED * (k + 1))) for k in range(3)]
    assert all(doc._.np_technique_profile.ran for doc in nlp.pipe(docs))


def test_the_shared_trunk_gives_the_same_techniques_as_the_predictor_alone(reference_text):
    """Before the shared encoder, techniques ran the trunk itself (the predictor without a pass):
    through the pipeline's pass the reference article gets the same techniques."""
    full = load_pipeline()
    doc = full(make_doc(full, Article(id="ref", text=reference_text)))
    assert doc._.np_trunk is not None
    predictor = full.get_pipe("newsprobe_techniques").predictor
    alone = [(s.start, s.end, s.label, s.confidence) for s in TechniquePredictor(threads=1).predict(doc)]
    assert alone, "the reference article has techniques"
    assert [(t.start, t.end, t.technique, t.confidence) for t in doc._.np_techniques] == alone
    assert predictor._encoder is None, "the component never loaded a trunk of its own"


def _count_passes(nlp, encoder) -> list[bool]:
    """Runs three articles through `nlp.pipe`; one entry per pass of `encoder` (was `hidden` asked?)."""
    calls = []
    run = encoder.run

    def counted(text, sentence_chars, hidden=True):
        calls.append(hidden)
        return run(text, sentence_chars, hidden)

    encoder.run = counted
    try:
        docs = [make_doc(nlp, Article(id=str(k), text=LOADED * (k + 1))) for k in range(3)]
        found = [doc_to_analysis(d, "t").techniques for d in nlp.pipe(docs, batch_size=2)]
    finally:
        del encoder.run
    assert any(found)
    return calls


def test_one_encoder_pass_per_article_feeds_spans_and_the_head(nlp):
    """Without newsprobe_encoder, the techniques component runs the trunk itself: still one pass."""
    predictor = nlp.get_pipe("newsprobe_techniques").predictor
    assert predictor.head is not None, "the packaged model labels spans with the head on the trunk"
    calls = _count_passes(nlp, predictor.encoder)
    assert calls == [True, True, True], "one pass per article, with the hidden states the head reads"


def test_the_encoder_components_pass_feeds_spans_and_the_head():
    """With newsprobe_encoder, its one pass per article (hidden states included) is the only one."""
    nlp = load_pipeline(load_options(components=("newsprobe_metadata", "newsprobe_encoder",
                                                 "newsprobe_techniques")))
    predictor = nlp.get_pipe("newsprobe_techniques").predictor
    assert predictor.head is not None
    calls = _count_passes(nlp, nlp.get_pipe("newsprobe_encoder").encoder)
    assert calls == [True, True, True], "one pass per article, with the hidden states the head reads"
    assert predictor._encoder is None, "the techniques component never ran a trunk of its own"
