"""Search and aggregates on both back ends, over a small corpus with known answers."""
from __future__ import annotations

import pytest
from tests.store.store_fixtures import small_corpus

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import Store
from newsprobe.store.search import Filters, fts5_query, search
from newsprobe.store.stats import all_stats


@pytest.fixture
def corpus(store: Store) -> Store:
    store.add_many(small_corpus())
    return store


def ids(store: Store, **filters: object) -> list[str]:
    return sorted(hit.id for hit in search(store, Filters(**filters)))


@pytest.mark.parametrize("filters, expected", [
    ({"text": "sanctions"}, ["a1", "m2"]),
    ({"text": "harvest"}, ["t1", "x1"]),
    ({"text": "harvest -rain"}, ["t1"]),
    ({"text": "disaster OR illegal"}, ["m2", "t1"]),
    ({"text": '"crime against humanity"'}, ["a1"]),
    ({"text": "sanction"}, ["a1", "m2"]),  # stemmed on both back ends
    ({"text": "sanctions", "outlet": ["Mehr"], "date_from": "2022-02-01"}, ["m2"]),
    ({"outlet": ["Mehr", "Tasnim"], "date_to": "2022-01-31"}, ["a1", "t1"]),
    ({"entity": "PARIS"}, ["a1", "m2"]),
    ({"speaker": "ali rezaei"}, ["t1"]),
    ({"speaker": "many pundits"}, ["a1"]),
    ({"technique": "Loaded_Language"}, ["a1", "m2"]),
    ({"voice": "outlet"}, ["m2", "t1"]),
    ({"voice": "outlet", "min_checkworthiness": 0.5}, ["t1"]),
    ({"min_checkworthiness": 0.7}, ["a1", "t1"]),
    ({"text": "crime", "technique": "Loaded_Language", "voice": "outlet"}, ["m2"]),
    ({}, ["a1", "m2", "t1", "x1"]),
])
def test_filters(corpus: Store, filters: dict, expected: list[str]) -> None:
    assert ids(corpus, **filters) == expected


def test_passage_is_highlighted_and_best_first(corpus: Store) -> None:
    hits = search(corpus, Filters(text="crime"), mark=("[", "]"))
    assert [h.id for h in hits] == ["m2", "a1"]  # two uses in a short text outrank one
    assert "[crime]" in hits[0].passage and "[shameful]" not in hits[0].passage


def test_undated_articles_come_last_without_text(corpus: Store) -> None:
    assert [h.id for h in search(corpus, Filters())][-1] == "x1"
    assert [h.id for h in search(corpus, Filters(), limit=2, offset=1)] == ["t1", "a1"]


@pytest.mark.parametrize("filters", [Filters(text="-alone"), Filters(text='""'), Filters(voice="loud"),
                                     Filters(min_checkworthiness=2.0), Filters(date_from="2022-13-01")])
def test_bad_searches_are_np405(corpus: Store, filters: Filters) -> None:
    with pytest.raises(NewsprobeError) as caught:
        search(corpus, filters)
    assert caught.value.code is Code.BAD_QUERY


def test_fts5_query_quotes_every_term() -> None:
    assert fts5_query('Iran\'s "Supreme Leader" OR khamenei.ir -US') == \
        '"Iran\'s" "Supreme Leader" OR "khamenei.ir" NOT "US"'
    assert fts5_query("sanction*") == '"sanction"*'


def test_aggregates(corpus: Store) -> None:
    stats = all_stats(corpus)
    techniques = {(r["outlet"], r["month"], r["technique"]): r for r in stats["techniques"]}
    mehr_feb = techniques[("Mehr", "2022-02", "Loaded_Language")]
    assert mehr_feb["count"] == 2 and mehr_feb["words"] == 13
    assert mehr_feb["per_1000_words"] == pytest.approx(2000 / 13)
    assert techniques[("Tasnim", "2022-01", "Doubt")]["count"] == 1
    assert len(techniques) == 4
    speakers = {r["speaker"]: r["attributions"] for r in stats["speakers"]}
    assert speakers == {"Ali Khamenei": 1, "Many pundits": 1, "Ali Rezaei": 1, "Paris": 1}
    quotes = {(r["outlet"], r["speaker"]): (r["attributions"], r["direct"]) for r in stats["quotes"]}
    assert quotes[("Mehr", "Ali Khamenei")] == (1, 1) and quotes[("Tasnim", "Ali Rezaei")] == (1, 0)
    pairs = {(r["entity"], r["other"]): r["articles"] for r in stats["comentions"]}
    assert pairs == {("Ali Khamenei", "Ali Rezaei"): 1, ("Ali Khamenei", "Paris"): 1, ("Ali Rezaei", "Paris"): 1}
    voice = {r["outlet"]: (r["claims"], r["own_voice"], r["share"]) for r in stats["voice"]}
    assert voice == {"Mehr": (3, 1, pytest.approx(1 / 3)), "Tasnim": (1, 1, 1.0)}
    voices = {(r["outlet"], r["voice"]): r["claims"] for r in stats["voices"]}  # claims per outlet and voice
    assert voices[("Mehr", "outlet")] == 1 and voices[("Tasnim", "outlet")] == 1
    assert sum(n for (outlet, _), n in voices.items() if outlet == "Mehr") == 3


def test_aggregates_follow_filters(corpus: Store) -> None:
    stats = all_stats(corpus, Filters(outlet=["Mehr"], date_from="2022-02-01"))
    assert {r["technique"] for r in stats["techniques"]} == {"Loaded_Language"}
    assert [r["speaker"] for r in stats["speakers"]] == ["Paris"]
    assert stats["comentions"] == []
    assert all_stats(corpus, Filters(text="harvest"), which=("voice",)) == \
        {"voice": [{"outlet": "Tasnim", "claims": 1, "own_voice": 1, "share": 1.0}]}
