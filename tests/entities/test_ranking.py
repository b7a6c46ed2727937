"""The learned pronoun ranker: its features, its decision rule, its stored weights, linear work."""
from __future__ import annotations

import numpy as np
import pytest
import spacy

import newsprobe.entities.ranking as ranking
from newsprobe.entities import coref
from newsprobe.entities.coref import Resolver
from newsprobe.entities.lexicon import coref_rules
from newsprobe.entities.ranking import LogisticRanker, feature_names, features, load_ranker
from newsprobe.pipeline.entities import Cluster, Mention


def _doc_and_clusters(text: str, names: dict[str, str]):
    """A blank-model Doc with one cluster per distinct name word in `names` (word -> type)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    by_word: dict[str, Cluster] = {}
    for token in doc:
        if token.text in names:
            cluster = by_word.setdefault(token.text, Cluster(len(by_word)))
            cluster.add(Mention(token.i, token.i + 1, names[token.text], (token.lower_,), token.text))
    clusters = sorted(by_word.values(), key=lambda c: c.order)
    return doc, clusters, [names[c.mentions[0].core_text] for c in clusters]


def _resolve(text: str, names: dict[str, str], ranker) -> dict[str, str]:
    doc, clusters, types = _doc_and_clusters(text, names)
    found: dict[str, str] = {}

    def add(cluster: int, start: int, end: int, kind: str) -> None:
        found[f"{doc[start].text}@{start}"] = clusters[cluster].mentions[0].core_text

    coref.resolve(doc, clusters, types, add, ranker)
    return found


def _only(name: str, weight: float, threshold: float = 0.5, fallback: str = "none") -> LogisticRanker:
    weights = np.zeros(len(feature_names()))
    weights[feature_names().index(name)] = weight
    return LogisticRanker(weights, -1.0, threshold, fallback)


def test_rows_have_one_value_per_feature_name():
    doc, clusters, types = _doc_and_clusters("Acme met Varga. Then it left.", {"Acme": "ORG", "Varga": "PERSON"})
    resolver = Resolver(doc, clusters, types)
    for cluster, c in enumerate(clusters):
        m = c.mentions[0]
        resolver.see(m.start, m.end, cluster)
    token = doc[5]
    candidates = resolver.candidates(token)
    rows = features(resolver, token, "thing", candidates, rule=0)
    assert rows.shape == (2, len(feature_names()))
    agrees = feature_names().index("agrees")
    by_cluster = {candidates[r].cluster: rows[r] for r in range(2)}
    assert by_cluster[0][agrees] == 1.0 and by_cluster[1][agrees] == 0.0  # "it" agrees with Acme only


def test_ranker_follows_its_weights_and_threshold():
    text = "Acme met Varga. Then it left."
    names = {"Acme": "ORG", "Varga": "PERSON"}
    assert _resolve(text, names, _only("agrees", 4.0)) == {"it@5": "Acme"}
    assert _resolve(text, names, _only("type=person", 4.0)) == {}  # "it" is never a person, whatever the weights
    orgs = {"Acme": "ORG", "Globex": "ORG"}
    assert _resolve("Acme met Globex. Then it left.", orgs, _only("log_rank", 4.0)) == {"it@5": "Acme"}
    assert _resolve("Acme met Globex. Then it left.", orgs, _only("log_rank", -4.0, threshold=0.2)) == {"it@5": "Globex"}
    assert _resolve(text, names, _only("agrees", 4.0, threshold=0.99)) == {}  # nothing confident
    # below the threshold, fallback "rule" keeps the rules' answer
    assert _resolve(text, names, _only("agrees", 4.0, threshold=0.99, fallback="rule")) == {"it@5": "Acme"}


def test_weights_round_trip_and_refuse_other_features(tmp_path):
    ranker = _only("agrees", 2.5, threshold=0.3, fallback="rule")
    data = ranker.to_json()
    again = LogisticRanker.from_json(data)
    assert np.allclose(again.weights, ranker.weights) and again.threshold == 0.3 and again.fallback == "rule"
    with pytest.raises(ValueError):
        LogisticRanker.from_json({**data, "features": data["features"][:-1]})


def test_the_committed_model_loads():
    ranker = load_ranker()
    assert ranker is not None and ranker.weights.shape == (len(feature_names()),)
    assert load_ranker(ranker_path := ranking.MODEL_FILE.with_name("absent.json")) is None and not ranker_path.exists()


def test_ranked_resolution_stays_linear(monkeypatch):
    """Each pronoun scores at most the window's mentions plus one running maximum per type."""
    calls = {"n": 0}
    group = ranking._group

    def counting(label: str) -> str:
        calls["n"] += 1
        return group(label)

    monkeypatch.setattr(ranking, "_group", counting)
    work = []
    for words in (4_000, 8_000):
        calls["n"] = 0
        text = " ".join((f"Name{i}" if i % 2 else "it") + ("." if i % 10 == 9 else "") for i in range(words))
        names = {f"Name{i}": "ORG" for i in range(1, words, 2)}
        _resolve(text, names, load_ranker())
        work.append(calls["n"])
        assert calls["n"] <= words * (coref_rules().window_mentions + 2)
    assert work[1] <= 2.2 * work[0]


def test_right_after_a_quotation_the_rules_answer_stands():
    """'..." he said': the ranker is not asked; the rule's subject preference names the speaker."""
    names = {"Varga": "PERSON", "Kovacs": "PERSON"}
    text = 'Varga praised Kovacs . " Kovacs is good , " he said .'
    asked = []

    class Spy:
        fallback = "rule"

        def choose(self, resolver, token, kind, candidates, rule):
            asked.append(token.text)
            return None

    by_rules = _resolve(text, names, None)
    assert _resolve(text, names, Spy()) == by_rules and by_rules and not asked
