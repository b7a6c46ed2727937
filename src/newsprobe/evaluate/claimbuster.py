"""ClaimBuster two-class data (U.S. presidential debate sentences, 1 = check-worthy factual claim).

Splits: `test.json` is for final testing only. The dev split is carved from `train.json` by a hash of
the sentence id, so it never changes. `kfold_25ncs.json` overlaps both train and test; only its
sentences in neither (by id and by text) may be added to training.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError
from newsprobe.paths import data_dir

FOLDER = "claimbuster-2class"  # in the data folder (newsprobe.paths.data_dir)
DEV_BUCKETS = 5  # one bucket in five (about 20 %) of train.json is dev


@dataclass(frozen=True)
class Sentence:
    sentence_id: int
    label: int
    text: str


@dataclass(frozen=True)
class Splits:
    train: list[Sentence]
    dev: list[Sentence]
    test: list[Sentence]
    extra: list[Sentence]  # kfold sentences in neither train.json nor test.json


def load_file(path: Path) -> list[Sentence]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [Sentence(int(r["sentence_id"]), int(r["label"]), str(r["text"])) for r in rows]
    except FileNotFoundError as exc:
        raise NewsprobeError(Code.DATA_MISSING, path) from exc
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise NewsprobeError(Code.CLAIMS_BAD_DATA, f"{path}: {exc}") from exc


def is_dev(sentence_id: int) -> bool:
    digest = hashlib.sha256(str(sentence_id).encode("ascii")).digest()
    return digest[0] % DEV_BUCKETS == 0


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def default_dir() -> Path:
    return data_dir() / FOLDER


def load_splits(folder: Path | None = None) -> Splits:
    folder = folder or default_dir()
    train_all = load_file(folder / "train.json")
    test = load_file(folder / "test.json")
    train = [s for s in train_all if not is_dev(s.sentence_id)]
    dev = [s for s in train_all if is_dev(s.sentence_id)]
    kfold_path = folder / "kfold_25ncs.json"
    extra: list[Sentence] = []
    if kfold_path.exists():
        held_ids = {s.sentence_id for s in train_all + test}
        held_texts = {_key(s.text) for s in dev + test}
        extra = [s for s in load_file(kfold_path)
                 if s.sentence_id not in held_ids and _key(s.text) not in held_texts]
    return Splits(train, dev, test, extra)


def data_hash(folder: Path | None = None) -> dict[str, str]:
    """sha256 of each data file used, for the model card."""
    folder = folder or default_dir()
    names = ["train.json", "test.json", "kfold_25ncs.json"]
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest()
            for n in names if (folder / n).exists()}
