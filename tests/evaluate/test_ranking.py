import numpy as np

from newsprobe.evaluate.ranking import average_precision, calibration_error, id_blocks, mean_ap, prf, sparse_blocks


def test_average_precision_by_hand():
    labels = np.array([1, 0, 1, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    assert average_precision(labels, scores) == (1 / 1 + 2 / 3) / 2
    assert average_precision(np.array([0, 0]), np.array([0.5, 0.4])) == 0.0


def test_prf_by_hand():
    figures = prf(np.array([1, 1, 0, 0]), np.array([0.9, 0.2, 0.8, 0.1]), 0.5)
    assert (figures.precision, figures.recall, figures.f1) == (0.5, 0.5, 0.5)


def test_blocks():
    ids = np.array([5, 1, 3, 2])
    labels = np.array([1, 0, 1, 0])
    scores = np.array([0.1, 0.2, 0.3, 0.4])
    blocks = id_blocks(ids, labels, scores, 2)
    assert [b[0].tolist() for b in blocks] == [[0, 0], [1, 1]]
    assert mean_ap(blocks) == 1.0  # the first block has no positive and is left out


def test_sparse_blocks_keep_the_share():
    labels = np.array([0] * 97 + [1] * 50)
    blocks = sparse_blocks(labels, np.arange(147.0), 0.03, 4, seed=0)
    assert all(len(b[0]) == 100 and b[0].sum() == 3 for b in blocks)


def test_calibration_error_by_hand():
    labels = np.array([1, 0, 1, 1])
    assert abs(calibration_error(labels, np.array([0.95, 0.05, 0.95, 0.95])) - 0.05) < 1e-9
    assert calibration_error(np.array([1, 0]), np.array([0.0, 1.0])) == 1.0
