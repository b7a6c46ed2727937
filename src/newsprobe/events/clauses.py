"""One event per clause: which action nouns only frame a coded verb's event (PETRARCH codes the verb of a
clause; the nouns around it are its topic or its time)."""
from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsprobe.events.lexicon import Lexicon

# a subject noun stays: in "a drone strike hit the convoy" the strike (195) is the event the verb reports
_OBJECTS = ("dobj", "obj")


def frames_another(noun: Token, triggers: Container[int], lex: Lexicon) -> bool:
    """Whether an action noun is the topic or the time frame of a coded verb: its object ("condemned the
    attack") or the object of a frame preposition ("clashed during a visit", "spoke after the meeting").
    A purpose ("left for meetings") stays an event."""
    head = noun.head
    if noun.dep_ in _OBJECTS:
        return head.i in triggers
    return noun.dep_ == "pobj" and head.lower_ in lex.frame_preps and head.head.i in triggers

