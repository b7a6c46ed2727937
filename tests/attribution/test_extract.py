"""The rule passes of attribution/extract.py, one at a time: what each finds and what it claims."""
from __future__ import annotations

import pytest
import spacy

from newsprobe.attribution.extract import (
    PASSES,
    Claimed,
    TextIndex,
    according_to_phrases,
    colon_lines,
    direct_quotes,
    extract,
    reported_clauses,
)
from newsprobe.attribution.quotes import find_quotes
from newsprobe.attribution.rules import default_rules
from newsprobe.config import load_options


@pytest.fixture(scope="module")
def index():
    nlp = spacy.load(load_options().spacy_model)

    def _index(text: str) -> TextIndex:
        return TextIndex(nlp(text), default_rules().lexicon, find_quotes(text))
    return _index


def texts(index: TextIndex, found) -> list[tuple[str, str | None, list[str]]]:
    def at(r):
        return index.text[r[0]:r[1]] if r else None
    return [(f.kind, at(f.cue), [at(c) for c in f.content]) for f in found]


def test_passes_run_in_order():
    assert PASSES == (direct_quotes, reported_clauses, according_to_phrases, colon_lines)


def test_direct_pass_claims_its_channel_cue(index):
    """ "“...,” he said, according to a readout": the direct pass takes the quote and "according"
    as the channel's cue, so the "according to" pass finds nothing of its own there."""
    ix = index("“We will win,” he said, according to a readout.")
    claimed = Claimed()
    (found,) = direct_quotes(ix, claimed, [])
    assert texts(ix, [found]) == [("direct", "said", ["“We will win,”"])]
    assert ix.text[found.channel[0]:found.channel[1]] == "a readout"
    according = next(t.i for t in ix.doc if t.lower_ == "according")
    assert claimed.quotes == {0} and according in claimed.cues
    assert according_to_phrases(ix, claimed, [found]) == []
    assert len(according_to_phrases(ix, Claimed(), [])) == 1  # unclaimed, it would report one


def test_second_quote_part_is_claimed_once(index):
    ix = index("“Prices will rise,” she said. “Wages will not.”\n")
    claimed = Claimed()
    found = direct_quotes(ix, claimed, [])
    assert texts(ix, found) == [("direct", "said", ["“Prices will rise,”", "“Wages will not.”"])]
    assert claimed.quotes == {0, 1}


def test_reported_clause_skips_claimed_cues(index):
    ix = index("The minister said that prices would rise.")
    assert texts(ix, reported_clauses(ix, Claimed(), [])) == [
        ("indirect", "said", ["that prices would rise"])]
    said = next(t.i for t in ix.doc if t.lower_ == "said")
    assert reported_clauses(ix, Claimed(cues={said}), []) == []


def test_colon_line_leaves_contents_found_before(index):
    text = "Senate hearing: the vote is delayed\nJohn Smith: We will never give up on this fight."
    ix = index(text)
    (line,) = colon_lines(ix, Claimed(), [])
    assert line.kind == "other"
    assert colon_lines(ix, Claimed(), [line]) == []
    assert [(f.kind, f.content) for f in extract(ix)] == [("other", line.content)]
