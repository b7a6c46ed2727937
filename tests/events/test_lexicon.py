"""The committed CAMEO lexicon is the converter's output, and the converter reads the PETRARCH format."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprobe.events.lexicon_build import build_lexicon, clean_code
from newsprobe.rules import HERE
from tests.conftest import DATA, require_data

SOURCE = DATA / "universal-petrarch-cameo-validation" / "master" / "CAMEO.2.0.txt"

SAMPLE = """####### SYNONYM SETS #######
&WEAPON
+MISSILE
+ROCKET

####### VERB PATTERNS #######
---  KILL   [190]  ---
+SHOOT_DOWN {+SHOT_DOWN }
KILL
STRANGLE  [180]
- * (IN ACCIDENT)                                     [---]         # KILL
- * &WEAPON                                           [042:043]     # KILL
"""


def test_converter_reads_blocks_members_patterns_and_synsets(tmp_path: Path):
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    lexicon = build_lexicon(path)
    assert lexicon["synsets"]["&WEAPON"] == ["missile", "rocket"]
    assert lexicon["verbs"]["kill"] == [{"particles": [], "code": "190", "block": "KILL"}]
    assert lexicon["verbs"]["strangle"][0]["code"] == "180"
    assert lexicon["verbs"]["shoot"][0]["particles"] == ["down"]
    patterns = lexicon["blocks"]["KILL"]["patterns"]
    assert {"before": [], "after": ["in", "accident"], "code": None} in patterns
    assert {"before": [], "after": ["&WEAPON"], "code": "042"} in patterns


def test_clean_code():
    assert clean_code("042:043") == "042" and clean_code(":173") == "173" and clean_code("---") is None


@pytest.mark.data
def test_committed_lexicon_matches_its_source():
    committed = json.loads((HERE / "cameo_verbs.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(build_lexicon(require_data(SOURCE))))
