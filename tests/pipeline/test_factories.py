"""newsprobe's components as native spaCy factories: declared as `spacy_factories` entry points in
pyproject.toml, so that any spaCy pipeline can add them by name once newsprobe is installed."""
from __future__ import annotations

import importlib
import importlib.metadata
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsprobe.pipeline import COMPONENT_MODULES
from newsprobe.pipeline.extensions import ARTICLE, findings

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def declared() -> dict[str, str]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["entry-points"]["spacy_factories"]


def test_every_component_is_declared_with_its_module():
    entries = declared()
    assert set(entries) == set(COMPONENT_MODULES)
    for name, target in entries.items():
        module, _, function = target.partition(":")
        assert module == COMPONENT_MODULES[name] and function, target


@pytest.mark.parametrize("name", sorted(COMPONENT_MODULES))
def test_entry_point_names_the_registered_factory(name):
    """What spaCy loads for the entry point is the function the module registers under that name."""
    target = declared()[name]
    factory = importlib.metadata.EntryPoint(name, target, "spacy_factories").load()  # as catalogue loads it
    module, _, function = target.partition(":")
    assert getattr(importlib.import_module(module), function) is factory
    assert Language.has_factory(name)
    assert spacy.registry.factories.get(name) is factory
    assert Language.get_factory_meta(name).factory == name


def test_installed_entry_points_match_pyproject():
    """After `pip install newsprobe` (or -e .), the installed metadata holds the same entry points."""
    installed = {ep.name: ep.value for ep in importlib.metadata.entry_points(group="spacy_factories")
                 if ep.name.startswith("newsprobe_")}
    if not installed:
        pytest.skip("the installed newsprobe predates its spacy_factories entry points: reinstall it")
    assert installed == declared()


def test_components_run_in_a_blank_pipeline():
    """No load_pipeline: the components find their `doc._` attributes and do their work."""
    for name in ("newsprobe_metadata", "newsprobe_timex"):
        importlib.import_module(COMPONENT_MODULES[name])  # what spaCy does through the entry point
    nlp = spacy.blank("en")
    nlp.add_pipe("newsprobe_metadata")
    nlp.add_pipe("newsprobe_timex")
    doc = nlp("TEHRAN – The talks resumed on 3 March 2021 in Vienna.")
    assert getattr(doc._, ARTICLE).dateline.text == "TEHRAN"
    assert [t.value for t in findings(doc, "np_timexes")] == ["2021-03-03"]
