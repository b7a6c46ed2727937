"""One claims component's rules: the certainty cues ([hedges], [boosters]) and the complementisers
([units]) of rules/claims.toml, or of it with a user's TOML file laid over it (the newsprobe_claims
factory's `rules` setting). The other tables ([features], [degenerate], [context]) belong to the
check-worthiness model, which was trained with them: a rules file may not change them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsprobe.claims.hedges import CueRules, cue_rules, cue_rules_from
from newsprobe.claims.voice import complementisers, complementisers_from
from newsprobe.errors import Code, NewsprobeError
from newsprobe.rules import component_rules, load_rules

MODEL_TABLES = ("features", "degenerate", "context")


@dataclass(frozen=True)
class ClaimRules:
    cues: CueRules
    complementisers: tuple[str, ...]


@cache
def default_rules() -> ClaimRules:
    """The packaged rules (every pipeline without a rules file of its own shares them)."""
    return ClaimRules(cue_rules(), complementisers())


def claim_rules_from(table: dict) -> ClaimRules:
    for name in MODEL_TABLES:
        if table[name] != load_rules("claims")[name]:
            raise NewsprobeError(Code.COMPONENT_RULES_SHAPE,
                                 f"'{name}' belongs to the check-worthiness model and cannot be changed here")
    return ClaimRules(cue_rules_from(table), complementisers_from(table))


def load_claim_rules(path: str | Path | None) -> ClaimRules:
    """The newsprobe_claims factory's `rules`: rules/claims.toml with the TOML file at `path` laid over
    it (None: as packaged)."""
    return component_rules("newsprobe_claims", "claims", path, claim_rules_from, default_rules)
