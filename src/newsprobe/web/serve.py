"""`newsprobe serve`: check the port, optionally store the demo corpus, then run the app under uvicorn."""
from __future__ import annotations

import socket
from pathlib import Path

from rich.console import Console

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError

DEMO_FOLDER = Path(__file__).resolve().parents[1] / "demo"


def check_port(host: str, port: int) -> None:
    """NP907 now, with a clear line, rather than a uvicorn traceback after the pipeline has loaded."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise NewsprobeError(Code.CANNOT_LISTEN, f"{host}:{port} ({exc.strerror})") from exc


def store_demo(options: Options, db: str | None, console: Console):  # noqa: ANN201 - returns the loaded Language
    """Analyse and store the demo articles (already stored ones are skipped); returns the pipeline it loaded."""
    from newsprobe.ingest import read_inputs
    from newsprobe.store import Store
    from newsprobe.store.loader import Ingester

    with Store(db) as store:
        ingester = Ingester(store, options)
        report = ingester.run(read_inputs([str(DEMO_FOLDER)], options))
        console.print(f"demo corpus: {report.added} stored, {report.skipped} already stored, "
                      f"{report.failed} failed; {store.count()} articles in {db}", highlight=False)
        return ingester.nlp


def run(options: Options, db: str | None, host: str, port: int, demo: bool, console: Console) -> None:
    import uvicorn

    from newsprobe.api import create_app
    from newsprobe.store import Store

    check_port(host, port)
    # Analyses run in worker processes with their own pipelines; the demo's is kept only when there are none.
    nlp = store_demo(options, db, console) if demo else None
    Store(db, read_only=None).close()  # open (and migrate) now, so a bad --db fails before the server starts
    app = create_app(options, db, nlp if options.api_workers == 0 else None, warm=True)
    del nlp
    shown = f"[{host}]" if ":" in host else host
    console.print(f"newsprobe is serving http://{shown}:{port}/ (corpus), /analyze, /api; Ctrl-C stops it",
                  highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
