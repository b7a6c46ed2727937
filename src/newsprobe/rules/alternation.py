"""Word lists as regex alternations: longest word first, a space matching any run of whitespace.

`longest_first` writes the alternation as a prefix tree ("per(?:cent(?:age)?|\\s+cent)") rather than
a flat list ("percentage|per\\s+cent|percent"). Python's regex engine tries every alternative of a
flat list in turn at each position; the tree shares the work of common prefixes. The two match the
same text in the same order: the words that match at a position all lie on one path of the tree
(siblings never match the same character), and the tree tries them deepest, i.e. longest, first.
"""
from __future__ import annotations

import re

# Words the tree can take: ASCII, single spaces between non-empty parts. Anything else (case
# folding beyond ASCII, runs of spaces) would break the one-path property: a flat list is used.
_TREE_WORD = re.compile(r"[!-~]+(?: [!-~]+)*", re.ASCII)
_END = ""  # key of the marker that a word ends at a node

Tree = dict[str, "Tree"]


def flat(words: list[str]) -> str:
    """The plain alternation, longest word first (ties keep their order)."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def longest_first(words: list[str], ignore_case: bool = False) -> str:
    """A regex matching what `flat(words)` matches, in the same order of preference.

    `ignore_case`: the regex is used with re.IGNORECASE, where an ASCII letter and its other case
    match the same characters, so "Now" and "now" may share a branch."""
    ordered = sorted(words, key=len, reverse=True)
    tree = _tree(ordered, ignore_case)
    return _emit(tree) if tree is not None else flat(words)


def _tree(ordered: list[str], ignore_case: bool) -> Tree | None:
    root: Tree = {}
    for word in ordered:
        if not _TREE_WORD.fullmatch(word):
            return None
        node = root
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root if _case_distinct(root) else None


def _case_distinct(node: Tree) -> bool:
    """No two siblings differ only in case ("A" and "a" would both match under IGNORECASE)."""
    keys = [k for k in node if k != _END]
    if len({k.lower() for k in keys}) != len(keys):
        return False
    return all(_case_distinct(child) for child in node.values())


def _emit(node: Tree) -> str:
    branches = [(r"\s+" if key == " " else re.escape(key)) + _emit(child)
                for key, child in node.items() if key != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # greedy: the longer words below this node are tried before the word that ends here
    return f"(?:{body})?" if _END in node else body
