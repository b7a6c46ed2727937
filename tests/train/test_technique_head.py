"""Head-only training: the head learns what its inputs separate, the parse weight is the dev-best one,
and the temperature lowers the log loss without moving labels."""
import numpy as np

from newsprobe.train.technique_head import accuracy, choose_parse_weight, fit_head, fit_temperature


def test_head_separates_what_its_inputs_separate_and_temperature_calibrates():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 600)
    x = rng.normal(size=(600, 20)).astype(np.float32)
    x[:, 0] += 3 * y  # one informative input
    labels = [["x", "y", "z"][k] for k in y]
    head = fit_head(x[:400], labels[:400], c=1.0)
    predicted = np.array(head.classes)[head.proba(x[400:]).argmax(1)]
    assert np.mean(predicted == np.array(labels[400:])) > 0.8
    before = head.proba(x[400:]).argmax(1)
    yk = np.array([head.classes.index(label) for label in labels[400:]])
    loss = lambda: -np.log(head.proba(x[400:])[np.arange(200), yk]).mean()  # noqa: E731
    at_one = loss()
    fit_temperature(head, x[400:], None, labels[400:])
    assert loss() <= at_one + 1e-9 and (head.proba(x[400:]).argmax(1) == before).all()


def test_parse_weight_is_the_dev_best():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 3, 300)
    labels = [["x", "y", "z"][k] for k in y]
    x = rng.normal(size=(300, 5)).astype(np.float32)  # uninformative states
    head = fit_head(x, labels, c=1.0)
    parse = np.eye(3)[[head.classes.index(label) for label in labels]] * 0.9 + 0.1 / 3  # a parse model that is right
    weight = choose_parse_weight(head, x, parse, labels, (0.0, 0.5, 1.0))
    assert weight > 0.0 and accuracy(head, x, parse, labels) == 1.0
    wrong = np.roll(parse, 1, axis=1)  # a parse model that is always wrong
    assert choose_parse_weight(head, x, wrong, labels, (0.0, 0.5, 1.0)) < 1.0


def test_balanced_class_weights_let_a_rare_class_be_predicted_more_often():
    rng = np.random.default_rng(3)
    y = rng.choice(3, size=1500, p=[0.6, 0.33, 0.07])  # "r" is one span in fifteen
    x = rng.normal(size=(1500, 5)).astype(np.float32)
    x[:, 0] += 1.0 * (y == 2)  # weakly informative: unweighted, the common classes win nearly always
    labels = [["c", "d", "r"][k] for k in y]
    count_rare = lambda head: int((np.array(head.classes)[head.proba(x).argmax(1)] == "r").sum())  # noqa: E731
    plain, balanced = fit_head(x, labels, c=1.0), fit_head(x, labels, c=1.0, class_weight="balanced")
    assert count_rare(balanced) > count_rare(plain) + 100
