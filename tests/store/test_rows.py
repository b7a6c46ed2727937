"""Stored attribution rows: a pronoun source that resolved to nobody is not a speaker."""
from __future__ import annotations

from newsprobe.store.rows import _attributions


def _attribution(source: str, speaker: str | None) -> dict:
    return {"kind": "indirect", "source": {"start": 0, "end": len(source), "text": source},
            "cue": {"start": 10, "end": 14, "text": "said"}, "content": {"start": 15, "end": 20, "text": "x"},
            "speaker": speaker}


def test_unresolved_pronoun_is_no_speaker():
    data = {"attributions": [_attribution("she", None), _attribution("I", None), _attribution("she", "e1"),
                             _attribution("Many pundits", None)]}
    rows = _attributions(1, data, {"e1": "Ilse Varga"})
    names = [(row[4], row[5]) for row in rows]
    assert names == [(None, None), (None, None), ("Ilse Varga", "ilse varga"), ("Many pundits", "many pundits")]
