"""Event coding on the UniversalPetrarch CAMEO validation records.

For each record with gold codings (evaluate="true"), over all events newsprobe finds in its sentence:
root found   (root accuracy) some event's code has the root (first two digits) of some gold code
code found   some event's code equals some gold code
source found some event's actor span, coded with the records' own actor/agent dictionaries, equals
             a gold source code (and "country": the first three letters agree)
target found the same for targets
main root    the event of the highest trigger in the parse (the main clause) has a gold root
Records marked noevents are scored apart: the share where no event was found.
Precision is over every record of the split, noevents ones included (whose gold roots are none):
precision    emitted events whose root is among the record's gold roots / emitted events
exact        records with no emitted root outside the gold roots, and (when coded) a gold root found
events per record  emitted events / records
A negated event ("did not clash", kept in newsprobe's output with negated set) is no CAMEO event: the
text says the action did not happen, and the records code none for it (SYNSET-13 ff. on dev). It is left
out of the code figures (root, code, main root, precision, exact, events per record); the source and
target figures, which score the actors found whatever an event's code, read every event's actor.
A fixed split by families of near-identical records (splits/cameo.json, see families.py) keeps
development and test apart: no test record has a dev twin.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from spacy.language import Language

from newsprobe.evaluate import read_split
from newsprobe.errors import Code, NewsprobeError
from newsprobe.evaluate.actors import ActorCoder
from newsprobe.evaluate.families import TWIN_SIMILARITY, families, side
from newsprobe.model import Event, Span

if TYPE_CHECKING:
    from newsprobe.events.lexicon import Lexicon

SPLITS = Path(__file__).with_name("splits") / "cameo.json"
RECORD_FILES = ("dev-validate/PETR_Validate_records_2_02.xml", "master/PETR2_GSR_validation.xml")


@dataclass
class Record:
    id: str
    text: str
    codings: list[tuple[str, str, str]] = field(default_factory=list)
    noevents: bool = False
    evaluate: bool = True


def read_records(path: Path) -> list[Record]:
    """Records in document order; an <EventCoding> or <Text> belongs to the <Sentence> before it."""
    try:
        root = etree.parse(str(path), etree.XMLParser(recover=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise NewsprobeError(Code.BAD_CAMEO, f"{path}: {exc}") from exc
    if root is None:
        raise NewsprobeError(Code.BAD_CAMEO, path)
    records: list[Record] = []
    for el in root.iter("Sentence", "EventCoding", "Text"):
        if el.tag == "Sentence":
            records.append(Record(el.get("id", ""), "", evaluate=el.get("evaluate", "true") == "true"))
        elif records and el.tag == "Text":
            records[-1].text = " ".join((el.text or "").split())
        elif records and el.get("noevents") == "True":
            records[-1].noevents = True
        elif records and el.get("eventcode"):
            records[-1].codings.append((el.get("eventcode"), el.get("sourcecode", ""), el.get("targetcode", "")))
    return [r for r in records if r.text and r.evaluate and (r.codings or r.noevents)]


def read_all(folder: Path) -> list[Record]:
    if not folder.exists():
        raise NewsprobeError(Code.DATA_MISSING, folder)
    records = []
    for name in RECORD_FILES:
        if (folder / name).exists():
            records += read_records(folder / name)
    if not records:
        raise NewsprobeError(Code.BAD_CAMEO, f"no records under {folder}")
    return records


@dataclass
class EventScore:
    records: int = 0
    root: int = 0
    code: int = 0
    source: int = 0
    target: int = 0
    source_country: int = 0
    target_country: int = 0
    main_root: int = 0
    events: int = 0
    noevent_records: int = 0
    noevent_empty: int = 0
    emitted: int = 0  # events over all records, noevents ones included
    emitted_right: int = 0  # of those, the ones whose root is among the record's gold roots
    exact: int = 0  # records (all) with no wrong root emitted and, when coded, a gold root found

    def share(self, hits: int) -> float:
        return hits / self.records if self.records else 0.0

    @property
    def precision(self) -> float:
        return self.emitted_right / self.emitted if self.emitted else 0.0

    @property
    def all_records(self) -> int:
        return self.records + self.noevent_records

    @property
    def events_per_record(self) -> float:
        return self.emitted / self.all_records if self.all_records else 0.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.all_records if self.all_records else 0.0


REPORTING = "010"


def _main_event(events: list[Event], depth: dict[int, int]) -> Event | None:
    """The highest event in the parse, a reporting verb ("..., an official said") only if alone."""
    return min(events, key=lambda e: (e.code == REPORTING, depth.get(e.trigger.start, 99), e.trigger.start),
               default=None)


def _actor_codes(actors: ActorCoder, spans: list[Span | None]) -> set[str]:
    """The actor codes of the spans that have one."""
    codes = (actors.code(span.text) for span in spans if span)
    return {code for code in codes if code is not None}


def score_record(record: Record, events: list[Event], depth: dict[int, int], actors: ActorCoder,
                 score: EventScore) -> None:
    with_actors, events = events, [e for e in events if not e.negated]
    gold_roots = {g[:2] for g, _, _ in record.codings}
    right = sum(e.code[:2] in gold_roots for e in events)
    score.emitted += len(events)
    score.emitted_right += right
    wrong = right < len(events)
    if not record.codings:
        score.exact += not wrong
        score.noevent_records += 1
        score.noevent_empty += not events
        return
    score.records += 1
    score.events += len(events)
    codes = {e.code for e in events}
    roots = {c[:2] for c in codes}
    found = not gold_roots.isdisjoint(roots)
    score.root += found
    score.exact += found and not wrong
    score.code += any(g in codes for g, _, _ in record.codings)
    sources = _actor_codes(actors, [e.actor_span for e in with_actors])
    targets = _actor_codes(actors, [e.target_span for e in with_actors])
    score.source += any(s in sources for _, s, _ in record.codings)
    score.target += any(t in targets for _, _, t in record.codings)
    score.source_country += any(s[:3] in {x[:3] for x in sources} for _, s, _ in record.codings)
    score.target_country += any(t[:3] in {x[:3] for x in targets} for _, _, t in record.codings)
    main = _main_event(events, depth)
    score.main_root += main is not None and any(main.code[:2] == g[:2] for g, _, _ in record.codings)


def split_ids(split: str) -> set[str] | None:
    return read_split(SPLITS, split)


def _check_split_covers(records: list[Record]) -> None:
    """Records the split does not list would silently drop out of both dev and test."""
    listed = (split_ids("dev") or set()) | (split_ids("test") or set())
    missing = sorted({r.id for r in records} - listed)
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise NewsprobeError(Code.CAMEO_SPLIT_STALE, f"records {', '.join(missing[:3])}{more}")


def family_split(records: list[Record]) -> dict:
    """The committed split table (splits/cameo.json): families of twins, each wholly in dev or test."""
    groups = families([r.id for r in records], [r.text for r in records])
    table: dict = {"_about": (
        "UniversalPetrarch CAMEO validation records (dev-validate, then master GSR; evaluate=true) in "
        f"families: connected components of records whose normalised texts have similarity >= "
        f"{TWIN_SIMILARITY} (or that share an id); a family is dev when sha256 of its first record id "
        "has an even first byte, else test. Rebuild: python -m newsprobe.evaluate.events FOLDER "
        "(see evaluate/families.py)."), "dev": [], "test": [], "families": []}
    for group in groups:
        ids = list(dict.fromkeys(records[i].id for i in group))
        table[side(ids[0])] += ids
        table["families"].append({"split": side(ids[0]), "ids": ids})
    return table


RECORDS_VERBS = "dev-validate/PETR_Validate_verbs_2_02.txt"


def records_lexicon(folder: Path) -> Lexicon:
    """The verb dictionary the validation records were written for, in newsprobe's lexicon form."""
    from newsprobe.events.lexicon import make_lexicon
    from newsprobe.events.lexicon_build import build_lexicon

    return make_lexicon(build_lexicon(folder / RECORDS_VERBS))


def evaluate_events(folder: Path, nlp: Language, split: str = "dev", details: list | None = None,
                    lexicon: str = "cameo") -> EventScore:
    """Score with newsprobe's CAMEO 2.0 lexicon ("cameo") or the records' own dictionary ("records")."""
    from newsprobe.pipeline.events import events_for
    from newsprobe.pipeline.extensions import register_extensions

    register_extensions()
    if lexicon not in ("cameo", "records"):
        raise NewsprobeError(Code.BAD_CONFIG, f"unknown lexicon '{lexicon}' (cameo or records)")
    lex = records_lexicon(folder) if lexicon == "records" else None
    ids = split_ids(split)
    records = read_all(folder)
    _check_split_covers(records)
    records = [r for r in records if ids is None or r.id in ids]
    actors = ActorCoder.from_folder(folder)
    score = EventScore()
    docs = nlp.pipe(r.text for r in records)
    for record, doc in zip(records, docs):
        events = events_for(doc, [], lex)
        depth = {t.idx: len(list(t.ancestors)) for t in doc}
        score_record(record, events, depth, actors, score)
        if details is not None:
            details.append((record, events))
    return score


if __name__ == "__main__":  # rebuild the committed family split from the records
    import json
    import sys

    table = family_split(read_all(Path(sys.argv[1])))
    SPLITS.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"dev {len(table['dev'])}  test {len(table['test'])}  families {len(table['families'])}")
