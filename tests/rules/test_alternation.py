from __future__ import annotations

import random
import re

import pytest

from newsprobe.rules import load_rules
from newsprobe.rules.alternation import flat, longest_first


def _word_lists() -> list[list[str]]:
    timex, claims = load_rules("timex"), load_rules("claims")
    lists = [list(table) for table in timex["vocab"].values() if isinstance(table, dict)]
    lists.append(list(timex["fixed"]))
    lists += [t.get("phrases", []) for t in claims["features"].values()]
    lists += [claims["hedges"]["phrases"], claims["boosters"]["phrases"]]
    lists.append(["a", "an", "a few", "a b c", "ab", "abc", "b", "per cent", "percent", "percentage", "it's"])
    lists.append(["Now", "now", "NOW here", "New Year", "new", "KiSS", "kiss me", "SIS", "sis"])
    return [words for words in lists if words]


def _texts(words: list[str], rng: random.Random) -> list[str]:
    """Words with their neighbours, case flips, cut ends, doubled and broken spaces."""
    pieces = []
    for word in words:
        pieces += [word, word.upper(), word.title(), word[:-1], word + "s", word + "'", word.replace(" ", "  "),
                   word.replace(" ", "\n"), word.replace(" ", "\t "),
                   word.replace("s", "\u017f").replace("k", "\u212a")]  # long s, Kelvin sign: case-fold to s, k
    rng.shuffle(pieces)
    seps = [" ", "", "-", ", ", "'", "\n"]
    return ["".join(p + rng.choice(seps) for p in pieces[i:i + 40]) for i in range(0, len(pieces), 40)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int] | None]:
    return [m.span() if (m := pattern.match(text, p)) else None for p in range(len(text) + 1)]


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
@pytest.mark.parametrize("suffix", ["", r"(?![\w'])", r"\b"])
def test_tree_matches_what_the_flat_list_matches(flags, suffix):
    rng = random.Random(7)
    for words in _word_lists():
        tree = re.compile(rf"(?:{longest_first(words, ignore_case=bool(flags))}){suffix}", flags)
        plain = re.compile(rf"(?:{flat(words)}){suffix}", flags)
        for text in _texts(words, rng):
            assert _spans(tree, text) == _spans(plain, text), words[:5]


def test_common_prefixes_are_shared():
    assert longest_first(["percent", "per cent", "percentage"]) == r"per(?:cent(?:age)?|\s+cent)"


@pytest.mark.parametrize("words", [["May", "may"], ["a  b", "a"], ["résumé", "r"], [" a", "b"], ["", "a"]])
def test_words_the_tree_cannot_take_stay_a_flat_list(words):
    assert longest_first(words) == flat(words)


def test_case_variants_share_a_branch_when_case_is_ignored():
    assert longest_first(["Now", "now", "news"], ignore_case=True) == r"n(?:ews|ow)"
    assert longest_first(["Now", "now"]) == flat(["Now", "now"])
