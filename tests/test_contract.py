"""The JSON contract of DESIGN.md: every field present, every span on exact characters."""
from __future__ import annotations

import json

from newsprobe import analyze, analyze_many
from newsprobe.model import Analysis, json_schema

TOP = {"source", "article", "entities", "attributions", "timexes", "events", "claims", "techniques"}
ARTICLE = {"id", "text", "url", "outlet", "title", "authors", "published", "dateline", "language", "licence"}
ENTITY = {"id", "name", "type", "mentions", "aliases", "roles"}
ATTRIBUTION = {"kind", "source", "cue", "content", "speaker", "channel", "vague", "confidence"}
TIMEX = {"start", "end", "text", "type", "value"}
EVENT = {"trigger", "code", "actor", "target", "time", "place", "confidence"}
CLAIM = {"start", "end", "text", "checkworthiness", "voice", "attribution"}
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
    output = json.loads(analyze("Nothing much happened.", nlp=nlp).model_dump_json())
    check_contract(output)


def test_output_round_trips_through_the_model(reference):
    again = Analysis.model_validate_json(reference.model_dump_json())
    assert again == reference


def test_schema_describes_spans_and_required_fields():
    schema = json_schema()
    assert {"start", "end", "text", "parts"} <= schema["$defs"]["Span"]["properties"].keys()
    assert set(schema["$defs"]["Attribution"]["properties"]["kind"]["enum"]) == {"direct", "indirect", "mixed", "other"}


def test_analyze_many_is_lazy_and_keeps_order(nlp):
    texts = (f"Mayor Ana Ruiz of Eastport spoke on day {i}." for i in range(50))
    results = analyze_many(texts, nlp=nlp)
    first = next(results)
    assert first.article.text.endswith("day 0.")
    assert [r.article.text[-6:] for r in results][-1] == "ay 49."
