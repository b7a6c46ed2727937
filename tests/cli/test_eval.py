"""`newsprobe eval ...` data defaults: each folder a command reads by default is found in the one data
folder (newsprobe.paths.data_dir: $NEWSPROBE_DATA, the config's [data] dir, ../shared/data), and a
folder the user passes wins."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app

CASES = [  # (command line, module and function the command calls, its data argument's position, default)
    (["eval", "stories"], "newsprobe.evaluate.stories", "evaluate_stories", 0, "ecbplus-stories/dev.jsonl"),
    (["eval", "claim-retrieval"], "newsprobe.evaluate.claim_retrieval", "evaluate_claim_retrieval", 0,
     "checkthat2022-claim-retrieval"),
    (["eval", "claims"], "newsprobe.evaluate.claims", "evaluate_claims", 0, "claimbuster-2class"),
    (["eval", "checkworthiness", "DEBATES"], "newsprobe.evaluate.checkworthiness", "lodo_figures", 1,
     "claimbuster-2class"),
    (["eval", "convert-meantime", "OUT"], "newsprobe.evaluate.meantime", "convert_folder", 0, "meantime-english"),
]


def _called_with(monkeypatch, module: str, function: str, argv: list[str]) -> tuple:
    """The arguments the command passed to `module.function` (which stops the command there)."""
    seen: list[tuple] = []

    def record(*args, **kwargs):
        seen.append(args)
        raise SystemExit(0)

    monkeypatch.setattr(f"{module}.{function}", record)
    result = CliRunner().invoke(app, argv)
    assert seen, result.output
    return seen[0]


@pytest.mark.parametrize("argv, module, function, position, default", CASES)
def test_data_defaults_are_inside_the_data_folder(tmp_path, monkeypatch, argv, module, function, position, default):
    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path))
    assert _called_with(monkeypatch, module, function, argv)[position] == tmp_path / default


def test_a_folder_the_user_passes_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path / "unused"))
    args = _called_with(monkeypatch, "newsprobe.evaluate.claims", "evaluate_claims",
                        ["eval", "claims", "--data", str(tmp_path / "mine")])
    assert args[0] == tmp_path / "mine"
