"""Where the public data folder is: one lookup for the package, its tests and its benchmarks."""
from __future__ import annotations

import os
from pathlib import Path

from newsprobe.config import Options, load_options

# the checkout (src/newsprobe/paths.py -> the repository root)
CHECKOUT = Path(__file__).resolve().parents[2]


def data_dir(options: Options | None = None) -> Path:
    """The public data folder, first found of:

    1. $NEWSPROBE_DATA, when set and not empty;
    2. the config's `[data] dir` (of `options`, else of the config `load_options()` reads), when not empty;
    3. the nearest `shared/data` folder at or above the checkout (`../shared/data` beside a checkout);
       where there is none, `../shared/data` beside the checkout all the same, so that a caller's
       "missing" message names the folder that was expected.
    The folder is not required to exist: callers say what is missing (NP303) or skip (tests).
    """
    if os.environ.get("NEWSPROBE_DATA"):
        return Path(os.environ["NEWSPROBE_DATA"])
    configured = (options or load_options()).data_dir
    if configured:
        return Path(configured)
    for folder in (CHECKOUT, *CHECKOUT.parents):
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return CHECKOUT.parent / "shared" / "data"


def data_path(given: Path | None, name: str = "") -> Path:
    """`given` (a path the user passed), else `name` inside the data folder: the default of every
    command option that reads public data."""
    return given if given is not None else data_dir() / name
