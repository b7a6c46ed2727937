"""Evaluate the techniques layer on a PTC-format folder: SI, TC and span+label, also per technique."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from newsprobe.errors import Code, NewsprobeError
from newsprobe.techniques.data import PtcArticle, read_folder, split
from newsprobe.techniques.decoding import RULES
from newsprobe.techniques.encoder import TrunkPass
from newsprobe.techniques.predictor import TechniquePredictor
from newsprobe.techniques.scoring import PRF, labelled_scores, merge, si_score, tc_score

Spans = dict[str, list[tuple[int, int, str]]]


def gold_spans(articles: list[PtcArticle]) -> Spans:
    return {a.id: [(s.start, s.end, s.label) for s in a.spans] for a in articles}


def classify_spans(predictor: TechniquePredictor, doc: Doc, spans: list[tuple[int, int]],
                   trunk: TrunkPass | None = None) -> list[str]:
    """One label per span; a span listed k times gets its k most probable distinct labels. `trunk`:
    the Doc's encoder pass, if already run."""
    unique = sorted(set(spans))
    probs = predictor.classify(doc, unique, trunk)
    order = {span: np.argsort(-p) for span, p in zip(unique, probs)}
    seen: dict[tuple[int, int], int] = defaultdict(int)
    labels = []
    for span in spans:
        rank = min(seen[span], len(predictor.classes) - 1)
        labels.append(predictor.classes[int(order[span][rank])])
        seen[span] += 1
    return labels


def _overlap_share(start: int, end: int, gold: list[tuple[int, int]]) -> float:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in gold) / (end - start)


def _candidate_si(found: dict, gold: Spans) -> PRF:
    """SI of candidate spans (start, end, score) per article, labels aside."""
    return si_score({k: [(s, e, "") for s, e, _ in v] for k, v in found.items()}, gold)


def tune_on_dev(predictor: TechniquePredictor, docs: list[Doc], articles: list[PtcArticle],
                thresholds: tuple[float, ...], seeds: tuple[float, ...] = (0.0,)) -> dict:
    """Pick the tagger threshold and the seed threshold of the hysteresis (best SI F1; ties within
    0.005 go to precision; seeds below the threshold are skipped, 0 means none), then the decoding
    rules (`choose_rules`), fit the Platt
    calibration of span scores against their overlap with gold, and score dev."""
    gold = gold_spans(articles)
    candidates = {}
    results = []
    probs = [predictor.inside_probs(d) for d in docs]
    predictor.rules = frozenset()  # the grid is searched without rules; `choose_rules` adds them after
    for threshold, seed in ((t, s) for t in thresholds for s in seeds if not s or s > t):
        predictor.threshold, predictor.seed = threshold, seed
        found = {a.id: predictor.candidate_spans(d, p) for d, a, p in zip(docs, articles, probs)}
        score = _candidate_si(found, gold)
        results.append((score.f1, score.precision, (threshold, seed)))
        candidates[threshold, seed] = found
    best_f1 = max(r[0] for r in results)
    _, _, chosen = max((r for r in results if r[0] >= best_f1 - 0.005), key=lambda r: r[1])
    predictor.threshold, predictor.seed = chosen
    found, rule_sweep = choose_rules(predictor, docs, articles, probs, candidates[chosen], gold)
    xs, ys, ws = [], [], []
    for article in articles:
        merged = merge((s.start, s.end) for s in article.spans)
        for start, end, span_score in found[article.id]:
            share = _overlap_share(start, end, merged)
            xs += [span_score, span_score]
            ys += [1, 0]
            ws += [share, 1 - share]
    if xs and 0 < sum(ws[0::2]) < len(ws) / 2:  # some candidates, neither all right nor all wrong
        platt = LogisticRegression(C=100.0).fit(np.array(xs)[:, None], ys, sample_weight=ws)
        predictor.calibration = [float(platt.coef_[0, 0]), float(platt.intercept_[0])]
    predictor.min_confidence = 0.0
    scores = score_docs(predictor, docs, articles)
    return {"threshold": chosen[0], "seed_threshold": chosen[1], "min_confidence": 0.0,
            "calibration": predictor.calibration, "scores": scores, "rules": sorted(predictor.rules),
            "sweep": [(*ts, round(f, 4), round(p, 4)) for f, p, ts in results], "rule_sweep": rule_sweep}


def choose_rules(predictor: TechniquePredictor, docs: list[Doc], articles: list[PtcArticle],
                 probs: list[np.ndarray], found: dict, gold: Spans) -> tuple[dict, list]:
    """Try each decoding rule (techniques/decoding.py) on top of those kept so far, at the chosen
    threshold and seed; keep it only if dev SI F1 rises. Returns the spans of the rules kept and, per
    rule, its dev SI (F1, precision, recall) and whether it was kept; `gold`: the articles' spans."""
    predictor.rules = frozenset()
    best = _candidate_si(found, gold).f1
    sweep = []
    for rule in RULES:
        predictor.rules = kept = predictor.rules | {rule}
        trial = {a.id: predictor.candidate_spans(d, p) for d, a, p in zip(docs, articles, probs)}
        score = _candidate_si(trial, gold)
        keep = score.f1 > best
        sweep.append((rule, round(score.f1, 4), round(score.precision, 4), round(score.recall, 4), keep))
        if keep:
            best, found = score.f1, trial
        else:
            predictor.rules = kept - {rule}
    return found, sweep


def score_docs(predictor: TechniquePredictor, docs: list[Doc], articles: list[PtcArticle]) -> dict:
    """All measures for parsed `docs` against their gold `articles`."""
    gold = gold_spans(articles)
    predicted: Spans = {}
    classified: Spans = {}
    for doc, article in zip(docs, articles):
        ahead = predictor.encode(doc)  # one pass serves spans and labels
        predicted[article.id] = [(p.start, p.end, p.label) for p in predictor.predict(doc, ahead)]
        spans = [(s.start, s.end) for s in article.spans]
        classified[article.id] = [(s, e, lab) for (s, e), lab in
                                  zip(spans, classify_spans(predictor, doc, spans, ahead.trunk))]
    si = si_score(predicted, gold)
    tc, tc_per = tc_score(classified, gold)
    labelled, labelled_per = labelled_scores(predicted, gold)
    rounded = lambda prf: {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(prf).items()}  # noqa: E731
    return {
        "articles": len(articles),
        "si": rounded(si),
        "tc_micro_f1": round(tc.f1, 4),
        "span_label": rounded(labelled),
        "per_technique": {label: {"tc": rounded(tc_per.get(label, PRF(0, 0, 0))),
                                  "span_label": rounded(labelled_per.get(label, PRF(0, 0, 0)))}
                          for label in sorted(set(tc_per) | set(labelled_per))},
    }


def evaluate_folder(folder: Path, part: str = "dev", predictor: TechniquePredictor | None = None,
                    nlp=None) -> dict:  # noqa: ANN001 (a spaCy Language)
    """Parse and score the articles of a PTC-format folder (`part`: dev, test, train or all)."""
    import spacy

    from newsprobe.config import load_options

    articles = split(read_folder(folder), part)
    if not articles:
        raise NewsprobeError(Code.TECH_BAD_SPLIT, f"no article of {folder} is in the {part} split "
                                                  "(for another folder, pass --split all)")
    predictor = predictor or TechniquePredictor()
    nlp = nlp or spacy.load(load_options().spacy_model)
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    return score_docs(predictor, docs, articles)


def format_scores(scores: dict) -> str:
    si, sl = scores["si"], scores["span_label"]
    lines = [
        f"articles {scores['articles']}",
        f"SI          precision {si['precision']:.4f}  recall {si['recall']:.4f}  F1 {si['f1']:.4f}"
        f"  (predicted {si['predicted']}, gold {si['gold']})",
        f"TC          micro-F1 {scores['tc_micro_f1']:.4f}  (on the gold spans)",
        f"span+label  precision {sl['precision']:.4f}  recall {sl['recall']:.4f}  F1 {sl['f1']:.4f}",
        f"{'technique':40s} {'TC P':>6s} {'TC R':>6s} {'TC F1':>6s} {'gold':>5s} {'SL P':>6s} {'SL R':>6s} {'SL F1':>6s}",
    ]
    for label, both in scores["per_technique"].items():
        tc, sl = both["tc"], both["span_label"]
        lines.append(f"{label:40s} {tc['precision']:6.3f} {tc['recall']:6.3f} {tc['f1']:6.3f} {tc['gold']:5d} "
                     f"{sl['precision']:6.3f} {sl['recall']:6.3f} {sl['f1']:6.3f}")
    return "\n".join(lines)
