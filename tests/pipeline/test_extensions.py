from __future__ import annotations

import spacy

from spacy.attrs import LOWER

from newsprobe.pipeline.extensions import doc_text, remember_text, sentences, token_starts, word_texts


def test_remembered_text_is_the_docs_text():
    nlp = spacy.blank("en")
    text = "  Two  spaces.\nA line\u00a0break. "
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    assert doc.user_data["np_text"] == doc.text == doc_text(doc)


def test_text_that_is_not_the_docs_is_not_remembered():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Short text.")
    remember_text(doc, "A different, longer text.")
    assert "np_text" not in doc.user_data
    assert doc_text(doc) == "Short text."


def test_empty_doc():
    doc = spacy.blank("en").make_doc("")
    remember_text(doc, "")
    assert doc_text(doc) == ""


def test_sentences_match_spacys(nlp):
    doc = nlp("The minister spoke. He left early! Did she stay?")
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]


def test_token_arrays_match_the_tokens(nlp):
    for text in ["The minister said: \u201cNo.\u201d  Then\n\nshe LEFT Paris.", " ", ""]:
        doc = nlp(text)
        assert token_starts(doc) == [t.idx for t in doc]
        assert word_texts(doc) == [t.text for t in doc]
        assert word_texts(doc, LOWER) == [t.lower_ for t in doc]
