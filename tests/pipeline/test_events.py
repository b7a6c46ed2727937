"""The newsprobe_events component: CAMEO-coded events with actor, target, time and place."""
from __future__ import annotations

import pytest
import spacy

import newsprobe.pipeline.entities  # registers the factory
import newsprobe.pipeline.events  # noqa: F401 - registers the factory
from newsprobe import analyze
from newsprobe.config import load_options
from newsprobe.errors import NewsprobeError
from newsprobe.events.lexicon import lexicon
from newsprobe.pipeline.extensions import findings


def _names(analysis):
    return {e.id: e.name for e in analysis.entities}


def _event(analysis, trigger: str):
    return [e for e in analysis.events if e.trigger.text == trigger]


def test_reference_assassination(reference):
    names = _names(reference)
    [killing] = _event(reference, "assassinated")
    assert killing.code.startswith("18")
    assert "United States" in names[killing.actor] or names[killing.actor] in ("U.S.", "US")
    assert "Soleimani" in names[killing.target]
    assert reference.timexes[killing.time].value == "2020-01-03"
    assert names[killing.place] == "Baghdad"


def test_reference_missile_strikes(reference):
    names = _names(reference)
    strikes = [e for e in _event(reference, "strikes") if e.actor and names[e.actor] == "Iran"]
    assert strikes and strikes[0].code.startswith("19")
    assert "Asad" in (strikes[0].target_span.text if strikes[0].target_span else "")


def test_reference_meeting_on_saturday(reference):
    names = _names(reference)
    meetings = [e for e in _event(reference, "meeting") if e.time is not None]
    assert meetings and all(m.code.startswith("04") for m in meetings)
    first = meetings[0]
    assert reference.timexes[first.time].value == "2022-01-01"
    assert "Khamenei" in names[first.actor]


def test_simple_sentences(nlp):
    result = analyze("Russian police arrested Pakistani students in Moscow on Monday.", published="2020-05-06",
                     nlp=nlp)
    [arrest] = _event(result, "arrested")
    assert arrest.code.startswith("17")
    assert arrest.actor_span.text == "Russian police" and arrest.target_span.text == "Pakistani students"
    assert result.timexes[arrest.time].value == "2020-05-04"


def test_passive_agent_is_the_actor(nlp):
    result = analyze("The mayor was killed by rebels in Kabul.", nlp=nlp)
    [kill] = _event(result, "killed")
    assert kill.code.startswith("19")
    assert kill.actor_span.text == "rebels" and kill.target_span.text == "The mayor"


def test_no_event_in_plain_description(nlp):
    assert analyze("The weather was mild and the river was blue.", nlp=nlp).events == []


# Bad input: a best-effort result, no exception, work linear in the text's length.

def test_numbers_and_dates_in_any_position_give_no_exception(nlp):
    years = " ".join(str(y) for y in range(1900, 2400))
    for text in (years, f"{years}. Troops attacked the town on 3/4/2021.", "2021-13-45 31/02/1999 12.12.12",
                 "On 1 January 2000 2001 2002, 99 99 99 ministers met 2003 times."):
        assert isinstance(analyze(text, nlp=nlp).events, list)


def test_a_sentence_of_200_clauses_finishes(nlp):
    clause = "the rebels attacked the town and the army shelled the hills"
    events = analyze(", and ".join([clause] * 100) + ".", nlp=nlp).events
    assert len(events) >= 100


def test_coding_work_grows_linearly_with_the_text(nlp, monkeypatch):
    """Count the verb look-ups for a text and for the same text twice: the second is twice the first."""
    import newsprobe.pipeline.events as layer

    calls = {"n": 0}
    real = layer.code_verb

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(layer, "code_verb", counting)
    text = "Workers walked off the job. The air force struck the depot, officials said. " * 40
    counts = []
    for times in (1, 2):
        calls["n"] = 0
        layer.events_for(nlp(text * times), [])
        counts.append(calls["n"])
    assert counts[0] > 0 and counts[1] == 2 * counts[0]


@pytest.mark.slow  # a very long text through the pipeline: 20 s on the shared machine
def test_a_long_text_gives_no_exception(nlp):
    text = "The minister met the envoy in the capital and said talks would resume. " * 800  # ~10k words
    assert analyze(text, nlp=nlp).events


# --- rules held by each component (the factory's `rules` file laid over rules/events.toml) -----------
def _events_pipeline(rules: str | None):
    nlp = spacy.load(load_options().spacy_model)
    nlp.add_pipe("newsprobe_entities")
    nlp.add_pipe("newsprobe_events", config={"rules": rules})
    return nlp


def test_two_pipelines_with_different_event_rules_in_one_process(tmp_path):
    path = tmp_path / "nouns.toml"  # [nouns] replaces the packaged action nouns whole: "talks" is gone
    path.write_text('[nouns]\npicnic = "040"\n', encoding="utf-8")
    packaged, custom = _events_pipeline(None), _events_pipeline(str(path))
    text = "The talks in Vienna ended on Monday. The picnic in Geneva ended on Tuesday."

    def triggers(nlp) -> list[tuple[str, str]]:
        return [(e.trigger.text, e.code) for e in findings(nlp(text), "np_events") if e.code == "040"]

    # interleaved: neither pipeline's rules leak into the other's
    assert (triggers(packaged), triggers(custom), triggers(packaged)) == (
        [("talks", "040")], [("picnic", "040")], [("talks", "040")])
    assert packaged.get_pipe("newsprobe_events").lexicon is lexicon()


def test_bad_event_rules_fail_the_factory_with_a_coded_error(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text('[light]\nverb = ["launch"]\n', encoding="utf-8")
    with pytest.raises(NewsprobeError, match=r"NP323.*newsprobe_events.*unknown key 'light.verb'"):
        _events_pipeline(str(path))


@pytest.mark.slow  # 100k tokens through the coder: about 10 s of CPU on the shared machine
def test_a_text_of_100k_words_gives_a_best_effort_result():
    """The coder alone (no parser: the parse of one team-written sentence is copied 10,000 times, 100k
    words) finishes without an exception and codes every copy."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsprobe.pipeline.events import events_for
    from newsprobe.pipeline.extensions import register_extensions

    register_extensions()
    words = ["The", "army", "shelled", "the", "hills", "and", "rebels", "attacked", "Dorn", "."]
    pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "CCONJ", "NOUN", "VERB", "PROPN", "PUNCT"]
    lemmas = ["the", "army", "shell", "the", "hill", "and", "rebel", "attack", "Dorn", "."]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "cc", "nsubj", "conj", "dobj", "punct"]
    heads = [1, 2, 2, 4, 2, 2, 7, 2, 7, 2]
    copies = 10_000
    doc = Doc(Vocab(), words=words * copies, pos=pos * copies, lemmas=lemmas * copies, deps=deps * copies,
              heads=[h + 10 * k for k in range(copies) for h in heads],
              sent_starts=[True, *[False] * 9] * copies)
    events = events_for(doc, [])
    assert len(doc) == 100_000 and len(events) == 2 * copies
