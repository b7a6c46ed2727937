"""Shared fixtures: the public data folder, one loaded pipeline, the reference article's analysis."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsprobe import paths

ROOT = Path(__file__).resolve().parents[1]
DATA = paths.data_dir()  # the fixture below keeps the name data_dir
REFERENCE = DATA / "samples" / "mehr-2022-01-soleimani-legacy.txt"


def require_data(path: Path = DATA) -> Path:
    """Skip without ../shared/data, except in CI where its absence is a failure."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing; CI needs ../shared/data")
        pytest.skip(f"{path} is missing")
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return require_data()


@pytest.fixture(scope="session")
def nlp():
    from newsprobe.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def reference_text() -> str:
    return require_data(REFERENCE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference(nlp, reference_text):
    from newsprobe import analyze

    return analyze(reference_text, published="2022-01-02", nlp=nlp, source=str(REFERENCE))


# --- a tiny pipeline with a component that fails on one document (isolation tests of every interface) ---
BOOM = "BOOM"


def tiny_texts(count: int = 100, bad: int = 42) -> list[str]:
    """`count` one-sentence articles; the one at index `bad` makes the fragile component raise."""
    return [f"Story {i}: the council met on Monday{' and it went ' + BOOM if i == bad else ''}."
            for i in range(count)]


class Fragile:
    """Raises on any Doc holding BOOM; its `pipe` fails a whole batch, as a trainable spaCy component does."""

    def __call__(self, doc):
        if BOOM in doc.text:
            raise ZeroDivisionError("fragile component")
        return doc

    def pipe(self, docs, batch_size: int = 32):
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            yield from [self(doc) for doc in batch]


def fragile_pipeline():
    """spaCy's blank English with the fragile component: fast to load, enough for newsprobe's runner."""
    import spacy
    from spacy.language import Language

    from newsprobe.pipeline.extensions import register_extensions

    if "np_test_fragile" not in Language.factories:
        Language.factory("np_test_fragile", func=lambda nlp, name: Fragile())
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("np_test_fragile")
    return nlp


@pytest.fixture
def fragile_nlp():
    return fragile_pipeline()
