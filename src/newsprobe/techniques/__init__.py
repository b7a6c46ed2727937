"""Persuasion techniques (SemEval-2020 Task 11 labels): data, features, the span model and its profile."""
