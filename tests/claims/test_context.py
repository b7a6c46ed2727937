"""Transcript context features: roles and turns from the transcript itself, zeros outside one."""
import numpy as np

from newsprobe.claims.context import CONTEXT_FEATURES, Utterance, plain_features, transcript_features

COLUMN = {name: k for k, name in enumerate(CONTEXT_FEATURES)}
TRANSCRIPT = [
    Utterance("HOLT", "Good evening."),
    Utterance("HOLT", "What will you do about jobs?"),
    Utterance("TRUMP", "Our jobs are fleeing the country."),
    Utterance("TRUMP", "Ford is leaving, 2,500 jobs."),
    Utterance("SYSTEM", "(APPLAUSE)"),
    Utterance("HOLT", "Secretary Clinton, your answer?"),
    Utterance("CLINTON", "We created 15 million jobs."),
]


def column(rows, name):
    return rows[:, COLUMN[name]].tolist()


def test_roles_and_turns():
    rows = transcript_features(TRANSCRIPT)
    assert rows.shape == (7, len(CONTEXT_FEATURES))
    assert column(rows, "in_transcript") == [1.0] * 7
    assert column(rows, "non_person") == [0, 0, 0, 0, 1, 0, 0]
    # The moderator asked 2 of her 3 sentences; the candidates asked none.
    assert column(rows, "speaker_question_share")[0] == 2 / 3
    assert column(rows, "speaker_question_share")[2] == 0.0
    assert column(rows, "turn_first") == [1, 0, 1, 0, 1, 1, 1]
    assert column(rows, "turn_last") == [0, 1, 0, 1, 1, 1, 1]
    assert column(rows, "after_question") == [0, 0, 1, 1, 0, 0, 1]
    assert column(rows, "previous_question") == [0, 0, 1, 0, 0, 0, 1]
    assert column(rows, "position")[0] == 0.0 and column(rows, "position")[-1] == 1.0


def test_no_speaker_identity_only_roles():
    """Renaming every speaker (consistently) changes nothing: no one is scored for who they are."""
    renamed = [Utterance({"HOLT": "A", "TRUMP": "B", "CLINTON": "C"}.get(u.speaker, u.speaker), u.text)
               for u in TRANSCRIPT]
    assert np.array_equal(transcript_features(TRANSCRIPT), transcript_features(renamed))


def test_plain_sentences_have_zero_context():
    assert not plain_features(3).any()
    assert transcript_features([]).shape == (0, len(CONTEXT_FEATURES))
