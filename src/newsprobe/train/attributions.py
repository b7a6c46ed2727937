"""Train the attributions tagger head on frozen trunk states over PolNeAR train, export it to ONNX.

Needs the `train` extra (PyTorch). Features are cached once per split by
`python -m newsprobe.train.attribution_features SPLIT FEATURES/SPLIT` (the trunk in ONNX Runtime).
Training articles whose normalised text duplicates a dev article are dropped first.
"""
from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from newsprobe.attribution.learned import TAGS, AttributionHead, link, spans_from_tags
from newsprobe.evaluate.attributions import Counts, score_doc, trim
from newsprobe.evaluate.brat import ROLES, Record
from newsprobe.evaluate.polnear import Article

WIDTH = 384


@dataclass(frozen=True)
class HeadSettings:
    width: int = 128  # the trunk's 384-d states are first projected to this
    layers: int = 2  # residual convolutions over neighbouring pieces
    kernel: int = 3
    epochs: int = 3
    learning_rate: float = 3e-3
    chunk: int = 256  # pieces per training sequence
    batch: int = 16
    dropout: float = 0.1
    seed: int = 0
    decay: float = 0.5  # the learning rate is multiplied by this after each epoch


class Head(torch.nn.Module):
    """Projection, residual 1-D convolutions over the piece sequence, linear tag scores.

    Convolutions rather than a BiLSTM: the trunk's states already carry their window's context, and
    on a busy 2-core CPU a BiLSTM's step-by-step loop trained several times slower per epoch."""

    def __init__(self, settings: HeadSettings, tags: int = len(TAGS), inputs: int = WIDTH) -> None:
        super().__init__()
        self.dropout = torch.nn.Dropout(settings.dropout)
        self.project = torch.nn.Linear(inputs, settings.width)
        self.convs = torch.nn.ModuleList(
            torch.nn.Conv1d(settings.width, settings.width, settings.kernel, padding=settings.kernel // 2)
            for _ in range(settings.layers))
        self.out = torch.nn.Linear(settings.width, tags)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        x = torch.nn.functional.gelu(self.project(self.dropout(hidden))).transpose(1, 2)
        for conv in self.convs:
            x = x + torch.nn.functional.gelu(conv(self.dropout(x)))
        return self.out(x.transpose(1, 2))


def piece_tags(starts: np.ndarray, records: list[Record]) -> np.ndarray:
    """Gold tag ids per piece: a piece takes the role of the span its first character lies in;
    the first piece of every part is B-."""
    tags = np.zeros(len(starts), dtype=np.int64)
    for rec in records:
        for role, ranges in rec.items():
            for start, end in ranges:
                inside = np.flatnonzero((starts >= start) & (starts < end))
                if len(inside):
                    tags[inside] = TAGS.index(f"I-{role}")
                    tags[inside[0]] = TAGS.index(f"B-{role}")
    return tags


# Piece starts, ends and hidden states of one article (train/attribution_features.py).
Features = tuple[np.ndarray, np.ndarray, np.ndarray]


def load_features(articles: list[Article], folder: Path) -> list[Features]:
    """(starts, ends, hidden float16) per article from the cache."""
    out = []
    for name, _, _ in articles:
        data = np.load(folder / f"{name}.npz")
        out.append((data["starts"], data["ends"], data["hidden"]))
    return out


def _chunks(lengths: list[int], size: int, rng: np.random.Generator) -> list[tuple[int, int, int]]:
    out = []
    for a, n in enumerate(lengths):
        start = -int(rng.integers(0, size))
        while start < n:
            out.append((a, max(0, start), min(n, start + size)))
            start += size
    return [out[k] for k in rng.permutation(len(out))]


def train_head(features: list[np.ndarray], tags: list[np.ndarray], settings: HeadSettings = HeadSettings(),
               log: Callable[[str], None] = print, epoch_losses: list[float] | None = None,
               classes: int = len(TAGS)) -> Head:
    """Train a head of `classes` tags on per-piece `features` (the trunk's states, with or without
    more columns); the mean loss of each epoch is appended to `epoch_losses` when given."""
    torch.manual_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    inputs = features[0].shape[1]
    head = Head(settings, classes, inputs)
    optimizer = torch.optim.AdamW(head.parameters(), lr=settings.learning_rate)
    started = time.time()
    for epoch in range(settings.epochs):
        head.train()
        losses = []
        cut = _chunks([len(t) for t in tags], settings.chunk, rng)
        for k in range(0, len(cut), settings.batch):
            part = cut[k:k + settings.batch]
            width = max(e - s for _, s, e in part)
            x = np.zeros((len(part), width, inputs), dtype=np.float32)
            y = np.full((len(part), width), -100, dtype=np.int64)
            for row, (a, s, e) in enumerate(part):
                x[row, :e - s] = features[a][s:e]
                y[row, :e - s] = tags[a][s:e]
            logits = head(torch.from_numpy(x))
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, classes), torch.from_numpy(y).reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimizer.step()
            losses.append(loss.item())
        for group in optimizer.param_groups:
            group["lr"] *= settings.decay
        if epoch_losses is not None:
            epoch_losses.append(float(np.mean(losses)))
        log(f"head epoch {epoch + 1}/{settings.epochs}: loss {np.mean(losses):.4f} ({time.time() - started:.0f} s)")
    return head.eval()


def write_record(path: Path, head: Head, settings: HeadSettings, losses: list[float],
                 wall_seconds: float, cpu_seconds: float) -> None:
    """What the model card states about this training run (attribution/card.py renders it)."""
    record = {"settings": asdict(settings), "losses": losses,
              "weights": sum(p.numel() for p in head.parameters()),
              "wall_seconds": round(wall_seconds, 1), "cpu_seconds": round(cpu_seconds, 1),
              "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}"}
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def export_head(head: torch.nn.Module, path: Path, inputs: int = WIDTH) -> None:
    """fp32 ONNX graph: hidden [1, pieces, inputs] -> logits [1, pieces, tags]."""
    example = torch.zeros((1, 8, inputs))
    with torch.no_grad():
        torch.onnx.export(head, (example,), str(path), input_names=["hidden"], output_names=["logits"],
                          dynamic_axes={"hidden": {1: "pieces"}, "logits": {1: "pieces"}},
                          opset_version=17, dynamo=False)


def score(articles: list[Article], predicted: list[list[Record]]) -> dict[str, Counts]:
    counts = {role: Counts() for role in ROLES}
    for (_, text, gold), pred in zip(articles, predicted):
        score_doc(trim(pred, text), trim(gold, text), counts)
    return counts


def predict(head: AttributionHead, articles: list[Article], features: list[Features]) -> list[list[Record]]:
    return [head.records(text, starts, ends, hidden) for (_, text, _), (starts, ends, hidden) in zip(articles, features)]


def oracle(articles: list[Article], features: list[Features]) -> list[list[Record]]:
    """Gold tags through the same decoding and linking: the ceiling of the tagger's path."""
    return [link(spans_from_tags(text, starts, ends, piece_tags(starts, trim(gold, text))), text)
            for (_, text, gold), (starts, ends, _) in zip(articles, features)]


def train_and_score(data: Path, features: Path, out: Path, settings: HeadSettings = HeadSettings(),
                    log: Callable[[str], None] = print) -> dict[str, Counts]:
    """Train on `data`/train (less dev duplicates), write `out`/head.onnx, score it on `data`/dev."""
    from newsprobe.evaluate.polnear import load_split, without_duplicates

    dev = load_split(data / "dev")
    everything = load_split(data / "train")
    train = without_duplicates(everything, dev)
    log(f"train: {len(train)} articles ({len(everything) - len(train)} duplicating dev dropped); dev: {len(dev)}")
    cached = load_features(train, features / "train")
    tags = [piece_tags(starts, trim(gold, text)) for (_, text, gold), (starts, _, _) in zip(train, cached)]
    losses: list[float] = []
    wall, cpu = time.time(), time.process_time()
    head = train_head([hidden for _, _, hidden in cached], tags, settings, log, losses)
    out.mkdir(parents=True, exist_ok=True)
    export_head(head, out / "head.onnx")
    write_record(out / "train_record.json", head, settings, losses,
                 time.time() - wall, time.process_time() - cpu)
    return score(dev, predict(AttributionHead(out), dev, load_features(dev, features / "dev")))


FEATURES = Path(__file__).parents[3] / ".cache" / "attribution_features"


def rebuild(data: Path, log: Callable[[str], None] = print) -> dict:
    """`newsprobe train attributions`: the packaged head rebuilt on the packaged trunk, end to end.

    Caches the trunk's states over PolNeAR train and dev (keyed by the trunk's hash, so a new trunk
    never reads an old one's states), trains the head on train, chooses its decoding on dev through
    the pipeline, scores every mode on dev and renders the model card. Returns the dev figures."""
    from newsprobe.attribution import card
    from newsprobe.attribution.choose import choose, collect, write_settings
    from newsprobe.evaluate.polnear import load_split
    from newsprobe.train.attribution_features import PACKAGED_TRUNK, cache_split, trunk_folder

    features = trunk_folder(FEATURES)
    for split in ("train", "dev"):
        cache_split(load_split(data / split), features / split, log, PACKAGED_TRUNK)
    log("features cached; training the head")
    train_and_score(data, features, card.MODEL, log=log)
    write_settings(choose(collect(data / "dev"), log))
    evaluation = card.evaluate_modes(data / "dev")
    card.save(evaluation)
    return evaluation


if __name__ == "__main__":  # python -m newsprobe.train.attributions DATA FEATURES OUT [EPOCHS]
    import sys

    from newsprobe.evaluate.attributions import report

    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else HeadSettings.epochs
    torch.set_num_threads(1)
    print(report(train_and_score(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), HeadSettings(epochs=epochs))))
