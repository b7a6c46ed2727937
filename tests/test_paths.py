"""newsprobe.paths.data_dir: $NEWSPROBE_DATA, then the config's [data] dir, then shared/data beside the checkout."""
from __future__ import annotations

from pathlib import Path

from newsprobe import paths
from newsprobe.config import Options
from newsprobe.techniques.data import data_root


def test_the_environment_wins_over_the_config(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path / "env"))
    assert paths.data_dir(Options(data_dir=str(tmp_path / "config"))) == tmp_path / "env"


def test_the_config_wins_over_the_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSPROBE_DATA", raising=False)
    assert paths.data_dir(Options(data_dir=str(tmp_path / "config"))) == tmp_path / "config"


def test_the_config_is_read_from_newsprobe_config_when_no_options_are_given(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSPROBE_DATA", raising=False)
    config = tmp_path / "c.toml"
    config.write_text('[data]\ndir = "corpora"\n', encoding="utf-8")
    monkeypatch.setenv("NEWSPROBE_CONFIG", str(config))
    assert paths.data_dir() == tmp_path / "corpora"


def test_an_empty_environment_variable_counts_as_unset(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROBE_DATA", "")
    assert paths.data_dir(Options(data_dir=str(tmp_path))) == tmp_path


def test_without_either_the_nearest_shared_data_at_or_above_the_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSPROBE_DATA", raising=False)
    checkout = tmp_path / "work" / "repo"
    checkout.mkdir(parents=True)
    monkeypatch.setattr(paths, "CHECKOUT", checkout)
    assert paths.data_dir(Options()) == tmp_path / "work" / "shared" / "data", "none: the one beside, named"
    (tmp_path / "shared" / "data").mkdir(parents=True)
    assert paths.data_dir(Options()) == tmp_path / "shared" / "data", "higher up"
    (tmp_path / "work" / "shared" / "data").mkdir(parents=True)
    assert paths.data_dir(Options()) == tmp_path / "work" / "shared" / "data", "beside the checkout first"
    (checkout / "shared" / "data").mkdir(parents=True)
    assert paths.data_dir(Options()) == checkout / "shared" / "data", "the checkout's own shared/data"


def test_the_checkout_is_the_repository_root():
    assert (paths.CHECKOUT / "pyproject.toml").is_file() and (paths.CHECKOUT / "src" / "newsprobe").is_dir()


def test_the_techniques_name_is_the_same_lookup():
    assert data_root is paths.data_dir and isinstance(data_root(Options()), Path)


def test_data_path_is_the_given_path_else_a_folder_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPROBE_DATA", str(tmp_path))
    assert paths.data_path(None, "claimbuster-2class") == tmp_path / "claimbuster-2class"
    assert paths.data_path(None) == tmp_path
    assert paths.data_path(Path("mine"), "claimbuster-2class") == Path("mine")
