"""Read PTC-format folders (article<ID>.txt + span labels) and fix the development and test splits.

Both splits are committed lists of ids chosen by seeded rules (`dev_rule`, `final_test_rule`). Training
takes the rest, less every article whose normalised-text hash equals a dev or test article's: the
datathon holds copies of articles under other ids (a digit added), which an id check misses.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.dedup import drop_duplicates, hashes
from newsprobe.paths import data_dir as data_root  # noqa: F401 - the old name, kept for its callers
from newsprobe.techniques.labels import map_label

DEV_SHARE = 0.15
DEV_SEED = "newsprobe-techniques-dev-v1"
DEV_LIST = Path(__file__).parents[1] / "models" / "techniques" / "dev_articles.txt"
TEST_COUNT = 45
TEST_SEED = "newsprobe-techniques-test-v1"
TEST_LIST = Path(__file__).parents[1] / "evaluate" / "splits" / "techniques_test.txt"
PTC_TRAIN = Path("ptc-datathon-v5") / "tasks-2-3" / "train"


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    label: str


@dataclass
class PtcArticle:
    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)


def _labels_file(folder: Path, article_id: str) -> Path | None:
    for suffix in (".task3.labels", ".labels"):
        path = folder / f"article{article_id}{suffix}"
        if path.exists():
            return path
    return None


def read_spans(path: Path, text_len: int) -> list[GoldSpan]:
    """Spans of one label file, labels mapped to the 14, clipped to the text, empty ones dropped."""
    spans = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            label = map_label(parts[1])
            start, end = int(parts[2]), min(int(parts[3]), text_len)
        except (IndexError, ValueError, KeyError) as exc:
            raise NewsprobeError(Code.TECH_BAD_LABELS, f"{path.name} line {number}: {exc}") from exc
        if label is not None and 0 <= start < end:
            spans.append(GoldSpan(start, end, label))
    return spans


def read_folder(folder: str | Path, need_labels: bool = True) -> list[PtcArticle]:
    """All articles of a PTC-format folder, sorted by id; labels read where present."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NewsprobeError(Code.DATA_MISSING, str(folder))
    articles = []
    for txt in sorted(folder.glob("article*.txt")):
        article_id = txt.stem.removeprefix("article")
        text = txt.read_text(encoding="utf-8")
        labels = _labels_file(folder, article_id)
        if labels is None and need_labels:
            continue
        spans = read_spans(labels, len(text)) if labels else []
        articles.append(PtcArticle(article_id, text, spans))
    if not articles:
        raise NewsprobeError(Code.DATA_MISSING, f"no article<ID>.txt with labels in {folder}")
    return articles


def dev_rule(ids: list[str], share: float = DEV_SHARE, seed: str = DEV_SEED) -> list[str]:
    """The seeded split rule: the `share` of ids with the smallest sha256(seed:id)."""
    ranked = sorted(ids, key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    return sorted(ranked[: round(share * len(ids))])


def final_test_rule(ids: list[str], dev: set[str], count: int = TEST_COUNT, seed: str = TEST_SEED) -> list[str]:
    """The test rule: of the ids not in `dev`, the `count` with the smallest sha256(seed:id)."""
    ranked = sorted((i for i in ids if i not in dev),
                    key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    return sorted(ranked[:count])


def _read_ids(path: Path) -> set[str]:
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def dev_ids() -> set[str]:
    """The committed development article ids (never trained on)."""
    return _read_ids(DEV_LIST)


def final_test_ids() -> set[str]:
    """The committed test article ids (scored once, never used to choose; never trained on)."""
    return _read_ids(TEST_LIST)


def training_articles(articles: list[PtcArticle]) -> tuple[list[PtcArticle], list[PtcArticle]]:
    """(train, dropped): articles outside dev and test, less those whose normalised-text hash equals
    a dev or test article's (copies under another id)."""
    held_ids = dev_ids() | final_test_ids()
    held = hashes(a.text for a in articles if a.id in held_ids)
    return drop_duplicates((a for a in articles if a.id not in held_ids), held, lambda a: a.text)


def split(articles: list[PtcArticle], part: str) -> list[PtcArticle]:
    """`dev` or `test` (the committed lists), `train` (the rest, less copies of dev or test
    articles) or `all`."""
    if part == "all":
        return articles
    if part == "dev":
        return [a for a in articles if a.id in dev_ids()]
    if part == "test":
        return [a for a in articles if a.id in final_test_ids()]
    if part == "train":
        return training_articles(articles)[0]
    raise NewsprobeError(Code.TECH_BAD_SPLIT, f"unknown split '{part}'")
