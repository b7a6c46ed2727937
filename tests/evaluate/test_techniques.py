"""Quality floors of the techniques model on the committed dev split (44 PTC articles, all of them)."""
import pytest

from newsprobe.techniques.data import PTC_TRAIN, data_root
from tests.conftest import require_data
from tests.floors import floor


@pytest.mark.data
@pytest.mark.slow
def test_dev_split_holds_the_floors():
    from newsprobe.evaluate.techniques import evaluate_folder

    train = require_data(data_root() / PTC_TRAIN)
    scores = evaluate_folder(train, "dev")
    assert scores["articles"] == 44
    assert scores["si"]["f1"] >= floor("techniques", "si_f1")
    assert scores["tc_micro_f1"] >= floor("techniques", "tc_micro_f1")
