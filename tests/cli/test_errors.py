"""cli/errors.py: a coded error is one line on standard error and exit status 2, from any command."""
from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from newsprobe.cli.errors import coded, missing_extra, recode
from newsprobe.errors import Code, NewsprobeError


def tiny_app(command) -> typer.Typer:
    app = typer.Typer()
    app.command()(command)
    app.command("other")(lambda: None)  # two commands, so that the first is called by its name
    return app


def test_a_coded_error_becomes_one_line_and_status_2() -> None:
    @coded
    def broken(name: str = "x") -> None:
        raise NewsprobeError(Code.BAD_QUERY, f"no words in [{name}]")

    result = CliRunner().invoke(tiny_app(broken), ["broken", "--name", "bold"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error {NewsprobeError(Code.BAD_QUERY, 'no words in [bold]')}"
    assert result.stdout == "" and "Traceback" not in result.output


def test_coded_keeps_the_signature_typer_reads_and_lets_other_exits_through() -> None:
    @coded
    def partial(count: int = 1) -> None:
        """Help of partial."""
        print(count * 2)
        raise typer.Exit(1)

    result = CliRunner().invoke(tiny_app(partial), ["partial", "--count", "21"])
    assert result.exit_code == 1 and result.stdout == "42\n"
    assert "Help of partial." in CliRunner().invoke(tiny_app(partial), ["partial", "--help"]).stdout


def test_an_uncoded_exception_is_not_hidden() -> None:
    @coded
    def bug() -> None:
        raise ZeroDivisionError

    result = CliRunner().invoke(tiny_app(bug), ["bug"])
    assert isinstance(result.exception, ZeroDivisionError)


def test_recode_turns_a_foreign_exception_into_a_coded_one() -> None:
    with pytest.raises(NewsprobeError) as raised, recode(OSError, Code.MODEL_MISSING):
        raise OSError("no model en_core_web_sm")
    assert raised.value.code is Code.MODEL_MISSING and "en_core_web_sm" in str(raised.value)
    with pytest.raises(NewsprobeError) as missing, recode(ImportError, Code.TECH_TRAIN_DEPS, missing_extra):
        import newsprobe_no_such_module  # noqa: F401
    assert missing.value.code is Code.TECH_TRAIN_DEPS and "newsprobe_no_such_module" in str(missing.value)
    with pytest.raises(KeyError), recode(OSError, Code.MODEL_MISSING):  # other exceptions pass unchanged
        raise KeyError("x")


def test_a_missing_spacy_model_is_coded_by_eval(monkeypatch) -> None:
    import spacy

    from newsprobe.cli import app

    def no_model(*_args, **_kwargs):
        raise OSError("[E050] Can't find model 'en_core_web_sm'")

    monkeypatch.setattr(spacy, "load", no_model)
    result = CliRunner().invoke(app, ["eval", "timex", "."])
    assert result.exit_code == 2 and f"[{Code.MODEL_MISSING.value}]" in result.stderr
