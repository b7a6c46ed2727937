"""Re-choose the span decoding of a trained techniques model on dev, the encoder and heads unchanged.

`python -m newsprobe.train.technique_decoding [MODEL_DIR]`: picks the tagger threshold and the
hysteresis seed threshold (best dev SI F1, near-ties to precision) and the decoding rules that raise
dev SI F1 (techniques/decoding.py), refits the Platt calibration of
span scores, scores dev, and writes them into the model's `settings.json` and card. A full
`newsprobe train techniques` makes the same choice; this reruns it alone, in a few minutes.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsprobe.techniques.card import write_card
from newsprobe.techniques.data import PTC_TRAIN, data_root, read_folder, split
from newsprobe.techniques.predictor import MODEL_DIR, TechniquePredictor
from newsprobe.train.techniques import SEEDS


def retune(out: Path = MODEL_DIR, data: Path | None = None, seeds: tuple[float, ...] = SEEDS) -> dict:
    """Choose threshold, seed and calibration on dev for the model in `out`; update its record."""
    import spacy

    from newsprobe.config import load_options
    from newsprobe.evaluate.techniques import tune_on_dev

    started = time.time()
    record = json.loads((out / "settings.json").read_text(encoding="utf-8"))
    dev = split(read_folder(Path(data) if data else data_root() / PTC_TRAIN), "dev")
    docs = list(spacy.load(load_options().spacy_model).pipe((a.text for a in dev), batch_size=16))
    tuned = tune_on_dev(TechniquePredictor(out), docs, dev, tuple(record["settings"]["thresholds"]), seeds)
    record.update(token_threshold=tuned["threshold"], seed_threshold=tuned["seed_threshold"],
                  min_confidence=tuned["min_confidence"], calibration=tuned["calibration"], dev=tuned["scores"],
                  decoding_rules=tuned["rules"])
    record["settings"]["seeds"] = list(seeds)
    record["decoding"] = {"sweep": tuned["sweep"], "rules": tuned["rule_sweep"],
                          "seconds": round(time.time() - started)}
    (out / "settings.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    test = out / "eval_test.json"
    write_card(out, test=test if test.is_file() else None)
    return record


if __name__ == "__main__":
    done = retune(Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_DIR)
    print(f"threshold {done['token_threshold']}, seed {done['seed_threshold']}; "
          f"dev SI F1 {done['dev']['si']['f1']:.4f}, TC micro-F1 {done['dev']['tc_micro_f1']:.4f}")
