"""Duplicates by normalised-text hash: renamed copies with changed whitespace and quotes are caught."""
from hypothesis import given
from hypothesis import strategies as st

from newsprobe.evaluate.dedup import drop_duplicates, hashes, normalise, text_hash
from newsprobe.techniques import data as ptc
from newsprobe.techniques.data import read_folder, training_articles

ORIGINAL = ("The minister said: \"Our exports have doubled since 2010.\"\n\n"
            "Critics   called it 'a lie' -- and they're right.\n")
COPY = ("the Minister said: \u201cOur exports have doubled since 2010.\u201d\r\n"
        "Critics called it \u2018a lie\u2019 \u2014 and they\u2019re right.")


def test_normalise_folds_case_quotes_whitespace_and_punctuation():
    assert normalise(ORIGINAL) == normalise(COPY)
    assert normalise("Don\u2019t  STOP!") == "don t stop"
    assert text_hash(ORIGINAL) == text_hash(COPY)
    assert text_hash(ORIGINAL) != text_hash(ORIGINAL.replace("doubled", "tripled"))


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs"), max_codepoint=127)),
       st.sampled_from(["  ", "\n", "\t", " \r\n "]))
def test_hash_ignores_whitespace_runs_and_case(text, gap):
    assert text_hash(text) == text_hash(gap + text.upper().replace(" ", gap) + gap)


def test_drop_duplicates_splits_kept_from_dropped():
    held = hashes([COPY])
    kept, dropped = drop_duplicates([("a1", ORIGINAL), ("a2", "Something else entirely.")], held,
                                    lambda item: item[1])
    assert [k for k, _ in kept] == ["a2"] and [k for k, _ in dropped] == ["a1"]


def write_article(folder, article_id, text):
    (folder / f"article{article_id}.txt").write_text(text, encoding="utf-8")
    (folder / f"article{article_id}.task3.labels").write_text(
        f"{article_id}\tLoaded_Language\t0\t3\n", encoding="utf-8")


def test_techniques_training_drops_renamed_copies_of_dev_and_test(tmp_path, monkeypatch):
    """A dev and a test article, each copied under its id plus a digit with its quotes and spacing
    changed, and an unrelated article: training keeps only the unrelated one."""
    dev_list, test_list = tmp_path / "dev.txt", tmp_path / "test.txt"
    dev_list.write_text("111\n", encoding="utf-8")
    test_list.write_text("# a comment\n222\n", encoding="utf-8")
    monkeypatch.setattr(ptc, "DEV_LIST", dev_list)
    monkeypatch.setattr(ptc, "TEST_LIST", test_list)
    folder = tmp_path / "ptc"
    folder.mkdir()
    write_article(folder, "111", ORIGINAL)
    write_article(folder, "1119", COPY)
    write_article(folder, "222", "Fake news, they said. \"Total disaster!\"")
    write_article(folder, "2229", "fake   news,  they said. \u201cTotal disaster!\u201d\n")
    write_article(folder, "333", "A wholly different article about the weather.")
    articles = read_folder(folder)
    kept, dropped = training_articles(articles)
    assert [a.id for a in kept] == ["333"]
    assert sorted(a.id for a in dropped) == ["1119", "2229"]
    assert [a.id for a in ptc.split(articles, "train")] == ["333"]
    assert [a.id for a in ptc.split(articles, "test")] == ["222"]
