"""Mapping the datathon's 18 labels to SemEval-2020's 14, and reading label files."""
import pytest

from newsprobe.errors import NewsprobeError
from newsprobe.techniques.data import PTC_TRAIN, data_root, dev_ids, dev_rule, read_folder, read_spans
from newsprobe.techniques.labels import LABELS, map_label
from tests.conftest import require_data

PTC = data_root() / "ptc-datathon-v5"


def test_merged_and_dropped_labels():
    assert map_label("Bandwagon") == "Bandwagon,Reductio_ad_hitlerum"
    assert map_label("Reductio_ad_hitlerum") == "Bandwagon,Reductio_ad_hitlerum"
    for old in ("Whataboutism", "Straw_Men", "Red_Herring"):
        assert map_label(old) == "Whataboutism,Straw_Men,Red_Herring"
    assert map_label("Obfuscation,Intentional_Vagueness,Confusion") is None
    assert map_label("Loaded_Language") == "Loaded_Language"
    assert all(map_label(label) == label for label in LABELS)
    with pytest.raises(KeyError):
        map_label("Sarcasm")


def test_fourteen_labels():
    assert len(LABELS) == 14 == len(set(LABELS))


def test_label_file_is_mapped_clipped_and_checked(tmp_path):
    path = tmp_path / "article1.labels"
    path.write_text("1\tStraw_Men\t0\t5\n1\tObfuscation,Intentional_Vagueness,Confusion\t1\t3\n"
                    "1\tLoaded_Language\t8\t40\n\n", encoding="utf-8")
    spans = read_spans(path, text_len=20)
    assert [(s.start, s.end, s.label) for s in spans] == [
        (0, 5, "Whataboutism,Straw_Men,Red_Herring"), (8, 20, "Loaded_Language")]
    path.write_text("1\tLoaded_Language\tx\t5\n", encoding="utf-8")
    with pytest.raises(NewsprobeError, match="NP501"):
        read_spans(path, 20)


def test_read_folder_pairs_text_and_labels(tmp_path):
    (tmp_path / "article7.txt").write_text("Such a disgraceful lie!", encoding="utf-8")
    (tmp_path / "article7.task3.labels").write_text("7\tLoaded_Language\t7\t18\n", encoding="utf-8")
    (tmp_path / "article8.txt").write_text("No labels here.", encoding="utf-8")
    articles = read_folder(tmp_path)
    assert [a.id for a in articles] == ["7"]
    assert articles[0].text[7:18] == "disgraceful"


def test_labels_are_the_organisers_list():
    names = (require_data(PTC) / "propaganda-techniques-names-semeval2020task11.txt").read_text(encoding="utf-8").split()
    assert tuple(names) == LABELS


def test_committed_dev_split_is_the_seeded_rule():
    ids = [a.id for a in read_folder(require_data(data_root() / PTC_TRAIN))]
    assert len(ids) == 293
    assert set(dev_rule(ids)) == dev_ids()
    assert len(dev_ids()) == 44
