"""The techniques trainers pick their training articles themselves: never a dev or test article, and
never a copy of one filed under another id (caught by normalised-text hash, not by id)."""
from pathlib import Path

import pytest

from newsprobe.techniques.data import dev_ids, final_test_ids

pytest.importorskip("torch")  # the `train` extra

from newsprobe.train import technique_head, techniques  # after the skip

KEPT = {"1": "Our brave troops will never surrender.", "2": "They are corrupt liars, all of them."}


class _Stop(Exception):
    """Raised by the stand-ins once they have seen the training articles: the rest of a run is not needed."""


def _folder(tmp_path: Path) -> Path:
    """A PTC-format folder: a test article, a dev article, a renamed near-copy of the test article, two others."""
    test_id, dev_id = sorted(final_test_ids())[0], sorted(dev_ids())[0]
    copy_id = test_id + "9"  # how the datathon files its copies (7618970899)
    assert copy_id not in dev_ids() | final_test_ids()
    texts = {test_id: "The Senator said the plan is a DISASTER.", dev_id: "A dev article, never trained on.",
             copy_id: "the senator said -- the plan is a disaster!\n", **KEPT}
    folder = tmp_path / "train"
    folder.mkdir()
    for article_id, text in texts.items():
        (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
        (folder / f"article{article_id}.task3.labels").write_text(f"{article_id}\tLoaded_Language\t0\t3\n",
                                                                  encoding="utf-8")
    return folder


def test_span_encoder_is_trained_without_dev_test_or_their_copies(tmp_path, monkeypatch):
    seen: list[str] = []

    def record(articles, train, out, settings, log):
        seen.extend(articles[i].id for i in train)
        raise _Stop

    monkeypatch.setattr(techniques, "_train_encoder", record)
    with pytest.raises(_Stop):
        techniques.train_model(tmp_path / "out", _folder(tmp_path), log=lambda _: None)
    assert sorted(seen) == sorted(KEPT)


def test_head_is_trained_without_dev_test_or_their_copies(tmp_path, monkeypatch):
    seen: list[str] = []

    def record(encoder, model, train, dev, *rest, **kwargs):
        seen.extend(a.id for a in train[1])
        raise _Stop

    out = tmp_path / "out"
    out.mkdir()
    (out / "settings.json").write_text('{"settings": {"classifier_c": 1.0, "lexicon_min_count": 2}}', encoding="utf-8")
    monkeypatch.setattr(technique_head, "SpanEncoder", lambda model: None)
    monkeypatch.setattr(technique_head, "prepare", record)
    with pytest.raises(_Stop):
        technique_head.train_head(out, _folder(tmp_path), log=lambda _: None)
    assert sorted(seen) == sorted(KEPT)
