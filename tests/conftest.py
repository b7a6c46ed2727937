"""Shared fixtures: the public data folder, one loaded pipeline, the reference article's analysis."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSPROBE_DATA", ROOT.parent / "shared" / "data"))
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
