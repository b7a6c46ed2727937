"""The newsprobe_events component: CAMEO-coded events with actor, target, time and place."""
from __future__ import annotations

from newsprobe import analyze


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
