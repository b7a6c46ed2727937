"""GUM entity evaluation: the loader on a team-written WebAnno snippet, the scoring rules, the split
table, and the floors on GUM dev."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from newsprobe.errors import NewsprobeError
from newsprobe.evaluate.entities import (COMPONENTS, SPLIT_FILE, evaluate_entities, is_named, is_pronoun,
                                         score_doc)
from newsprobe.evaluate.gum import parse_tsv, read_doc
from newsprobe.model import Entity, Span
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floors over GUM

SNIPPET = Path(__file__).parents[1] / "data" / "gum" / "snippet.tsv"
GUM = DATA / "gum-entities"


@pytest.fixture
def doc():
    return read_doc(SNIPPET)


def test_loader_rebuilds_text_and_mentions(doc):
    assert doc.text == "Ilse Varga met the minister .\nShe said the Ministry of Health agreed ."
    texts = [doc.text[m.start:m.end] for m in doc.mentions]
    assert texts == ["Ilse Varga", "the minister", "She", "the Ministry of Health"]
    ilse, minister, she, ministry = doc.mentions
    assert ilse.identity == "Ilse_Varga" and ilse.type == "person" and ministry.type == "organization"
    assert she.chain == ilse.chain and minister.chain != ilse.chain  # the "ana" link joins She to Ilse


def test_named_and_pronoun_rules(doc):
    ilse, minister, she, ministry = doc.mentions
    assert [is_named(m) for m in doc.mentions] == [True, False, False, True]
    assert is_pronoun(she) and not is_pronoun(ilse)


def _entity(eid: str, kind: str, text: str, spans: list[tuple[int, int]]) -> Entity:
    return Entity(id=eid, name=text, type=kind,
                  mentions=[Span(start=s, end=e, text=text[s:e]) for s, e in spans])


def test_score_counts_types_and_pronouns(doc):
    right = [_entity("e1", "PERSON", doc.text, [(0, 10), (30, 33)]),
             _entity("e2", "ORG", doc.text, [(43, 61)])]
    score = score_doc(doc, right)
    assert (score.named_typed, score.named) == (2, 2)
    assert (score.pronouns_resolved, score.pronouns) == (1, 1)
    assert (score.gold_matched, score.gold) == (3, 4) and score.predicted_matched == 3
    wrong = [_entity("e1", "ORG", doc.text, [(0, 10)]), _entity("e2", "PERSON", doc.text, [(30, 33)])]
    score = score_doc(doc, wrong)
    assert score.named_typed == 0 and score.pronouns_resolved == 0 and score.pronouns_in_cluster == 1


def test_bad_row_is_a_coded_error():
    with pytest.raises(NewsprobeError) as info:
        parse_tsv("broken", ["1-1\tnot-offsets\tword\t_\t_\t_\t_\t_\t_\t_"])
    assert info.value.code.value == "NP810"


def test_split_table_is_disjoint_and_fixed():
    table = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    assert not set(table["dev"]) & set(table["test"])
    assert len(table["test"]) == 17 and all(n.startswith("GUM_") for n in table["test"])


@pytest.mark.data
def test_split_matches_the_folders():
    require_data(GUM)
    table = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    assert {p.stem for p in (GUM / "dev").glob("*.tsv")} == set(table["dev"])
    train = {p.stem for p in (GUM / "train").glob("*.tsv")}
    assert set(table["test"]) <= train
    texts = {}
    for path in sorted((GUM / "dev").glob("*.tsv")) + sorted((GUM / "train").glob("*.tsv")):
        key = " ".join(read_doc(path).text.lower().split())
        assert key not in texts, f"{path.stem} duplicates {texts.get(key)}"
        texts[key] = path.stem


@pytest.mark.data
@pytest.mark.parametrize("split, folder", [("dev", "dev"), ("test", "train")])
def test_gum_floors(split, folder):
    require_data(GUM)
    from newsprobe.config import load_options
    from newsprobe.pipeline import load_pipeline

    nlp = load_pipeline(dataclasses.replace(load_options(), components=COMPONENTS))
    score = evaluate_entities(GUM / folder, nlp, split)
    layer = f"entities_gum_{split}"
    assert score.typing >= floor(layer, "named_typed")
    assert score.pronoun_resolution >= floor(layer, "pronouns_resolved")
    assert score.recall >= floor(layer, "mention_recall")
