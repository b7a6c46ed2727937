"""`newsprobe --help` loads no store, API, web server, engine or model runtime: each command imports
those inside its function. (What `import newsprobe` itself loads is the library's business.)"""
from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("fastapi", "uvicorn", "starlette", "sqlalchemy", "ray", "onnxruntime", "pyarrow", "newsprobe.store",
         "newsprobe.api", "newsprobe.web", "newsprobe.scale", "newsprobe.runner", "newsprobe.evaluate",
         "newsprobe.train")
PROBE = """
import json, sys
import newsprobe
library = set(sys.modules)
from newsprobe.cli import app
try:
    app(["--help"])
except SystemExit:
    pass
print(json.dumps({"library": sorted(library), "all": sorted(sys.modules)}))
"""


def test_help_imports_nothing_heavy() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    modules = json.loads(done.stdout.splitlines()[-1])
    loaded = set(modules["all"])
    assert "newsprobe.cli.corpus" in loaded  # the probe did load the commands
    assert not [name for name in loaded if any(name == heavy or name.startswith(heavy + ".") for heavy in HEAVY)]
    added = loaded - set(modules["library"])
    assert not [name for name in added if name.startswith(("newsprobe.pipeline", "spacy", "torch", "thinc"))]
