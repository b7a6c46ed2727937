"""The JSON contract of DESIGN.md: every field present, every span on exact characters."""
from __future__ import annotations

import json

from newsprobe import analyze, analyze_many
from newsprobe.model import Analysis, json_schema

TOP = {"source", "article", "entities", "attributions", "timexes", "events", "claims", "techniques"}
ARTICLE = {"id", "text", "url", "outlet", "title", "authors", "published", "dateline", "language", "licence"}
ENTITY = {"id", "name", "type", "mentions", "aliases", "roles"}
ATTRIBUTION = {"kind", "source", "cue", "content", "speaker", "channel", "vague", "confidence", "polarity", "origin"}
TIMEX = {"start", "end", "text", "type", "value"}
EVENT = {"trigger", "code", "actor", "target", "time", "place", "confidence"}
CLAIM = {"start", "end", "text", "checkworthiness", "voice", "attribution", "denied"}
TECHNIQUE = {"start", "end", "text", "technique", "confidence"}


def spans_in(value: object):
    """Every {"start", "end", "text"} object anywhere in the output."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            yield value
        for child in value.values():
            yield from spans_in(child)
    elif isinstance(value, list):
        for child in value:
            yield from spans_in(child)


def check_contract(output: dict) -> None:
    assert TOP <= output.keys()
    assert ARTICLE <= output["article"].keys()
    for key, fields in (("entities", ENTITY), ("attributions", ATTRIBUTION), ("timexes", TIMEX),
                        ("events", EVENT), ("claims", CLAIM), ("techniques", TECHNIQUE)):
        assert isinstance(output[key], list)
        for item in output[key]:
            assert fields <= item.keys(), key
    text = output["article"]["text"]
    for span in spans_in(output):
        assert text[span["start"]:span["end"]] == span["text"]


def test_reference_article_output_keeps_the_contract(reference):
    output = json.loads(reference.model_dump_json())
    check_contract(output)
    assert output["entities"] and output["article"]["licence"]["notice"]["text"]


def test_empty_layers_are_empty_lists(nlp):
    # a sentence with nothing to find (no name, date, quote, event, claim or technique): every layer is
    # present as [], never null or missing
    output = json.loads(analyze("The cat sat on the mat.", nlp=nlp).model_dump_json())
    check_contract(output)
    assert {layer: output[layer] for layer in TOP - {"source", "article"}} == {
        "entities": [], "attributions": [], "timexes": [], "events": [], "claims": [], "techniques": []}
    assert output["article"]["authors"] == []


def test_output_round_trips_through_the_model(reference):
    again = Analysis.model_validate_json(reference.model_dump_json())
    assert again == reference


def test_schema_describes_spans_and_required_fields():
    schema = json_schema()
    assert {"start", "end", "text", "parts"} <= schema["$defs"]["Span"]["properties"].keys()
    assert set(schema["$defs"]["Attribution"]["properties"]["kind"]["enum"]) == {"direct", "indirect", "mixed", "other"}
    assert set(schema["$defs"]["Attribution"]["properties"]["polarity"]["enum"]) == {"asserts", "denies"}
    assert set(schema["$defs"]["Attribution"]["properties"]["origin"]["enum"]) == {"rules", "learned"}
    assert "denied" in schema["$defs"]["Claim"]["properties"]


def test_analyze_many_is_lazy_and_keeps_order(nlp):
    taken = []

    def texts():
        for i in range(60):
            taken.append(i)
            yield f"Mayor Ana Ruiz of Eastport spoke on day {i}."

    results = analyze_many(texts(), nlp=nlp, batch_size=8)
    assert taken == []  # nothing is read before the first result is asked for
    first = next(results)
    assert first.article.text.endswith("day 0.")
    # the first result comes out after about one batch was read, not the whole input
    assert 1 <= len(taken) <= 32, len(taken)
    rest = [r.article.text for r in results]
    assert len(taken) == 60 and [first.article.text, *rest] == [f"Mayor Ana Ruiz of Eastport spoke on day {i}."
                                                                for i in range(60)]


# --- one bad document never ends analyze_many (issue 15) ---
def test_analyze_many_yields_a_failure_in_place_of_the_bad_document(fragile_nlp):
    from newsprobe import Failure
    from tests.conftest import tiny_texts

    results = list(analyze_many(tiny_texts(100, bad=42), nlp=fragile_nlp, batch_size=8, on_error="yield"))
    assert len(results) == 100
    [failure] = [r for r in results if isinstance(r, Failure)]
    assert results.index(failure) == failure.index == 42
    assert (failure.code, failure.stage, failure.error_type) == ("NP408", "analyse", "ZeroDivisionError")
    assert failure.hint and "fragile component" in failure.reason
    assert [r.article.text for r in results if not isinstance(r, Failure)][42].startswith("Story 43:")


def test_analyze_many_skips_by_default_and_logs_the_coded_failure(fragile_nlp, caplog):
    from tests.conftest import tiny_texts

    results = list(analyze_many(tiny_texts(100, bad=7), nlp=fragile_nlp, batch_size=16))
    assert len(results) == 99 and all(isinstance(r, Analysis) for r in results)
    assert "[NP408] <text>" in caplog.text


def test_analyze_many_reports_read_failures_and_takes_a_callback(fragile_nlp):
    seen = []
    texts = ["The mayor spoke on Monday.", "   ", "The council met on Friday."]
    results = list(analyze_many(texts, nlp=fragile_nlp, on_error=seen.append))
    assert [r.article.text for r in results] == [texts[0], texts[2]]
    [failure] = seen
    assert (failure.index, failure.code, failure.stage) == (1, "NP102", "read")


def test_analyze_many_can_raise_the_coded_error(fragile_nlp):
    import pytest

    from newsprobe.errors import NewsprobeError
    from tests.conftest import tiny_texts

    results = analyze_many(tiny_texts(10, bad=3), nlp=fragile_nlp, batch_size=4, on_error="raise")
    assert len([next(results) for _ in range(3)]) == 3
    with pytest.raises(NewsprobeError, match="NP408"):
        next(results)


def test_analyze_refuses_an_implausible_published_date(fragile_nlp):
    import pytest

    from newsprobe.errors import NewsprobeError

    for day in ("0001-01-01", "9999-12-31"):
        with pytest.raises(NewsprobeError, match="NP708"):
            analyze("The council met on Saturday.", published=day, nlp=fragile_nlp)
