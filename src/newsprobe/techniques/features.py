"""Token features for the span tagger, read off a parsed spaCy Doc (nothing is re-parsed).

The features are lexical and syntactic, plus two kinds learnt or counted: a lexicon prior (how often
a lemma sits inside a technique span in the training articles) and repetition inside the article.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, SHAPE, TAG
from spacy.tokens import Doc

from newsprobe.pipeline.extensions import sentences

CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "ADV"})
QUOTES = frozenset({'"', "“", "”", "«", "»", "``", "''"})
# Lexicon prior: lemma -> share of its training occurrences inside a span, and how often it was seen.
VECTOR_NAMES = tuple(f"v{d}" for d in range(512))
Lexicon = Mapping[str, tuple[float, int]]


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _prior_bucket(share: float) -> str:
    return str(min(9, int(share * 10)))


def lemma_keys(doc: Doc) -> list[str]:
    """The key each token has in the lexicon prior: its lowercase lemma."""
    strings = doc.vocab.strings
    return [strings[h].lower() for h in doc.to_array(LEMMA).tolist()] if len(doc) else []


def _in_quotes(texts: list[str]) -> list[bool]:
    """Whether each token lies between an opening and a closing quote mark in its line."""
    flags = []
    inside = False
    for token in texts:
        if token in QUOTES:
            inside = not inside
            flags.append(True)
            continue
        if "\n" in token:
            inside = False
        flags.append(inside)
    return flags


def _sentence_info(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """Per token: position in its sentence, distance to its end, and the sentence's mood marks."""
    info: list[tuple[int, int, str]] = [(0, 0, "")] * len(doc)
    for sent in sentences(doc):
        sent_text = text[sent.start_char:sent.end_char]
        mood = ("!" if "!" in sent_text else "") + ("?" if "?" in sent_text else "")
        last = sent.end - 1
        for i in range(sent.start, sent.end):
            info[i] = (i - sent.start, last - i, mood)
    return info


def _line_info(text: str, starts: list[int]) -> list[tuple[bool, bool]]:
    """Per token: whether its line is the first (the title) and whether the line is short (< 80 chars)."""
    breaks = [k for k, ch in enumerate(text) if ch == "\n"] + [len(text)]
    out = []
    line = 0
    for idx in starts:
        while breaks[line] < idx:
            line += 1
        start = breaks[line - 1] + 1 if line else 0
        out.append((line == 0, breaks[line] - start < 80))
    return out


_COLUMNS = [ORTH, LOWER, POS, TAG, DEP, HEAD, SHAPE, ENT_TYPE, IDX]


def _columns(doc: Doc) -> tuple[list, ...]:
    """The token attributes the features use, read as one array: a Token object per access costs."""
    if not len(doc):
        return ([],) * 9
    array = doc.to_array(_COLUMNS)  # uint64: string hashes, and HEAD as a relative offset
    orth, lower, pos, tag, dep, _, shape, ent, idx = array.T.tolist()
    heads = [i + offset for i, offset in enumerate(array[:, 5].astype("int64").tolist())]
    name = doc.vocab.strings.__getitem__
    return ([name(h) for h in orth], [name(h) for h in lower], [name(h) for h in pos],
            [name(h) for h in tag], [name(h) for h in dep], heads, [name(h)[:4] for h in shape],
            [name(h) or "-" for h in ent], idx)


def doc_features(doc: Doc, lexicon: Lexicon, lemmas: list[str] | None = None,
                 vectors: bool = False, sent_prob: list[float] | None = None) -> list[dict[str, object]]:
    """One feature dict per token (string values are one-hot, float values are weights).

    `sent_prob` gives each token its sentence's probability of holding any technique."""
    lemmas = lemmas if lemmas is not None else lemma_keys(doc)
    texts, words, pos, tags, deps, heads, shapes, ents, starts = _columns(doc)
    text = doc.text
    counts = Counter(l for l, p in zip(lemmas, pos) if p in CONTENT_POS)
    pairs = Counter(zip(words, words[1:]))
    quoted = _in_quotes(texts)
    sentence = _sentence_info(doc, text)
    lines = _line_info(text, starts)
    n = len(doc)
    dense = doc.tensor.tolist() if vectors and doc.tensor is not None and len(doc.tensor) == n else None
    priors = [lexicon.get(lem, (0.0, 0)) for lem in lemmas]
    prior_keys = [_prior_bucket(share) if seen >= 2 else "u" for share, seen in priors]
    rows = []
    for i in range(n):
        lem = lemmas[i]
        share, seen = priors[i]
        k, to_end, mood = sentence[i]
        title, short = lines[i]
        word = words[i]
        f: dict[str, object] = {
            "b": 1.0,
            "w": word,
            "l": lem,
            "p": pos[i],
            "t": tags[i],
            "d": deps[i],
            "s": shapes[i],
            "x3": word[-3:],
            "e": ents[i],
            "hl": lemmas[heads[i]],
            "hp": pos[heads[i]],
            "pr": prior_keys[i],
            "prv": share if seen >= 2 else 0.0,
            "pos": _bucket(k, (0, 1, 2, 5, 10, 20)),
            "end": _bucket(to_end, (0, 1, 2, 5, 10)),
            "m": mood,
            "q": quoted[i],
            "ti": title,
            "sh": short,
        }
        if sent_prob is not None:
            f["sp"] = str(min(9, int(sent_prob[i] * 10)))
            f["spv"] = sent_prob[i]
        if pos[i] in CONTENT_POS:
            f["rep"] = _bucket(counts[lem], (1, 2, 3, 5))
        if i + 1 < n:
            repeats = pairs[(word, words[i + 1])]
            if repeats > 1:
                f["rep2"] = _bucket(repeats, (2, 3, 5))
            f["w1"], f["p1"], f["pr1"] = words[i + 1], pos[i + 1], prior_keys[i + 1]
            f["ww+1"] = f"{word}|{words[i + 1]}"
        else:
            f["w1"] = "<s>"
        if i + 2 < n:
            f["w2"], f["p2"], f["pr2"] = words[i + 2], pos[i + 2], prior_keys[i + 2]
        else:
            f["w2"] = "<s>"
        if i >= 1:
            f["w-1"], f["p-1"], f["pr-1"] = words[i - 1], pos[i - 1], prior_keys[i - 1]
            f["w-1w"] = f"{words[i - 1]}|{word}"
        else:
            f["w-1"] = "<s>"
        if i >= 2:
            f["w-2"], f["p-2"], f["pr-2"] = words[i - 2], pos[i - 2], prior_keys[i - 2]
        else:
            f["w-2"] = "<s>"
        if dense is not None:  # the parser's own contextual token vector (tok2vec), already computed
            f.update(zip(VECTOR_NAMES, dense[i]))
        rows.append(f)
    return rows


def learn_lexicon(docs_lemmas: list[list[str]], docs_inside: list[list[bool]],
                  min_count: int = 2) -> dict[str, tuple[float, int]]:
    """lemma -> (share of occurrences inside spans, occurrences), from training articles."""
    total: Counter = Counter()
    inside: Counter = Counter()
    for lemmas, flags in zip(docs_lemmas, docs_inside):
        total.update(lemmas)
        inside.update(l for l, f in zip(lemmas, flags) if f)
    return {l: (inside[l] / c, c) for l, c in total.items() if c >= min_count}


def lexicon_without(lexicon_counts: tuple[Counter, Counter], lemmas: list[str],
                    flags: list[bool]) -> dict[str, tuple[float, int]]:
    """The lexicon with one article's own counts taken out (so training features do not leak labels)."""
    total, inside = lexicon_counts
    own_total = Counter(lemmas)
    own_inside = Counter(l for l, f in zip(lemmas, flags) if f)
    out = {}
    for lemma, own in own_total.items():
        c = total[lemma] - own
        out[lemma] = ((inside[lemma] - own_inside[lemma]) / c, c) if c > 0 else (0.0, 0)
    return out
