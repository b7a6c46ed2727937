"""brat reading, scoring, MEANTIME conversion, and the floors of the attributions layer."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsprobe.errors import NewsprobeError
from newsprobe.evaluate.attributions import Counts, evaluate, figures, score_doc
from newsprobe.evaluate.brat import ROLES, format_ann, parse_ann
from newsprobe.evaluate.meantime import convert, convert_folder, rebuild
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floors over whole corpora

DEV = Path(__file__).resolve().parents[1] / "data" / "attributions-dev"

ANN = ("T1\tContent 0 10;20 30\tx\nT2\tCue 12 16\tsaid\nT3\tSource 17 19\the\n"
       "E1\tAttribution:T1 Content:T1 Cue:T2 Source:T3\nT4\tCue 40 44\tsays\n#1\tAnnotatorNotes T1\tok\n")


def test_parse_ann_discontinuous_and_orphans():
    records = parse_ann(ANN)
    assert records[0] == {"Content": ((0, 10), (20, 30)), "Cue": ((12, 16),), "Source": ((17, 19),)}
    assert records[1] == {"Cue": ((40, 44),)}


def test_format_then_parse_round_trip():
    text = "x" * 50
    records = parse_ann(ANN)
    assert parse_ann(format_ann(records, text)) == records


def test_bad_ann_line_is_coded():
    with pytest.raises(NewsprobeError) as err:
        parse_ann("T1\tContent ten 20\tx\n")
    assert err.value.code.value == "NP801"


def test_scoring_exact_and_partial():
    gold = [{"Source": ((0, 5),), "Cue": ((6, 10),), "Content": ((11, 30),)}]
    pred = [{"Source": ((0, 5),), "Cue": ((6, 14),), "Content": ((11, 25),)},
            {"Cue": ((40, 44),), "Content": ((45, 50),)}]
    counts = {r: Counts() for r in ROLES}
    score_doc(pred, gold, counts)
    got = figures(counts)
    assert got["Source/exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert got["Cue/exact"]["f1"] == 0.0
    assert got["Cue/partial"] == {"p": 0.5, "r": 1.0, "f1": 0.667}
    assert got["Content/partial"]["r"] == 1.0


MEANTIME_XML = """<Document doc_id="1"><token t_id="1" sentence="0" number="0">Title</token>
<token t_id="2" sentence="1" number="1">May</token><token t_id="3" sentence="1" number="2">1</token>
<token t_id="4" sentence="2" number="3">``</token><token t_id="5" sentence="2" number="4">It</token>
<token t_id="6" sentence="2" number="5">works</token><token t_id="7" sentence="2" number="6">,</token>
<token t_id="8" sentence="2" number="7">''</token><token t_id="9" sentence="2" number="8">Smith</token>
<token t_id="10" sentence="2" number="9">said</token><token t_id="11" sentence="2" number="10">.</token>
<token t_id="12" sentence="3" number="11">Later</token><token t_id="13" sentence="3" number="12">.</token>
<Markables><ENTITY_MENTION m_id="1"><token_anchor t_id="9"/></ENTITY_MENTION>
<EVENT_MENTION m_id="2"><token_anchor t_id="10"/></EVENT_MENTION>
<EVENT_MENTION m_id="3"><token_anchor t_id="6"/></EVENT_MENTION>
<EVENT m_id="9" class="SPEECH_COGNITIVE"/></Markables>
<Relations><REFERS_TO r_id="1"><source m_id="2"/><target m_id="9"/></REFERS_TO>
<HAS_PARTICIPANT r_id="2" sem_role="Arg0"><source m_id="2"/><target m_id="1"/></HAS_PARTICIPANT>
<SLINK r_id="3"><source m_id="2"/><target m_id="3"/></SLINK></Relations></Document>"""


def test_meantime_rebuild_is_deterministic():
    rb = rebuild(ET.fromstring(MEANTIME_XML))
    assert rb.text == "Title\nMay 1\n“It works,” Smith said. Later.\n"
    assert rb.text[slice(*rb.offsets["9"])] == "Smith"


def test_meantime_convert(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(MEANTIME_XML, encoding="utf-8")
    text, (rec,) = convert(path)
    assert text == "Title\nMay 1\n“It works,” Smith said.\n"  # only the annotated part
    assert [text[s:e] for s, e in rec["Content"]] == ["“It works,”"]
    assert [text[s:e] for s, e in rec["Cue"]] == ["said"]
    assert [text[s:e] for s, e in rec["Source"]] == ["Smith"]


def _check_floors(counts, layer):
    got = figures(counts)
    for role in ROLES:
        for mode in ("exact", "partial"):
            assert got[f"{role}/{mode}"]["f1"] >= floor(layer, f"{role.lower()}_{mode}"), (role, mode, got)


def test_floors_hand_annotated_set(nlp):
    """The rules on the set written with them (the default mode, per_role, follows PolNeAR: below)."""
    require_data()
    _check_floors(evaluate(DEV, DATA, nlp=nlp, mode="rules"), "attributions")


def test_floors_hand_annotated_set_default_mode(nlp):
    require_data()
    _check_floors(evaluate(DEV, DATA, nlp=nlp), "attributions_per_role")


def test_floors_meantime_converted_set(nlp, tmp_path):
    require_data(DATA / "meantime-english")
    convert_folder(DATA / "meantime-english", tmp_path)
    _check_floors(evaluate(tmp_path, DATA, nlp=nlp), "attributions_meantime")


def test_floors_polnear_dev(nlp):
    folder = require_data(DATA / "polnear-train-dev" / "dev")
    _check_floors(evaluate(folder, DATA, nlp=nlp, mode="rules"), "attributions_polnear_dev")


def test_floors_polnear_dev_rules_first(nlp):
    folder = require_data(DATA / "polnear-train-dev" / "dev")
    _check_floors(evaluate(folder, DATA, nlp=nlp, mode="rules_first"), "attributions_polnear_dev_rules_first")


def test_floors_polnear_dev_per_role(nlp):
    folder = require_data(DATA / "polnear-train-dev" / "dev")
    _check_floors(evaluate(folder, DATA, nlp=nlp, mode="per_role"), "attributions_polnear_dev_per_role")


def test_unknown_mode_is_coded(tmp_path):
    with pytest.raises(NewsprobeError) as err:
        evaluate(tmp_path, tmp_path, mode="magic")
    assert err.value.code.value == "NP302"


def test_eval_command_on_a_small_folder(tmp_path):
    from typer.testing import CliRunner

    from newsprobe.cli import app

    text = "“We will win,” the minister said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        "T1\tContent 0 14\t“We will win,”\nT2\tCue 28 32\tsaid\nT3\tSource 15 27\tthe minister\n"
        "E1\tAttribution:T1 Content:T1 Cue:T2 Source:T3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "attributions", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = {tuple(line.split()[:2]): line.split()[2:5] for line in result.output.splitlines()[1:]}
    assert rows[("Source", "exact")] == ["1.000", "1.000", "1.000"]
    assert rows[("Content", "exact")] == ["1.000", "1.000", "1.000"]


def test_ann_without_text_is_coded(tmp_path):
    (tmp_path / "lost.ann").write_text("T1\tCue 0 4\tsaid\n", encoding="utf-8")
    with pytest.raises(NewsprobeError) as err:
        evaluate(tmp_path, tmp_path)
    assert err.value.code.value == "NP802"
