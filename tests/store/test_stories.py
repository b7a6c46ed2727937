"""Stories in the store: assigned as articles arrive, from the stored state (never a re-clustering), the
same as the file command's online assignment, on SQLite and PostgreSQL; listing and the outlets' view."""
from __future__ import annotations

import dataclasses

import numpy as np

import pytest
from tests.store.links_fixtures import EVENTS, WordEncoder
from tests.store.store_fixtures import simple_analysis

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import Store
from newsprobe.store.stories import AssignerCache, assign_articles, features, story_articles, story_list, story_outlets
from newsprobe.stories.pipeline import assign


def articles() -> list:
    out = [simple_analysis(aid, text, outlet, day) for aid, text, outlet, day in EVENTS]
    out[4] = simple_analysis(*EVENTS[4], claims=(("killing 15 people", "outlet", 0.9),),
                             techniques=(("terrible disaster", "Loaded_Language"),))
    return out


def test_stories_arrive_incrementally_as_in_one_pass(store: Store) -> None:
    found = articles()
    store.add_many(found[:2])
    first = assign_articles(store, found[:2], WordEncoder())
    store.add_many(found[2:])
    later = assign_articles(store, found, WordEncoder())  # the first two are not assigned again
    assert set(first) == {"q1", "e1"} and set(later) == {"q2", "e2", "q3"}
    stories = {**first, **later}
    one_pass = assign(features(found, WordEncoder()))  # the file command's assigner, all at once
    assert [stories[a.article.id] - 1 for a in found] == one_pass
    assert stories["q1"] == stories["q2"] == stories["q3"] != stories["e1"] == stories["e2"]


def test_a_cached_assigner_replays_once_and_follows_other_writers(store: Store, monkeypatch) -> None:
    import newsprobe.store.stories as stored

    replays = []
    real = stored.stored_assigner
    monkeypatch.setattr(stored, "stored_assigner", lambda connection: replays.append(1) or real(connection))
    found, cache = articles(), AssignerCache()
    store.add_many(found)
    first = assign_articles(store, found[:2], WordEncoder(), cache)
    second = assign_articles(store, found[2:3], WordEncoder(), cache)
    assert len(replays) == 1  # the second batch reused the assigner the first one left
    third = assign_articles(store, found[3:4], WordEncoder())  # another writer, without this cache
    fourth = assign_articles(store, found[4:], WordEncoder(), cache)
    assert len(replays) == 3  # the cache saw a stored assignment it did not make, and replayed
    stories = {**first, **second, **third, **fourth}
    assert [stories[a.article.id] - 1 for a in found] == assign(features(found, WordEncoder()))


def test_story_list_show_and_outlets(store: Store) -> None:
    found = articles()
    store.add_many(found)
    stories = assign_articles(store, found, WordEncoder())
    listed = story_list(store)
    assert [(row["story"], row["articles"], row["outlets"], row["first"], row["last"]) for row in listed] == [
        (stories["q1"], 3, ["Mehr", "Tasnim"], "2010-03-01", "2010-03-03"),
        (stories["e1"], 2, ["Mehr", "Tasnim"], "2011-04-10", "2011-04-11")]
    assert [row["id"] for row in story_articles(store, stories["q1"])] == ["q1", "q2", "q3"]
    side = {row["outlet"]: row for row in story_outlets(store, stories["q1"])}
    assert side["Tasnim"]["articles"] == 2 and side["Mehr"]["articles"] == 1
    assert side["Tasnim"]["claims"] == {"outlet": 1, "attributed": 0, "vague": 0}
    assert side["Tasnim"]["techniques"] == 1 and side["Mehr"]["techniques_per_1000_words"] == 0.0
    assert side["Tasnim"]["techniques_per_1000_words"] == round(1000 / side["Tasnim"]["words"], 2)
    with pytest.raises(NewsprobeError) as missing:
        story_articles(store, 99)
    assert missing.value.code is Code.STORY_NOT_FOUND


def test_story_writers_in_two_processes_take_turns(db_url: str) -> None:
    """Two stores on one database (as two processes have): the second writer waits for the first one's
    stories and assigns from them, so neither fails and the stories are those of one pass."""
    import threading

    found = articles()
    inside, release = threading.Event(), threading.Event()

    class Held(WordEncoder):  # the first writer stops inside its transaction until released
        def embed(self, texts, batch=32):
            inside.set()
            assert release.wait(30)
            return super().embed(texts, batch)

    results: dict[str, dict] = {}
    errors: list[BaseException] = []

    def run(name: str, store: Store, batch: list, encoder) -> None:
        try:
            results[name] = assign_articles(store, batch, encoder)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    with Store(db_url) as first, Store(db_url) as second:
        first.add_many(found)
        one = threading.Thread(target=run, args=("first", first, found[:3], Held()))
        one.start()
        assert inside.wait(30)
        two = threading.Thread(target=run, args=("second", second, found[3:], WordEncoder()))
        two.start()
        two.join(1.0)
        waited = two.is_alive()  # the second writer is held while the first one's transaction is open
        release.set()
        one.join(60)
        two.join(60)
    assert not errors, errors
    assert waited
    stories = {**results["first"], **results["second"]}
    assert [stories[a.article.id] - 1 for a in found] == assign(features(found, WordEncoder()))


def test_a_translation_joins_the_story_of_its_original(store: Store) -> None:
    english = ("About 1,200 dockworkers at the port of Velmora walked off the job on Monday, demanding a pay rise "
               "of eight percent. Marta Quell, who leads the dock union, said the strike would last until the "
               "port authority returned to talks.")
    spanish = ("Unos 1.200 estibadores del puerto de Velmora abandonaron el trabajo el lunes para exigir una subida "
               "salarial del ocho por ciento. Marta Quell, que dirige el sindicato portuario, dijo que la huelga "
               "duraría hasta que la autoridad portuaria volviera a negociar.")
    found = [simple_analysis("en", english, "Harbour Ledger", "2024-03-04"),
             simple_analysis(*EVENTS[1]), simple_analysis("es", spanish, "Diario del Puerto", "2024-03-04")]
    store.add_many(found)
    stories = assign_articles(store, found, WordEncoder())
    assert stories["en"] == stories["es"] != stories["e1"]


def test_stored_features_keep_the_multilingual_vector_and_read_older_rows() -> None:
    from newsprobe.store.stories import pack, unpack

    found = features([simple_analysis(*EVENTS[0])], WordEncoder())[0]
    again = unpack(pack(found))
    assert again.english is True and again.multilingual is not None
    assert np.allclose(again.multilingual, found.multilingual, atol=1e-6)
    older = unpack(pack(dataclasses.replace(found, multilingual=None)))  # a row stored before the channel
    assert older.multilingual is None and older.english is True
