"""Pronoun and role-noun resolution onto entity clusters, types that hold, and bad input."""
from __future__ import annotations

import spacy
import pytest

import newsprobe.entities.coref as coref
from newsprobe import analyze
from newsprobe.entities.lexicon import coref_rules, is_unresolvable_speaker, pronoun_class
from newsprobe.pipeline.entities import Cluster, Mention

pytestmark = pytest.mark.slow  # 40,000-word documents (linearity) and pipeline runs


def _entity(analysis, name: str):
    return next(e for e in analysis.entities if name in e.name)


def _kinds(entity) -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in entity.mentions]


def test_she_joins_a_named_woman_and_types_her_a_person():
    analysis = analyze("Ilse Varga runs the port union. She said the strike would go on. "
                       "Her members agreed.")
    varga = _entity(analysis, "Varga")
    assert varga.type == "PERSON"
    assert ("She", "pronoun") in _kinds(varga) and ("Her", "pronoun") in _kinds(varga)


def test_gender_blocks_a_wrong_antecedent():
    analysis = analyze("Mary Jones met John Smith in London. He said the talks went well.")
    assert ("He", "pronoun") in _kinds(_entity(analysis, "Smith"))
    assert all(m.kind != "pronoun" for m in _entity(analysis, "Jones").mentions)


def test_it_and_role_noun_join_an_organisation():
    analysis = analyze("Acme Corp. reported a loss on Monday. The company said it would cut jobs.")
    acme = _entity(analysis, "Acme")
    assert acme.type == "ORG"
    assert ("The company", "nominal") in _kinds(acme) and ("it", "pronoun") in _kinds(acme)


def test_unresolved_pronoun_stays_out():
    analysis = analyze("It was raining. She left early.")
    assert not any(m.kind == "pronoun" for e in analysis.entities for m in e.mentions)


def test_pronoun_lists_and_speakers():
    assert pronoun_class("She") == "female" and pronoun_class("its") == "thing" and pronoun_class("the") is None
    assert is_unresolvable_speaker("I") and is_unresolvable_speaker(" she ") and not is_unresolvable_speaker("Ilse")


@pytest.mark.parametrize("text", [
    "Smith Jones Brown Taylor Wilson Davies Evans Thomas Johnson Roberts. " * 40,
    "he she it they him her them its their his. " * 60,
    "THE MINISTER SAID THE AGENCY WOULD ACT. SHE SAID IT WAS DONE. " * 30,
])
def test_degenerate_texts_give_a_result(text):
    analysis = analyze(text)
    for entity in analysis.entities:
        assert entity.mentions and all(analysis.article.text[m.start:m.end] == m.text for m in entity.mentions)


def _name_doc(words: int):
    """A blank-model Doc of `words` tokens in sentences of ten, every other token a one-word name
    cluster's mention and the others pronouns: the densest case for the resolver."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = " ".join(("Smith" if i % 2 else "he") + ("." if i % 10 == 9 else "") for i in range(words))
    doc = nlp(text)
    clusters = []
    for token in doc:
        if token.text == "Smith":
            cluster = Cluster()
            cluster.add(Mention(token.i, token.i + 1, "PERSON", ("smith",), "Smith"))
            clusters.append(cluster)
    return doc, clusters


def test_resolver_work_is_linear(monkeypatch):
    calls = {"n": 0}
    agrees = coref._agrees

    def counting(*args):
        calls["n"] += 1
        return agrees(*args)

    monkeypatch.setattr(coref, "_agrees", counting)
    work = []
    for words in (20_000, 40_000):
        calls["n"] = 0
        doc, clusters = _name_doc(words)
        coref.resolve(doc, clusters, ["ORG"] * len(clusters), lambda *_a: None)
        work.append(calls["n"])
        assert calls["n"] <= len(doc) * coref_rules().window_mentions
    assert work[1] <= 2.2 * work[0]


def test_quoted_first_person_joins_the_speaker():
    analysis = analyze('Ilse Varga leads the union. "I will not give up," Varga said on Monday.')
    varga = _entity(analysis, "Varga")
    assert varga.type == "PERSON" and ("I", "pronoun") in _kinds(varga)
    assert ("Varga", "name") in _kinds(varga)  # a first name makes "Ilse Varga" a person before clustering


def test_first_person_outside_quotes_joins_the_person_named_most():
    # an interview's answers: the interviewee is named, then speaks in the first person, unquoted
    analysis = analyze("Marta Quell has led the dockworkers since 2019. Tom Reyes asked Marta Quell about "
                       "the strike. I joined the docks at sixteen, and my father worked there too.")
    quell = _entity(analysis, "Quell")
    assert ("I", "pronoun") in _kinds(quell) and ("my", "pronoun") in _kinds(quell)
    assert all(m.kind != "pronoun" for m in _entity(analysis, "Reyes").mentions)


def test_first_person_plural_joins_the_organisation_named_most():
    analysis = analyze("Acme Corp. makes ferries. Acme Corp. answered questions by email. "
                       "We build every hull in Eastport, and our yard employs 300 people.")
    acme = _entity(analysis, "Acme")
    assert ("We", "pronoun") in _kinds(acme) and ("our", "pronoun") in _kinds(acme)


def test_first_person_with_no_named_person_stays_unresolved():
    analysis = analyze("The weather turned on Monday. I walked to the harbour and watched the boats.")
    assert not any(m.kind == "pronoun" for e in analysis.entities for m in e.mentions)


def test_a_name_standing_alone_gives_the_turn_to_speak():
    # a hearing's transcript: the court calls counsel by name, and counsel speaks in the first person
    text = ("For the appellant: Dana Whitcombe and Oren Falk.\nFor the respondent: Priya Sandhu.\n"
            "Ms. Whitcombe?\nThank you. I will address the first ground, and my colleague the second.\n"
            "Ms. Sandhu?\nI say the appeal must fail.")
    analysis = analyze(text)
    whitcombe, sandhu = _entity(analysis, "Whitcombe"), _entity(analysis, "Sandhu")
    starts = {m.start for m in sandhu.mentions if m.kind == "pronoun"}
    assert ("I", "pronoun") in _kinds(whitcombe) and ("my", "pronoun") in _kinds(whitcombe)
    assert starts == {text.rindex("I say")}
    assert all(m.kind != "pronoun" for m in _entity(analysis, "Falk").mentions)


def test_a_name_before_a_colon_at_a_line_start_gives_the_turn():
    text = "Tom Reyes met the two founders of the yard.\nLENA ORTIZ: I started it in 2019.\nTom Reyes wrote it up."
    analysis = analyze(text)
    assert ("I", "pronoun") in _kinds(_entity(analysis, "ORTIZ"))
    assert all(m.kind != "pronoun" for m in _entity(analysis, "Reyes").mentions)


def test_a_self_naming_i_is_that_person_and_keeps_the_turn():
    text = "What is Harbour Sound? It is me and Lena. I'm Marco Diaz. And I'm Lena Ortiz. I draw the comics."
    analysis = analyze(text)
    marco, lena = _entity(analysis, "Marco"), _entity(analysis, "Lena Ortiz")
    assert [m.start for m in marco.mentions if m.text == "I"] == [text.index("I'm Marco")]
    assert {text.index("I'm Lena"), text.index("I draw")} <= {m.start for m in lena.mentions if m.text == "I"}


def test_speaker_turns_are_found_once_per_mention():
    doc = spacy.blank("en")("Ms. Whitcombe ?\nI agree .\n")
    for token in doc:
        token.is_sent_start = token.i in {0, 3}
    clusters = [Cluster()]
    clusters[0].add(Mention(0, 2, "PERSON", ("whitcombe",), "Whitcombe"))
    sentence_of = coref._sentence_of(doc)
    assert coref.speaker_turns(doc, clusters, ["PERSON"], sentence_of) == {2: 0}
    assert coref.speaker_turns(doc, clusters, ["ORG"], sentence_of) == {}


def test_an_interviewee_named_after_interviews_speaks_and_we_is_theirs():
    text = ("Tidewatch interviews Marymegan Oduya about the harbour survey. Frank Reyes and Frank Reyes's crew "
            "found the reef. How did you start?\nI was amazed. We had no data, and our boat was small.")
    analysis = analyze(text)
    oduya = _entity(analysis, "Oduya")
    assert oduya.type == "PERSON"
    assert {("I", "pronoun"), ("We", "pronoun"), ("our", "pronoun")} <= set(_kinds(oduya))
    assert all(m.kind != "pronoun" for m in _entity(analysis, "Reyes").mentions)


def test_my_name_is_gives_the_turn_to_that_person():
    text = ("Lena Ortiz and Tom Reyes run the yard. Tom Reyes answered first, and Reyes spoke at length. "
            "My name is Lena Ortiz, and I have run the yard since 2019.")
    analysis = analyze(text)
    ortiz = _entity(analysis, "Ortiz")
    assert {("My", "pronoun"), ("I", "pronoun")} <= set(_kinds(ortiz))
    assert all(m.kind != "pronoun" for m in _entity(analysis, "Reyes").mentions)
