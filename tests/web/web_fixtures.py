"""Hand-built analyses for the API and page tests: every kind of finding, overlaps, a split quote, hostile text."""
from __future__ import annotations

from newsprobe.model import Analysis, Article, Attribution, Claim, Entity, Event, Span, Technique, Timex

TEXT = ("HARBOURTON – The minister said on Monday that the strike was \"a disgraceful act of sabotage\".\n\n"
        "\"We will not bow,\" the union leader said, \"to threats from anyone,\" according to a statement "
        "posted by the union. Many observers believe the port will close for a week.\n"
        "Two years ago, dockers walked out for a month.")

HOSTILE = ("<script>window.__pwned = 1; alert('x')</script> Officials said the <img src=x onerror=\"alert(1)\"> "
           "plan was a \"total disaster\".\n\n<a href=\"javascript:alert(2)\">click</a> </textarea><script>alert(3)"
           "</script> The mayor said it would <b onmouseover=alert(4)>never</b> pass.")


def span(text: str, needle: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return Span(start=at, end=at + len(needle), text=needle)


def flat(text: str, needle: str) -> dict:
    return span(text, needle).model_dump(exclude={"parts"})


def rich_analysis(aid: str = "rich1", outlet: str = "The Harbour Ledger", published: str = "2024-03-04") -> Analysis:
    """Overlapping layers (a technique inside a claim inside a quote), and a quote split by its cue."""
    t = TEXT
    first, second = span(t, "\"We will not bow,\""), span(t, "\"to threats from anyone,\"")
    split_quote = Span(start=first.start, end=second.end, text=t[first.start:second.end], parts=[first, second])
    minister, leader = span(t, "The minister"), span(t, "the union leader")
    return Analysis(
        source=f"test:{aid}",
        article=Article(id=aid, text=t, outlet=outlet, published=published, title="Port strike <b>called</b> sabotage",
                        language="en", dateline=span(t, "HARBOURTON")),
        entities=[Entity(id="e1", name="Minister Ana Costa", type="PERSON", mentions=[minister], roles=["minister"]),
                  Entity(id="e2", name="union leader", type="PERSON", mentions=[leader]),
                  Entity(id="e3", name="Harbourton", type="GPE", mentions=[span(t, "HARBOURTON")])],
        attributions=[
            Attribution(kind="indirect", source=minister, cue=span(t, "said"), speaker="e1",
                        content=span(t, "that the strike was \"a disgraceful act of sabotage\""), confidence=0.9),
            Attribution(kind="direct", source=leader, cue=span(t, "said", 1), content=split_quote, speaker="e2",
                        channel=span(t, "a statement posted by the union"), confidence=0.8),
            Attribution(kind="indirect", source=span(t, "Many observers"), cue=span(t, "believe"),
                        content=span(t, "the port will close for a week"), vague=True, confidence=0.7),
        ],
        timexes=[Timex(**flat(t, "on Monday"), type="DATE", value="2024-03-04"),
                 Timex(**flat(t, "for a week"), type="DURATION", value="P1W"),
                 Timex(**flat(t, "Two years ago"), type="DATE", value="2022")],
        events=[Event(trigger=span(t, "walked out"), code="141", actor=None, time=2, confidence=0.6),
                Event(trigger=span(t, "strike"), code="143", time=0, confidence=0.5)],
        claims=[Claim(**flat(t, "the strike was \"a disgraceful act of sabotage\""), checkworthiness=0.72,
                      voice="attributed", attribution=0),
                Claim(**flat(t, "the port will close for a week"), checkworthiness=0.55, voice="vague", attribution=2),
                Claim(**flat(t, "dockers walked out for a month"), checkworthiness=0.81, voice="outlet")],
        techniques=[Technique(**flat(t, "disgraceful act of sabotage"), technique="Loaded_Language", confidence=0.83),
                    Technique(**flat(t, "sabotage"), technique="Name_Calling,Labeling", confidence=0.41),
                    Technique(**flat(t, "We will not bow"), technique="Slogans", confidence=0.35)],
    )


def hostile_analysis(aid: str = "hostile1") -> Analysis:
    """An article whose text, title, outlet and findings all carry markup that must stay inert."""
    t = HOSTILE
    return Analysis(
        source="<script>alert('source')</script>",
        article=Article(id=aid, text=t, outlet="<script>alert('outlet')</script>", published="2024-05-01",
                        title="</title><script>alert('title')</script>", url="javascript:alert('url')"),
        entities=[Entity(id="e1", name="<img src=x onerror=alert(5)>", type="PERSON",
                         mentions=[span(t, "The mayor")])],
        attributions=[Attribution(kind="direct", source=span(t, "Officials"), cue=span(t, "said"),
                                  content=span(t, "\"total disaster\""), speaker=None)],
        claims=[Claim(**flat(t, "<b onmouseover=alert(4)>never</b> pass"), checkworthiness=0.9, voice="outlet")],
        techniques=[Technique(**flat(t, "total disaster"), technique="<script>alert(6)</script>", confidence=0.5),
                    Technique(**flat(t, "<script>window.__pwned = 1; alert('x')</script>"),
                              technique="Loaded_Language", confidence=0.5)],
    )


def corpus() -> list[Analysis]:
    """Two outlets over two months with techniques, speakers and claims in every voice."""
    second = rich_analysis("rich2", outlet="Radio Kestrel", published="2024-04-10")
    third = rich_analysis("rich3", outlet="The Harbour Ledger", published="2024-04-22")
    return [rich_analysis(), second, third, hostile_analysis()]


def make_client(tmp_path, nlp=None, stored: list[Analysis] | None = None, db: str | None = None,
                **overrides):
    """A TestClient over a store (`db`, else a fresh SQLite file) holding `stored`; `overrides` change the Options.
    With the session's `nlp`, analyses run in this process (`api_workers = 0`) unless `overrides` say otherwise."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from newsprobe.api import create_app
    from newsprobe.config import load_options
    from newsprobe.store import Store

    db = db or f"sqlite:///{tmp_path / 'api.db'}"
    with Store(db) as store:
        for analysis in stored or []:
            store.add(analysis)
    if nlp is not None:
        overrides.setdefault("api_workers", 0)
    app = create_app(replace(load_options(), **overrides), db, nlp)
    return TestClient(app, raise_server_exceptions=False)


def new_token(client) -> str:
    from newsprobe.api.tokens import create_token

    return create_token(client.app.state.service.store().engine, "test")


def dense_analysis(words: int = 5000) -> Analysis:
    """`words` words in paragraphs of 100, a technique every 5 words and a claim every 20 overlapping them.

    The highlighting test checks it renders right; benchmarks/highlight.py times it."""
    names = [f"word{i}" for i in range(words)]
    text = "\n\n".join(" ".join(names[i:i + 100]) for i in range(0, words, 100))
    starts, at = [], 0
    for word in text.split():
        at = text.index(word, at)
        starts.append(at)
    techniques = [Technique(start=starts[i], end=starts[i + 2] - 1, text="", technique="Doubt", confidence=0.5)
                  for i in range(0, words - 10, 5)]
    claims = [Claim(start=starts[i], end=starts[i + 15] - 1, text="", checkworthiness=0.5, voice="outlet")
              for i in range(0, words - 20, 20)]
    return Analysis(source="t", article=Article(id="x", text=text), techniques=techniques, claims=claims)
