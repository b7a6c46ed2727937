"""`newsprobe factchecks load FILE` with the real sentence encoder: coded errors, a summary line, idempotent."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from newsprobe.cli import app


def test_load_twice(tmp_path) -> None:
    path, db = tmp_path / "checks.jsonl", str(tmp_path / "corpus.db")
    good = [{"id": "f1", "claim": "Vaccines contain microchips", "rating": "False"},
            {"id": "f2", "claim": "The moon landing was staged", "rating": "False"}]
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in good) + b'{"claim": "no id"}\n')
    first = CliRunner().invoke(app, ["factchecks", "load", str(path), "--db", db])
    assert first.exit_code == 1  # one bad line
    assert f"[NP1104] {path}:3" in first.output
    assert f"{path}: 2 fact-checks added, 0 already stored, 1 errors" in first.output
    second = CliRunner().invoke(app, ["factchecks", "load", str(path), "--db", db])
    assert f"{path}: 0 fact-checks added, 2 already stored, 1 errors" in second.output
    missing = CliRunner().invoke(app, ["factchecks", "load", str(tmp_path / "none.jsonl"), "--db", db])
    assert missing.exit_code != 0 and "NP101" in missing.output
