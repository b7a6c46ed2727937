"""The multilingual embedding and the language guess that let a translation join its story."""
from __future__ import annotations

import numpy as np

from newsprobe.stories import multilingual

ENGLISH = ("About 1,200 dockworkers at the port of Velmora walked off the job on Monday, demanding a pay rise "
           "of eight percent, and the union said the strike would last until the port authority returned to talks.")
SPANISH = ("Unos 1.200 estibadores del puerto de Velmora abandonaron el trabajo el lunes para exigir una subida "
           "salarial del ocho por ciento, y el sindicato dijo que la huelga duraría hasta que volvieran a negociar.")
OTHER = ("The city council voted nine to four on Wednesday to build a desalination plant costing forty million "
         "euros, and the councillor who proposed it said the plant would end the summer water cuts.")


def test_english_is_told_from_other_languages_and_short_texts_count_as_english():
    assert multilingual.is_english(ENGLISH) and multilingual.is_english(OTHER)
    assert not multilingual.is_english(SPANISH)
    assert multilingual.is_english("Huelga en el puerto de Velmora")  # too short to tell


def test_a_translation_is_nearer_than_another_event_in_the_same_language():
    vectors = multilingual.embed([ENGLISH, SPANISH, OTHER])
    assert vectors.shape == (3, multilingual.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert multilingual.embed([]).shape == (0, multilingual.DIMENSIONS)
