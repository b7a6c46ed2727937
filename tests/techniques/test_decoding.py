"""Decoding rules of the span runs: cut at sentence starts, punctuation trimmed at the edges, one-word
closed-class runs dropped; only the rules asked for act."""
from newsprobe.techniques.decoding import (CUT_SENTENCES, DROP_CLOSED_SINGLE, TRIM_PUNCT, apply_rules, closed_single,
                                           cut_at_sentences, trim_punct)


def test_a_run_is_cut_before_each_sentence_start_it_crosses():
    starts = [True, False, False, True, False, True]
    assert cut_at_sentences([1, 2, 3, 4, 5], starts) == [[1, 2], [3, 4], [5]]
    assert cut_at_sentences([0, 1, 2], starts) == [[0, 1, 2]], "a run starting a sentence stays whole"


def test_punctuation_is_trimmed_only_at_the_edges():
    punct = [True, False, True, False, True, True]
    assert trim_punct([0, 1, 2, 3, 4, 5], punct) == [1, 2, 3], "the inner comma stays"
    assert trim_punct([4, 5], punct) == [], "an all-punctuation run vanishes"


def test_only_one_word_runs_of_closed_classes_are_flagged():
    pos = ["PRON", "NOUN", "DET", "ADJ"]
    assert closed_single([0], pos) and closed_single([2], pos)
    assert not closed_single([1], pos), "an open-class word stays"
    assert not closed_single([0, 1], pos), "a longer run starting with a pronoun stays"


def test_only_the_chosen_rules_act():
    runs = [[0, 1, 2, 3], [5]]
    starts = [True, False, True, False, False, False]
    punct = [False, False, False, True, False, False]
    pos = ["PRON", "NOUN", "VERB", "PUNCT", "NOUN", "PRON"]
    assert apply_rules(runs, frozenset(), starts, punct, pos) == runs
    assert apply_rules(runs, frozenset({CUT_SENTENCES}), starts, punct, pos) == [[0, 1], [2, 3], [5]]
    assert apply_rules(runs, frozenset({TRIM_PUNCT}), starts, punct, pos) == [[0, 1, 2], [5]]
    assert apply_rules(runs, frozenset({DROP_CLOSED_SINGLE}), starts, punct, pos) == [[0, 1, 2, 3]]
    every = frozenset({CUT_SENTENCES, TRIM_PUNCT, DROP_CLOSED_SINGLE})
    assert apply_rules(runs, every, starts, punct, pos) == [[0, 1], [2]]
