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


def test_a_publication_date_that_is_not_iso_is_a_coded_error_and_nothing_is_stored(tmp_path):
    import pytest

    from newsprobe.errors import Code, NewsprobeError
    from newsprobe.store import Store
    from tests.store.store_fixtures import simple_analysis

    bad = simple_analysis("bad", "The bridge will open in March, officials wrote.", "Wire", "2022-02-01")
    bad = bad.model_copy(update={"article": bad.article.model_copy(update={"published": "last Tuesday"})})
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        with pytest.raises(NewsprobeError) as error:
            store.add(bad)
        assert error.value.code is Code.BAD_DATE and "last Tuesday" in str(error.value)
        assert store.count() == 0
