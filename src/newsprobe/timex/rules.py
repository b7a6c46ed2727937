"""Compile the time-expression rules of `rules/timex.toml` (or a component's own, laid over them):
macros expanded, regexes built."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import TimexType
from newsprobe.rules import component_rules, load_rules
from newsprobe.rules.alternation import longest_first


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    type: TimexType  # as the rules file says; the Timex model checks it
    recipe: str
    sign: int | None


@dataclass(frozen=True)
class TimexRules:
    vocab: dict[str, dict[str, Any]]
    patterns: tuple[Pattern, ...]
    fixed: dict[str, tuple[TimexType, str]]  # phrase -> (type, recipe)
    fixed_regex: re.Pattern[str]


def _alternation(words: list[str], ignore_case: bool = False) -> str:
    """Longest first, so that "a few" wins over "a"; spaces match any whitespace."""
    return longest_first(words, ignore_case)


def _macros(rules: dict) -> dict[str, str]:
    vocab = rules["vocab"]
    months = _alternation(list(vocab["months"]))
    weekdays = _alternation([w for w in vocab["weekdays"] if len(w) > 4])
    units = _alternation(list(vocab["units"]))
    numbers = _alternation(list(vocab["numbers"]))
    macros = {
        "MONTH": rf"(?P<month>(?-i:{months}))\b",
        "WEEKDAY": rf"(?P<weekday>(?-i:{weekdays}))",
        "NUM": rf"(?<![\w.,])(?P<num>\d+(?:\.\d+)?|(?:{numbers})(?:-(?:{numbers}))?)",
        "UNITS": rf"(?P<unit>(?:{units}|centuries)s?)",
        "SEASON": rf"(?P<season>{_alternation(list(vocab['seasons']))})",
        "POD": rf"(?P<pod>{_alternation(list(vocab['parts_of_day']))})",
    }
    macros.update(rules.get("macros", {}))
    return macros


def _expand(regex: str, macros: dict[str, str]) -> str:
    """Macros filled in; whitespace never crosses a line break (a phrase stays in its paragraph)."""
    regex = re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m[1], m[0]), regex)
    return _line_spaces(regex)


def _line_spaces(regex: str) -> str:
    """`\\s` -> whitespace other than a newline, inside and outside character classes."""
    out, in_class, i = [], False, 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\" and i + 1 < len(regex):
            pair = regex[i : i + 2]
            if pair == "\\s":
                out.append(" \\t\\u00a0" if in_class else "[^\\S\\n]")
            else:
                out.append(pair)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


@cache
def timex_rules() -> TimexRules:
    """The packaged rules, compiled once (every pipeline without a rules file of its own shares them)."""
    return timex_rules_from(load_rules("timex"))


def load_timex_rules(path: str | Path | None) -> TimexRules:
    """The newsprobe_timex factory's `rules`: rules/timex.toml with the TOML file at `path` laid over
    it (None: as packaged). Word lists ([vocab.*]), [fixed] and [macros] replace the packaged ones whole."""
    whole = frozenset(load_rules("timex")["vocab"]) | {"fixed", "macros"}
    return component_rules("newsprobe_timex", "timex", path, timex_rules_from, timex_rules, whole)


def timex_rules_from(rules: dict) -> TimexRules:
    """Compiled rules; raises NP704 when a pattern does not compile."""
    macros = _macros(rules)
    patterns = []
    for spec in rules["pattern"]:
        try:
            # A phrase starts at a word's start: the anchor lets the engine skip word-inner positions fast.
            regex = re.compile(r"(?<!\w)(?:" + _expand(spec["regex"], macros) + ")", re.IGNORECASE)
        except (re.error, KeyError) as exc:
            raise NewsprobeError(Code.BAD_TIME_RULES, f"{spec.get('name')}: {exc}") from exc
        patterns.append(Pattern(spec["name"], regex, spec["type"], spec["recipe"], spec.get("sign")))
    fixed = {k.lower(): (v[0], v[1]) for k, v in rules["fixed"].items()}
    fixed_regex = re.compile(rf"(?<![\w-])(?:{_alternation(list(rules['fixed']), ignore_case=True)})(?![\w-])", re.IGNORECASE)
    vocab = {name: {str(k).lower(): v for k, v in table.items()} for name, table in rules["vocab"].items()}
    return TimexRules(vocab, tuple(patterns), fixed, fixed_regex)
