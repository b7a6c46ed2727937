"""Features of a sentence's place in a transcript: who speaks it and what surrounds it.

A debate ranks its own sentences, and where a sentence sits says much about it: moderators ask and
announce (they are almost never check-worthy), the first sentence of an answer often restates the
question, a short turn is an interjection. The features use no speaker identity (a person is never
scored up or down for who they are), only roles visible in the transcript itself: a speaker's share
of question marks and of the debate's sentences, non-person labels (SYSTEM, AUDIENCE), the turn.

Plain sentences (ClaimBuster rows, news units, `claims score` lines) have no transcript: all zeros,
so the model scores them on their text alone.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np

from newsprobe.rules import load_rules

CONTEXT_FEATURES = ("in_transcript", "non_person", "speaker_question_share", "speaker_sentence_share",
                    "turn_first", "turn_last", "turn_log_length", "after_question", "position",
                    "previous_question", "next_same_speaker_share")


@dataclass(frozen=True)
class Utterance:
    speaker: str
    text: str


@cache
def _non_person_labels() -> tuple[str, ...]:
    return tuple(label.casefold() for label in load_rules("claims")["context"]["non_person_speakers"])


def _is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def _turns(speakers: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of sentences by one speaker."""
    turns, start = [], 0
    for i in range(1, len(speakers) + 1):
        if i == len(speakers) or speakers[i] != speakers[start]:
            turns.append((start, i))
            start = i
    return turns


def transcript_features(utterances: list[Utterance]) -> np.ndarray:
    """One row per utterance, columns as CONTEXT_FEATURES, for one transcript in order."""
    n = len(utterances)
    rows = np.zeros((n, len(CONTEXT_FEATURES)))
    if not n:
        return rows
    speakers = [u.speaker.casefold() for u in utterances]
    questions = [_is_question(u.text) for u in utterances]
    said = Counter(speakers)
    asked = Counter(s for s, q in zip(speakers, questions) if q)
    non_person = _non_person_labels()
    for start, end in _turns(speakers):
        # The previous turn's last sentence: an answer follows a question.
        after_question = float(start > 0 and questions[start - 1])
        for i in range(start, end):
            speaker = speakers[i]
            rows[i] = [
                1.0,
                float(any(label in speaker for label in non_person)),
                asked[speaker] / said[speaker],
                said[speaker] / n,
                float(i == start),
                float(i == end - 1),
                math.log1p(end - start),
                after_question,
                i / max(1, n - 1),
                float(i > 0 and questions[i - 1]),
                (end - start) / n,
            ]
    return rows


def plain_features(count: int) -> np.ndarray:
    """Rows for sentences outside any transcript."""
    return np.zeros((count, len(CONTEXT_FEATURES)))
