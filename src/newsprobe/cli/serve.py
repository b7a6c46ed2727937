"""The web side: serve (API and pages) and the API tokens."""
from __future__ import annotations

from typing import Annotated

import typer

from newsprobe.cli.corpus import open_store
from newsprobe.cli.errors import coded, err
from newsprobe.cli.options import ConfigOption, DbOption
from newsprobe.errors import Code, NewsprobeError
from newsprobe.terminal import printable

DEMO_DB = "newsprobe-demo.db"


@coded
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help=f"First store the demo articles (in {DEMO_DB} "
                                                      "unless --db is given).")] = False,
    reads_need_token: Annotated[bool | None, typer.Option(
        "--reads-need-token/--open-reads", help="Require a token for reads too (default: api_reads_need_token).")] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API and the web pages with uvicorn; prints the address."""
    from newsprobe.config import load_options
    from newsprobe.web.serve import run

    options = load_options(config, api_reads_need_token=reads_need_token)
    run(options, db or (DEMO_DB if demo else None), host, port, demo, err)


@coded
def token_create(db: DbOption = None,
                 name: Annotated[str, typer.Option(help="A label to tell tokens apart.")] = "default") -> None:
    """Create a token and print it (the only time it is shown; only its hash is kept)."""
    from newsprobe.api.tokens import create_token

    store = open_store(db)
    try:
        print(create_token(store.engine, name))
    finally:
        store.close()


@coded
def token_list(db: DbOption = None) -> None:
    """List tokens (number, name, created, revoked); the tokens themselves are not kept."""
    from newsprobe.api.tokens import list_tokens

    store = open_store(db)
    try:
        for row in list_tokens(store.engine):
            state = "revoked" if row["revoked"] else "active"
            print(f"{row['pk']}\t{printable(row['name'])}\t{row['created_at']:%Y-%m-%d %H:%M}\t{state}")
    finally:
        store.close()


@coded
def token_revoke(number: Annotated[int, typer.Argument(help="The token's number from `token list`.")],
                 db: DbOption = None) -> None:
    """Revoke a token: requests with it are refused from now on."""
    from newsprobe.api.tokens import revoke_token

    store = open_store(db)
    try:
        if not revoke_token(store.engine, number):
            raise NewsprobeError(Code.NO_TOKEN, number)
    finally:
        store.close()
