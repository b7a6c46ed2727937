import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprobe.entities.names import CASE_FEATURES, TAGS, case_features, load_name_head, name_spans


def _pieces(text: str) -> tuple[np.ndarray, np.ndarray]:
    """One piece per space-separated word (enough for the decoding)."""
    starts, ends, at = [], [], 0
    for word in text.split(" "):
        starts.append(at)
        ends.append(at + len(word))
        at += len(word) + 1
    return np.array(starts), np.array(ends)


def _probs(tags: list[str]) -> np.ndarray:
    out = np.full((len(tags), len(TAGS)), 0.01)
    for row, tag in enumerate(tags):
        out[row, TAGS.index(tag)] = 1.0
    return out / out.sum(1, keepdims=True)


def test_case_features_see_capitals_sentence_starts_and_digits():
    text = "Lord Byron met NATO in 1816. then"
    starts, ends = _pieces(text)
    got = case_features(text, starts, ends)
    assert got.shape == (7, CASE_FEATURES)
    assert got[:, 0].tolist() == [1, 1, 0, 1, 0, 0, 0]  # opens with a capital
    assert got[:, 1].tolist() == [0, 0, 0, 1, 0, 0, 0]  # in capitals
    assert got[:, 2].tolist() == [1, 0, 0, 0, 0, 0, 1]  # opens the text or follows a full stop
    assert got[:, 4].tolist() == [0, 0, 0, 0, 0, 1, 0]  # holds a digit


def test_case_features_mark_pieces_that_continue_a_word():
    text = "Byronic"
    got = case_features(text, np.array([0, 5]), np.array([5, 7]))
    assert got[:, 3].tolist() == [0, 1]
    assert got[1, 0] == 1  # the word's capital, not the piece's


def test_name_spans_join_runs_and_need_a_capital():
    text = "Lord Byron met the poet in Ravenna"
    starts, ends = _pieces(text)
    probs = _probs(["B-person", "I-person", "O", "O", "B-person", "O", "B-place"])
    spans = name_spans(text, starts, ends, probs)
    assert [(text[s.start:s.end], s.family) for s in spans] == [("Lord Byron", "person"), ("Ravenna", "place")]
    assert all(0.9 < s.confidence <= 1 for s in spans)


def test_name_spans_split_on_a_new_b_tag_or_family_and_drop_other():
    text = "Paris Hilton Hotel Christmas"
    starts, ends = _pieces(text)
    probs = _probs(["B-place", "B-organization", "I-organization", "B-other"])
    spans = name_spans(text, starts, ends, probs)
    assert [(text[s.start:s.end], s.family) for s in spans] == [("Paris", "place"), ("Hilton Hotel", "organization")]


def test_name_spans_of_nothing():
    assert name_spans("", np.zeros(0, dtype=int), np.zeros(0, dtype=int), np.zeros((0, len(TAGS)))) == []


def test_packaged_head_tags_a_name_in_context():
    head = load_name_head()
    if head is None:
        pytest.skip("no names head packaged")
    from newsprobe.pipeline.encoder import EncoderComponent

    text = "Former senator Maria Delgado visited Lisbon on Monday."
    encoder = EncoderComponent(worker_thread=False).encoder
    trunk = encoder.run(text, np.array([0]))
    assert trunk.hidden is not None
    spans = name_spans(text, trunk.starts, trunk.ends, head.probs(text, trunk.starts, trunk.ends, trunk.hidden))
    found = {text[s.start:s.end]: s.family for s in spans}
    person = text.index("Maria Delgado")
    assert any(s.family == "person" and person <= s.start and s.end <= person + 13 for s in spans), found
    assert found.get("Lisbon") == "place"
    assert not {"Former", "senator", "Monday"} & {w for name in found for w in name.split()}


def _reference_case_features(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The definition, piece by piece (quadratic on long words; the module's version is linear)."""
    out = np.zeros((len(starts), CASE_FEATURES), dtype=np.float32)
    for i, (start, end) in enumerate(zip(starts.tolist(), ends.tolist())):
        word_start, word_end = start, end
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        while word_end < len(text) and not text[word_end].isspace():
            word_end += 1
        word = text[word_start:word_end]
        before = text[:word_start].rstrip()[-1:]
        continues = i > 0 and start == ends[i - 1] and text[start].isalnum() and text[start - 1].isalnum()
        out[i] = (word[:1].isupper(), word.isupper() and len(word) > 1,
                  before in {"", ".", "!", "?", '"', ":", "”"} or text[word_start - 1:word_start] == "\n",
                  continues, any(c.isdigit() for c in word))
    return out


@given(st.text(alphabet="aB1 .\n:!?\"”-é", max_size=60), st.data())
def test_case_features_match_their_definition(text, data):
    cuts = sorted({i for i, c in enumerate(text) if not c.isspace()})  # pieces: runs cut anywhere inside words
    starts, ends = [], []
    for i in cuts:
        if ends and ends[-1] == i and not data.draw(st.booleans()):
            ends[-1] = i + 1  # extend the previous piece
        else:
            starts.append(i)
            ends.append(i + 1)
    s, e = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
    np.testing.assert_array_equal(case_features(text, s, e), _reference_case_features(text, s, e))
