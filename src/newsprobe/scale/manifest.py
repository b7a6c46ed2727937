"""The output folder's manifest: what produced its shards, so that a run never mixes two setups.

It records the newsprobe version, the spaCy model (and its version), the component list, a hash of
the rules and trained artefacts the components read, and the shard size (which decides shard ids).
A run whose manifest differs from the folder's is refused with NP1001.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import spacy
from spacy.util import get_package_version

import newsprobe
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import SCHEMA_VERSION
from newsprobe.scale.output import write_atomically
from newsprobe.version import __version__

MANIFEST = "manifest.json"
PACKAGE = Path(newsprobe.__file__).parent
ARTEFACT_FOLDERS = ("rules", "models")


def artefacts_digest() -> str:
    """sha256 over the rules and model files the components load (their paths and bytes)."""
    digest = hashlib.sha256()
    for folder in ARTEFACT_FOLDERS:
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def manifest_for(options: Options, shard_size: int) -> dict:
    return {"newsprobe": __version__, "schema_version": SCHEMA_VERSION, "spacy": spacy.__version__,
            "spacy_model": options.spacy_model, "spacy_model_version": get_package_version(options.spacy_model),
            "components": list(options.components), "artefacts": artefacts_digest(), "shard_size": shard_size}


def read_manifest(out: Path) -> dict:
    path = out / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NewsprobeError(Code.NOT_A_BATCH, f"no {MANIFEST} in {out}") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise NewsprobeError(Code.NOT_A_BATCH, f"{path}: {exc}") from exc


def open_output(out: Path, manifest: dict) -> None:
    """Create `out` with `manifest`, or check that the run already there was made the same way."""
    if out.exists() and not out.is_dir():
        raise NewsprobeError(Code.BATCH_OUT, f"{out} is a file")
    try:
        (out / "shards").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsprobeError(Code.BATCH_OUT, f"{out}: {exc.strerror}") from exc
    if not (out / MANIFEST).exists():
        write_atomically(out / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))
        return
    found = read_manifest(out)
    differences = [f"{key}: {found.get(key)!r} there, {value!r} now" for key, value in manifest.items()
                   if found.get(key) != value]
    if differences:
        raise NewsprobeError(Code.BATCH_MISMATCH, "; ".join(differences), str(out))
