"""Learned attributions: gold tags go through decoding and linking back to the gold attributions."""
from __future__ import annotations

import numpy as np
import pytest

from hypothesis import given
from hypothesis import strategies as st

from newsprobe.attribution.learned import TAGS, Overlapping, RoleSpan, link, overlaps, spans_from_tags
from newsprobe.techniques.wordpieces import encode, load_tokenizer

torch = pytest.importorskip("torch")  # piece_tags lives with the training code

TEXT = ("“We will win,” Smith said, “and soon.” Voters want change, the poll shows.\n"
        "Officials declined to comment on the allegations.")


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


GOLD = [
    {"Content": (_at(TEXT, "“We will win,”"), _at(TEXT, "“and soon.”")), "Cue": (_at(TEXT, "said"),),
     "Source": (_at(TEXT, "Smith"),)},
    {"Content": (_at(TEXT, "Voters want change"),), "Cue": (_at(TEXT, "shows"),), "Source": (_at(TEXT, "the poll"),)},
]


def test_gold_tags_decode_and_link_back_to_gold():
    from newsprobe.train.attributions import piece_tags

    pieces = encode(load_tokenizer(), TEXT)
    tags = piece_tags(pieces.starts, GOLD)
    assert TAGS[tags[0]] == "B-Content"
    spans = spans_from_tags(TEXT, pieces.starts, pieces.ends, tags)
    assert [(s.role, TEXT[s.start:s.end]) for s in spans][:4] == [
        ("Content", "“We will win,”"), ("Source", "Smith"), ("Cue", "said"), ("Content", "“and soon.”")]
    assert link(spans, TEXT) == GOLD


def test_a_word_takes_the_tag_of_its_first_piece():
    text = "Pompeo reaffirmed it."
    pieces = encode(load_tokenizer(), text)
    cue = int(np.flatnonzero(pieces.starts == text.index("reaffirmed"))[0])
    assert pieces.ends[cue] < text.index(" it")  # "reaffirmed" is cut into pieces
    tags = np.zeros(len(pieces.ids), dtype=np.int64)
    tags[0] = TAGS.index("B-Source")  # only the first piece of each word is tagged
    tags[cue] = TAGS.index("B-Cue")
    spans = spans_from_tags(text, pieces.starts, pieces.ends, tags)
    assert [(s.role, text[s.start:s.end]) for s in spans] == [("Source", "Pompeo"), ("Cue", "reaffirmed")]


def test_link_stops_at_another_cue_and_needs_a_content():
    text = "Jones said taxes rise. Lee argued. Brown said nothing"
    spans = [RoleSpan("Source", *_at(text, "Jones")), RoleSpan("Cue", *_at(text, "said")),
             RoleSpan("Content", *_at(text, "taxes rise")), RoleSpan("Source", *_at(text, "Lee")),
             RoleSpan("Cue", *_at(text, "argued")), RoleSpan("Cue", *_at(text, "said", 1))]
    records = link(spans, text)
    assert records == [{"Cue": (_at(text, "said"),), "Source": (_at(text, "Jones"),),
                        "Content": (_at(text, "taxes rise"),)}]  # "argued" and "said" have no content


def test_committed_head_finds_a_plain_attribution():
    from newsprobe.attribution.learned import AttributionHead
    from newsprobe.techniques.encoder import SpanEncoder
    from newsprobe.techniques.predictor import MODEL_DIR

    text = "The governor said on Monday that the state would cut taxes next year."
    trunk = SpanEncoder(MODEL_DIR / "tagger.onnx").run(text, np.array([0]))
    head = AttributionHead()
    assert head.probs(trunk.hidden).shape == (len(trunk.starts), len(TAGS))
    (record,) = head.records(text, trunk.starts, trunk.ends, trunk.hidden)
    # The head retrained on the new trunk (issue 16) takes the time adjunct into the cue here, in whole
    # on a CPU without VNNI and in part with it (the int8 trunk's products differ: tests/floors.toml).
    assert [text[s:e] for s, e in record["Cue"]] in (["said"], ["said on"], ["said on Monday"])
    assert [text[s:e] for s, e in record["Source"]] == ["The governor"]
    assert "cut taxes" in text[record["Content"][0][0]:record["Content"][-1][1]]


def test_merge_modes():
    from newsprobe.attribution.learned import merge

    learned = [{"Cue": ((10, 14),), "Content": ((0, 9),)}, {"Cue": ((40, 44),), "Content": ((45, 60),)}]
    rules = [("direct", {"Cue": ((10, 14),), "Content": ((0, 8),)}),
             ("indirect", {"Cue": ((70, 74),), "Content": ((75, 80),)}),
             ("indirect", {"Cue": ((40, 44),), "Content": ((45, 50),)})]
    assert merge(learned, rules, "learned") == learned
    assert merge(learned, rules, "direct") == [rules[0][1], learned[1]]
    assert merge(learned, rules, "union") == [rules[0][1], learned[1], rules[1][1]]
    assert merge(learned, rules, "rules_first") == [rec for _, rec in rules]  # every learned one overlaps


def test_a_cue_without_content_leaves_its_source_free():
    text = "Lee said. Lee told reporters the plan works"
    spans = [RoleSpan("Cue", *_at(text, "said")), RoleSpan("Source", *_at(text, "Lee", 1)),
             RoleSpan("Cue", *_at(text, "told reporters")), RoleSpan("Content", *_at(text, "the plan works"))]
    (record,) = link(spans, text)
    assert record["Source"] == (_at(text, "Lee", 1),)  # "said" (no content) did not take it


def test_kind_of_a_learned_attribution_follows_the_quotes():
    from newsprobe.attribution.extract import kind_of
    from newsprobe.attribution.quotes import find_quotes

    text = "He said “we will win” and that “the war” is over."
    quotes = find_quotes(text)
    win = text.index("“we")
    assert kind_of(quotes, [(win, win + len("“we will win”"))]) == "direct"
    assert kind_of(quotes, [(win + 1, win + len("“we will win"))]) == "direct"  # marks left out
    rest = text.index("that")
    assert kind_of(quotes, [(rest, len(text) - 1)]) == "mixed"
    assert kind_of(quotes, [(text.index("is over"), len(text) - 1)]) == "indirect"


def _one_hot(*tags: str) -> np.ndarray:
    return np.eye(len(TAGS))[[TAGS.index(t) for t in tags]]


def test_viterbi_never_puts_an_inside_tag_after_another_role():
    from newsprobe.attribution.learned import viterbi

    probs = 0.02 + _one_hot("O", "I-Cue", "I-Content", "I-Content")
    probs[1, TAGS.index("B-Cue")] = 0.4  # I-Cue wins alone, but may not follow O
    probs[2, TAGS.index("B-Content")] = 0.3
    assert [TAGS[t] for t in viterbi(probs / probs.sum(1, keepdims=True))] == ["O", "B-Cue", "B-Content", "I-Content"]
    assert viterbi(np.zeros((0, len(TAGS)))) == []


def test_a_content_splits_at_the_parse_sentence_start_not_at_an_abbreviation():
    from newsprobe.attribution.boundaries import Layout
    from newsprobe.attribution.learned import spans_from_probs

    text = "The U.S. Army will leave. Troops go home"
    pieces = encode(load_tokenizer(), text)
    second = int(np.flatnonzero(pieces.starts == text.index("S."))[0])
    third = int(np.flatnonzero(pieces.starts == text.index("Troops"))[0])
    tags = ["I-Content"] * len(pieces.starts)
    tags[0] = tags[second] = tags[third] = "B-Content"  # B after "U." and at the real sentence start
    probs = _one_hot(*tags)
    by_punctuation = spans_from_probs(text, pieces.starts, pieces.ends, probs)
    assert len(by_punctuation) == 3  # "U." looks like a sentence end
    layout = Layout(sentences=(0, text.index("Troops")))
    by_parse = spans_from_probs(text, pieces.starts, pieces.ends, probs, layout=layout)
    assert [text[s.start:s.end] for s in by_parse] == ["The U.S. Army will leave", "Troops go home"]


def test_per_role_takes_each_role_from_the_named_finder():
    from newsprobe.attribution.learned import merge

    learned = [{"Source": ((0, 9),), "Cue": ((10, 14),), "Content": ((15, 30),)}, {"Cue": ((50, 54),), "Content": ((55, 60),)}]
    rules = [("indirect", {"Source": ((4, 9),), "Cue": ((10, 14),), "Content": ((15, 35),)}),
             ("direct", {"Cue": ((70, 74),), "Content": ((75, 80),)})]
    merged = merge(learned, rules, "per_role", {"Source": "learned", "Cue": "learned", "Content": "rules"})
    assert merged == [{"Source": ((0, 9),), "Cue": ((10, 14),), "Content": ((15, 35),)}, learned[1], rules[1][1]]
    rules_source = merge(learned, rules, "per_role", {"Source": "rules"})
    assert rules_source[0] == {"Source": ((4, 9),), "Cue": ((10, 14),), "Content": ((15, 30),)}


def test_a_missing_role_is_taken_from_the_other_finder():
    from newsprobe.attribution.learned import merge

    learned = [{"Cue": ((10, 14),), "Content": ((15, 30),)}]
    rules = [("indirect", {"Source": ((0, 9),), "Cue": ((10, 14),), "Content": ((15, 35),)})]
    (merged,) = merge(learned, rules, "per_role", {"Source": "learned", "Cue": "learned", "Content": "learned"})
    assert merged == {"Source": ((0, 9),), "Cue": ((10, 14),), "Content": ((15, 30),)}


def test_decoding_settings_round_trip():
    from newsprobe.attribution.learned import Decoding

    decoding = Decoding(5, 0.2, 0.3, True, (("Source", "rules"), ("Cue", "learned"), ("Content", "rules")))
    assert Decoding.from_settings(decoding.settings()) == decoding
    assert Decoding.from_settings({}) == Decoding()


_RANGE = st.tuples(st.integers(0, 300), st.integers(1, 60)).map(lambda t: (t[0], t[0] + t[1]))
_RECORD = st.dictionaries(st.sampled_from(["Source", "Cue", "Content"]), st.lists(_RANGE, min_size=1, max_size=3),
                          min_size=1)


@given(st.lists(_RECORD, max_size=15), _RECORD)
def test_overlapping_finds_what_comparing_every_pair_finds(records, record):
    """The sorted-extent index behind the merges (linear on long texts) answers as the pairwise check."""
    assert Overlapping(records).of(record) == [k for k, r in enumerate(records) if overlaps(record, r)]
