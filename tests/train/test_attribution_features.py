"""PolNeAR trunk states are cached from the tagger given (a new trunk before it is packaged)."""
import shutil

import numpy as np
import pytest

from newsprobe.errors import Code, NewsprobeError
from newsprobe.techniques.predictor import MODEL_DIR
from newsprobe.train.attribution_features import cache_split, sentence_chars

TEXT = "The minister said on Tuesday that the plan was ready. Critics called it a disgrace."


def test_states_come_from_the_given_tagger(tmp_path):
    trunk = tmp_path / "new" / "tagger.onnx"
    trunk.parent.mkdir()
    shutil.copy(MODEL_DIR / "tagger.onnx", trunk)
    cache_split([("a1", TEXT, [])], tmp_path / "features", log=lambda _: None, tagger=trunk)
    cached = np.load(tmp_path / "features" / "a1.npz")
    assert cached["hidden"].shape == (len(cached["starts"]), 384) and sentence_chars(TEXT).tolist() == [0, 54]
    with pytest.raises(NewsprobeError) as error:  # a missing trunk is not silently replaced by the packaged one
        cache_split([("a2", TEXT, [])], tmp_path / "features", log=lambda _: None, tagger=tmp_path / "none.onnx")
    assert error.value.code == Code.TECH_MODEL_MISSING and "none.onnx" in str(error.value)
    assert not (tmp_path / "features" / "a2.npz").exists()
