"""Cold start: analysing a text imports only what the analysis needs (benchmarks/cold_start.py measures it).

Run in a fresh interpreter, since the test session itself has imported everything by now."""
from __future__ import annotations

import json
import subprocess
import sys

# Libraries a plain-text analysis must not pull in: training and evaluation (scikit-learn, and SciPy's
# stats and pandas behind it), other input kinds (feeds, HTML pages, URLs, web archives), the store,
# the API and the distributed engine.
NOT_NEEDED = ["sklearn", "pandas", "scipy.stats", "feedparser", "trafilatura", "warcio", "sqlite3",
              "fastapi", "ray", "newsprobe.store", "newsprobe.api", "newsprobe.scale", "newsprobe.train",
              "newsprobe.evaluate.techniques"]

SCRIPT = """
import json, sys
import newsprobe
analysis = newsprobe.analyze('The minister said on Monday that taxes rose by 5%. "We will act," she told reporters.')
assert analysis.attributions and analysis.timexes, "the analysis ran its layers"
print(json.dumps(sorted(sys.modules)))
"""


def test_analysing_text_imports_only_what_it_needs():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    loaded = set(json.loads(run.stdout.splitlines()[-1]))
    assert "onnxruntime" in loaded, "the techniques encoder ran"
    assert [name for name in NOT_NEEDED if name in loaded] == []
