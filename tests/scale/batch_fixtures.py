"""A small mixed corpus for batch runs (JSONL, a folder of text and HTML, a WARC.gz, an unreadable
JSONL), and helpers to read a batch folder back; shared by the local and the Ray tests."""
from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprobe.scale.output import done_summaries, read_analyses, shard_dir

DEMO = Path(__file__).resolve().parents[2] / "src" / "newsprobe" / "demo"
SHORT = [
    "The city council approved the new budget on Tuesday, the mayor said. Critics called it reckless.",
    "Farmers in the valley said the drought had cut their harvest by half, according to a local union.",
]
SHARD_SIZE = 2


def _page(title: str, sentence: str) -> bytes:
    body = " ".join([sentence] * 4)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>"
            f"</article></body></html>").encode()


def _warc(uri: str, payload: bytes) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers))
    return out.getvalue()


def make_corpus(root: Path) -> list[str]:
    """The inputs: 5 readable shards holding 8 articles and 1 bad JSONL line, plus 1 unreadable shard."""
    root.mkdir(parents=True, exist_ok=True)
    records = [{"text": p.read_text(encoding="utf-8"), "url": f"https://news.example.org/{p.stem}"}
               for p in sorted(DEMO.glob("*.txt"))]
    records += [{"text": text, "published": f"2024-06-0{i + 1}"} for i, text in enumerate(SHORT)]
    lines = [json.dumps(r) for r in records]
    lines.insert(3, "{not json")
    (root / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = root / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "a-note.txt").write_text("Officials said the bridge would reopen on Friday after repairs.\n",
                                      encoding="utf-8")
    (pages / "b-page.html").write_bytes(_page("Port reopens", "The port reopened on Monday after a strike, "
                                              "the harbour authority said in a statement."))
    (root / "crawl.warc.gz").write_bytes(_warc("https://news.example.org/flood", _page(
        "Flood warning", "Forecasters warned of floods along the river, the weather service said.")))
    (root / "broken.jsonl").write_bytes(b"\x00\x01\x02binary, not JSON lines " * 10 + b"\n")
    return [str(root / "articles.jsonl"), str(pages), str(root / "crawl.warc.gz"), str(root / "broken.jsonl")]


READABLE_SHARDS = 5  # articles.jsonl: 3, pages: 1, crawl.warc.gz: 1 (broken.jsonl: 1 more, unreadable)
ARTICLES = 8


def batch_analyses(out: Path) -> list[dict]:
    """Every analysis in the done shards of `out`, in shard order."""
    return [a for s in done_summaries(out) for a in read_analyses(out, s["shard"])]


def kill_workers(out: Path, times: int = 1, shard: str = "*", timeout: float = 180.0) -> list[int]:
    """SIGKILL (from a thread) the workers that start a shard (`shard`: an id, or any) in `out`, `times`
    times; a worker's pid is in the shard's started-marker. The returned list receives the killed pids."""
    killed: list[int] = []

    def kill() -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(killed) < times:
            for marker in shard_dir(out).glob(f"{shard}.started"):
                try:
                    pid = int(marker.read_text())
                    if pid not in killed:
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                except (ValueError, OSError):
                    pass
            time.sleep(0.05)

    threading.Thread(target=kill, daemon=True).start()
    return killed
