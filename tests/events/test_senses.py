"""Senses the lexicon cannot tell apart: strikes by workers are protests, by an air force attacks;
reporting verbs are statements only when they report one. Sentences written by the team."""
from __future__ import annotations

import pytest

from newsprobe.cli.analyze import DEMO
from newsprobe.events.lexicon import lexicon
from newsprobe.events.senses import SenseClues
from newsprobe.pipeline.events import events_for
from tests.events.codes import event_codes



def test_workers_walking_off_the_job_and_their_strike_are_a_protest(parser):
    codes = event_codes(parser, "Bus drivers in Lowmarsh walked off the job on Tuesday after wage talks failed. "
                           "Commuters fear the strike will spread to the rail lines.")
    assert codes["walked"].startswith("14") and codes["strike"].startswith("14")
    assert "spread" not in codes


@pytest.mark.parametrize("text", ["The nurses' union said its members would strike next month.",
                                  "Teachers at the district's schools went on strike over pensions."])
def test_strike_by_workers_is_a_protest(parser, text):
    assert event_codes(parser, text)["strike"] == "143"


@pytest.mark.parametrize("text", ["The air force carried out a strike on the fuel depot at dawn.",
                                  "A drone strike hit the convoy near the border."])
def test_strike_by_an_air_force_or_a_drone_is_an_attack(parser, text):
    assert event_codes(parser, text)["strike"].startswith("19")


def test_reporting_verbs_code_a_statement_only_when_they_report_one(parser):
    assert event_codes(parser, "The mayor said that the bridge would reopen in May.")["said"] == "010"
    assert event_codes(parser, "Officials estimated that 3,000 homes had lost power.")["estimated"] == "010"
    assert event_codes(parser, "An estimated 3,000 homes lost power.").get("estimated") is None
    assert event_codes(parser, "The fire could spread to the old town.").get("spread") is None
    assert event_codes(parser, "The smugglers were seen near the harbour.").get("seen") is None


def test_a_report_after_the_event_it_reports_is_its_source_not_an_event(parser):
    codes = event_codes(parser, "The two ministers signed a fishing accord in Valmont, officials said.")
    assert codes["signed"].startswith("05") and "said" not in codes


def test_sense_clues_take_the_sentence_first_then_the_text_before():
    lex = lexicon()
    lemmas = ["x", "x", "x", "union", "strike", "x", "x", "missile", "x", "strike"]
    clues = SenseClues.of(lemmas, lex)
    assert clues.nearest(4, 0, 10) is True   # the union is nearer than the missile
    assert clues.nearest(9, 6, 10) is False  # the missile, in its sentence
    assert clues.nearest(4, 4, 6) is True    # no clue in the sentence: the union before it
    assert SenseClues.of(["strike"], lex).nearest(0, 0, 1) is None


@pytest.mark.parametrize(("text", "verb"), [
    ("The finance minister struck a cautious tone in her speech.", "struck"),
    ("Exports hit a record in March.", "hit"),
    ("The repairs will take three months.", "take"),
    ("The new mayor faces a difficult challenge.", "faces"),
    ("The club fired its coach after the derby.", "fired"),
])
def test_an_object_outside_the_literal_sense_gives_no_event(parser, text, verb):
    assert verb not in event_codes(parser, text)


def test_an_object_keeps_the_literal_sense_and_the_lexicons_own_patterns(parser):
    assert event_codes(parser, "The rebels took the border town at dawn.")["took"] != ""
    assert event_codes(parser, "The army hit the rebel camp with rockets.")["hit"].startswith("19")
    assert event_codes(parser, "The two harbours struck a bargain over fishing rights.")["struck"] == "057"
    # the lexicon's pattern "face * criticism" (111) is more specific than the object rule
    assert event_codes(parser, "The governor faces criticism over the bridge.").get("faces") == "111"


def test_a_clausal_complement_gives_the_verb_its_sense(parser):
    codes = event_codes(parser, "The ministry added that the border would reopen in May.")
    assert codes["added"] == "010"  # a statement, not a grant (060)
    assert "think" not in event_codes(parser, "Most economists think that rates will rise.")
    assert event_codes(parser, "The donors added two clinics to the plan.").get("added") != "010"


def test_the_demo_port_strike_is_a_protest_with_no_statement_from_spread_seen_or_estimated(parser):
    """The demo article: dockworkers walk off the job, "the strike will spread", "ports have seen", "an
    estimated 40,000 containers"; the strike is a protest (14x), never an attack (19x)."""
    events = events_for(parser((DEMO / "harbour-ledger-2024-03-port-strike.txt").read_text(encoding="utf-8")), [])
    codes = {e.trigger.text: e.code for e in events}
    assert codes["walked"].startswith("14") and codes["strike"].startswith("14")
    assert not any(e.code.startswith("19") for e in events)
    assert not {"spread", "seen", "estimated"} & set(codes)


def test_a_negation_on_the_verb_or_on_its_adverb_marks_the_event_negated(parser):
    def negated(text: str) -> dict[str, bool]:
        return {e.trigger.text: e.negated for e in events_for(parser(text), [])}

    assert negated("The envoy never met the rebels.")["met"] is True
    assert negated("The premier did not even ever criticise the envoys.")["criticise"] is True
    assert negated("The premier even criticised the envoys.")["criticised"] is False
