"""Fuzz benchmark: many generated hostile inputs through ingest (every format), the pipeline and the API.

    PYTHONPATH=src python benchmarks/fuzz.py --inputs 100000

The inputs come from the Hypothesis strategies of tests/fuzz_cases.py (the property tests run the same ones
with few examples); here each target runs in Hypothesis's generate phase with failures counted, not raised,
so one run reports every kind of failure. It prints, per target: inputs tried, results (articles, coded errors
by code, HTTP statuses), failures by kind (uncaught exceptions by type, spans that do not quote the text,
5xx answers) with a first example of each, and wall time. The target is 0 failures.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the strategies live with the tests
from tests.fuzz_cases import STRATEGIES, api_requests, call, ingest, pipeline_text, span_errors

from newsprobe.errors import NewsprobeError

# Share of the inputs per target: ingest is cheap, the pipeline and the API (which runs it) are not.
# Measured on a busy 2-core machine, ms per input: text 6, jsonl 47, feed 39, warc 85, html 116, pipeline 64.
MIX = {"text": 0.60, "jsonl": 0.10, "feed": 0.10, "warc": 0.07, "html": 0.05, "pipeline": 0.04, "api": 0.04}


@dataclass
class Tally:
    inputs: int = 0
    results: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def fail(self, kind: str, example: object, detail: str = "") -> None:
        self.failures[kind] += 1
        self.examples.setdefault(kind, f"{example!r:.300} {detail:.500}")


def ingest_check(kind: str) -> Callable[[bytes, Tally], None]:
    def check(data: bytes, tally: Tally) -> None:
        for result in ingest(data, kind):
            tally.results["article" if not isinstance(result, NewsprobeError) else result.code.value] += 1
    return check


def pipeline_check(nlp) -> Callable[[str, Tally], None]:
    from newsprobe.analysis import run_pipeline
    from newsprobe.ingest.text import article_from_text

    def check(text: str, tally: Tally) -> None:
        try:
            article = article_from_text(text)
        except NewsprobeError as error:
            tally.results[error.code.value] += 1
            return
        analysis = next(run_pipeline(nlp, [(article, "fuzz")], batch_size=1))
        tally.results["analysis"] += 1
        if wrong := span_errors(analysis):
            tally.fail("span not text[start:end]", text, wrong[0])
    return check


def api_check(client, token: str) -> Callable[[tuple, Tally], None]:
    def check(request: tuple, tally: Tally) -> None:
        headers = {"Authorization": f"Bearer {token}"} if tally.inputs % 2 else None
        response = call(client, request, headers)
        tally.results[f"HTTP {response.status_code}"] += 1
        if response.status_code >= 500:
            code = response.json().get("error", {}).get("code", "?") if "json" in response.headers.get(
                "content-type", "") else "?"
            tally.fail(f"HTTP {response.status_code} {code}", request, response.text)
    return check


def run(name: str, strategy: st.SearchStrategy, check: Callable, count: int, run_seed: int) -> Tally:
    tally = Tally()
    started = time.perf_counter()

    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @seed(run_seed)
    @given(strategy)
    def one(value: object) -> None:
        tally.inputs += 1
        try:
            check(value, tally)
        except Exception as exc:  # noqa: BLE001 - the point: count what escapes, of any type
            where = traceback.extract_tb(exc.__traceback__)[-1]
            tally.fail(f"uncaught {type(exc).__name__}", value, f"{exc} at {Path(where.filename).name}:{where.lineno}")

    with contextlib.redirect_stderr(io.StringIO()):  # warcio prints a warning per odd record
        one()
    tally.seconds = time.perf_counter() - started
    return tally


def api_client(nlp, folder: Path):
    from tests.web.web_fixtures import corpus, make_client, new_token

    client = make_client(folder, nlp=nlp, stored=corpus())
    return client, new_token(client)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2000, help="Generated inputs in all (shared out by MIX).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", choices=list(MIX), help="Run only these targets.")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # feedparser and friends warn about the inputs; the counts say it all
    from newsprobe.pipeline import load_pipeline

    targets = args.only or list(MIX)
    share = sum(MIX[t] for t in targets)
    counts = {t: max(1, round(args.inputs * MIX[t] / share)) for t in targets}
    started = time.perf_counter()
    nlp = load_pipeline() if {"pipeline", "api"} & set(targets) else None
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in targets:
            if name in STRATEGIES:
                strategy, check = STRATEGIES[name], ingest_check(name)
            elif name == "pipeline":
                strategy, check = pipeline_text, pipeline_check(nlp)
            else:
                client, token = api_client(nlp, Path(folder))
                strategy, check = api_requests(client.get("/openapi.json").json()), api_check(client, token)
            tallies[name] = run(name, strategy, check, counts[name], args.seed)
            print(f"  {name}: {tallies[name].inputs} inputs in {tallies[name].seconds:.1f} s", file=sys.stderr)
    report(tallies, args, time.perf_counter() - started)


def report(tallies: dict[str, Tally], args: argparse.Namespace, seconds: float) -> None:
    inputs = sum(t.inputs for t in tallies.values())
    failures = sum(sum(t.failures.values()) for t in tallies.values())
    print(f"fuzz: {inputs} inputs tried (asked {args.inputs}, seed {args.seed}), {failures} failures, "
          f"{seconds:.1f} s wall")
    print(f"{'target':<9} {'inputs':>7} {'seconds':>8}  results")
    for name, tally in tallies.items():
        results = ", ".join(f"{k} {v}" for k, v in sorted(tally.results.items()))
        print(f"{name:<9} {tally.inputs:>7} {tally.seconds:>8.1f}  {results}")
    for name, tally in tallies.items():
        for kind, number in tally.failures.most_common():
            print(f"FAILURE {name}: {kind} x{number}; first: {tally.examples[kind]}")
    if not failures:
        print("no failures: every input gave an Article, an Analysis whose spans quote the text, or a coded error; "
              "no API answer was a 5xx")


if __name__ == "__main__":
    main()
