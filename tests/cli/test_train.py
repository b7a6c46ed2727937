"""`newsprobe train claims` data defaults: inside the one data folder (newsprobe.paths.data_dir)."""
from __future__ import annotations

from typer.testing import CliRunner

from newsprobe.cli import app


def test_train_claims_reads_its_corpora_from_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path))
    seen: list[tuple] = []

    def record(*args, **kwargs):
        seen.append(args)

    monkeypatch.setattr("newsprobe.train.claims.train_claims", record)
    result = CliRunner().invoke(app, ["train", "claims"])
    assert result.exit_code == 0, result.output
    assert seen == [(tmp_path / "claimbuster-2class", tmp_path / "clef2019-checkthat-t1-train")]


def test_train_techniques_passes_the_joint_schedule_to_the_recipe(monkeypatch):
    import pytest

    pytest.importorskip("torch")  # the `train` extra
    seen: list = []
    monkeypatch.setattr("newsprobe.train.techniques.train_and_document",
                        lambda out, data, settings: seen.append(settings))
    result = CliRunner().invoke(app, ["train", "techniques", "--attributions-weight", "0.5",
                                      "--attributions-epochs", "4"])
    assert result.exit_code == 0, result.output
    assert (seen[0].attributions_weight, seen[0].attributions_epochs) == (0.5, 4)
    result = CliRunner().invoke(app, ["train", "techniques", "--attributions-epochs", "-1"])
    assert result.exit_code == 2 and len(seen) == 1


def test_train_entity_names_reads_gum_from_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path))
    seen: list = []
    monkeypatch.setattr("newsprobe.train.entity_names.train", lambda folder, log: seen.append(folder))
    result = CliRunner().invoke(app, ["train", "entity-names"])
    assert result.exit_code == 0, result.output
    assert seen == [tmp_path / "gum-entities"]
