"""`newsprobe eval ...`: each layer scored on public data (dev split by default); prints the figures."""
from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsprobe.cli.errors import coded, recode
from newsprobe.cli.options import ConfigOption
from newsprobe.errors import Code
from newsprobe.paths import data_path


# Choices Typer checks (StrEnum's functional form: each value is its member's name).
DevTestAll = StrEnum("DevTestAll", ["dev", "test", "all"])
DevTestTrainAll = StrEnum("DevTestTrainAll", ["dev", "test", "train", "all"])
EventLexicon = StrEnum("EventLexicon", ["cameo", "records"])
# StoryOrder and Subtask are newsprobe.evaluate.stories.ORDERS and claim_retrieval.SUBTASKS (not imported:
# they load the sentence encoder); tests/cli/test_options.py checks that they agree.
StoryOrder = StrEnum("StoryOrder", ["date", "reverse", "shuffle1", "shuffle2"])
Subtask = StrEnum("Subtask", ["tweets", "debates"])

Limit = Annotated[int | None, typer.Option(help="Only the first N documents.")]
# Data defaults are folders inside the data folder (newsprobe.paths.data_dir: $NEWSPROBE_DATA, the
# config's [data] dir, or ../shared/data), found when the command runs.
ClaimsData = Annotated[Path | None, typer.Option(
    "--data", help="claimbuster-2class folder (default: the one in the data folder).")]
ClaimRetrievalData = Annotated[Path | None, typer.Option(
    "--data", help="checkthat2022-claim-retrieval folder (default: the one in the data folder).")]
JsonOut = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]
CLAIMBUSTER = "claimbuster-2class"


def spacy_model(name: str, **options: Any):  # noqa: ANN201 - spacy.Language
    """spacy.load, a missing model coded (NP) instead of spaCy's OSError."""
    import spacy

    with recode(OSError, Code.MODEL_MISSING):
        return spacy.load(name, **options)


@coded
def extraction(
    folder: Annotated[Path, typer.Argument(help="article-extraction-benchmark folder")],
    limit: Limit = None,
) -> None:
    """Main-text extraction: word 4-gram shingle precision, recall and F1 averaged per document."""
    from newsprobe.evaluate.extraction import evaluate_extraction

    score = evaluate_extraction(folder, limit)
    print(f"documents {score.documents}  failures {score.failures}")
    print(f"precision {score.precision:.4f}  recall {score.recall:.4f}  F1 {score.f1:.4f}  "
          f"exact {score.accuracy:.4f}")


@coded
def attributions(
    folder: Annotated[Path, typer.Argument(help="folder of brat .ann files (texts beside them or in index.tsv)")],
    data: Annotated[Path | None, typer.Option(
        help="folder that index.tsv paths are relative to (default: the data folder)")] = None,
    limit: Limit = None,
    mode: Annotated[str | None, typer.Option(
        help="the attributions layer's mode for this run: rules, learned (the PolNeAR head), or the head merged "
             "with the rules: rules_first, direct, union, per_role (default: the config's [attributions] mode)")] = None,
) -> None:
    """Attributions: exact and partial-overlap P/R/F1 per role (Source, Cue, Content)."""
    from newsprobe.evaluate.attributions import evaluate, report

    print(report(evaluate(folder, data_path(data), limit=limit, mode=mode)))


@coded
def convert_meantime(
    out: Annotated[Path, typer.Argument(help="output folder for NAME.txt + NAME.ann (keep it outside the repo)")],
    meantime: Annotated[Path | None, typer.Option(
        help="meantime-english folder (default: the one in the data folder)")] = None,
) -> None:
    """Convert MEANTIME speech-cognitive events (cue), Arg0 (source) and SLINKs (content) to brat."""
    from newsprobe.evaluate.meantime import convert_folder

    print(f"{convert_folder(data_path(meantime, 'meantime-english'), out)} documents written to {out}")


@coded
def timex(
    folder: Annotated[Path, typer.Argument(help="folder of TimeML .tml or NewsReader CAT .xml files")],
    split: Annotated[DevTestAll, typer.Option(help="dev, test or all (splits/timex.json, splits/tbaq.json)")]
    = DevTestAll.dev,
    config: ConfigOption = None,
) -> None:
    """Time expressions: strict and relaxed extent P/R/F1, value accuracy and value F1 (TempEval-3)."""
    from newsprobe.config import load_options
    from newsprobe.evaluate.timex import evaluate_timex

    score = evaluate_timex(folder, spacy_model(load_options(config).spacy_model, disable=["ner"]), split.value)
    print(f"documents {score.documents}  gold {score.gold}  predicted {score.predicted}  split {split.value}")
    for name, (p, r, f) in (("strict", score.strict_prf), ("relaxed", score.relaxed_prf)):
        print(f"{name:8} precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}")
    print(f"value accuracy {score.value_accuracy:.4f}  value F1 {score.value_f1:.4f}  "
          f"type accuracy {score.type_accuracy:.4f}")


@coded
def entities(
    folder: Annotated[Path, typer.Argument(help="gum-entities folder (dev/ or train/) of WebAnno TSV 3.2 files")],
    split: Annotated[DevTestTrainAll, typer.Option(help="dev, test, train or all (splits/gum.json)")]
    = DevTestTrainAll.dev,
    config: ConfigOption = None,
) -> None:
    """Entities on GUM: named mentions typed, mention detection P/R, pronouns resolved to named entities."""
    import dataclasses

    from newsprobe.config import load_options
    from newsprobe.evaluate.entities import COMPONENTS, evaluate_entities, report
    from newsprobe.pipeline import load_pipeline

    options = dataclasses.replace(load_options(config), components=COMPONENTS)
    print(report(evaluate_entities(folder, load_pipeline(options), split.value), split.value))


@coded
def ner(
    folder: Annotated[Path | None, typer.Argument(
        help="meantime-english folder (default: the one in the data folder)")] = None,
    split: Annotated[DevTestAll, typer.Option(help="dev, test or all (splits/timex.json)")] = DevTestAll.dev,
    config: ConfigOption = None,
) -> None:
    """News NER on MEANTIME: exact and overlap P/R/F1 over people, organisations and places, scored flat
    (places named inside another name left out), from the whole pipeline's entities."""
    from newsprobe.config import load_options
    from newsprobe.evaluate.ner import evaluate_ner, report
    from newsprobe.pipeline import load_pipeline

    score = evaluate_ner(data_path(folder, "meantime-english"), load_pipeline(load_options(config)), split.value)
    print(report(score, split.value))


@coded
def events(
    folder: Annotated[Path, typer.Argument(help="universal-petrarch-cameo-validation folder")],
    split: Annotated[DevTestAll, typer.Option(help="dev, test or all (splits/cameo.json: families of "
                                                   "near-identical records, each on one side)")] = DevTestAll.dev,
    lexicon: Annotated[EventLexicon, typer.Option(help="cameo (newsprobe's CAMEO 2.0 lexicon) or records "
                                                       "(the records' own verb dictionary)")] = EventLexicon.cameo,
    config: ConfigOption = None,
) -> None:
    """CAMEO event coding: share of records whose gold root code, full code, source and target are found,
    and the precision of the emitted events' roots."""
    from newsprobe.config import load_options
    from newsprobe.evaluate.events import evaluate_events

    score = evaluate_events(folder, spacy_model(load_options(config).spacy_model), split.value,
                            lexicon=lexicon.value)
    print(f"records {score.records} coded + {score.noevent_records} no-event  events {score.emitted}  "
          f"split {split.value}  lexicon {lexicon.value}")
    for name in ("root", "code", "source", "target", "source_country", "target_country", "main_root"):
        print(f"{name:17} {score.share(getattr(score, name)):.4f}")
    print(f"{'precision':17} {score.precision:.4f}  (events whose root is a gold root / events)")
    print(f"{'events per record':17} {score.events_per_record:.4f}")
    print(f"{'exact records':17} {score.exact_share:.4f}  (no wrong root emitted, gold root found when coded)")
    if score.noevent_records:
        print(f"no-event records with no event found {score.noevent_empty}/{score.noevent_records}")


@coded
def claims(data: ClaimsData = None) -> None:
    """Check-worthiness on ClaimBuster: P/R/F1 of the check-worthy class, AP and MAP; dev and test."""
    from newsprobe.evaluate.claims import describe_rankings, evaluate_claims

    scores = evaluate_claims(data_path(data, CLAIMBUSTER))
    print(describe_rankings())
    for name, score in scores.items():
        print(score.line(name))


@coded
def checkworthiness(
    folder: Annotated[Path, typer.Argument(help="clef2019-checkthat-t1-train folder (train.csv).")],
    data: ClaimsData = None,
    committed: Annotated[bool, typer.Option(
        "--committed", help="Score the committed model as it is (trained on these debates: not held out).")] = False,
    json_out: JsonOut = False,
) -> None:
    """CheckThat! MAP (each debate ranks its own sentences) by leave-one-debate-out: the committed
    model's recipe is refitted without each debate in turn; prints per-debate AP and MAP."""
    from newsprobe.evaluate.checkworthiness import committed_figures, lodo_figures

    figures = committed_figures(folder) if committed else lodo_figures(folder, data_path(data, CLAIMBUSTER))
    print(json.dumps(figures.as_dict(), indent=1) if json_out else "\n".join(figures.lines()))


@coded
def techniques(
    folder: Annotated[Path, typer.Argument(help="PTC-format folder: article<ID>.txt + .task3.labels/.labels")],
    split: Annotated[DevTestTrainAll, typer.Option(
        help="dev (default), test, train or all of the PTC train folder (committed splits).")] = DevTestTrainAll.dev,
    json_out: JsonOut = False,
) -> None:
    """SI (partial overlap), TC micro-F1 on gold spans, and span+label F1, also per technique."""
    from newsprobe.evaluate.techniques import evaluate_folder, format_scores

    scores = evaluate_folder(folder, split.value)
    print(json.dumps(scores, indent=1) if json_out else format_scores(scores))


@coded
def stories(
    file: Annotated[Path | None, typer.Argument(help="ecbplus-stories/dev.jsonl (or articles with story and "
                                                    "topic; default: the one in the data folder).")] = None,
    split: Annotated[DevTestAll, typer.Option(help="dev or test half of the topics (stories/split.toml), or all.")]
    = DevTestAll.dev,
    order: Annotated[StoryOrder, typer.Option(help="Arrival order: date (then id), reverse, shuffle1, shuffle2.")]
    = StoryOrder.date,
    baseline: Annotated[bool, typer.Option(
        "--baseline", help="Score the issue's reference instead: TF-IDF average-link over the whole split at "
                           "once, its threshold chosen on the dev topics (evaluate/story_baseline.py).")] = False,
) -> None:
    """B-cubed P/R/F1 and V-measure of the online story assignment, against stories and topics."""
    path = data_path(file, "ecbplus-stories/dev.jsonl")
    if baseline:
        from newsprobe.evaluate.story_baseline import evaluate_baseline

        threshold, scores = evaluate_baseline(path, split.value)
        print(f"split {split.value}, TF-IDF average-link baseline, cosine distance threshold {threshold} (chosen on dev)")
    else:
        from newsprobe.evaluate.stories import evaluate_stories

        scores = evaluate_stories(path, split.value, order.value)
        print(f"split {split.value}, order {order.value}")
    for name, score in scores.items():
        print(score.line(name))


@coded
def claim_retrieval(
    subtask: Annotated[Subtask, typer.Option(help="tweets (2A, Snopes) or debates (2B, PolitiFact).")]
    = Subtask.tweets,
    qrels: Annotated[str, typer.Option(help="Relevance file in the subtask folder, or a path.")] = "dev-qrels.tsv",
    data: ClaimRetrievalData = None,
) -> None:
    """MAP@1, MAP@5, Recall@5 and MRR (over the top 100) of `factchecks match` on CheckThat! 2022 Task 2."""
    from newsprobe.evaluate.claim_retrieval import evaluate_claim_retrieval

    scores = evaluate_claim_retrieval(data_path(data, "checkthat2022-claim-retrieval"), subtask.value, qrels)
    print(f"{subtask.value} {qrels}: " + "  ".join(
        f"{name} {value:.4f}" if name != "queries" else f"{name} {value}" for name, value in scores.items()))
