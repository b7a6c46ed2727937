"""`newsprobe token ...` and `newsprobe serve` (uvicorn replaced by a recorder, so nothing listens)."""
from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app

pytestmark = pytest.mark.slow  # serve and the demo corpus end to end

runner = CliRunner()


def test_token_create_list_revoke(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    created = runner.invoke(app, ["token", "create", "--db", db, "--name", "ci"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip()
    assert token.startswith("np_") and len(token) > 40
    listed = runner.invoke(app, ["token", "list", "--db", db])
    assert "ci" in listed.stdout and "active" in listed.stdout and token not in listed.stdout
    assert runner.invoke(app, ["token", "revoke", "1", "--db", db]).exit_code == 0
    assert "revoked" in runner.invoke(app, ["token", "list", "--db", db]).stdout
    missing = runner.invoke(app, ["token", "revoke", "7", "--db", db])
    assert missing.exit_code == 2 and "NP417" in missing.output


def test_serve_refuses_a_port_in_use(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--port", str(port)])
    assert result.exit_code == 2 and "NP907" in result.output


def test_serve_demo_stores_the_demo_corpus_and_says_the_address(tmp_path, monkeypatch) -> None:
    import uvicorn

    from newsprobe.store import Store

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app_, host, port, **_: served.update(app=app_, host=host, port=port))
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = runner.invoke(app, ["serve", "--demo", "--db", db, "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "3 stored" in result.output and "http://127.0.0.1:0/" in result.output
    service = served["app"].state.service
    # Analyses run in worker processes with their own pipelines: the server does not keep the demo's.
    assert served["host"] == "127.0.0.1" and service.options.api_workers > 0 and service.nlp is None
    with Store(db) as store:
        assert store.count() == 3
    again = runner.invoke(app, ["serve", "--demo", "--db", db, "--port", "0"])
    assert "0 stored, 3 already stored" in again.output
