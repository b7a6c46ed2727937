"""The attributions head's MODEL_CARD.md, rendered from figures runs produced, never typed in.

Two records feed it, both beside the model (`models/attributions/`):
- `eval_dev.json`, written by `python -m newsprobe.attribution.card evaluate DEV`: each mode's
  exact and partial-overlap P/R/F1 on the PolNeAR dev split through the pipeline, the data hashes
  and how many training articles survive the normalised-text dedup;
- `train_record.json`, written by `python -m newsprobe.train.attributions` beside `head.onnx`:
  the settings, the loss per epoch, the time and the weight count. A head trained before runs wrote
  this record has none, and the card says so rather than quoting a log.
`python -m newsprobe.attribution.card render` writes the card; a test checks the committed card is
exactly what these records render.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parents[1] / "models" / "attributions"
EVAL_MODES = ("rules", "learned", "rules_first", "per_role")
ROLES = ("Source", "Cue", "Content")
TARGETS = {"Source": 0.75, "Cue": 0.72, "Content": 0.65}  # issue 14's exact F1 targets on PolNeAR


def _targets_line(modes: dict) -> str:
    met = [m for m, f in modes.items() if all(f[f"{r}/exact"]["f1"] >= t for r, t in TARGETS.items())]
    goal = ", ".join(f"{role.lower()} {target}" for role, target in TARGETS.items())
    return f"The issue's targets (exact F1 {goal}) are " + (
        f"met by {', '.join(f'`{m}`' for m in met)}." if met else "not reached by any mode.")


def _decoding(settings: dict) -> str:
    floor = settings["sentence_end_floor"]
    roles = ", ".join(f"{role.lower()} from the {finder}" for role, finder in settings["role_from"].items())
    return (f"- content gaps of up to {settings['bridge_words']} words bridged at content probability "
            f">= {settings['bridge_floor']};\n"
            f"- sentence end: {f'at mean content probability >= {floor}' if floor <= 1 else 'off'}; "
            f"source noun chunks: {'on' if settings['source_chunks'] else 'off'};\n"
            f"- mode `per_role`, where the head and the rules find the same attribution: {roles}.")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _row(name: str, figures: dict) -> str:
    cells = []
    for role in ROLES:
        exact, partial = figures[f"{role}/exact"], figures[f"{role}/partial"]
        cells.append(f"{exact['f1']:.3f} ({exact['p']:.3f}/{exact['r']:.3f}), partial {partial['f1']:.3f}")
    return f"| `{name}` | " + " | ".join(cells) + " |"


def _training(record: dict | None) -> str:
    if record is None:
        return ("- Training record: none. This head was trained before training runs wrote\n"
                "  `train_record.json`, so its losses and time are not stated here; retraining with\n"
                "  `python -m newsprobe.train.attributions` writes the record and the card states them.\n")
    s = record["settings"]
    losses = ", ".join(f"{loss:.3f}" for loss in record["losses"])
    return (f"- Settings: width {s['width']}, {s['layers']} residual convolutions (kernel {s['kernel']}), "
            f"{s['epochs']} epochs,\n  AdamW lr {s['learning_rate']} halved each epoch, batches of {s['batch']} "
            f"chunks of {s['chunk']} pieces, dropout {s['dropout']}, seed {s['seed']}.\n"
            f"- {record['weights']:,} weights. Training loss per epoch: {losses}.\n"
            f"- Time: {record['wall_seconds']:.0f} s wall, {record['cpu_seconds']:.0f} s CPU "
            f"({record['machine']}).\n")


def render(model: Path = MODEL) -> str:
    """The card's Markdown from the records in `model`."""
    evaluation = json.loads((model / "eval_dev.json").read_text(encoding="utf-8"))
    record_path = model / "train_record.json"
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else None
    settings = json.loads((model / "settings.json").read_text(encoding="utf-8"))
    head = model / "head.onnx"
    data = evaluation["data"]
    rows = "\n".join(_row(mode, evaluation["modes"][mode]) for mode in EVAL_MODES if mode in evaluation["modes"])
    return f"""# newsprobe attributions head (PolNeAR)

Rendered by `python -m newsprobe.attribution.card render` from `eval_dev.json` and (when present)
`train_record.json`; do not edit by hand.

A small tagger head over the shared trunk: it reads the last hidden states (384-d per word piece) of
the techniques span encoder (`models/techniques/tagger.onnx`, output `hidden`; one trunk pass serves
every learned head, see DESIGN.md) and tags each piece O / B-role / I-role for Source, Cue and Content.
The trunk is frozen. ONNX Runtime, fp32, `head.onnx` {head.stat().st_size / 1e6:.1f} MB (sha256 `{_sha256(head)}`).
In the pipeline behind `[attributions] mode` (default.toml; default `rules`).

## Decoding
A word takes its first piece's tag probabilities; its tags are the most probable sequence with no
I-role after anything but its own B- or I- (Viterbi). A content splits only at a sentence start of
the parse. Then PolNeAR's boundary conventions, measured on its train split (`attribution/boundaries.py`):
a content leaves out its final period and joining commas, grows over every quotation it touches, and
runs on to its sentence end when the words left have mean content probability >= the floor below; a
source grows to the noun chunks it touches. `settings.json` holds the settings, chosen on dev by
`python -m newsprobe.attribution.choose DEV` (rerun it after retraining the head):
{_decoding(settings)}

## Data and terms
- PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018), `../shared/data/polnear-train-dev`.
  **No licence is stated; published for research.** The head is a research artefact trained on it;
  no corpus text is in the repository.
- Train: `train/`, sha256 of its .txt then .ann files in name order `{data['train_sha256']}`:
  {data['train_articles']} articles, {data['train_kept']} kept after dropping those whose normalised text
  (`evaluate/dedup.py`) duplicates a dev article.
- Dev: `dev/`, sha256 `{data['dev_sha256']}`, {data['dev_articles']} articles. Used to choose the
  architecture size, the decoding and the merge, so its figures are optimistic. PolNeAR's test
  compartment is not on this machine and was never used.

## Model and training
- Labels: a piece takes the role of the gold span its first character lies in; the first piece of each
  part is B-. Labels are univocal, so one sequence per article.
- Head: Linear 384 -> width + GELU, residual Conv1d + GELU, Linear -> 7 tags
  (`train/attributions.py`).
{_training(record)}
## Dev figures (exact F1 (P/R) and partial-overlap F1, through the pipeline)
`{evaluation['command']}`, for each mode:

| mode | Source | Cue | Content |
|---|---|---|---|
{rows}

`rules` is the rule layer alone, `learned` the head alone, `rules_first` all rules plus the head where
no rule fires, `per_role` the head's attributions with each role taken from the finder named above where
a rule attribution overlaps, plus the rule attributions that overlap none. {_targets_line(evaluation["modes"])}
"""


def evaluate_modes(dev: Path, data: Path | None = None) -> dict:
    """Each mode's figures on a PolNeAR dev folder, with the data facts the card states."""
    from newsprobe.evaluate.attributions import evaluate, figures
    from newsprobe.evaluate.polnear import data_hash, load_split, without_duplicates
    from newsprobe.paths import data_path
    from newsprobe.pipeline import load_pipeline

    train_folder = dev.parent / "train"
    train, held = load_split(train_folder), load_split(dev)
    nlp = load_pipeline()
    return {
        "command": f"newsprobe eval attributions {shown(dev)} --mode MODE",
        "data": {"train_sha256": data_hash(train_folder), "train_articles": len(train),
                 "train_kept": len(without_duplicates(train, held)),
                 "dev_sha256": data_hash(dev), "dev_articles": len(held)},
        "modes": {mode: figures(evaluate(dev, data_path(data), nlp=nlp, mode=mode)) for mode in EVAL_MODES},
    }


def shown(folder: Path) -> str:
    """A data folder as the card prints it: `../shared/data/...` when it lies in the data folder (the
    layout beside a checkout), so the card names no path of the machine that made it."""
    from newsprobe.paths import data_dir

    try:
        return str(Path("../shared/data") / folder.resolve().relative_to(data_dir().resolve()))
    except ValueError:
        return str(folder)


def save(evaluation: dict, model: Path = MODEL) -> None:
    """eval_dev.json from `evaluation`, then the card rendered from it."""
    (model / "eval_dev.json").write_text(json.dumps(evaluation, indent=1) + "\n", encoding="utf-8")
    (model / "MODEL_CARD.md").write_text(render(model), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["evaluate"] and len(argv) == 2:
        save(evaluate_modes(Path(argv[1])))
    elif argv == ["render"]:
        (MODEL / "MODEL_CARD.md").write_text(render(), encoding="utf-8")
    else:
        print("usage: python -m newsprobe.attribution.card evaluate DEV_FOLDER | render", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
