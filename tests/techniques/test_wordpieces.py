"""Word pieces for the span encoder: windows cover every piece once, labels and token maps line up."""
import numpy as np

from newsprobe.techniques.wordpieces import (Pieces, batch, encode, load_tokenizer, piece_labels, sentence_windows,
                                             token_scores, windows)


def test_windows_cover_every_piece_once():
    for n, offset in ((0, 0), (5, 0), (254, 0), (255, 0), (1000, 0), (1000, 37), (30, 100)):
        cuts = windows(n, 254, offset)
        covered = [i for start, end in cuts for i in range(start, end)]
        assert covered == list(range(n))
        assert all(0 < end - start <= 254 for start, end in cuts)
    assert windows(1000, 254, 37)[0] == (0, 37)


def test_sentence_windows_end_at_sentence_starts_and_cover_every_piece():
    starts = np.array([0, 100, 300, 310, 900])
    assert sentence_windows(1000, starts, 254) == [(0, 100), (100, 310), (310, 564), (564, 818), (818, 1000)]
    assert sentence_windows(300, np.array([0, 250, 260]), 254) == [(0, 250), (250, 300)]
    for n, sentence_starts in ((0, []), (7, [0, 3]), (2000, []), (2000, list(range(0, 2000, 37))), (90, [500])):
        cuts = sentence_windows(n, np.array(sentence_starts, dtype=np.int64), 254)
        assert [i for start, end in cuts for i in range(start, end)] == list(range(n))
        assert all(0 < end - start <= 254 for start, end in cuts)
    assert sentence_windows(2000, np.zeros(0, dtype=np.int64), 254) == windows(2000, 254)


def test_batch_wraps_each_window_and_masks_padding():
    ids = np.arange(10, 20)
    rows, mask = batch([ids[0:3], ids[3:10]], cls=1, sep=2)
    assert rows.shape == (2, 9)
    assert rows[0, :5].tolist() == [1, 10, 11, 12, 2] and mask[0].tolist() == [1] * 5 + [0] * 4
    assert rows[1].tolist() == [1, 13, 14, 15, 16, 17, 18, 19, 2] and mask[1].all()


def test_pieces_keep_character_offsets_and_labels_follow_spans():
    text = "The corrupt regime lies, again."
    pieces = encode(load_tokenizer(), text)
    assert [text[s:e].lower() for s, e in zip(pieces.starts, pieces.ends)][:3] == ["the", "corrupt", "regime"]
    start = text.index("corrupt regime")
    labels = piece_labels(pieces, [(start, start + len("corrupt regime"))])
    inside = [text[s:e] for s, e, y in zip(pieces.starts, pieces.ends, labels) if y]
    assert inside == ["corrupt", "regime"]


def test_token_scores_take_the_highest_piece_of_each_token():
    pieces = Pieces(np.array([1, 2, 3, 4]), np.array([0, 4, 7, 12]), np.array([4, 7, 11, 13]))
    token_starts, token_ends = np.array([0, 4, 12, 14]), np.array([3, 11, 13, 15])
    scores = token_scores(pieces.starts, np.array([0.1, 0.3, 0.8, 0.5]), token_starts, token_ends)
    assert scores.tolist() == [0.1, 0.8, 0.5, 0.0]
