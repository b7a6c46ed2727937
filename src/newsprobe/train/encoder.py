"""Fine-tune the first layers of MiniLM as a token tagger (inside/outside a technique span) on the CPU,
then export it to ONNX with int8 weights, so inference needs ONNX Runtime and no PyTorch.

Needs the `train` extra (PyTorch, transformers, onnx). Each epoch cuts every article into windows at a
new random offset, so the tagger learns to work at any position in a window without overlapping windows.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file
from transformers import BertConfig, BertModel

from newsprobe.techniques.wordpieces import WINDOW, batch, windows
from newsprobe.train.trunk import drop_redundant_nodes, expose_hidden

IGNORE = -100  # loss ignores [CLS], [SEP] and padding


@dataclass(frozen=True)
class EncoderSettings:
    layers: int = 4  # of MiniLM's 6: 3 layers lost about 0.005 dev SI F1 (mean of 3 seeds) for 3/4 of the cost
    learning_rate: float = 2e-4
    epochs: int = 6
    batch_windows: int = 16
    warmup: float = 0.1
    weight_decay: float = 0.01
    freeze_word_embeddings: bool = False  # tuning them gained about 0.01 dev SI F1 over 3 seeds
    average_last: int = 3  # weights averaged over the last epochs: steadier across seeds
    seed: int = 0


class Tagger(torch.nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.bert = BertModel(config, add_pooling_layer=False)
        self.dropout = torch.nn.Dropout(config.hidden_dropout_prob)
        self.head = torch.nn.Linear(config.hidden_size, 1)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(self.dropout(hidden)).squeeze(-1)


def build_tagger(folder: Path, layers: int) -> Tagger:
    """MiniLM's first `layers` layers with the package's pretrained weights, and a fresh linear head."""
    config = BertConfig.from_json_file(str(folder / "config.json"))
    config.num_hidden_layers = layers
    tagger = Tagger(config)
    weights = {k.removeprefix("bert."): v.float() for k, v in load_file(str(folder / "model.safetensors")).items()}
    result = tagger.bert.load_state_dict(weights, strict=False)
    if result.missing_keys:
        raise ValueError(f"pretrained weights lack {result.missing_keys[:3]}")
    return tagger


@dataclass
class AuxiliaryTask:
    """A second tagging task trained on the same trunk at the same time (a shared encoder).

    `articles` holds (piece ids, tag ids) per article; `head` maps the trunk's last hidden states
    [windows, pieces, 384] to tag scores. Every step adds one batch of this task's windows, its
    cross-entropy times `weight`, to the step's loss; with `epochs` set, only in the first
    that many epochs (the trunk then ends on the main task alone: trained jointly, then in turn)."""
    articles: list[tuple[np.ndarray, np.ndarray]]
    head: torch.nn.Module
    weight: float = 1.0
    epochs: int | None = None  # trained in the first this many epochs only (None: all)


def _endless_windows(lengths: list[int], rng: np.random.Generator, size: int) -> Iterator[list[tuple[int, int, int]]]:
    """Batches of shuffled windows, cut at a fresh offset on every pass over the articles."""
    while True:
        cut = _epoch_windows(lengths, rng)
        for k in range(0, len(cut), size):
            yield cut[k:k + size]


def _epoch_windows(lengths: list[int], rng: np.random.Generator) -> list[tuple[int, int, int]]:
    """(article, start, end) of every window of every article, cut at a fresh offset, shuffled."""
    out = [(a, s, e) for a, n in enumerate(lengths) for s, e in windows(n, WINDOW, int(rng.integers(0, WINDOW)))]
    order = rng.permutation(len(out))
    return [out[k] for k in order]


def _tensors(articles: list[tuple[np.ndarray, np.ndarray]], chunk: list[tuple[int, int, int]],
             cls: int, sep: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    rows, mask = batch([articles[a][0][s:e] for a, s, e in chunk], cls, sep)
    labels = np.full(rows.shape, IGNORE, dtype=np.int64)
    for k, (a, s, e) in enumerate(chunk):
        labels[k, 1:1 + e - s] = articles[a][1][s:e]
    return torch.tensor(rows), torch.tensor(mask), torch.tensor(labels)


def train_tagger(folder: Path, articles: list[tuple[np.ndarray, np.ndarray]], cls: int, sep: int,
                 settings: EncoderSettings = EncoderSettings(),
                 log: Callable[[str], None] = print, auxiliary: AuxiliaryTask | None = None) -> Tagger:
    """Fine-tune on (piece ids, piece labels) per article, and on `auxiliary` beside it when given
    (its head is then the tagger's `auxiliary` module, trained and weight-averaged with the trunk)."""
    torch.manual_seed(settings.seed)
    rng = np.random.default_rng(settings.seed)
    tagger = build_tagger(folder, settings.layers)
    extra = None
    if auxiliary is not None:
        tagger.add_module("auxiliary", auxiliary.head)
        extra = _endless_windows([len(ids) for ids, _ in auxiliary.articles], rng, settings.batch_windows)
    tagger.bert.embeddings.word_embeddings.weight.requires_grad_(not settings.freeze_word_embeddings)
    params = [p for p in tagger.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=settings.learning_rate, weight_decay=settings.weight_decay)
    lengths = [len(ids) for ids, _ in articles]
    per_epoch = -(-sum(-(-n // WINDOW) + 1 for n in lengths) // settings.batch_windows)
    total = settings.epochs * per_epoch
    warm = max(1, int(settings.warmup * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warm) * max(0.0, (total - step) / max(1, total - warm + 1)))
    started = time.time()
    tagger.train()
    averaged: dict[str, torch.Tensor] = {}
    for epoch in range(settings.epochs):
        cut = _epoch_windows(lengths, rng)
        losses = []
        for k in range(0, len(cut), settings.batch_windows):
            ids, mask, labels = _tensors(articles, cut[k:k + settings.batch_windows], cls, sep)
            logits = tagger(ids, mask)
            keep = labels != IGNORE
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[keep], labels[keep].float())
            if auxiliary is not None and extra is not None and (auxiliary.epochs is None or epoch < auxiliary.epochs):
                loss = loss + auxiliary.weight * _auxiliary_loss(tagger, auxiliary, next(extra), cls, sep)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
        log(f"encoder epoch {epoch + 1}/{settings.epochs}: loss {np.mean(losses):.4f} "
            f"({time.time() - started:.0f} s)")
        if epoch >= settings.epochs - settings.average_last:
            _accumulate(averaged, tagger, 1 / min(settings.average_last, settings.epochs))
    if averaged:
        tagger.load_state_dict(averaged)
    return tagger.eval()


def _auxiliary_loss(tagger: Tagger, task: AuxiliaryTask, chunk: list[tuple[int, int, int]],
                    cls: int, sep: int) -> torch.Tensor:
    ids, mask, labels = _tensors(task.articles, chunk, cls, sep)
    hidden = tagger.bert(input_ids=ids, attention_mask=mask).last_hidden_state
    scores = task.head(hidden)
    return torch.nn.functional.cross_entropy(scores.reshape(-1, scores.shape[-1]), labels.reshape(-1),
                                             ignore_index=IGNORE)


def _accumulate(total: dict[str, torch.Tensor], tagger: Tagger, weight: float) -> None:
    """Add `weight` times the tagger's current weights to `total` (a running weight average)."""
    for name, value in tagger.state_dict().items():
        part = value.detach().float() * weight
        total[name] = total[name] + part if name in total else part


def export_onnx(tagger: Tagger, path: Path) -> None:
    """ONNX graph with dynamic batch and length, then int8 weights (about a quarter of the size).

    Per-channel scales: on dev they lost about 0.001-0.003 SI F1 against fp32, per-tensor 0.004-0.006."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    full = path.with_suffix(".fp32.onnx")
    example = (torch.ones((1, 8), dtype=torch.long), torch.ones((1, 8), dtype=torch.long))
    axes = {"input_ids": {0: "windows", 1: "pieces"}, "attention_mask": {0: "windows", 1: "pieces"},
            "logits": {0: "windows", 1: "pieces"}}
    with torch.no_grad():
        torch.onnx.export(tagger, example, str(full), input_names=["input_ids", "attention_mask"],
                          output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8, per_channel=True)
    full.unlink()
    expose_hidden(path, path)  # the last hidden states as a second output, for the other heads
    drop_redundant_nodes(path, path)  # no output bit changes; about a fifth less CPU
