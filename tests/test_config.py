"""The options models: default.toml documents and loads them, every mistake is one coded NP3xx line."""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import fields

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.config import (DEFAULT_CONFIG, SECTIONS, ConfigFile, Options, load_options, option_name)
from newsprobe.errors import Code, NewsprobeError

SETTINGS = [(section, key) for section, model in SECTIONS.items() for key in model.model_fields]
CONFIG_CODES = {Code.BAD_CONFIG, Code.BAD_LIMIT, Code.CONFIG_SECTION, Code.CONFIG_KEY, Code.CONFIG_TYPE,
                Code.CONFIG_RANGE}


def write(tmp_path, text: str):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path, **overrides) -> NewsprobeError:
    with pytest.raises(NewsprobeError) as caught:
        load_options(path, **overrides)
    assert caught.value.code in CONFIG_CODES
    assert "\n" not in str(caught.value), "one line"
    return caught.value


# --- default.toml and the models agree ---

def test_default_toml_loads_into_the_models_with_no_error():
    raw = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    ConfigFile.model_validate(raw)  # raises on any mistake
    options = load_options(DEFAULT_CONFIG)
    assert options.components[0] == "newsprobe_metadata" and options.attributions_mode == "per_role"


def test_every_setting_is_in_default_toml_with_a_comment():
    lines = DEFAULT_CONFIG.read_text(encoding="utf-8").splitlines()
    raw = tomllib.loads("\n".join(lines))
    for section, key in SETTINGS:
        assert key in raw.get(section, {}), f"[{section}] {key} is missing from default.toml"
        start = lines.index(f"[{section}]")
        at = next(i for i in range(start + 1, len(lines)) if re.match(rf"{key}\s*=", lines[i]))
        assert lines[at - 1].startswith("#"), f"[{section}] {key}: no comment line right above it in default.toml"


def test_every_setting_has_its_options_field_and_the_same_default():
    names = {option_name(section, key) for section, key in SETTINGS}
    assert names == {f.name for f in fields(Options)}
    defaults = ConfigFile()
    for section, key in SETTINGS:
        model_default = getattr(getattr(defaults, section), key)
        option_default = getattr(Options(), option_name(section, key))
        assert (tuple(model_default) if isinstance(model_default, list) else model_default) == option_default


def test_a_partial_file_keeps_the_defaults_of_what_it_leaves_out(tmp_path):
    options = load_options(write(tmp_path, "[limits]\nmax_chars = 5000\n"))
    assert options == Options(max_chars=5000)


def test_overrides_are_checked_like_the_file(tmp_path):
    path = write(tmp_path, "")
    assert load_options(path, api_reads_need_token=True).api_reads_need_token is True
    assert load_options(path, api_reads_need_token=None) == Options()
    assert load_options(path, components=("newsprobe_timex",)).components == ("newsprobe_timex",)
    error = refused(path, batch_size=0)
    assert error.code is Code.CONFIG_RANGE and "[pipeline] batch_size = 0" in str(error)


# --- every kind of mistake, one coded line naming section, key and file ---

@pytest.mark.parametrize(("text", "code", "named"), [
    ('[pipeline]\nbatch_size = "x"\n', Code.CONFIG_TYPE, "[pipeline] batch_size"),
    ('[pipeline]\ncomponents = "newsprobe_timex"\n', Code.CONFIG_TYPE, "[pipeline] components"),
    ('[pipeline]\ncomponents = ["newsprobe_timex", 3]\n', Code.CONFIG_TYPE, "[pipeline] components[1]"),
    ("[pipeline]\nbatch_size = -1\n", Code.CONFIG_RANGE, "[pipeline] batch_size"),
    ("[api]\napi_workers = -2\n", Code.CONFIG_RANGE, "[api] api_workers"),
    ("[fetch]\nurl_timeout_s = inf\n", Code.CONFIG_RANGE, "[fetch] url_timeout_s"),
    ("[api]\napi_reads_need_token = 1\n", Code.CONFIG_TYPE, "[api] api_reads_need_token"),
    ("[fetch]\nurl_max_bytes = true\n", Code.CONFIG_TYPE, "[fetch] url_max_bytes"),
    ("[pipeline]\nbatch_size = 32.0\n", Code.CONFIG_TYPE, "[pipeline] batch_size"),
    ("[pipeline]\nbatch_size = {size = 3}\n", Code.CONFIG_TYPE, "[pipeline] batch_size"),
    ("[pipeline.more]\nx = 1\n", Code.CONFIG_KEY, "[pipeline] more"),
    ("[nlp]\nbatch_size = 3\n", Code.CONFIG_SECTION, "[nlp]"),
    ("pipeline = 3\n", Code.CONFIG_TYPE, "[pipeline]"),
    ("[pipeline]\nbatchsize = 3\n", Code.CONFIG_KEY, "[pipeline] batchsize"),
    ("[fetch]\nbatch_size = 3\n", Code.CONFIG_KEY, "[fetch] batch_size"),
    ("[limits]\nmax_chars = 10\n", Code.BAD_LIMIT, "[limits] max_chars"),
    ('[limits]\nmax_chars = "lots"\n', Code.BAD_LIMIT, "[limits] max_chars"),
    ('[attributions]\nmode = "magic"\n', Code.BAD_CONFIG, "[attributions] mode"),
    ('[pipeline]\nspacy_model = ""\n', Code.CONFIG_RANGE, "[pipeline] spacy_model"),
    ("[data]\ndir = 3\n", Code.CONFIG_TYPE, "[data] dir"),
    ('[pipeline]\n"two\\nlines" = 1\n', Code.CONFIG_KEY, '[pipeline] "two\\nlines"'),
])
def test_each_mistake_is_one_coded_line(tmp_path, text, code, named):
    path = write(tmp_path, text)
    error = refused(path)
    assert error.code is code, str(error)
    assert named in str(error) and str(path) in str(error)


def test_an_unreadable_or_broken_file_is_np302(tmp_path):
    assert refused(tmp_path / "absent.toml").code is Code.BAD_CONFIG
    assert refused(write(tmp_path, "[pipeline\n")).code is Code.BAD_CONFIG
    (tmp_path / "latin1.toml").write_bytes("# caf\xe9\n".encode("latin-1"))
    assert refused(tmp_path / "latin1.toml").code is Code.BAD_CONFIG


def test_a_relative_data_dir_is_read_from_the_config_file_folder(tmp_path):
    assert load_options(write(tmp_path, '[data]\ndir = "corpora"\n')).data_dir == str(tmp_path / "corpora")
    assert load_options(write(tmp_path, '[data]\ndir = "/srv/data"\n')).data_dir == "/srv/data"


# --- property: a wrong type for any setting names that setting ---

def _accepts(section: str, key: str, value: object) -> bool:
    """Whether `value` has the type the setting takes (its range aside)."""
    annotation = SECTIONS[section].model_fields[key].annotation
    if isinstance(value, bool):
        return annotation is bool
    if annotation is float:
        return isinstance(value, (int, float))
    if annotation is int:
        return isinstance(value, int)
    if annotation is bool:
        return False
    if annotation == list[str]:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, str)  # str and the attributions mode's Literal of strings


def toml_value(value: object) -> str:
    """The TOML spelling of a value (JSON's is TOML's for all of these but tables; TOML also escapes DEL)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_value(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


scalars = st.one_of(st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False),
                    st.booleans(), st.text(max_size=20))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=5), scalars, max_size=2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(setting=st.sampled_from(SETTINGS), value=values)
def test_a_wrong_type_for_any_setting_is_a_coded_error_naming_it(tmp_path, setting, value):
    section, key = setting
    assume(not _accepts(section, key, value))
    path = write(tmp_path, f"[{section}]\n{key} = {toml_value(value)}\n")
    error = refused(path)
    assert re.fullmatch(r"NP3\d\d", error.code.value)
    assert f"[{section}] {key}" in str(error) and str(path) in str(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(setting=st.sampled_from(SETTINGS), value=values)
def test_a_wrong_type_given_as_an_override_is_a_coded_error_naming_it(tmp_path, setting, value):
    section, key = setting
    assume(not _accepts(section, key, value))
    error = refused(write(tmp_path, ""), **{option_name(section, key): value})
    assert f"[{section}] {key}" in str(error)


# --- where options are loaded: the CLI, the batch runner's CLI, API startup ---

runner = CliRunner()


@pytest.mark.parametrize("command", [["analyze", "{article}"], ["batch", "{article}", "--out", "{out}"],
                                     ["serve", "--port", "1"], ["timeline", "{article}"]])
def test_the_cli_says_one_coded_line_and_exits_2(tmp_path, command):
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the talks failed.", encoding="utf-8")
    config = write(tmp_path, '[pipeline]\nbatch_size = "x"\n')
    args = [part.format(article=article, out=tmp_path / "out") for part in command]
    result = runner.invoke(app, [*args, "--config", str(config)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = result.stderr.strip().splitlines()
    assert "[NP309]" in line and "[pipeline] batch_size" in line and str(config) in line


def test_api_startup_refuses_a_bad_config_with_a_coded_error(tmp_path, monkeypatch):
    from newsprobe.api import create_app

    monkeypatch.setenv("NEWSPROBE_CONFIG", str(write(tmp_path, "[api]\napi_page_size = 0\n")))
    with pytest.raises(NewsprobeError) as caught:
        create_app(db=f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert caught.value.code is Code.CONFIG_RANGE and "[api] api_page_size" in str(caught.value)
