"""`newsprobe train ...`: rebuild a model or lexicon from ../shared/data and write its artefact and card."""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from newsprobe.cli.errors import coded, err, missing_extra, recode
from newsprobe.cli.eval import CLAIMBUSTER, ClaimsData
from newsprobe.errors import Code
from newsprobe.paths import data_path

DebatesData = Annotated[Path | None, typer.Option(
    "--debates", help="clef2019-checkthat-t1-train folder (default: the one in the data folder).")]


def train_extra() -> AbstractContextManager[None]:
    """Where the `train` extra (PyTorch, transformers, onnx) is imported: NP with the missing module."""
    return recode(ImportError, Code.TECH_TRAIN_DEPS, missing_extra)


@coded
def cameo_lexicon(
    source: Annotated[Path, typer.Argument(help="PETRARCH verb dictionary, e.g. ../shared/data/"
                                                "universal-petrarch-cameo-validation/master/CAMEO.2.0.txt")],
    output: Annotated[Path | None, typer.Option(help="Where to write (default: the packaged "
                                                        "rules/cameo_verbs.json).")] = None,
) -> None:
    """Rebuild the CAMEO verb lexicon (rules/cameo_verbs.json) from the PETRARCH dictionary."""
    from newsprobe.events.lexicon_build import write_lexicon
    from newsprobe.rules import HERE

    lexicon = write_lexicon(source, output or HERE / "cameo_verbs.json")
    print(f"verbs {len(lexicon['verbs'])}  blocks {len(lexicon['blocks'])}  synsets {len(lexicon['synsets'])}")


@coded
def claims(data: ClaimsData = None, debates: DebatesData = None) -> None:
    """Train the check-worthiness model (recipe chosen by leave-one-debate-out MAP); writes
    src/newsprobe/models/claims/ and its MODEL_CARD.md."""
    from newsprobe.train.claims import train_claims

    train_claims(data_path(data, CLAIMBUSTER), data_path(debates, "clef2019-checkthat-t1-train"),
                 log=lambda line: err.print(line, highlight=False))


@coded
def techniques(
    data: Annotated[Path | None, typer.Option(help="PTC train folder (default: ../shared/data/ptc-datathon-v5/tasks-2-3/train).")] = None,
    out: Annotated[Path | None, typer.Option(help="Artefact folder (default: the packaged model).")] = None,
    head_only: Annotated[bool, typer.Option("--head-only", help="Keep the span encoder; refit only the technique head (and the parse classifier it reads) from the encoder's hidden states, cached in .cache/. Minutes, no PyTorch.")] = False,
    attributions_weight: Annotated[float | None, typer.Option(help="Weight of PolNeAR's attribution roles, trained on the same trunk beside the technique spans (0: technique spans alone; default: the recipe's). Retrain the attributions head afterwards: `newsprobe train attributions`.")] = None,
    attributions_epochs: Annotated[int | None, typer.Option(min=0, help="Train the attribution roles in the first N epochs only, then the technique spans alone (trained jointly, then in turn; default: every epoch).")] = None,
) -> None:
    """Train the span encoder and technique classifier; write the artefact and MODEL_CARD.md. A new
    trunk needs new heads for the layers that read it: then run `newsprobe train attributions` and
    `newsprobe train entity-names`."""
    if head_only:
        from newsprobe.train.technique_head import head_and_document

        head_and_document(out, data)
        return
    with train_extra():
        from newsprobe.train.techniques import Settings, train_and_document
    settings = Settings()
    if attributions_weight is not None:
        settings = replace(settings, attributions_weight=attributions_weight)
    if attributions_epochs is not None:
        settings = replace(settings, attributions_epochs=attributions_epochs)
    train_and_document(out, data, settings)


@coded
def attributions(
    data: Annotated[Path | None, typer.Option(help="PolNeAR folder holding train/ and dev/ (default: ../shared/data/polnear-train-dev).")] = None,
) -> None:
    """Retrain the attributions head on the packaged trunk over PolNeAR train, choose its decoding on
    dev, score every mode on dev; writes src/newsprobe/models/attributions/ and its MODEL_CARD.md."""
    with train_extra():
        from newsprobe.train.attributions import rebuild
    rebuild(data_path(data, "polnear-train-dev"), log=lambda line: err.print(line, highlight=False))


@coded
def sentence_encoder() -> None:
    """Export all-MiniLM-L6-v2 to ONNX int8 (models/sentences/minilm.onnx) and write its card."""
    with train_extra():
        from newsprobe.train.sentence_encoder import export
    print(export())


@coded
def entity_names(
    data: Annotated[Path | None, typer.Option(help="gum-entities folder holding train/ and dev/ (default: ../shared/data/gum-entities).")] = None,
) -> None:
    """Retrain the entities layer's names head on the packaged trunk over GUM train (one head per seed,
    averaged), choose its threshold on GUM dev; writes src/newsprobe/models/entities/names.*. Run it
    after `newsprobe train techniques`: the head reads the trunk's states."""
    from newsprobe.train.entity_names import train

    with train_extra():
        train(data_path(data, "gum-entities"), log=lambda line: err.print(line, highlight=False))
