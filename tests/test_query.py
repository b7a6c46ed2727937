"""newsprobe.query: one definition of the store filters, from which the CLI options and the API query
parameters are both built, so that they cannot drift apart."""
from __future__ import annotations

from dataclasses import fields

import pytest
import typer
from typer._click.core import Context

from newsprobe.cli import app
from newsprobe.query import Filters

FILTERED_COMMANDS = ("search", "stats", "export")
FILTERED_PATHS = ("/articles", "/search", "/entities", "/speakers", "/stats/{name}", "/export")
NOT_FILTERS = {"limit", "cursor", "type", "format", "table", "_shape", "_nl", "name"}


def cli_filters(name: str) -> dict[str, str]:
    """The filter options of a command: flag as a query name (--min-checkworthiness: min_checkworthiness) -> help."""
    root = typer.main.get_command(app)
    command = root.get_command(Context(root), name)
    wanted = {spec.name for spec in fields(Filters)}
    return {param.opts[0].lstrip("-").replace("-", "_"): param.help for param in command.params if param.name in wanted}


@pytest.fixture(scope="module")
def api_paths(tmp_path_factory) -> dict:
    from tests.web.web_fixtures import make_client

    with make_client(tmp_path_factory.mktemp("api")) as client:
        return client.get("/openapi.json").json()["paths"]


def api_filters(paths: dict, path: str) -> dict[str, str]:
    """The filter query parameters of an endpoint: name -> description."""
    return {p["name"]: p.get("description") for p in paths[path]["get"]["parameters"]
            if p["in"] == "query" and p["name"] not in NOT_FILTERS}


@pytest.mark.parametrize("command", FILTERED_COMMANDS)
@pytest.mark.parametrize("path", FILTERED_PATHS)
def test_cli_and_api_expose_the_same_filters_with_the_same_help(api_paths, command, path) -> None:
    cli, api = cli_filters(command), api_filters(api_paths, path)
    assert api.pop("q") == fields(Filters)[0].metadata["help"]  # the text: words or --query on the command line
    assert cli == api
    assert len(cli) == len(fields(Filters)) - 1


def test_the_flags_are_the_field_names_but_for_the_dates() -> None:
    assert list(cli_filters("search")) == ["outlet", "from", "to", "entity", "speaker", "technique", "voice",
                                           "min_checkworthiness", "language"]
