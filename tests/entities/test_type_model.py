"""The learned check on voted types: when it overrides the vote, and its stored weights."""
from __future__ import annotations

import numpy as np
import pytest
import spacy

from newsprobe.entities.type_model import FAMILIES, TypeModel, feature_names, features, load_type_model
from newsprobe.pipeline.entities import Cluster, Mention


def _cluster(text: str, label: str):
    doc = spacy.blank("en")(text)
    cluster = Cluster()
    cluster.add(Mention(0, 1, label, (doc[0].lower_,), doc[0].text))
    return doc, cluster


def _always(family: str, strength: float = 5.0, threshold: float = 0.5) -> TypeModel:
    bias = np.zeros(len(FAMILIES))
    bias[FAMILIES.index(family)] = strength
    return TypeModel(np.zeros((len(FAMILIES), len(feature_names()))), bias, threshold)


def test_features_have_one_value_per_name():
    doc, cluster = _cluster("Labrador is cold .", "ORG")
    assert features(doc, cluster).shape == (len(feature_names()),)


def test_override_only_when_sure_and_the_vote_is_of_another_family():
    doc, cluster = _cluster("Labrador is cold .", "ORG")
    assert _always("place").retype(doc, cluster, "ORG") == "GPE"
    assert _always("place").retype(doc, cluster, "LOC") == "LOC"  # already a place: kept
    assert _always("person").retype(doc, cluster, "NORP") == "NORP"  # the scorer accepts NORP for people
    assert _always("other").retype(doc, cluster, "ORG") == "ORG"  # "other" never overrides
    assert _always("place", strength=0.1, threshold=0.9).retype(doc, cluster, "ORG") == "ORG"  # not sure


def test_a_cluster_without_a_name_keeps_its_vote():
    doc, cluster = _cluster("he left .", "PERSON")
    cluster.mentions[0].kind = "pronoun"
    assert _always("place").retype(doc, cluster, "PERSON") == "PERSON"


def test_weights_round_trip_and_the_committed_model_loads():
    model = load_type_model()
    assert model is not None and model.weights.shape == (len(FAMILIES), len(feature_names()))
    again = TypeModel.from_json(model.to_json())
    assert np.allclose(again.weights, model.weights, atol=1e-6) and again.threshold == model.threshold
    with pytest.raises(ValueError):
        TypeModel.from_json({**model.to_json(), "families": ["person"]})
