"""A component's rules from its factory's `rules` setting: the packaged table with a user's TOML file
laid over it, and a coded error naming the component, the file and the key when the file does not fit."""
from __future__ import annotations

import pytest

from newsprobe.errors import NewsprobeError
from newsprobe.rules import RulesShapeError, component_rules, load_rules, overlay

BASE = {"cues": {"speech": ["say"], "belief": ["think"]}, "limit": 3, "aliases": {"us": ["usa"]}}


def test_overlay_merges_tables_key_by_key_and_leaves_both_tables_alone():
    over = {"cues": {"speech": ["tell"]}, "limit": 5}
    out = overlay(BASE, over)
    assert out == {"cues": {"speech": ["tell"], "belief": ["think"]}, "limit": 5, "aliases": {"us": ["usa"]}}
    assert BASE["cues"]["speech"] == ["say"] and over == {"cues": {"speech": ["tell"]}, "limit": 5}


def test_a_whole_table_is_replaced_so_its_data_keys_may_be_new():
    assert overlay(BASE, {"aliases": {"uk": ["britain"]}}, frozenset({"aliases"}))["aliases"] == {"uk": ["britain"]}
    with pytest.raises(RulesShapeError, match="unknown key 'aliases.uk'"):
        overlay(BASE, {"aliases": {"uk": ["britain"]}})


@pytest.mark.parametrize("over, says", [
    ({"cuse": {}}, "unknown key 'cuse'"),
    ({"cues": {"speach": ["say"]}}, "unknown key 'cues.speach'"),
    ({"cues": {"speech": "say"}}, "'cues.speech' must be a TOML array"),
    ({"limit": "3"}, "'limit' must be a TOML integer"),
])
def test_overlay_names_the_key_that_does_not_fit(over, says):
    with pytest.raises(RulesShapeError) as err:
        overlay(BASE, over)
    assert str(err.value) == says


def _build(table: dict) -> tuple[str, ...]:
    return tuple(table["outlet"]["patterns"])


def test_no_file_is_the_packaged_rules_and_a_file_is_laid_over_them(tmp_path):
    assert component_rules("newsprobe_x", "metadata", None, _build, lambda: ("packaged",)) == ("packaged",)
    path = tmp_path / "rules.toml"
    path.write_text("[outlet]\npatterns = ['(?P<outlet>Ledger)']\n", encoding="utf-8")
    assert component_rules("newsprobe_x", "metadata", str(path), _build, tuple) == ("(?P<outlet>Ledger)",)
    assert load_rules("metadata")["outlet"]["patterns"] != ["(?P<outlet>Ledger)"]  # the packaged table is untouched


@pytest.mark.parametrize("body, code, says", [
    (None, "NP322", "No such file"),
    ("[outlet\n", "NP322", "Expected"),
    ("[outlet]\npaterns = []\n", "NP323", "unknown key 'outlet.paterns'"),
    ("[outlet]\npatterns = 'x'\n", "NP323", "'outlet.patterns' must be a TOML array"),
    ("[dateline]\npattern = '(?P<place>'\n", "NP324", "error"),
])
def test_a_bad_file_is_a_coded_error_naming_component_file_and_key(tmp_path, body, code, says):
    path = tmp_path / "rules.toml"
    if body is not None:
        path.write_text(body, encoding="utf-8")
    from newsprobe.pipeline.metadata import load_metadata_rules

    with pytest.raises(NewsprobeError) as err:
        load_metadata_rules(str(path))
    message = str(err.value)
    assert err.value.code.value == code and says in message
    assert "newsprobe_metadata" in message and str(path) in message
