from hypothesis import given
from hypothesis import strategies as st

from newsprobe.claims.voice import _Contents, claim_units, denied, voice
from newsprobe.model import Attribution, Span

TEXT = ('Exports fell by 12 percent in 2020. Many experts believe that the sanctions caused the fall. '
        '"We have doubled production since 2015," the minister said.')


def span(text, start=0):
    start = TEXT.index(text, start)
    return Span(start=start, end=start + len(text), text=text)


def sentences():
    bounds, start = [], 0
    for end_text in ("2020.", "fall.", "said."):
        end = TEXT.index(end_text) + len(end_text)
        bounds.append((start, end))
        start = end + 1
    return bounds


def attributions():
    return [
        Attribution(kind="indirect", source=span("Many experts"), cue=span("believe"),
                    content=span("the sanctions caused the fall"), vague=True),
        Attribution(kind="direct", source=span("the minister"), cue=span("said"),
                    content=span('"We have doubled production since 2015,"'), speaker="E1"),
    ]


def test_units_follow_content_spans():
    found = [(TEXT[u.start:u.end], u.attribution) for u in claim_units(TEXT, sentences(), attributions())]
    assert found == [("Exports fell by 12 percent in 2020.", None),
                     ("the sanctions caused the fall", 0),
                     ("We have doubled production since 2015", 1)]


def test_voices():
    atts = attributions()
    units = claim_units(TEXT, sentences(), atts)
    assert [voice(u, atts) for u in units] == ["outlet", "vague", "attributed"]


def test_innermost_content_wins_and_parts_count():
    outer = Attribution(kind="indirect", content=span("Many experts believe that the sanctions caused the fall"))
    inner = attributions()[0]
    first = span('"We have')
    second = span('production since 2015,"')
    split = Attribution(kind="direct", content=Span(start=first.start, end=second.end, text="",
                                                    parts=[first, second]))
    units = claim_units(TEXT, sentences(), [outer, inner, split])
    assert [(TEXT[u.start:u.end], u.attribution) for u in units[1:]] == [
        ("Many experts believe that", 0), ("the sanctions caused the fall", 1),
        ("We have doubled production since 2015", 2)]


def test_no_attributions_gives_sentences():
    assert len(claim_units(TEXT, sentences(), [])) == 3


def test_content_split_by_its_cue_is_one_unit():
    text = '"The economy," he said, "is collapsing." Rain fell.'
    first, second = text.index('"The economy,"'), text.index('"is collapsing."')
    parts = [Span(start=first, end=first + 14, text=text[first:first + 14]),
             Span(start=second, end=second + 16, text=text[second:second + 16])]
    quote = Attribution(kind="direct", content=Span(start=first, end=second + 16, text="", parts=parts))
    units = claim_units(text, [(0, second + 16), (second + 17, len(text))], [quote])
    assert [(text[u.start:u.end], u.attribution) for u in units] == [
        ('The economy," he said, "is collapsing.', 0), ("Rain fell.", None)]


def test_opening_that_of_reported_content_is_not_part_of_the_claim():
    content = span("that the sanctions caused the fall")
    units = claim_units(TEXT, sentences(), [Attribution(kind="indirect", content=content, vague=True)])
    assert TEXT[units[1].start:units[1].end] == "the sanctions caused the fall"


def test_quotes_are_trimmed_only_when_they_wrap_or_dangle():
    from newsprobe.claims.voice import _trim

    def trim(text):
        a, b = _trim(text, 0, len(text))
        return text[a:b]

    assert trim('\u201cPrices rose,\u201d ') == "Prices rose"
    assert trim('He called it \u201ca hoax.\u201d') == 'He called it \u201ca hoax.\u201d'
    assert trim('\u201cIn Syria, the enemy is bogged down') == "In Syria, the enemy is bogged down"
    assert trim('the war is over,\u201d') == "the war is over"
    assert trim('Forces (PMF) were there.\u00a0') == 'Forces (PMF) were there.'


def test_a_denied_content_is_not_the_sources_claim():
    atts = attributions()
    atts[0] = atts[0].model_copy(update={"polarity": "denies"})
    units = claim_units(TEXT, sentences(), atts)
    assert [denied(u, atts) for u in units] == [False, True, False]
    assert [voice(u, atts) for u in units] == ["outlet", "vague", "attributed"]


@given(st.lists(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 80)), min_size=1, max_size=3), max_size=12),
       st.integers(0, 450), st.integers(1, 100))
def test_contents_index_finds_what_comparing_every_attribution_finds(pieces, start, length):
    """Sentences look up the contents touching them in a sorted index; it answers as the pairwise check."""
    def content(parts):
        spans = [Span(start=s, end=s + n, text="x" * n) for s, n in parts]
        return Span(start=spans[0].start, end=spans[-1].end, text="x", parts=spans if len(spans) > 1 else None)

    atts = [Attribution(kind="indirect", content=content(p)) for p in pieces]
    end = start + length
    expected = [i for i, a in enumerate(atts)
                if any(p.start < end and start < p.end for p in (a.content.parts or [a.content]))]
    assert _Contents(atts).touching(start, end) == expected
