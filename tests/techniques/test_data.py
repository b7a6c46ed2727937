"""The committed techniques splits: dev and test by seeded rules, disjoint, never trained on."""
import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.dedup import hashes
from newsprobe.techniques.data import (PTC_TRAIN, data_root, dev_ids, read_folder, split, final_test_ids, final_test_rule,
                                       training_articles)
from tests.conftest import require_data


def test_test_split_is_committed_and_disjoint_from_dev():
    assert len(final_test_ids()) >= 40
    assert not final_test_ids() & dev_ids()


def test_committed_test_split_is_the_seeded_rule():
    ids = [a.id for a in read_folder(require_data(data_root() / PTC_TRAIN))]
    assert set(final_test_rule(ids, dev_ids())) == final_test_ids()


def test_training_holds_no_dev_or_test_text():
    articles = read_folder(require_data(data_root() / PTC_TRAIN))
    kept, dropped = training_articles(articles)
    held = hashes(a.text for a in articles if a.id in dev_ids() | final_test_ids())
    assert not hashes(a.text for a in kept) & held
    assert not {a.id for a in kept} & (dev_ids() | final_test_ids())
    # The datathon copies two test articles under their id plus a digit: a check by id misses them.
    assert {a.id for a in dropped} == {"7618970899", "7709388279"}
    assert len(kept) + len(dropped) + len(dev_ids()) + len(final_test_ids()) == len(articles)


def test_unknown_split_is_coded():
    with pytest.raises(NewsprobeError) as error:
        split([], "everything")
    assert error.value.code == Code.TECH_BAD_SPLIT


def test_eval_defaults_to_dev_never_the_training_articles(tmp_path):
    """A folder outside the committed splits has no dev article: a coded error, not a training score."""
    (tmp_path / "article5.txt").write_text("Some text here.", encoding="utf-8")
    (tmp_path / "article5.task3.labels").write_text("5\tLoaded_Language\t0\t4\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "techniques", str(tmp_path)])
    assert result.exit_code == 2
    assert "NP509" in result.output and "dev split" in result.output
