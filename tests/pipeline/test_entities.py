from __future__ import annotations

import pytest
import spacy

from newsprobe import analyze
from newsprobe.config import load_options
from newsprobe.entities.lexicon import coref_rules
from newsprobe.errors import NewsprobeError
from newsprobe.model import Analysis
from newsprobe.pipeline import entities as ents
from newsprobe.pipeline.entities import entity_for_span
from newsprobe.pipeline.extensions import findings


def cluster_of(analysis: Analysis, surface: str):
    """The one cluster that has a mention written exactly as `surface`."""
    found = [e for e in analysis.entities if any(m.text == surface for m in e.mentions)]
    assert len(found) == 1, f"{surface!r} is in {len(found)} clusters"
    return found[0]


def test_full_name_surname_and_title_forms_share_a_cluster(reference):
    khamenei = cluster_of(reference, "Leader of the Islamic Revolution Ayatollah Seyed Ali Khamenei")
    assert khamenei.type == "PERSON"
    for surface in ("Ayatollah Khamenei", "the Leader", "The Leader"):
        assert cluster_of(reference, surface).id == khamenei.id
    assert "Leader of the Islamic Revolution" in khamenei.roles


def test_soleimani_cluster_and_type_fix(reference):
    soleimani = cluster_of(reference, "General Qassem Soleimani")
    assert soleimani.name == "Qassem Soleimani" and soleimani.type == "PERSON"
    text = reference.article.text
    # spaCy's small model tags this "Soleimani" as a place; it must take the cluster's type.
    mistagged = text.index("Soleimani, Abu Mahdi")
    assert any(m.start == mistagged for m in soleimani.mentions)
    assert cluster_of(reference, "Martyr Soleimani").id == soleimani.id
    assert cluster_of(reference, "the slain general").id == soleimani.id
    assert "the noted commander of the IRGC’s Quds Force" in soleimani.roles


def test_roles_from_appositions(reference):
    muhandis = cluster_of(reference, "Abu Mahdi al-Muhandis")
    assert muhandis.roles == ["the deputy head of Iraq’s Popular Mobilization Forces"]
    assert cluster_of(reference, "Abu Mahdi").id == muhandis.id


def test_place_aliases_and_acronyms(reference):
    usa = cluster_of(reference, "United States")
    assert usa.type == "GPE" and cluster_of(reference, "U.S.").id == usa.id
    pmf = cluster_of(reference, "PMF")
    assert pmf.name == "Iraq’s Popular Mobilization Forces"


def test_one_type_per_cluster_and_offsets(reference):
    text = reference.article.text
    ids = [e.id for e in reference.entities]
    assert len(ids) == len(set(ids))
    for entity in reference.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    assert not any("License" in e.name for e in reference.entities)


def test_people_with_the_same_surname_stay_apart_when_named_in_full(nlp):
    text = ("Maria Lopez and Daniel Lopez spoke in Madrid on Monday. Maria Lopez said the port would reopen. "
            "Daniel Lopez disagreed.")
    analysis = analyze(text, nlp=nlp)
    people = [e for e in analysis.entities if e.type == "PERSON"]
    assert sorted(e.name for e in people) == ["Daniel Lopez", "Maria Lopez"]
    assert all(len(e.mentions) == 2 for e in people)


def test_surname_joins_the_nearest_full_name(nlp):
    text = ("President Amara Nwosu met Senator Felix Hartmann in Lagos. Hartmann praised the plan, "
            "and Nwosu thanked him. Later the President left.")
    analysis = analyze(text, nlp=nlp)
    nwosu = cluster_of(analysis, "President Amara Nwosu")
    assert cluster_of(analysis, "Nwosu").id == nwosu.id
    assert cluster_of(analysis, "the President").id == nwosu.id
    assert cluster_of(analysis, "Hartmann").id == cluster_of(analysis, "Senator Felix Hartmann").id


def test_entity_for_span(nlp, reference_text):
    from newsprobe.analysis import make_doc

    doc = nlp(make_doc(nlp, analyze(reference_text, nlp=nlp).article))
    start = reference_text.index("the Leader pointedly")
    khamenei = entity_for_span(doc, start, start + len("the Leader"))
    assert khamenei is not None
    plain = reference_text.index("meeting")  # a word of no mention (the dateline "TEHRAN" is a place)
    assert entity_for_span(doc, plain, plain + len("meeting")) is None


def test_role_stops_at_a_relative_clause(nlp):
    text = "The plan was attacked by Oren Dahl, the chairman of the harbour committee, who had called for a ban."
    dahl = cluster_of(analyze(text, nlp=nlp), "Oren Dahl")
    assert dahl.roles == ["the chairman of the harbour committee"]


def test_mentions_are_trimmed_of_quotes_and_possessives(nlp):
    analysis = analyze("Critics cited 'the Fourth Amendment' and Eastport's mayor, Ana Ruiz.", nlp=nlp)
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert mention.text[0].isalnum() and mention.text[-1].isalnum() and not mention.text.endswith("'s")


def test_clustering_work_stays_linear(monkeypatch):
    """Thousands of name mentions: each looks only at the person clusters sharing a word with it."""
    from newsprobe.pipeline import entities as ents

    looked = {"n": 0}
    sharing = ents.PersonIndex.sharing

    def counting(self, words):
        found = sharing(self, words)
        looked["n"] += len(found)
        return found

    monkeypatch.setattr(ents.PersonIndex, "sharing", counting)
    for n in (2_000, 4_000):
        same = [ents.Mention(i, i + 1, "PERSON", ("smith",), "Smith") for i in range(n)]
        distinct = [ents.Mention(n + i, n + i + 1, "PERSON", (f"name{i}",), f"Name{i}") for i in range(n)]
        looked["n"] = 0
        clusters = ents.cluster_mentions(same + distinct, ents.default_rules())
        assert len(clusters) == n + 1
        assert looked["n"] <= 2 * n


# --- rules held by each component (the factory's `rules` file laid over rules/entities.toml) ---------
def _entities_pipeline(rules: str | None, coref: str | None = None):
    nlp = spacy.load(load_options().spacy_model)
    nlp.add_pipe("newsprobe_entities", config={"rules": rules, "coref": coref})
    return nlp


def test_two_pipelines_with_different_entity_rules_in_one_process(tmp_path):
    path = tmp_path / "people.toml"  # only persons become entities
    path.write_text('[types]\nkept = ["PERSON"]\n', encoding="utf-8")
    packaged, custom = _entities_pipeline(None), _entities_pipeline(str(path))
    text = "Angela Merkel met the ministers in Vienna on Monday."

    def names(nlp) -> list[tuple[str, str]]:
        return sorted((e.name, e.type) for e in findings(nlp(text), "np_entities"))

    expected_packaged = names(packaged)
    assert ("Vienna", "GPE") in expected_packaged
    # interleaved: neither pipeline's rules leak into the other's
    assert names(custom) == [(n, t) for n, t in expected_packaged if t == "PERSON"] != []
    assert names(packaged) == expected_packaged
    assert packaged.get_pipe("newsprobe_entities").rules is ents.default_rules()


def test_bad_entity_rules_fail_the_factory_with_a_coded_error(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text('[titles]\nhonorifics = "Dr"\n', encoding="utf-8")
    with pytest.raises(NewsprobeError, match=r"NP323.*newsprobe_entities.*'titles.honorifics' must be a TOML array"):
        _entities_pipeline(str(path))


def test_two_pipelines_with_different_coreference_rules_in_one_process(tmp_path):
    path = tmp_path / "coref.toml"  # "she" and "her" are not resolved: no female pronouns
    path.write_text('[pronouns]\nfemale = []\n', encoding="utf-8")
    packaged, custom = _entities_pipeline(None), _entities_pipeline(None, str(path))
    text = "Ilse Varga arrived in Tallinn on Monday. She met the mayor there."

    def pronouns(nlp) -> list[tuple[str, str]]:
        return [(e.name, m.text) for e in findings(nlp(text), "np_entities") for m in e.mentions if m.kind == "pronoun"]

    # interleaved: neither pipeline's coreference rules leak into the other's
    assert (pronouns(packaged), pronouns(custom), pronouns(packaged)) == (
        [("Ilse Varga", "She")], [], [("Ilse Varga", "She")])
    assert packaged.get_pipe("newsprobe_entities").coref is coref_rules()


def test_bad_coreference_rules_fail_the_factory_with_a_coded_error(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text("[window]\nsentenses = 2\n", encoding="utf-8")
    with pytest.raises(NewsprobeError, match=r"NP323.*newsprobe_entities.*unknown key 'window.sentenses'"):
        _entities_pipeline(None, str(path))


def _names_doc():
    from spacy.tokens import Span

    doc = spacy.blank("en")("Then Byron wrote to Teresa Guiccioli from Ravenna in May .")
    doc.ents = [Span(doc, 4, 6, label="PERSON"), Span(doc, 9, 10, label="DATE")]
    return doc


def test_head_mentions_add_only_sure_names_over_uncovered_words():
    from newsprobe.entities.names import NameSpan

    doc = _names_doc()
    text = doc.text
    at = text.index
    spans = [NameSpan(at("Byron"), at("Byron") + 5, "person", 0.9),  # no NER mention over it
             NameSpan(at("Teresa"), at("Teresa") + 6, "place", 0.9),  # inside the NER's person
             NameSpan(at("Ravenna"), at("Ravenna") + 7, "place", 0.35),  # below the threshold
             NameSpan(at("May"), at("May") + 3, "person", 0.9)]  # the NER's date: not a name
    mentions = ents.collect_mentions(doc, ents.default_rules())
    found = ents.head_mentions(doc, spans, mentions, ents.default_rules(), add_at=0.4)
    assert [(m.core_text, m.label) for m in found] == [("Byron", "PERSON")]
    found = ents.head_mentions(doc, spans, mentions, ents.default_rules(), add_at=0.3)
    assert [(m.core_text, m.label) for m in found] == [("Byron", "PERSON"), ("Ravenna", "GPE")]


def test_without_a_trunk_pass_the_head_is_not_read():
    class Unread:
        def probs(self, *args):
            raise AssertionError("the head ran without a trunk pass")

    component = ents.EntitiesComponent(names=Unread())  # type: ignore[arg-type]
    doc = spacy.blank("en")("Byron wrote .")
    assert [m.core_text for m in component.mentions(doc)] == []


def _sentences(text: str, starts: tuple[int, ...]):
    doc = spacy.blank("en")(text)
    for token in doc:
        token.is_sent_start = token.i in starts
    return doc


def test_a_one_word_name_opening_a_sentence_needs_a_capital_inside_one_too():
    from newsprobe.entities.names import NameSpan

    def found(doc) -> list[str]:
        spans = [NameSpan(0, 11, "organization", 0.9),
                 NameSpan(doc.text.index("Byron"), doc.text.index("Byron") + 5, "person", 0.9)]
        return [m.core_text for m in ents.head_mentions(doc, spans, [], ents.default_rules(), add_at=0.4)]

    assert found(_sentences("Dockworkers left . Byron wrote . Byron left .", (0, 3, 6))) == []
    assert found(_sentences("Dockworkers left . Byron wrote to Byron .", (0, 3))) == ["Byron"]


def test_a_found_name_opening_the_text_in_capitals_before_a_dash_is_a_dateline_place():
    from newsprobe.entities.names import NameSpan

    doc = spacy.blank("en")("VELMORA – The ministers met . VELMORA said no .")
    spans = [NameSpan(0, 7, "person", 0.9), NameSpan(doc.text.rindex("VELMORA"), doc.text.rindex("VELMORA") + 7, "person", 0.9)]
    found = ents.head_mentions(doc, spans, [], ents.default_rules(), add_at=0.4)
    assert [(m.start, m.label) for m in found] == [(0, "GPE"), (6, "PERSON")]



def test_found_names_lose_a_trailing_of_and_skip_words_the_text_writes_in_lower_case():
    from newsprobe.entities.names import NameSpan

    doc = _sentences("Then the Emperor of the realm took Iodine and more iodine .", (0,))
    text = doc.text
    spans = [NameSpan(text.index("Emperor"), text.index("Emperor") + len("Emperor of"), "person", 0.9),
             NameSpan(text.index("Iodine"), text.index("Iodine") + 6, "person", 0.9)]
    found = ents.head_mentions(doc, spans, [], ents.default_rules(), add_at=0.4)
    assert [m.core_text for m in found] == ["Emperor"]


def test_a_person_of_a_body_tagged_as_one_name_is_split_in_two(nlp):
    from spacy.tokens import Span

    doc = spacy.blank("en")("Wikinews interviews Isabel Ruiz of Heaven Sent Gaming and Mary Queen of Scots .")
    doc.ents = [Span(doc, 2, 8, label="WORK_OF_ART"), Span(doc, 9, 13, label="PERSON")]
    found = [(m.core_text, m.label) for m in ents.collect_mentions(doc, ents.default_rules())]
    assert found == [("Isabel Ruiz", "PERSON"), ("Heaven Sent Gaming", "ORG"), ("Mary Queen of Scots", "PERSON")]


def test_a_name_found_once_is_found_where_it_is_written_again():
    from spacy.tokens import Span

    doc = _sentences("Heaven Sent Gaming met . What is Heaven Sent Gaming ? Heaven Sent Gaming Studios opened .",
                     (0, 5, 11))
    doc.ents = [Span(doc, 0, 3, label="ORG")]
    mentions = ents.collect_mentions(doc, ents.default_rules())
    found = ents.repeated_names(doc, mentions, ents.default_rules())
    assert [(m.start, m.end, m.label) for m in found] == [(7, 10, "ORG")]  # not inside a longer name


def test_repeated_names_look_at_a_bounded_number_of_names_per_word():
    """Each word is compared with at most MAX_REPEATS_PER_WORD names starting with it: linear time
    however many names share a first word."""
    names = [f"Port A{i}" for i in range(30)]
    doc = spacy.blank("en")(" , ".join(names) + " . " + " , ".join(names) + " .")
    mentions = [ents.Mention(3 * i, 3 * i + 2, "ORG", ("port", f"a{i}"), names[i]) for i in range(30)]
    found = ents.repeated_names(doc, mentions, ents.default_rules())
    assert [m.core_text for m in found] == names[:ents.MAX_REPEATS_PER_WORD]


def test_an_apposition_right_after_a_name_is_a_nominal_mention_not_an_alias(nlp):
    text = ("Ilse Varga, the head of the port union, met the mayor. Joshua Hale, Emperor of the United States, "
            "lived in Velmora.")
    analysis = analyze(text, nlp=nlp)
    varga, hale = cluster_of(analysis, "Ilse Varga"), cluster_of(analysis, "Joshua Hale")
    assert ("the head of the port union", "nominal") in [(m.text, m.kind) for m in varga.mentions]
    assert ("Emperor of the United States", "nominal") in [(m.text, m.kind) for m in hale.mentions]
    assert varga.type == hale.type == "PERSON"
    assert "the head of the port union" in varga.roles and "the head of the port union" not in varga.aliases


def test_an_apposition_longer_than_a_role_phrase_is_no_mention():
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    words = ["Varga", ",", "the", "head"] + ["and", "friend"] * 20 + ["."]
    heads = [0, 0, 3, 0] + [3] * 40 + [0]
    deps = ["ROOT", "punct", "det", "appos"] + ["cc", "conj"] * 20 + ["punct"]
    pos = ["PROPN", "PUNCT", "DET", "NOUN"] + ["CCONJ", "NOUN"] * 20 + ["PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    short = Doc(nlp.vocab, words=words[:4] + ["."], heads=[0, 0, 3, 0, 0], deps=deps[:4] + ["punct"],
                pos=pos[:4] + ["PUNCT"])
    for text, expected in ((doc, []), (short, ["the head"])):
        cluster = ents.Cluster()
        cluster.add(ents.Mention(0, 1, "PERSON", ("varga",), "Varga"))
        ents.add_apposition_mentions(text, [cluster], ents.default_rules())
        assert [m.core_text for m in cluster.mentions if m.kind == "nominal"] == expected


# --- places named inside other names (entities/places.py) ---------------------------------------------
def test_a_place_inside_an_organisation_name_is_a_place_of_its_own(nlp):
    text = "Mira Sol studied at the University of Chicago and later moved to Chicago."
    analysis = analyze(text, nlp=nlp)
    university = next(e for e in analysis.entities if "University of Chicago" in e.name)
    chicago = next(e for e in analysis.entities if e.name == "Chicago")
    assert university.type == "ORG" and chicago.type == "GPE"
    inside = [m for m in chicago.mentions if m.within]
    outside = [m for m in chicago.mentions if not m.within]
    assert [(m.text, m.within) for m in inside] == [("Chicago", university.id)]
    assert [m.text for m in outside] == ["Chicago"] and outside[0].start > inside[0].start
    assert all(m.within is None for m in university.mentions)


def test_words_that_name_small_towns_or_adjectives_are_no_nested_place():
    from spacy.tokens import Doc

    from newsprobe.entities.places import places_inside

    nlp = spacy.blank("en")
    for words, tags in ((["Columbia", "State", "University"], ["NNP", "NNP", "NNP"]),  # "University", FL
                        (["Summer", "Olympic", "Games"], ["NNP", "JJ", "NNPS"]),  # an adjective
                        (["ORAL", "ARGUMENT"], ["NNP", "NNP"])):  # Oral, Kazakhstan, in capitals
        doc = Doc(nlp.vocab, words=words, tags=tags)
        found = [doc[i:j].text for i, j in places_inside(doc, 0, len(doc), ents.default_rules().aliases)]
        assert "University" not in found and "Olympic" not in found and "ORAL" not in found
    doc = Doc(nlp.vocab, words=["U.S.", "Congress"], tags=["NNP", "NNP"])
    assert places_inside(doc, 0, 2, ents.default_rules().aliases) == [(0, 1)]  # a known short form


def test_an_organisation_named_only_as_a_known_place_is_that_place():
    cluster = ents.Cluster()
    cluster.add(ents.Mention(0, 1, "ORG", ("helsinki",), "Helsinki"))
    assert ents._place_by_name(cluster, "ORG", ents.default_rules()) == "GPE"
    company = ents.Cluster()
    company.add(ents.Mention(0, 2, "ORG", ("velmora", "freight"), "Velmora Freight"))
    assert ents._place_by_name(company, "ORG", ents.default_rules()) == "ORG"
    person = ents.Cluster()
    person.add(ents.Mention(0, 1, "PERSON", ("chin",), "Chin"))  # a surname and a state of Myanmar
    assert ents._place_by_name(person, "PERSON", ents.default_rules()) == "PERSON"


def test_within_is_written_only_when_set():
    from newsprobe.model import EntityMention

    plain = EntityMention(start=0, end=7, text="Chicago")
    assert "within" not in plain.model_dump() and '"within"' not in plain.model_dump_json()
    nested = EntityMention(start=0, end=7, text="Chicago", within="e1")
    assert nested.model_dump()["within"] == "e1" and EntityMention.model_validate_json(nested.model_dump_json()) == nested


def test_a_title_word_opening_a_company_name_makes_no_person():
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab
    rules, lexicon = ents.default_rules(), coref_rules()
    for words in (["General", "Motors", "Corporation"], ["General", "Motors"], ["Douglas", "Aircraft"]):
        assert not ents._is_titled_name(Doc(vocab, words=words), 0, len(words), rules, lexicon), words
    for words in (["General", "Soleimani"], ["Ilse", "Varga"]):
        assert ents._is_titled_name(Doc(vocab, words=words), 0, len(words), rules, lexicon), words


def test_the_parts_of_a_compound_region_name_are_places_too():
    from newsprobe.entities.places import _parts, region_names

    assert _parts("Newfoundland and Labrador") == ["Newfoundland", "Labrador"]
    assert _parts("Turks and Caicos Islands") == ["Caicos Islands"]  # "Turks" names a people
    assert _parts("Tasmania") == []
    assert {"labrador", "newfoundland", "tobago"} <= region_names() and "turks" not in region_names()
