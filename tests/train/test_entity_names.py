import numpy as np

from newsprobe.entities.names import TAGS
from newsprobe.evaluate.gum import GoldMention, GumDoc
from newsprobe.train.entity_names import head_phrase, piece_tags


def _mention(text: str, phrase: str, type_: str, identity: str | None = "x") -> GoldMention:
    start = text.index(phrase)
    return GoldMention("m", start, start + len(phrase), type_, identity, phrase.split(" "))


def test_head_phrase_stops_at_a_comma_or_relative_pronoun_and_drops_the():
    text = "the University of Leiden , which grew"
    mention = _mention(text, "the University of Leiden , which grew", "organization")
    start, end = head_phrase(mention)
    assert text[start:end] == "University of Leiden"


def test_piece_tags_give_the_outer_name_and_other_families():
    text = "She studied at the University of Leiden in May 1990 with Ada Lovelace ."
    doc = GumDoc("d", text, [_mention(text, "the University of Leiden", "organization"),
                             _mention(text, "Leiden", "place"),
                             _mention(text, "May 1990", "time"),
                             _mention(text, "Ada Lovelace", "person"),
                             _mention(text, "She", "person")])
    words = text.split(" ")
    starts = np.array([sum(len(w) + 1 for w in words[:k]) for k in range(len(words))])
    tags = [TAGS[t] for t in piece_tags(doc, starts)]
    by_word = dict(zip(words, tags))
    assert [by_word[w] for w in ("University", "of", "Leiden")] == ["B-organization", "I-organization", "I-organization"]
    assert by_word["the"] == "O" and by_word["She"] == "O"  # a pronoun is not a name
    assert (by_word["May"], by_word["1990"]) == ("B-other", "I-other")
    assert (by_word["Ada"], by_word["Lovelace"]) == ("B-person", "I-person")
