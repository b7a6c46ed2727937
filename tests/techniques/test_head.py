"""The technique head: pooling of the trunk's states over spans and sentences, and the stored model."""
import numpy as np

from newsprobe.techniques.encoder import HIDDEN_WIDTH, TrunkPass
from newsprobe.techniques.head import POOLS, SpanHead, pool_spans

W = HIDDEN_WIDTH


def _trunk() -> TrunkPass:
    # six pieces of 4 characters with a space between: "aaaa bbbb cccc dddd eeee ffff"; piece i's state is i
    starts = np.arange(6) * 5
    hidden = np.repeat(np.arange(6, dtype=np.float32)[:, None], W, axis=1)
    return TrunkPass(starts, starts + 4, np.zeros(6), hidden)


def test_span_pools_mean_first_last_and_its_sentence():
    sentences = [(0, 14), (15, 29)]  # pieces 0-2, pieces 3-5
    pooled = pool_spans(_trunk(), [(5, 19), (22, 24)], sentences)
    assert pooled.shape == (2, POOLS * W)
    mean, first, last, sent = (pooled[0, k * W] for k in range(4))
    assert (mean, first, last, sent) == (2.0, 1.0, 3.0, 1.0), "pieces 1-3; sentence of the start: 0-2"
    mean, first, last, sent = (pooled[1, k * W] for k in range(4))
    assert (mean, first, last, sent) == (4.0, 4.0, 4.0, 4.0), "a span inside one piece reads that piece"


def test_without_hidden_states_or_sentences_the_rows_are_zero_where_unknown():
    trunk = _trunk()
    assert not pool_spans(TrunkPass(trunk.starts, trunk.ends, trunk.probs, None), [(0, 4)], []).any()
    pooled = pool_spans(trunk, [(0, 4)], [])
    assert pooled[0, 0] == 0.0 and not pooled[0, 3 * W:].any(), "no sentence: its pool stays zero"


def _head(rng, n: int, parse_weight: float = 0.0, temperature: float = 1.0) -> SpanHead:
    return SpanHead(np.zeros(n, np.float32), np.ones(n, np.float32),
                    (0.01 * rng.normal(size=(3, n))).astype(np.float32), np.zeros(3, np.float32),
                    ["a", "b", "c"], parse_weight, temperature)


def test_stored_head_reloads_and_temperature_only_softens(tmp_path):
    rng = np.random.default_rng(0)
    head = _head(rng, POOLS * W, parse_weight=0.3, temperature=2.0)
    head.save(tmp_path / "head")
    again = SpanHead.load(tmp_path / "head")
    x = rng.normal(size=(5, POOLS * W)).astype(np.float32)
    parse = rng.dirichlet(np.ones(3), size=5)
    assert np.allclose(again.proba(x, parse), head.proba(x, parse)) and again.parse_weight == 0.3
    sharp = _head(np.random.default_rng(0), POOLS * W, 0.3, 1.0).proba(x, parse)
    assert (sharp.argmax(1) == head.proba(x, parse).argmax(1)).all()
    assert (sharp.max(1) > head.proba(x, parse).max(1)).all(), "a temperature above 1 lowers the top probability"
    assert np.allclose(head.proba(x, parse).sum(1), 1.0)


def test_parse_weight_mixes_the_parse_classifier_in():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, POOLS * W)).astype(np.float32)
    parse = np.tile([[0.0, 0.0, 1.0]], (4, 1))  # the parse model is sure of "c"; a zero must stay finite
    alone = _head(rng, POOLS * W, parse_weight=0.0)
    assert np.allclose(alone.proba(x, parse), alone.proba(x)), "weight 0: the parse side is ignored"
    alone.parse_weight = 1.0
    assert (alone.proba(x, parse).argmax(1) == 2).all() and np.isfinite(alone.proba(x, parse)).all()
