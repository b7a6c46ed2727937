"""Rules kept as data (TOML files beside this module), loaded once; and a component's own rules, built
from them with a user's TOML file laid over them (the factories' `rules` setting)."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from newsprobe.errors import Code, NewsprobeError

HERE = Path(__file__).parent
T = TypeVar("T")

_TOML_TYPES = {list: "array", dict: "table", str: "string", int: "integer", float: "float", bool: "boolean"}


@cache
def load_rules(name: str) -> dict:
    """The rules in `rules/<name>.toml` (read once per process; never mutate the table)."""
    return tomllib.loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))


class RulesShapeError(ValueError):
    """A user's rules file whose key or value type the packaged rules do not have."""


def overlay(base: dict, over: dict, whole: frozenset[str] = frozenset(), where: str = "") -> dict:
    """`base` with `over` laid on it, neither changed: tables merge key by key; any other value, and a
    table named in `whole` (one keyed by data, such as a list of aliases), replaces base's.
    A key base lacks (a typo) or a value of another type is a RulesShapeError naming the key."""
    out = dict(base)
    for key, value in over.items():
        name = f"{where}{key}"
        if key not in base:
            raise RulesShapeError(f"unknown key '{name}'")
        if type(value) is not type(base[key]):
            raise RulesShapeError(f"'{name}' must be a TOML {_TOML_TYPES[type(base[key])]}")
        merge = isinstance(value, dict) and key not in whole
        out[key] = overlay(base[key], value, whole, f"{name}.") if merge else value
    return out


def component_rules(component: str, name: str, path: str | Path | None, build: Callable[[dict], T],
                    packaged: Callable[[], T], whole: frozenset[str] = frozenset()) -> T:
    """A component's rules: `packaged()` when `path` is None (built once, shared by every pipeline
    that names no file), else `build` of rules/<name>.toml with the TOML file at `path` laid over it,
    built for this component alone. An unreadable file is NP322, a key or type the packaged rules do
    not have NP323, rules that do not build (a regex that does not compile) NP324; each names the
    component, the file and the key."""
    if path is None:
        return packaged()
    where = f"{component} rules {path}"
    try:
        over = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, TypeError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NewsprobeError(Code.COMPONENT_RULES_UNREADABLE, f"{where}: {exc}") from exc
    try:
        table = overlay(load_rules(name), over, whole)
    except RulesShapeError as exc:
        raise NewsprobeError(Code.COMPONENT_RULES_SHAPE, f"{where}: {exc}") from exc
    try:
        return build(table)
    except NewsprobeError as exc:
        raise NewsprobeError(exc.code, f"{where}: {exc.detail}") from exc
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, re.error) as exc:
        raise NewsprobeError(Code.COMPONENT_RULES_BUILD, f"{where}: {type(exc).__name__}: {exc}") from exc
