"""`newsprobe factchecks match FACTCHECKS.jsonl QUERIES.tsv`: the CheckThat! run format on stdout,
`query_id Q0 vclaim_id rank score newsprobe` (tab-separated), the `top` best fact-checks per query.

Bad fact-check or query lines get a coded error each on stderr; the good ones are all used."""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from newsprobe.embeddings import SentenceEncoder
from newsprobe.errors import Code, NewsprobeError
from newsprobe.factchecks.data import read_factchecks, read_queries
from newsprobe.factchecks.match import Matcher, MatchSettings

RUN_TAG = "newsprobe"


def match_files(factchecks: Path, queries: Path, out: TextIO, err: TextIO, top: int = 5,
                settings: MatchSettings = MatchSettings(), encoder: SentenceEncoder | None = None) -> int:
    """Write the run; return the number of bad lines."""
    collection, asked = read_factchecks(factchecks), read_queries(queries)
    for error in collection.errors + asked.errors:
        print(f"error {error}", file=err)
    if not collection.items:
        raise NewsprobeError(Code.NO_FACTCHECKS, str(factchecks))
    if asked.items:
        matcher = Matcher(collection.items, encoder or SentenceEncoder(), settings)
        ranked = matcher.rank([text for _, text in asked.items], top)
        for (query_id, _), found in zip(asked.items, ranked):
            for hit in found:
                print(f"{query_id}\tQ0\t{hit.vclaim_id}\t{hit.rank}\t{hit.score:.6f}\t{RUN_TAG}", file=out)
    return len(collection.errors) + len(asked.errors)


def load_file(db: str | None, path: Path, err: TextIO, config: str | None = None,
              encoder: SentenceEncoder | None = None) -> int:
    """`newsprobe factchecks load FILE`: stream a collection into the store, a coded line on `err` per bad
    record and a summary line at the end; return the number of bad records."""
    from newsprobe.config import load_options
    from newsprobe.store import Store
    from newsprobe.store.factchecks import load_factchecks

    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    with Store(db) as store:
        report = load_factchecks(store, path, encoder or SentenceEncoder(), load_options(config),
                                 lambda error: print(f"error {error}", file=err))
    print(report.line(path), file=err)
    return report.errors
