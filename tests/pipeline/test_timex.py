"""The newsprobe_timex component: anchoring to the publication date, the dateline, or nothing."""
from __future__ import annotations

import pytest
import spacy

import newsprobe.pipeline.timex  # noqa: F401 - registers the factory
from newsprobe import analyze
from newsprobe.errors import NewsprobeError
from newsprobe.pipeline.extensions import findings
from newsprobe.pipeline.timex import dateline_anchor
from newsprobe.timex.rules import timex_rules


def test_published_date_anchors_relative_dates(nlp):
    result = analyze("The ministers met on Saturday. Talks will resume next week.", published="2022-01-02", nlp=nlp)
    found = {t.text: t for t in result.timexes}
    assert found["Saturday"].value == "2022-01-01" and found["Saturday"].anchored
    assert found["next week"].value == "2022-W01"


def test_future_tense_weekday_is_ahead(nlp):
    result = analyze("The ministers will meet on Saturday.", published="2022-01-02", nlp=nlp)
    assert [t.value for t in result.timexes] == ["2022-01-08"]


def test_dateline_date_anchors_when_nothing_else(nlp):
    text = "Markets fall\nMarch 01, 2008\nShares fell yesterday in Tokyo."
    result = analyze(text, nlp=nlp)
    assert {t.text: t.value for t in result.timexes}["yesterday"] == "2008-02-29"
    assert dateline_anchor(text).isoformat() == "2008-03-01"


def test_no_anchor_no_invented_values(nlp):
    result = analyze("The ministers met on Saturday, two years ago.", nlp=nlp)
    assert [(t.value, t.anchored) for t in result.timexes] == [("XXXX-WXX-6", False), ("XXXX", False)]


def test_reference_article_timexes(reference):
    found = [(t.text, t.type, t.value) for t in reference.timexes]
    assert ("Saturday", "DATE", "2022-01-01") in found
    assert ("January 3, 2020", "DATE", "2020-01-03") in found
    assert ("two years ago", "DATE", "2020") in found
    assert ("today", "DATE", "2022-01-02") in found
    for timex in reference.timexes:
        assert reference.article.text[timex.start:timex.end] == timex.text


def test_present_progressive_weekday_is_ahead(nlp):
    result = analyze("The ministers are meeting on Saturday.", published="2022-01-02", nlp=nlp)
    assert [t.value for t in result.timexes] == ["2022-01-08"]


def test_an_anchor_at_the_ends_of_the_calendar_does_not_stop_the_analysis(nlp):
    """An Article built by hand may carry any date; the timex layer clamps instead of raising."""
    from newsprobe.ingest.text import article_from_text

    for day in ("0001-01-01", "9999-12-31"):
        article = article_from_text("The ministers met on Saturday, two years ago. Talks resume next month.")
        article.published = day
        result = analyze(article, nlp=nlp)
        assert {t.text for t in result.timexes} >= {"Saturday", "two years ago", "next month"}


# --- rules held by each component (the factory's `rules` file laid over rules/timex.toml) ------------
def _timex_pipeline(rules: str | None):
    nlp = spacy.blank("en")
    nlp.add_pipe("newsprobe_timex", config={"rules": rules})
    return nlp


def test_two_pipelines_with_different_timex_rules_in_one_process(tmp_path):
    path = tmp_path / "fixed.toml"  # [fixed] replaces the packaged phrases whole: "today" is gone
    path.write_text('[fixed]\n"this very day" = ["DATE", "DCT"]\n', encoding="utf-8")
    packaged, custom = _timex_pipeline(None), _timex_pipeline(str(path))
    text = "It ended today, this very day."

    def found(nlp) -> list[str]:
        return [t.text for t in findings(nlp(text), "np_timexes")]

    # interleaved: neither pipeline's rules leak into the other's
    assert (found(packaged), found(custom), found(packaged)) == (["today"], ["this very day"], ["today"])
    assert packaged.get_pipe("newsprobe_timex").rules is timex_rules()
    assert custom.config["components"]["newsprobe_timex"]["rules"] == str(path)


def test_bad_timex_rules_fail_the_factory_with_a_coded_error(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text("[vocab.monts]\njan = 1\n", encoding="utf-8")
    with pytest.raises(NewsprobeError, match=r"NP323.*newsprobe_timex.*unknown key 'vocab.monts'"):
        _timex_pipeline(str(path))
    path.write_text('[[pattern]]\nname = "broken"\nregex = "(unclosed"\ntype = "DATE"\nrecipe = "year"\n',
                    encoding="utf-8")
    with pytest.raises(NewsprobeError, match=r"NP704.*newsprobe_timex.*broken"):
        _timex_pipeline(str(path))


def test_an_infinitive_is_future_only_as_the_complement_of_a_verb(nlp):
    """"plans to meet on Friday" looks ahead; "celebrations to mark the treaty on Friday" does not."""
    ahead = analyze("The ministers plan to meet on Friday.", published="2022-01-08", nlp=nlp)
    assert [t.value for t in ahead.timexes] == ["2022-01-14"]
    past = analyze("Crowds gathered for celebrations to mark the treaty on Friday.", published="2022-01-08", nlp=nlp)
    assert [t.value for t in past.timexes] == ["2022-01-07"]


def test_a_sentence_of_200_clauses_through_the_pipeline(nlp):
    """The tense of each phrase climbs a few heads at most: a deep parse gives a result, not an error."""
    text = "He said that " + ", and ".join(f"on Monday the rebels left town {i}" for i in range(200)) + "."
    result = analyze(text, published="2022-01-05", nlp=nlp)
    mondays = [t for t in result.timexes if t.text == "Monday"]
    assert len(mondays) == 200 and {t.value for t in mondays} <= {"2022-01-03", "2022-01-10"}
