from newsprobe.model import Analysis, Article, Entity, Event, Span, Timex
from newsprobe.timeline import as_json, sort_key, timeline


def _analysis(source: str, events: list[Event], timexes: list[Timex]) -> Analysis:
    return Analysis(source=source, article=Article(id=source, text=""), events=events, timexes=timexes,
                    entities=[Entity(id="e1", name="Iran", type="GPE", mentions=[])])


def _event(start: int, time: int | None, code: str = "190") -> Event:
    return Event(trigger=Span(start=start, end=start + 1, text="x"), code=code, actor="e1", time=time)


def test_sort_key_orders_dates_and_puts_undated_last():
    assert sort_key("2020") < sort_key("2020-01") < sort_key("2020-01-03") < sort_key("2021") < sort_key(None)
    assert sort_key("PRESENT_REF") == sort_key(None)


def test_timeline_orders_events_across_articles():
    a = _analysis("a", [_event(5, 0), _event(1, None)], [Timex(start=0, end=1, text="t", type="DATE",
                                                                value="2022-01-01")])
    b = _analysis("b", [_event(3, 0, "040")], [Timex(start=0, end=1, text="t", type="DATE", value="2020-01-03")])
    rows = timeline([a, b])
    assert [(r.source, r.when) for r in rows] == [("b", "2020-01-03"), ("a", "2022-01-01"), ("a", None)]
    assert rows[0].category == "consult" and rows[1].actor == "Iran"
    assert as_json(rows)[0]["code"] == "040"
