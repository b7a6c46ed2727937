"""The REST API (FastAPI): `create_app()` builds it, `newsprobe serve` runs it under uvicorn."""
from __future__ import annotations

from newsprobe.api.app import create_app

__all__ = ["create_app"]
