"""Choosing the decoding on dev figures: scoring decoded articles and writing the chosen keys."""
from __future__ import annotations

import json

import numpy as np

from newsprobe.attribution.boundaries import Layout
from newsprobe.attribution.choose import DevArticle, choose, mean_exact, score, write_settings
from newsprobe.attribution.learned import TAGS, Decoding
from newsprobe.techniques.wordpieces import encode, load_tokenizer

TEXT = "Smith said the plan works. Jones said it fails badly."


def _at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _article(tagged: dict[str, str]) -> DevArticle:
    """Pieces tagged by the word they start (`tagged`: word -> tag), O elsewhere."""
    pieces = encode(load_tokenizer(), TEXT)
    tags = [tagged.get(TEXT[s:e], "O") for s, e in zip(pieces.starts, pieces.ends)]
    probs = np.eye(len(TAGS))[[TAGS.index(t) for t in tags]] * 0.9 + 0.1 / len(TAGS)
    gold = [{"Source": (_at("Smith"),), "Cue": (_at("said"),), "Content": (_at("the plan works"),)},
            {"Source": (_at("Jones"),), "Cue": ((TEXT.index("said", 10), TEXT.index("said", 10) + 4),),
             "Content": (_at("it fails badly"),)}]
    return DevArticle(TEXT, gold, pieces.starts, pieces.ends, probs, Layout(sentences=(0, TEXT.index("Jones"))), [])


TAGGED = {"Smith": "B-Source", "said": "B-Cue", "the": "B-Content", "plan": "I-Content", "works": "I-Content",
          "Jones": "B-Source", "it": "B-Content", "fails": "I-Content", "badly": "I-Content"}


def test_score_of_right_tags_is_perfect_and_of_cut_contents_is_not():
    perfect = score([_article(TAGGED)], Decoding(), "learned")
    assert mean_exact(perfect) == 1.0
    cut = score([_article({**TAGGED, "badly": "O"})], Decoding(), "learned")
    assert cut["Content/exact"]["f1"] == 0.5 and cut["Source/exact"]["f1"] == 1.0


def test_choose_picks_the_sentence_end_that_repairs_a_cut_content():
    article = _article({**TAGGED, "badly": "O"})
    badly = int(np.flatnonzero(article.starts == TEXT.index("badly"))[0])
    article.probs[badly] = 0.0
    article.probs[badly, [TAGS.index("O"), TAGS.index("I-Content")]] = 0.55, 0.45  # O wins, narrowly
    logs: list[str] = []
    chosen = choose([article], logs.append)
    assert chosen.sentence_floor <= 0.45  # "badly" rejoins its content only below its probability
    assert mean_exact(score([article], chosen, "per_role")) == 1.0
    assert mean_exact(score([article], Decoding(), "learned")) < 1.0
    assert len(logs) > 10


def test_write_settings_replaces_decoding_keys_and_keeps_the_rest(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"merge": "rules_first", "bridge_words": 3}), encoding="utf-8")
    write_settings(Decoding(7, 0.25), tmp_path)
    settings = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert settings["merge"] == "rules_first" and settings["bridge_words"] == 7 and settings["bridge_floor"] == 0.25
    assert Decoding.from_settings(settings) == Decoding(7, 0.25)
