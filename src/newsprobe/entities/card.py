"""The entities models' card, rendered from the training record and the test figures.

`python -m newsprobe.entities.card test GUM_FOLDER` scores the carved test split once through the
pipeline and writes models/entities/eval_test.json; `python -m newsprobe.entities.card render` writes
MODEL_CARD.md from train_record.json and (when present) eval_test.json.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

MODELS = Path(__file__).parents[1] / "models" / "entities"
FIGURES = (("named_typed", "named mentions typed"), ("mention_precision", "mention precision"),
           ("mention_recall", "mention recall"), ("pronouns_resolved", "pronouns resolved"))


def score_test(folder: Path) -> dict[str, float]:
    import dataclasses

    from newsprobe.config import load_options
    from newsprobe.evaluate.entities import COMPONENTS, evaluate_entities
    from newsprobe.pipeline import load_pipeline

    nlp = load_pipeline(dataclasses.replace(load_options(), components=COMPONENTS))
    return evaluate_entities(folder / "train", nlp, "test").figures()


def _row(name: str, figures: dict[str, float] | None) -> str:
    cells = [f"{figures[key]:.4f}" if figures else "not scored" for key, _ in FIGURES]
    return f"| {name} | " + " | ".join(cells) + " |"


def _names_section(models: Path) -> str:
    """The names head's part of the card, from names_record.json (absent: no head packaged)."""
    path = models / "names_record.json"
    if not path.is_file():
        return ""
    names = json.loads(path.read_text(encoding="utf-8"))
    chosen = names["settings"]
    never = next((t for t in names["trials"] if t["add_at"] > 1), None)
    best = next(t for t in names["trials"] if t["add_at"] == chosen["add_at"])
    dropped = ", ".join(names["dropped_duplicates"]) or "none"
    head = names["head"]
    return f"""
## Names head (`names.onnx`, over the shared trunk)
A tagger head over the trunk's hidden states plus {names["casing_features"]} casing features per word piece (the
trunk is uncased): O / B- / I- for the families {", ".join(names["families"])} of GUM's named mentions
(entities/names.py). {len(names["seeds"])} heads (seeds {", ".join(map(str, names["seeds"]))}; {head["layers"]} convolutions of
width {head["width"]}, {head["epochs"]} epochs each, {names["weights"]:,} weights in all) are exported as one ONNX graph that
averages their probabilities. It reads the pass the encoder component already made: no second trunk
pass. Retrain it with `newsprobe train entity-names` after the trunk changes.
- A name the head finds with confidence {chosen["add_at"]} or more over words no NER entity covers becomes
  a mention, then is clustered, typed and given pronouns like the others. A one-word name is left out
  when the text also writes it in lower case, or when it opens a sentence and the text never
  capitalises it inside one; a name in capitals before a dash opening the text or a line is a dateline,
  a place. The head does not change the types of the NER's names.
- Train: {names["train_documents"]} GUM train documents (duplicates of dev or test dropped: {dropped}).
  Threshold chosen on GUM dev among {len(names["trials"])} through the pipeline (the best mean of named
  typing and pronoun resolution, the names found moving both; ties go to the higher threshold). `{names["command"]}`: {names["wall_seconds"]} s wall, {names["cpu_seconds"]} s CPU
  (this 2-core machine, one PyTorch thread, trunk states cached first).

{_table_header()}
{_row("dev, without the names head (its training run)", never)}
{_row("dev, with the names head (its training run, chosen there)", best)}
{_row("test, before the names head (the previous eval_test.json)", names.get("test_before"))}
"""


TARGETS = {"named_typed": 0.80, "pronouns_resolved": 0.70}  # issue 20, on GUM dev


def _targets(dev: dict[str, float]) -> str:
    parts = [f"{label} {dev[key]:.4f} against {TARGETS[key]:.2f} ({'met' if dev[key] >= TARGETS[key] else 'not met'})"
             for key, label in FIGURES if key in TARGETS]
    return "The issue's targets on dev: " + "; ".join(parts) + "."


def _table_header() -> str:
    return "| | " + " | ".join(label for _, label in FIGURES) + " |\n|---|" + "---|" * len(FIGURES)


def render(models: Path = MODELS) -> str:
    record = json.loads((models / "train_record.json").read_text(encoding="utf-8"))
    test_file = models / "eval_test.json"
    test = json.loads(test_file.read_text(encoding="utf-8")) if test_file.is_file() else None
    header = _table_header()
    dropped = ", ".join(record["dropped_duplicates"]) or "none"
    return f"""# newsprobe entities models (GUM)

Rendered by `python -m newsprobe.entities.card render` from `train_record.json` and `eval_test.json`;
do not edit by hand.

Two small logistic regressions over hand features, numpy at inference, no trunk (so retraining the
shared MiniLM trunk does not touch them), and a names head over the trunk (its section at the end):
- `pronouns.json`: a mention-ranking pronoun resolver (entities/ranking.py). Each third-person pronoun's
  candidates are the mentions of the rule window; the best candidate's cluster takes the pronoun when
  its probability is at least {record["pronoun_threshold"]}, else the rules' answer stands.
- `types.json`: a check on a cluster's voted type (entities/type_model.py) over GUM's families person,
  organization, place, other; it overrides the vote only at probability {record["type_threshold"]} or more.

## Data and terms
- GUM (Georgetown University Multilayer corpus), entity and coreference layer, `../shared/data/gum-entities`:
  CC BY (attribution; see its SOURCE.txt). No corpus text is in the repository.
- Train: GUM train less the carved test fifth (`evaluate/splits/gum.json`): {record["train_documents"]} documents;
  dropped as duplicates of a dev or test text by normalised-text hash (`evaluate/dedup.py`): {dropped}.
  sha256 of the training .tsv files in name order `{record["train_sha256"]}`.
- Dev: GUM dev, 12 documents, sha256 `{record["dev_sha256"]}`. Used to choose C and the thresholds,
  so its figures are optimistic. Test: the carved fifth of GUM train, scored after the choice.

## Training
`{record["command"]}`: {record["wall_seconds"]} s wall, {record["cpu_seconds"]} s CPU (a busy shared 2-core
machine), including parsing the training documents and {len(record["trials"])} dev runs of the pipeline.

## Figures (`newsprobe eval entities ../shared/data/gum-entities/dev`, and `--split test` on `train/`)
{header}
{_row("dev, without the two regressions (rules and names head)", record["dev_rules"])}
{_row("dev, every packaged model", record["dev"])}
{_row("test, every packaged model", test)}

Test was scored twice: a first ranker that chose among all the window's mentions scored 0.7185,
0.8319, 0.5536, 0.7056 here but sent "it" to people in news text (the reference articles of
benchmarks/snapshot.py), so candidates were restricted to those that agree with the pronoun, and the
rules kept right after a quotation ('..." he said'); that choice was made on those articles and dev.

{_targets(record["dev"])}

First person outside quotes is rule work (entities/coref.py), not the ranker's: "I" is the speaker whose
turn it is where the text marks turns (a name standing alone, "Miss Rosenthal?", as a court calls
counsel; "SMITH:" opening a line; "I'm Mario Lucero"), else the person named most so far; "we" the
same speaker, or with no person named the organisation named most so far. A place named inside another
name ("Leiden" in "Leiden University Libraries", as GUM annotates it) is a mention of its own, with
`within` set, where a gazetteer knows it (entities/places.py). Of the 68 named mentions still mistyped
on dev (after the eighth session's rules), 40 were found with the wrong type ("Harrow", a school, as a
person; "the Union" as an organisation), 11 lie inside a longer mention of another type (a person's
name inside a body's; places the gazetteer does not know: "NSW" in "University of NSW"), and 17 were
not found at all.
{_names_section(models)}"""


def main(argv: list[str]) -> int:
    if argv[:1] == ["test"] and len(argv) == 2:
        figures = score_test(Path(argv[1]))
        (MODELS / "eval_test.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        print(figures)
    elif argv == ["render"]:
        (MODELS / "MODEL_CARD.md").write_text(render(), encoding="utf-8")
    else:
        print("usage: python -m newsprobe.entities.card test GUM_FOLDER | render")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
