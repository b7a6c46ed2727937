from __future__ import annotations

import pytest

from newsprobe.events.coder import DocWords, _element_found, _stems, code_verb
from newsprobe.events.lexicon import lexicon

TEXT = ("Iran's Supreme Leader Ayatollah Ali Khamenei said on Saturday that the United States "
        "had assassinated General Soleimani. Troops fired missiles at the base and threatened "
        "to attack again. The ministers met in Baghdad and agreed to withdraw forces. "
        "Protesters Were Demanding an apology.")


def test_doc_words_are_the_tokens_forms_and_lemmas(nlp):
    doc = nlp(TEXT)
    words = DocWords.of(doc)
    assert words.lower == [t.lower_ for t in doc]
    assert words.lemma == [t.lemma_.lower() for t in doc]
    assert words.words(range(3, 12)) == {t.lower_ for t in doc[3:12]} | {t.lemma_.lower() for t in doc[3:12]}


def test_verb_codes_are_the_same_with_the_docs_words(nlp):
    doc = nlp(TEXT)
    words = DocWords.of(doc)
    verbs = [t for t in doc if t.pos_ == "VERB"]
    coded = [code_verb(v, None, v.sent.start, words) for v in verbs]
    assert coded == [code_verb(v) for v in verbs]
    assert any(coded)


def test_synset_elements():
    lex = lexicon()
    name, members = next((k, v) for k, v in lex.synsets.items()
                         if any(" " in m for m in v) and any(" " not in m for m in v))
    word = next(m for m in members if " " not in m)
    phrase = next(m for m in members if " " in m)
    assert _element_found(name, {word}, "", lex)
    assert _element_found(name, set(), f"x {phrase} y", lex)
    assert not _element_found(name, set(phrase.split()) - set(members), "", lex)
    assert not _element_found("&NO_SUCH_SET", {word}, phrase, lex)


def test_stems_undo_a_doubled_final_consonant_after_the_plain_stem():
    assert _stems("wiretapped")[:2] == ["wiretapp", "wiretap"]
    assert "teargas" in _stems("teargassing")
    assert _stems("called")[0] == "call"


@pytest.mark.parametrize(("text", "root"), [
    ("The army deposed the president in a bloodless coup.", "18"),
    ("The government backtracked on the fuel tax.", "08"),
    ("The agency wiretapped the journalists.", "16"),
    ("Police teargassed the protesters outside parliament.", "17"),
])
def test_common_verbs_missing_from_the_dictionary_get_their_class(nlp, text, root):
    """rules/events.toml [verbs]; "wiretapped" and "teargassed" also need the doubled consonant undone."""
    from newsprobe.pipeline.events import events_for

    codes = [e.code for e in events_for(nlp(text), [])]
    assert any(c.startswith(root) for c in codes)
