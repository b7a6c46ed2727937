"""The span encoder's trainer with a second task on the same trunk (techniques + attributions)."""
import numpy as np
import pytest

pytest.importorskip("torch")  # the `train` extra

import torch  # after the skip

from newsprobe.techniques.wordpieces import encoder_folder, load_tokenizer
from newsprobe.train.attributions import Head, HeadSettings
from newsprobe.train.encoder import AuxiliaryTask, EncoderSettings, export_onnx, train_tagger
from newsprobe.train.techniques import attributions_task

TINY = EncoderSettings(layers=1, epochs=1, batch_windows=2, average_last=1)


def _articles(rng: np.random.Generator, classes: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(rng.integers(1000, 2000, 60), rng.integers(0, classes, 60)) for _ in range(3)]


def test_auxiliary_head_learns_on_the_shared_trunk_and_stays_out_of_the_export(tmp_path):
    rng = np.random.default_rng(0)
    head = Head(HeadSettings())
    before = {k: v.clone() for k, v in head.state_dict().items()}
    tagger = train_tagger(encoder_folder(), _articles(rng, 2), 101, 102, TINY, log=lambda _: None,
                          auxiliary=AuxiliaryTask(_articles(rng, 7), head))
    assert tagger.auxiliary is head
    assert any(not torch.equal(before[k], v) for k, v in head.state_dict().items())
    del tagger.auxiliary
    export_onnx(tagger, tmp_path / "tagger.onnx")
    import onnx

    names = {i.name for i in onnx.load(str(tmp_path / "tagger.onnx")).graph.initializer}
    assert not any("auxiliary" in n for n in names)


def test_an_auxiliary_task_limited_to_the_first_epochs_is_not_trained_after_them():
    rng = np.random.default_rng(0)
    head = Head(HeadSettings())
    before = {k: v.clone() for k, v in head.state_dict().items()}
    train_tagger(encoder_folder(), _articles(rng, 2), 101, 102, TINY, log=lambda _: None,
                 auxiliary=AuxiliaryTask(_articles(rng, 7), head, epochs=0))
    assert all(torch.equal(before[k], v) for k, v in head.state_dict().items())


def test_without_auxiliary_the_trunk_trains_as_before():
    rng = np.random.default_rng(0)
    tagger = train_tagger(encoder_folder(), _articles(rng, 2), 101, 102, TINY, log=lambda _: None)
    assert not hasattr(tagger, "auxiliary")


def _split(folder, texts):
    (folder / "ann").mkdir(parents=True)
    (folder / "text").mkdir()
    for name, text in texts.items():
        (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / "ann" / f"{name}.ann").write_text("", encoding="utf-8")


def test_attributions_task_drops_copies_of_dev_articles_by_text(tmp_path):
    _split(tmp_path / "dev", {"d1": "The minister said the plan works."})
    _split(tmp_path / "train", {"t1": "Voters want change, the poll shows.",
                                "renamed": "the Minister said -- the plan works!\n",
                                "t2": "Officials denied that the talks failed."})
    task = attributions_task(load_tokenizer(), 0.5, log=lambda _: None, folder=tmp_path, epochs=4)
    assert len(task.articles) == 2 and task.weight == 0.5 and task.epochs == 4
    assert all(len(ids) == len(tags) for ids, tags in task.articles)
