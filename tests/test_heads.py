import numpy as np
import pytest

from newsprobe.heads import chunked_logits


def _sessions():
    from newsprobe.attribution.learned import AttributionHead
    from newsprobe.entities.names import CASE_FEATURES, load_name_head

    found = [(AttributionHead().session, 384)]
    names = load_name_head()
    if names is not None:
        found.append((names.session, 384 + CASE_FEATURES))
    return found


@pytest.mark.parametrize("chunk", [7, 50, 333])
def test_chunks_give_the_one_pass_logits(chunk):
    rng = np.random.default_rng(0)
    for session, width in _sessions():
        inputs = rng.normal(size=(1000, width)).astype(np.float32)
        whole = session.run(None, {"hidden": inputs[None]})[0][0]
        parts = chunked_logits(session, inputs, chunk=chunk, context=8)
        assert parts.shape == whole.shape
        np.testing.assert_allclose(parts, whole, rtol=1e-4, atol=1e-4)


def test_a_short_sequence_is_one_run():
    class Once:
        calls = 0

        def run(self, _, feeds):
            self.calls += 1
            return [np.zeros((1, feeds["hidden"].shape[1], 3))]

    session = Once()
    assert chunked_logits(session, np.zeros((10, 4), dtype=np.float32), chunk=10).shape == (10, 3)
    assert session.calls == 1
    assert chunked_logits(session, np.zeros((25, 4), dtype=np.float32), chunk=10, context=2).shape == (25, 3)
    assert session.calls == 4
