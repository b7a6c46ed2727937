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


def register(target: typer.Typer, *commands: Callable[..., Any]) -> None:
    """Each command under its function's name, underscores as dashes (convert_meantime: convert-meantime)."""
    for command in commands:
        target.command()(command)


def group(name: str, help_text: str, *commands: Callable[..., Any], **named: Callable[..., Any]) -> None:
    """The command group `newsprobe NAME`: `commands` under their function's names (as `register`), then
    `named` ones under their keyword (create=serve.token_create: `newsprobe token create`)."""
    sub = typer.Typer(help=help_text, no_args_is_help=True)
    app.add_typer(sub, name=name)
    register(sub, *commands)
    for command_name, command in named.items():
        sub.command(command_name)(command)


register(app, analyze.analyze, analyze.schema, analyze.demo, analyze.timeline, corpus.ingest, corpus.failures,
         corpus.search, corpus.stats, corpus.export, serve.serve, batch.batch)

group("eval", "Evaluate a layer on public data; prints the figures.",
      eval.extraction, eval.attributions, eval.convert_meantime, eval.timex, eval.entities, eval.ner,
      eval.events, eval.claims, eval.checkworthiness, eval.techniques, eval.stories, eval.claim_retrieval)
group("train", "Train a model from ../shared/data and write its artefact and card.",
      train.attributions, train.cameo_lexicon, train.claims, train.entity_names, train.techniques,
      train.sentence_encoder)
group("token", "API tokens: writes to the API need one (stored hashed in the store).",
      create=serve.token_create, list=serve.token_list, revoke=serve.token_revoke)
group("claims", "Check-worthiness of sentences.", score=layers.claims_score, similar=crosscorpus.claims_similar)
group("techniques", "Persuasion techniques (SemEval-2020 Task 11 labels).",
      classify=layers.techniques_classify, card=layers.techniques_card)
group("stories", "Stories: articles about one real-world event.",
      assign=crosscorpus.stories_assign, list=crosscorpus.stories_list, show=crosscorpus.stories_show)
group("factchecks", "Claims matched to fact-checks.",
      match=crosscorpus.factchecks_match, load=crosscorpus.factchecks_load)

logging.getLogger("newsprobe").addHandler(NoteHandler(logging.WARNING))


def main() -> None:
    app()
