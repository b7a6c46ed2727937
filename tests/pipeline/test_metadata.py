from __future__ import annotations

import pytest
import spacy

import newsprobe.pipeline.metadata  # noqa: F401 - registers the factory
from newsprobe.errors import NewsprobeError
from newsprobe.pipeline.extensions import ARTICLE
from newsprobe.pipeline.licence import find_licence, spdx_id
from newsprobe.pipeline.metadata import find_dateline, find_outlet


@pytest.mark.parametrize("text, place", [
    ("TEHRAN – In a meeting", "TEHRAN"),
    ("WASHINGTON (Reuters) - The Senate", "WASHINGTON"),
    ("LONDON, March 3 (AP) — Prices rose", "LONDON"),
    ("NEW YORK -- Stocks fell", "NEW YORK"),
    ("  PORT LOUIS — Rain", "PORT LOUIS"),
])
def test_dateline(text, place):
    span = find_dateline(text)
    assert span is not None and span.text == place and text[span.start:span.end] == place


@pytest.mark.parametrize("text", ["The cat sat - on the mat", "Mr Smith – a farmer – said", "In brief: rain"])
def test_no_dateline(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize("text, outlet", [
    ("Story. All Content by Mehr News Agency is licensed under a Creative Commons licence.", "Mehr News Agency"),
    ("WASHINGTON (Reuters) - Story.", "Reuters"),
    ("Story.\n© 2024 Harbour Gazette. All rights reserved.", "Harbour Gazette"),
    ("This article was originally published in The Valley Post.", "The Valley Post"),
])
def test_outlet(text, outlet):
    assert find_outlet(text) == outlet


def test_no_outlet():
    assert find_outlet("The council met on Monday.") is None


@pytest.mark.parametrize("words, licence_id", [
    ("Creative Commons Attribution 4.0 International License", "CC-BY-4.0"),
    ("Creative Commons Attribution-ShareAlike 3.0 Unported", "CC-BY-SA-3.0"),
    ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", "CC-BY-NC-ND-4.0"),
    ("CC BY-NC-SA 2.0", "CC-BY-NC-SA-2.0"),
    ("Creative Commons Zero", "CC0-1.0"),
    ("CC BY", "CC-BY-4.0"),
])
def test_spdx_ids(words, licence_id):
    assert spdx_id(words) == licence_id


def test_licence_notice_span_points_at_the_text():
    text = "Body of the story.\nThis work is licensed under CC BY-SA 4.0. Photo: J. Doe."
    licence = find_licence(text)
    assert licence is not None and licence.id == "CC-BY-SA-4.0"
    assert text[licence.notice.start:licence.notice.end] == licence.notice.text == "This work is licensed under CC BY-SA 4.0."


def test_no_licence():
    assert find_licence("All rights reserved. Copyright 2020 Ledger.") is None


# --- rules held by each component (the factory's `rules` file laid over rules/metadata.toml) ---------
def _metadata_pipeline(rules: str | None):
    nlp = spacy.blank("en")
    nlp.add_pipe("newsprobe_metadata", config={"rules": rules})
    return nlp


def test_two_pipelines_with_different_metadata_rules_in_one_process(tmp_path):
    path = tmp_path / "outlets.toml"
    path.write_text("[outlet]\npatterns = ['''Filed for (?P<outlet>[A-Z]\\w+)''']\n", encoding="utf-8")
    packaged, custom = _metadata_pipeline(None), _metadata_pipeline(str(path))
    text = "Filed for Ledger. Copyright 2021 Harbour Times. All rights reserved."

    def outlet(nlp) -> str | None:
        return getattr(nlp(text)._, ARTICLE).outlet

    # interleaved: neither pipeline's rules leak into the other's
    assert (outlet(packaged), outlet(custom), outlet(packaged)) == ("Harbour Times", "Ledger", "Harbour Times")
    assert custom.config["components"]["newsprobe_metadata"]["rules"] == str(path)


def test_bad_metadata_rules_fail_the_factory_with_a_coded_error(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text("[outlet]\npattern = []\n", encoding="utf-8")
    with pytest.raises(NewsprobeError, match=r"NP323.*newsprobe_metadata.*unknown key 'outlet.pattern'"):
        _metadata_pipeline(str(path))
