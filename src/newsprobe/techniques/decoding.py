"""Optional rules of the span decoding, each kept only if it raised dev SI F1 (`tune_on_dev` picks them).

They act on runs of spaCy token indices, before runs become char spans; all read arrays the parse
already holds (no Token objects, no second encoder pass), so they cost a few microseconds a run.
"""
from __future__ import annotations

# The rules, in the order they are tried on dev and applied.
CUT_SENTENCES = "cut_sentences"  # a run crossing a sentence start becomes one run per sentence
TRIM_PUNCT = "trim_punct"  # leading and trailing punctuation tokens dropped from a run
DROP_CLOSED_SINGLE = "drop_closed_single"  # a one-word run of a closed-class word ("Our") dropped
RULES = (CUT_SENTENCES, TRIM_PUNCT, DROP_CLOSED_SINGLE)

# Universal POS tags of closed word classes: pronoun, determiner, adposition, conjunctions,
# auxiliary, particle, punctuation.
CLOSED_CLASS = frozenset({"PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "PUNCT"})


def cut_at_sentences(run: list[int], sentence_start: list[bool]) -> list[list[int]]:
    """`run` split before each of its tokens (but the first) that starts a sentence."""
    pieces: list[list[int]] = []
    for i in run:
        if not pieces or (sentence_start[i] and pieces[-1]):
            pieces.append([])
        pieces[-1].append(i)
    return pieces


def trim_punct(run: list[int], is_punct: list[bool]) -> list[int]:
    """`run` without its leading and trailing punctuation tokens (empty if it is all punctuation)."""
    first, last = 0, len(run)
    while first < last and is_punct[run[first]]:
        first += 1
    while last > first and is_punct[run[last - 1]]:
        last -= 1
    return run[first:last]


def closed_single(run: list[int], pos: list[str]) -> bool:
    """True for a one-token run whose word is of a closed class."""
    return len(run) == 1 and pos[run[0]] in CLOSED_CLASS


def apply_rules(runs: list[list[int]], rules: frozenset[str], sentence_start: list[bool],
                is_punct: list[bool], pos: list[str]) -> list[list[int]]:
    """The runs after the chosen `rules` (in RULES order); empty runs dropped."""
    if CUT_SENTENCES in rules:
        runs = [piece for run in runs for piece in cut_at_sentences(run, sentence_start)]
    if TRIM_PUNCT in rules:
        runs = [trim_punct(run, is_punct) for run in runs]
    if DROP_CLOSED_SINGLE in rules:
        runs = [run for run in runs if not closed_single(run, pos)]
    return [run for run in runs if run]
