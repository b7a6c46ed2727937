"""CheckThat! 2022 Task 2 (../shared/data/checkthat2022-claim-retrieval): rank the subtask's fact-checks
for the queries of one relevance file and score MAP@1, MAP@5, Recall@5 and MRR.

Splits: 2A (tweets) has train, dev and dev-test qrels; 2B (debates) has train and dev. Settings are
chosen on 2A dev and 2B train; 2A dev-test and 2B dev are reported, not used to choose."""
from __future__ import annotations

from pathlib import Path

from newsprobe.embeddings import SentenceEncoder, embed_cached
from newsprobe.errors import Code, NewsprobeError
from newsprobe.factchecks.data import read_factchecks, read_qrels, read_queries
from newsprobe.factchecks.dates import query_day
from newsprobe.factchecks.match import Matcher, MatchSettings
from newsprobe.factchecks.scoring import ranking_scores

SUBTASKS = {"tweets": "task2a-tweets-snopes", "debates": "task2b-debates-politifact"}
QUERY_FILES = ("train-dev-queries.tsv", "dev-test-queries.tsv")
# The settings chosen per subtask (see the README for the grid and the dev figures).
# Debates: the query ids name the debate's day, so the fact-checks' dates count (chosen on train-qrels).
CHOSEN = {"tweets": MatchSettings(0.4, ("title", "subtitle")),
          "debates": MatchSettings(0.8, ("title",), recency=0.05, later=1.0)}


def subtask_folder(data: Path, subtask: str) -> Path:
    if subtask not in SUBTASKS:
        raise NewsprobeError(Code.BAD_CONFIG, f"subtask '{subtask}' (use tweets or debates)")
    folder = data / SUBTASKS[subtask]
    if not (folder / "vclaims.jsonl").is_file():
        raise NewsprobeError(Code.DATA_MISSING, f"{folder}/vclaims.jsonl")
    return folder


def queries_of(folder: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    for name in QUERY_FILES:
        if (folder / name).is_file():
            queries.update(read_queries(folder / name).items)
    return queries


def evaluate_claim_retrieval(data: Path, subtask: str, qrels_name: str,
                             settings: MatchSettings | None = None, top: int = 100) -> dict[str, float]:
    folder = subtask_folder(data, subtask)
    qrels = read_qrels(folder / qrels_name if not Path(qrels_name).is_file() else Path(qrels_name))
    queries = queries_of(folder)
    missing = sorted(set(qrels) - set(queries))
    if missing:
        raise NewsprobeError(Code.BAD_QRELS, f"{len(missing)} queries without text, e.g. {missing[0]}")
    encoder = SentenceEncoder()
    matcher = Matcher(read_factchecks(folder / "vclaims.jsonl").items, encoder,
                      settings or CHOSEN[subtask], cache=True)
    texts = list(queries.values())
    vectors = embed_cached(encoder, texts)  # every query of the subtask: one cache entry
    index = {query_id: i for i, query_id in enumerate(queries)}
    asked = sorted(qrels)
    scores = matcher.scores([queries[q] for q in asked], vectors[[index[q] for q in asked]],
                            [query_day(q) for q in asked])
    runs = {q: matcher.top(row, top) for q, row in zip(asked, scores)}
    return ranking_scores(qrels, runs)
