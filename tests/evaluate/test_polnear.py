"""PolNeAR split folders: loading brat standoff with its quirks, whitespace trimming, the eval command,
and dropping training articles that duplicate a dev article."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsprobe.errors import NewsprobeError
from newsprobe.evaluate.attributions import trim
from newsprobe.evaluate.polnear import load_split, text_hash, without_duplicates

TEXT = "“We will win,” Smith said, “and soon.”\nThe poll shows voters are tired.\n"
# Team-written, in PolNeAR's form: a discontinuous content (';'), an Attribution anchor, a second
# attribution whose content is given as Content + Content2, a label outside the three roles, and a
# span text holding a line break whose second line starts with a capital T.
ANN = (
    "T1\tSource 15 20\tSmith\nT2\tCue 21 25\tsaid\nT3\tContent 0 14;27 38\t“We will win,” “and soon.”\n"
    "T4\tAttribution 21 25\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 39 47\tThe poll\nT6\tCue 48 53\tshows\nT7\tContent 54 60\tvoters\n"
    "T8\tContent 61 72\tare tired.\nThe\nT9\tAttribution 48 53\tshows\n"
    "E2\tAttribution:T9 Content:T7 Cue:T6 Source:T5 Content2:T8\nT10\tDiscard 0 3\tx\n"
)


def _split(root: Path, name: str = "a", text: str = TEXT, ann: str = ANN) -> Path:
    for sub in ("ann", "text"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "ann" / f"{name}.ann").write_text(ann, encoding="utf-8")
    return root


def test_load_split_keeps_parts_and_joins_content2(tmp_path):
    ((name, text, records),) = load_split(_split(tmp_path))
    assert name == "a" and text == TEXT
    first, second = records
    assert [text[s:e] for s, e in first["Content"]] == ["“We will win,”", "“and soon.”"]
    assert [text[s:e] for s, e in second["Content"]] == ["voters", "are tired.\n"]
    assert text[slice(*second["Source"][0])] == "The poll"


def test_trim_drops_whitespace_at_range_ends():
    records = [{"Content": ((53, 72),), "Cue": ((47, 48),)}]  # " voters are tired.\n" and " "
    assert trim(records, TEXT) == [{"Content": ((54, 71),)}]  # the blank cue is gone


def test_missing_split_is_coded(tmp_path):
    with pytest.raises(NewsprobeError) as err:
        load_split(tmp_path)
    assert err.value.code.value == "NP101"


def test_duplicates_of_dev_are_dropped_by_normalised_text():
    dev = [("d", "The senator said\nno.", [])]
    train = [("t1", "the  SENATOR said no. ", []), ("t2", "The senator said yes.", [])]
    assert [name for name, _, _ in without_duplicates(train, dev)] == ["t2"]
    assert text_hash("A  b\nc") == text_hash("a b c") != text_hash("a bc")


@pytest.mark.slow  # the eval command end to end: 5 s on the shared machine
def test_eval_command_reads_a_split_folder(tmp_path):
    from typer.testing import CliRunner

    from newsprobe.cli import app

    _split(tmp_path)
    result = CliRunner().invoke(app, ["eval", "attributions", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in result.output.splitlines()[1:]}
    assert rows[("Source", "exact")][-1] == "2" and rows[("Content", "exact")][-1] == "2"  # gold counts
    assert float(rows[("Cue", "exact")][1]) >= 0.5  # the rules find "said" (not yet "shows")
