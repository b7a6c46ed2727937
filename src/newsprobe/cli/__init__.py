"""The `newsprobe` command line (Typer with Rich): the app and every command's registration.

The commands live in one module per group (analyze, corpus, serve, batch, eval, train, layers,
crosscorpus); each imports what it needs inside its functions, so `newsprobe --help` loads no store,
API, pipeline or engine. Registration order is the order `newsprobe --help` lists them in."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import typer

from newsprobe.cli import analyze, batch, corpus, crosscorpus, eval, layers, serve, train
from newsprobe.cli.errors import NoteHandler, error_line, fail

__all__ = ["app", "error_line", "fail", "main"]

app = typer.Typer(help="Evidence-linked analysis of news articles.", no_args_is_help=True,
                  pretty_exceptions_enable=False)


def group(name: str, help_text: str) -> typer.Typer:
    sub = typer.Typer(help=help_text, no_args_is_help=True)
    app.add_typer(sub, name=name)
    return sub


def register(target: typer.Typer, *commands: Callable[..., Any]) -> None:
    """Each command under its function's name, underscores as dashes (convert_meantime: convert-meantime)."""
    for command in commands:
        target.command()(command)


register(app, analyze.analyze, analyze.schema, analyze.demo, analyze.timeline, corpus.ingest, corpus.failures,
         corpus.search, corpus.stats, corpus.export, serve.serve, batch.batch)

eval_app = group("eval", "Evaluate a layer on public data; prints the figures.")
register(eval_app, eval.extraction, eval.attributions, eval.convert_meantime, eval.timex, eval.entities,
         eval.events, eval.claims, eval.checkworthiness, eval.techniques, eval.stories, eval.claim_retrieval)

train_app = group("train", "Train a model from ../shared/data and write its artefact and card.")
register(train_app, train.cameo_lexicon, train.claims, train.techniques, train.sentence_encoder)

token_app = group("token", "API tokens: writes to the API need one (stored hashed in the store).")
token_app.command("create")(serve.token_create)
token_app.command("list")(serve.token_list)
token_app.command("revoke")(serve.token_revoke)

claims_app = group("claims", "Check-worthiness of sentences.")
claims_app.command("score")(layers.claims_score)
claims_app.command("similar")(crosscorpus.claims_similar)

techniques_app = group("techniques", "Persuasion techniques (SemEval-2020 Task 11 labels).")
techniques_app.command("classify")(layers.techniques_classify)
techniques_app.command("card")(layers.techniques_card)

stories_app = group("stories", "Stories: articles about one real-world event.")
stories_app.command("assign")(crosscorpus.stories_assign)
stories_app.command("list")(crosscorpus.stories_list)
stories_app.command("show")(crosscorpus.stories_show)

factchecks_app = group("factchecks", "Claims matched to fact-checks.")
factchecks_app.command("match")(crosscorpus.factchecks_match)
factchecks_app.command("load")(crosscorpus.factchecks_load)

logging.getLogger("newsprobe").addHandler(NoteHandler(logging.WARNING))


def main() -> None:
    app()
