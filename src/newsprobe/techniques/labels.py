"""The 14 technique labels of SemEval-2020 Task 11 and the mapping from the datathon's 18."""
from __future__ import annotations

LABELS: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

# Datathon v5 labels merged by SemEval-2020 (see the data's SOURCE.txt); Obfuscation has no 2020 label.
MERGED: dict[str, str] = {
    "Bandwagon": "Bandwagon,Reductio_ad_hitlerum",
    "Reductio_ad_hitlerum": "Bandwagon,Reductio_ad_hitlerum",
    "Whataboutism": "Whataboutism,Straw_Men,Red_Herring",
    "Straw_Men": "Whataboutism,Straw_Men,Red_Herring",
    "Red_Herring": "Whataboutism,Straw_Men,Red_Herring",
}
DROPPED: frozenset[str] = frozenset({"Obfuscation,Intentional_Vagueness,Confusion"})


def map_label(label: str) -> str | None:
    """The 2020 label for a datathon (or 2020) label; None for a dropped one; KeyError if unknown."""
    if label in DROPPED:
        return None
    label = MERGED.get(label, label)
    if label not in LABELS:
        raise KeyError(label)
    return label
