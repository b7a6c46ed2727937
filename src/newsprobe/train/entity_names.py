"""Train the entities layer's names head on frozen trunk states over GUM train; choose its thresholds on dev.

`python -m newsprobe.train.entity_names [GUM_FOLDER]` (default ../shared/data/gum-entities): caches the
packaged trunk's states over GUM's documents (keyed by the trunk's hash), tags every piece with the
family of the named mention over it (the mention's head phrase: words up to a comma, bracket or
relative pronoun, "the" dropped; evaluate/entities.is_named decides what is named), trains the head
(train/attributions.Head with the casing columns of entities/names.py), exports it to ONNX, then
chooses `add_at` on GUM dev through the whole pipeline: the best mean of named mentions typed and
pronouns resolved (the issue's two figures; both move with the names found). `--choose-only` keeps the
trained head and chooses again (after a change to the rules around it). Writes models/entities/names.onnx, names.json and names_record.json.
Needs the `train` extra (PyTorch).
"""
from __future__ import annotations

import dataclasses
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsprobe.entities.names import CASE_FEATURES, FAMILIES, MODEL_DIR, TAGS, head_inputs, load_name_head
from newsprobe.evaluate.entities import HEAD_STOPS, TYPES, is_named, split_docs
from newsprobe.evaluate.gum import GoldMention, GumDoc

if TYPE_CHECKING:
    import torch

FEATURES = Path(__file__).parents[3] / ".cache" / "entity_features"
SETTINGS = {"width": 192, "layers": 3, "epochs": 20, "decay": 0.8}
SEEDS = (0, 1, 2)  # one head per seed, their probabilities averaged: on 67 documents one head's choices
# swing with its seed (dev pronouns resolved 0.46 to 0.63 over three seeds); five seeds scored the same on
# dev as these three, at 5/3 of the cost
ADD_AT = (0.3, 0.4, 0.5, 0.6, 0.7, 1.01)  # 1.01: never add


def head_phrase(mention: GoldMention) -> tuple[int, int]:
    """Characters of the mention's head phrase: its words up to a comma, bracket or relative pronoun,
    a leading "the" dropped (GUM's text joins tokens by single spaces)."""
    tokens = mention.tokens
    cut = next((k for k, t in enumerate(tokens) if k and (t in HEAD_STOPS or t.lower() in HEAD_STOPS)), len(tokens))
    first = 1 if cut > 1 and tokens[0].lower() == "the" else 0
    start = mention.start + sum(len(t) + 1 for t in tokens[:first])
    return start, mention.start + len(" ".join(tokens[:cut]))


def family(mention: GoldMention) -> str:
    return mention.type if mention.type in TYPES else "other"


def piece_tags(doc: GumDoc, starts: np.ndarray) -> np.ndarray:
    """Gold tag ids per piece: named mentions, longest first; a mention over pieces already tagged (a
    place inside an organisation's name) is left out, so the outer name wins."""
    tags = np.zeros(len(starts), dtype=np.int64)
    named = [(*head_phrase(m), family(m)) for m in doc.mentions if is_named(m)]
    for start, end, name_family in sorted(named, key=lambda n: n[0] - n[1]):
        inside = np.flatnonzero((starts >= start) & (starts < end))
        if len(inside) and not tags[inside].any():
            tags[inside] = TAGS.index(f"I-{name_family}")
            tags[inside[0]] = TAGS.index(f"B-{name_family}")
    return tags


def cache(docs: list[GumDoc], log: Callable[[str], None]) -> Path:
    from newsprobe.train.attribution_features import PACKAGED_TRUNK, cache_split, trunk_folder

    folder = trunk_folder(FEATURES)
    cache_split([(d.name, d.text, []) for d in docs], folder, log, PACKAGED_TRUNK)
    return folder


def training_rows(docs: list[GumDoc], folder: Path) -> tuple[list[np.ndarray], list[np.ndarray]]:
    inputs, tags = [], []
    for doc in docs:
        data = np.load(folder / f"{doc.name}.npz")
        inputs.append(head_inputs(doc.text, data["starts"], data["ends"], data["hidden"]))
        tags.append(piece_tags(doc, data["starts"]))
    return inputs, tags


def ensemble(heads: Sequence[torch.nn.Module]) -> torch.nn.Module:
    """One module whose logits are the log of the heads' mean probabilities (softmax gives them back)."""
    import torch

    class Ensemble(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.heads = torch.nn.ModuleList(heads)

        def forward(self, hidden: torch.Tensor) -> torch.Tensor:
            probs = torch.stack([torch.softmax(h(hidden), -1) for h in self.heads]).mean(0)
            return torch.log(probs + 1e-9)

    return Ensemble().eval()


def choose(dev_folder: Path, log: Callable[[str], None]) -> tuple[dict, list[dict]]:
    """The threshold of the best dev mean of named typing and pronoun resolution (ties: the higher
    threshold, fewer names added), trying each through the pipeline."""
    from newsprobe.config import load_options
    from newsprobe.entities.names import NameSettings
    from newsprobe.evaluate.entities import COMPONENTS, evaluate_entities
    from newsprobe.pipeline import load_pipeline
    from newsprobe.pipeline.entities import EntitiesComponent

    nlp = load_pipeline(dataclasses.replace(load_options(), components=COMPONENTS))
    component = nlp.get_pipe("newsprobe_entities")
    assert isinstance(component, EntitiesComponent) and component.names is not None  # the head just written
    head = component.names
    trials = []
    for add_at in ADD_AT:
        head.settings = NameSettings(add_at)
        trial = {"add_at": add_at, **evaluate_entities(dev_folder, nlp, "dev").figures()}
        log(str(trial))
        trials.append(trial)
    best = max(trials, key=lambda t: (t["named_typed"] + t["pronouns_resolved"], t["add_at"]))
    return {"add_at": best["add_at"]}, trials


def write_settings(chosen: dict) -> None:
    (MODEL_DIR / "names.json").write_text(json.dumps({"tags": list(TAGS), "settings": chosen}, indent=1) + "\n",
                                          encoding="utf-8")
    load_name_head.cache_clear()


def choose_again(folder: Path, log: Callable[[str], None] = print) -> dict:
    """Choose the threshold again for the packaged head; its record keeps the training, takes the new trials."""
    wall = time.time()
    chosen, trials = choose(folder / "dev", log)
    write_settings(chosen)
    path = MODEL_DIR / "names_record.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record.update(settings=chosen, trials=trials, choice_seconds=round(time.time() - wall))
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record


def train(folder: Path, log: Callable[[str], None] = print) -> dict:
    import torch

    from newsprobe.train.attributions import HeadSettings, export_head, train_head
    from newsprobe.train.entities import training_docs

    wall, cpu = time.time(), time.process_time()
    torch.set_num_threads(1)
    test_file = MODEL_DIR / "eval_test.json"  # the test figures before this head, kept for the card
    before = json.loads(test_file.read_text(encoding="utf-8")) if test_file.is_file() else None
    kept, dropped = training_docs(folder)
    dev = split_docs(folder / "dev", "dev")
    features = cache(kept + dev, log)
    inputs, tags = training_rows(kept, features)
    losses: list[list[float]] = []
    heads = []
    for seed in SEEDS:
        settings = HeadSettings(**SETTINGS, seed=seed)  # type: ignore[arg-type]
        losses.append([])
        heads.append(train_head(inputs, tags, settings, log, losses[-1], classes=len(TAGS)))
    head = ensemble(heads)
    export_head(head, MODEL_DIR / "names.onnx", inputs=inputs[0].shape[1])
    write_settings({"add_at": 1.01})  # provisional: the head loads; `choose` sets the threshold
    chosen, trials = choose(folder / "dev", log)
    write_settings(chosen)
    record = {"command": "python -m newsprobe.train.entity_names", "families": list(FAMILIES),
              "casing_features": CASE_FEATURES, "head": SETTINGS, "seeds": list(SEEDS), "losses": losses,
              "weights": sum(p.numel() for p in head.parameters()),
              "train_documents": len(kept), "dropped_duplicates": [d.name for d in dropped],
              "settings": chosen, "trials": trials, "test_before": before,
              "wall_seconds": round(time.time() - wall), "cpu_seconds": round(time.process_time() - cpu)}
    (MODEL_DIR / "names_record.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":  # python -m newsprobe.train.entity_names [--choose-only] [GUM_FOLDER]
    arguments = [a for a in sys.argv[1:] if a != "--choose-only"]
    root = Path(arguments[0]) if arguments else Path("../shared/data/gum-entities")
    done = choose_again(root) if "--choose-only" in sys.argv else train(root)
    print({k: done[k] for k in ("settings", "wall_seconds", "cpu_seconds")})
