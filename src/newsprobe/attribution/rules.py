"""One pipeline's attribution rules: lexicon, quote marks and polarity words, built from
rules/attributions.toml, or from it with a user's TOML file laid over it (the newsprobe_attributions
factory's `rules` setting). Each component holds its own, so that two pipelines with different rules
can run in one process."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsprobe.attribution.lexicon import Lexicon, lexicon_from
from newsprobe.attribution.polarity import PolarityRules, polarity_rules_from
from newsprobe.attribution.quotes import QuoteMarks, quote_marks_from
from newsprobe.errors import Code, NewsprobeError
from newsprobe.rules import RulesShapeError, load_rules, overlay


@dataclass(frozen=True)
class AttributionRules:
    lexicon: Lexicon
    marks: QuoteMarks
    polarity: PolarityRules


def rules_from(table: dict) -> AttributionRules:
    return AttributionRules(lexicon_from(table), quote_marks_from(table), polarity_rules_from(table))


@cache
def default_rules() -> AttributionRules:
    """The packaged rules, built once (every pipeline without a rules file of its own shares them)."""
    return rules_from(load_rules("attributions"))


def _overlay(base: dict, over: dict) -> dict:
    """`base` with `over` laid on it (rules.overlay; the [marks] pairs, whose keys are marks, replace
    base's whole). A key base lacks (a typo) or a value of another type is NP321."""
    try:
        return overlay(base, over, frozenset({"pairs"}))
    except RulesShapeError as exc:
        raise NewsprobeError(Code.RULES_INVALID, str(exc)) from exc


def load_attribution_rules(path: str | Path | None) -> AttributionRules:
    """The packaged rules, with the tables of the TOML file at `path` laid over them (None: as packaged).

    A file that cannot be read or parsed is NP320; one whose values do not fit the rules' shape, NP321."""
    if path is None:
        return default_rules()
    try:
        over = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NewsprobeError(Code.RULES_UNREADABLE, f"{path}: {exc}") from exc
    try:
        return rules_from(_overlay(load_rules("attributions"), over))
    except NewsprobeError as exc:
        raise NewsprobeError(exc.code, f"{path}: {exc.detail}") from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NewsprobeError(Code.RULES_INVALID, f"{path}: {type(exc).__name__}: {exc}") from exc
