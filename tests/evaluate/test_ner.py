"""News NER on MEANTIME: the gold reader on a team-written CAT snippet, the flat scoring rules, and the
floors on the time layer's MEANTIME split."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from newsprobe.evaluate.meantime import rebuild
from newsprobe.evaluate.ner import NerScore, evaluate_ner, flat_mentions, gold_mentions, score_document
from newsprobe.model import Entity, EntityMention
from tests.conftest import DATA, require_data
from tests.floors import floor

MEANTIME = DATA / "meantime-english"

SNIPPET = """<Document doc_name="1_demo">
<token t_id="1" sentence="0">Velmora</token><token t_id="2" sentence="0">Freight</token>
<token t_id="3" sentence="0">hires</token><token t_id="4" sentence="0">Ilse</token>
<token t_id="5" sentence="0">Varga</token><token t_id="6" sentence="0">in</token>
<token t_id="7" sentence="0">Eastport</token><token t_id="8" sentence="0">.</token>
<Markables>
<ENTITY_MENTION m_id="10" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="11" syntactic_type="NAM"><token_anchor t_id="4"/><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="12" syntactic_type="NAM"><token_anchor t_id="7"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="13" syntactic_type="PRO"><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY m_id="20" ent_type="ORG"/><ENTITY m_id="21" ent_type="PER"/><ENTITY m_id="22" ent_type="FIN"/>
</Markables>
<Relations>
<REFERS_TO r_id="30"><source m_id="10"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="31"><source m_id="11"/><source m_id="13"/><target m_id="21"/></REFERS_TO>
<REFERS_TO r_id="32"><source m_id="12"/><target m_id="22"/></REFERS_TO>
</Relations>
</Document>"""


def test_gold_keeps_named_people_bodies_and_places_only():
    root = ET.fromstring(SNIPPET)
    rebuilt = rebuild(root)
    gold = gold_mentions(root, rebuilt.offsets)
    assert sorted((rebuilt.text[s:e], t) for s, e, t in gold) == [("Ilse Varga", "PER"), ("Velmora Freight", "ORG")]


def test_flat_mentions_leave_out_pronouns_other_types_and_nested_places():
    chicago = Entity(id="e2", name="Chicago", type="GPE", mentions=[
        EntityMention(start=18, end=25, text="Chicago", within="e1"),
        EntityMention(start=40, end=47, text="Chicago")])
    university = Entity(id="e1", name="University of Chicago", type="ORG",
                        mentions=[EntityMention(start=4, end=25, text="University of Chicago"),
                                  EntityMention(start=30, end=32, text="it", kind="pronoun")])
    date = Entity(id="e3", name="Monday", type="DATE", mentions=[EntityMention(start=50, end=56, text="Monday")])
    assert flat_mentions([university, chicago, date]) == {(4, 25, "ORG"), (40, 47, "LOC")}


def test_exact_and_overlap_counts():
    score = NerScore()
    gold = {(0, 10, "ORG"), (20, 30, "PER"), (40, 45, "LOC")}
    predicted = {(0, 10, "ORG"), (20, 25, "PER"), (40, 45, "ORG"), (60, 70, "PER")}
    score_document(gold, predicted, score)
    assert score.prf("exact") == pytest.approx((1 / 4, 1 / 3, 2 / 7))
    p, r, _ = score.prf("overlap")
    assert (p, r) == pytest.approx((2 / 4, 2 / 3))  # the wrong type overlaps but does not count
    assert score.prf("exact", "ORG")[:2] == pytest.approx((1 / 2, 1.0))


@pytest.mark.slow
@pytest.mark.data
@pytest.mark.parametrize("split", ["dev", "test"])
def test_meantime_ner_floors(nlp, split):
    require_data(MEANTIME)
    score = evaluate_ner(MEANTIME, nlp, split)
    assert score.documents == 60
    assert score.prf("exact")[2] >= floor(f"ner_meantime_{split}", "exact_f1")
    assert score.prf("overlap")[2] >= floor(f"ner_meantime_{split}", "overlap_f1")
