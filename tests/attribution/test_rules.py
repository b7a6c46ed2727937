"""Attribution rules held by each component (the factory's `rules` file laid over the packaged rules),
so that pipelines with different rules live side by side in one process."""
from __future__ import annotations

import pytest
import spacy

import newsprobe.pipeline.attributions
import newsprobe.pipeline.entities  # noqa: F401
from newsprobe.attribution.rules import default_rules, load_attribution_rules
from newsprobe.config import load_options
from newsprobe.errors import NewsprobeError
from newsprobe.pipeline.extensions import findings

TEXT = "The minister warned that prices would rise. The bank denied that it would raise rates."


def pipeline(rules: str | None):
    nlp = spacy.load(load_options().spacy_model)
    nlp.add_pipe("newsprobe_entities")
    nlp.add_pipe("newsprobe_attributions", config={"rules": rules})
    return nlp


def cues(nlp, text: str = TEXT) -> list[tuple[str, str]]:
    return [(a.cue.text, a.polarity) for a in findings(nlp(text), "np_attributions") if a.cue]


@pytest.fixture(scope="module")
def narrow(tmp_path_factory) -> str:
    """Rules where only "say" and "deny" are speech and nothing is a denial."""
    path = tmp_path_factory.mktemp("rules") / "narrow.toml"
    path.write_text('[cues]\nspeech = ["say", "deny"]\n\n[polarity]\ndenial = []\n', encoding="utf-8")
    return str(path)


def test_two_pipelines_with_different_rules_in_one_process(narrow):
    packaged, custom = pipeline(None), pipeline(narrow)
    expected_packaged = [("warned", "asserts"), ("denied", "denies")]
    expected_custom = [("denied", "asserts")]  # "warn" is no cue; "deny" is no denial
    # interleaved: neither pipeline's rules leak into the other's
    assert cues(packaged) == expected_packaged
    assert cues(custom) == expected_custom
    assert cues(packaged) == expected_packaged
    assert packaged.get_pipe("newsprobe_attributions").rules is default_rules()
    assert custom.config["components"]["newsprobe_attributions"]["rules"] == narrow


def test_rules_file_overrides_only_what_it_names(narrow):
    rules = load_attribution_rules(narrow)
    assert rules.lexicon.speech == {"say", "deny"} and rules.polarity.denial == frozenset()
    assert rules.lexicon.belief == default_rules().lexicon.belief
    assert rules.marks == default_rules().marks


def test_quote_marks_come_from_the_rules(tmp_path):
    path = tmp_path / "marks.toml"
    path.write_text('[marks]\npairs = { "«" = "»" }\n', encoding="utf-8")
    nlp = pipeline(str(path))
    direct = [a for a in findings(nlp("“Prices will rise,” he said."), "np_attributions") if a.kind == "direct"]
    assert direct == []  # curly quotes are not quote marks under these rules
    (a,) = findings(nlp("«Prices will rise», he said."), "np_attributions")
    assert a.kind == "direct" and a.content.text == "«Prices will rise»"


@pytest.mark.parametrize("body, code, says", [
    (None, "NP320", "No such file"),
    ("[cues\n", "NP320", "Expected"),
    ('[cues]\nspeach = ["say"]\n', "NP321", "unknown key 'cues.speach'"),
    ('[cues]\nspeech = "say"\n', "NP321", "'cues.speech' must be a TOML array"),
    ('[limits]\nafter_window = "14"\n', "NP321", "'limits.after_window' must be a TOML integer"),
])
def test_bad_rules_file_is_a_coded_error(tmp_path, body, code, says):
    path = tmp_path / "rules.toml"
    if body is not None:
        path.write_text(body, encoding="utf-8")
    with pytest.raises(NewsprobeError) as err:
        load_attribution_rules(path)
    assert err.value.code.value == code and says in str(err.value) and str(path) in str(err.value)


def test_bad_rules_file_fails_the_factory(tmp_path):
    with pytest.raises(NewsprobeError, match="NP320"):
        pipeline(str(tmp_path / "absent.toml"))
