"""The claims trainer on small synthetic data: duplicates of evaluation sentences never train."""
import csv
import json

import numpy as np

from newsprobe.evaluate.claimbuster import is_dev
from newsprobe.evaluate.dedup import text_hash
from newsprobe.train.claims import Recipe, final_model, load_data, lodo

CHECKWORTHY = ["Unemployment fell to {n} percent in {y}.", "The deficit rose by {n} billion dollars in {y}.",
               "We cut taxes for {n} million families in {y}.", "Crime went down {n} percent since {y}."]
CHATTER = ["Thank you very much, {n} times.", "I think we should talk about {y} later.",
           "Let me answer the question, number {n}.", "Good evening and welcome, {y} viewers."]


def sentences(count, seed, suffix=""):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(count):
        label = int(k % 4 == 0)
        pattern = (CHECKWORTHY if label else CHATTER)[int(rng.integers(4))]
        out.append((pattern.format(n=int(rng.integers(2, 99)), y=int(rng.integers(1960, 2020))) + suffix, label))
    return out


SHARED = "The deficit rose by 77 billion dollars in 1999."
SHARED_COPY = "the deficit rose by 77  billion dollars in 1999"  # quotes, case and spacing differ


def write_data(tmp_path):
    claimbuster = tmp_path / "claimbuster"
    claimbuster.mkdir()
    train = [{"sentence_id": k, "label": lab, "text": t} for k, (t, lab) in enumerate(sentences(400, 0))]
    train.append({"sentence_id": 9999, "label": 1, "text": SHARED_COPY})  # copies a debate sentence
    test = [{"sentence_id": 20000 + k, "label": lab, "text": t} for k, (t, lab) in enumerate(sentences(40, 1))]
    (claimbuster / "train.json").write_text(json.dumps(train), encoding="utf-8")
    (claimbuster / "test.json").write_text(json.dumps(test), encoding="utf-8")
    debates = tmp_path / "debates"
    debates.mkdir()
    with (debates / "train.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line_number", "speaker", "text", "label", "file_name"])
        for d in range(3):
            rows = sentences(60, 10 + d, f" Debate {d}.")  # no accidental copy of ClaimBuster
            rows.append((SHARED if d == 0 else f"\u201c{SHARED}\u201d", 1))  # debates 0 and 1 share it
            for k, (text, label) in enumerate(rows, 1):
                writer.writerow([k, "MODERATOR" if k % 5 == 0 else "CANDIDATE", text, label, f"debate{d}.tsv"])
    return claimbuster, debates


def test_duplicates_of_evaluation_sentences_leave_training(tmp_path):
    claimbuster, debates = write_data(tmp_path)
    assert not is_dev(9999), "the copy sits in ClaimBuster's training part"
    data = load_data(claimbuster, debates)
    train_part = [s for s in json.loads((claimbuster / "train.json").read_text()) if not is_dev(s["sentence_id"])]
    train_hashes = [text_hash(s["text"]) for s in train_part]
    dev_test = {text_hash(s.text) for s in data.dev + data.test}
    # Only the copy of the debate sentence (and copies of ClaimBuster dev/test) leave ClaimBuster training.
    expected = sum(1 for h in train_hashes if h == text_hash(SHARED) or h in dev_test)
    assert data.dropped["claimbuster_duplicating_debates_or_eval"] == expected >= 1
    assert data.claimbuster_used == len(train_part) - expected
    result = lodo(data, Recipe(head_C=1.0))
    # Holding out debate 0 drops debates 1 and 2's copies of its sentence; holding out 1 drops 0's and 2's.
    assert result.dropped == {"debate0.tsv": 2, "debate1.tsv": 2, "debate2.tsv": 2}
    assert set(result.per_debate) == {"debate0.tsv", "debate1.tsv", "debate2.tsv"}
    assert all(0.0 <= ap <= 1.0 for ap in result.per_debate.values())
    assert result.map > 0.5, "the synthetic check-worthy pattern is easy to rank"


def test_final_model_scores_plain_sentences_without_context(tmp_path):
    claimbuster, debates = write_data(tmp_path)
    data = load_data(claimbuster, debates)
    model, dev = final_model(data, Recipe(head_C=1.0))
    scores = model.score(["Unemployment fell to 4 percent in 2001.", "Thank you very much, 3 times."])
    assert scores[0] > scores[1]
    assert 0.0 <= model.claim_threshold <= 1.0 and dev.sentences == len(data.dev)
