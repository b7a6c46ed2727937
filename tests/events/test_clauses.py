"""One event per clause: an action noun that is a coded verb's object or time frame is no event of its
own; a purpose ("flew to Velden for talks") stays one. Sentences written by the team."""
from __future__ import annotations

import pytest

from tests.events.codes import event_codes


@pytest.mark.parametrize(("text", "verb", "noun"), [
    ("The two envoys quarrelled bitterly during a state visit to Lorran.", "quarrelled", "visit"),
    ("The premier praised the mediators after the negotiation in Velden.", "praised", "negotiation"),
    ("The governor condemned the bombing of the market.", "condemned", "bombing"),
])
def test_a_noun_framing_a_coded_verb_is_no_event(parser, text, verb, noun):
    codes = event_codes(parser, text)
    assert verb in codes and noun not in codes


def test_a_noun_naming_a_purpose_stays_an_event(parser):
    codes = event_codes(parser, "The premier flew to Velden for talks with the rebels.")
    assert codes["talks"].startswith("04")


def test_a_light_verbs_action_noun_is_the_event(parser):
    assert event_codes(parser, "The delegates held a meeting in Velden.") == {"meeting": "040"}
