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
    score = evaluate_entities(folder / "train", nlp, "test")
    return {"named_typed": round(score.typing, 4), "mention_precision": round(score.precision, 4),
            "mention_recall": round(score.recall, 4), "pronouns_resolved": round(score.pronoun_resolution, 4)}


def _row(name: str, figures: dict[str, float] | None) -> str:
    cells = [f"{figures[key]:.4f}" if figures else "not scored" for key, _ in FIGURES]
    return f"| {name} | " + " | ".join(cells) + " |"


def render(models: Path = MODELS) -> str:
    record = json.loads((models / "train_record.json").read_text(encoding="utf-8"))
    test_file = models / "eval_test.json"
    test = json.loads(test_file.read_text(encoding="utf-8")) if test_file.is_file() else None
    header = "| | " + " | ".join(label for _, label in FIGURES) + " |\n|---|" + "---|" * len(FIGURES)
    dropped = ", ".join(record["dropped_duplicates"]) or "none"
    return f"""# newsprobe entities models (GUM)

Rendered by `python -m newsprobe.entities.card render` from `train_record.json` and `eval_test.json`;
do not edit by hand.

Two small logistic regressions over hand features, numpy at inference, no trunk (so retraining the
shared MiniLM trunk does not touch them):
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
{_row("dev, rules alone (before)", record["dev_rules"])}
{_row("dev, with both models", record["dev"])}
{_row("test, with both models", test)}

Test was scored twice: a first ranker that chose among all the window's mentions scored 0.7185,
0.8319, 0.5536, 0.7056 here but sent "it" to people in news text (the reference articles of
benchmarks/snapshot.py), so candidates were restricted to those that agree with the pronoun, and the
rules kept right after a quotation ('..." he said'); that choice was made on those articles and dev.

The issue's targets (named typed 0.80, pronouns resolved 0.70 on dev) are not reached. On dev, a
large share of the unresolved pronouns are first person outside quotes in interviews and court
transcripts (the ranker handles third person only), and about a third of the mistyped named mentions
have no predicted mention at all (names the small spaCy tagger never finds, "Byron" opening a
biography); the rest are mostly well-known places the tagger calls organisations ("Labrador",
"British Columbia"), which these features cannot tell without a gazetteer.
"""


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
