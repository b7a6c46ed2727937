"""The one JSON contract: typed findings that each point at exact characters of the article."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, field_validator, model_serializer

SCHEMA_VERSION = "1.0"

# Closed vocabularies of the contract, named so that the code producing them can say so too.
AttributionKind = Literal["direct", "indirect", "mixed", "other"]
AttributionOrigin = Literal["rules", "learned"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Voice = Literal["outlet", "attributed", "vague"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(_Model):
    """Characters [start, end) of `article.text`; a discontinuous span lists its `parts`."""

    start: int
    end: int
    text: str
    parts: list[Span] | None = None


class Licence(_Model):
    id: str = Field(description="SPDX-style licence id, e.g. CC-BY-4.0")
    notice: Span


class Article(_Model):
    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO date YYYY-MM-DD")
    dateline: Span | None = None
    language: str | None = None
    licence: Licence | None = None


MentionKind = Literal["name", "nominal", "pronoun"]


class EntityMention(Span):
    """A mention of an entity: a Span that also says how the entity is named there."""

    kind: MentionKind = Field(
        default="name", description="name ('Ilse Varga'), nominal ('the minister') or pronoun ('she')")
    within: str | None = Field(
        default=None, description="a name inside another entity's name ('Chicago' in 'the University of "
                                  "Chicago'): that entity's id; written only when set")

    @model_serializer(mode="wrap")
    def _without_unset_within(self, handler: SerializerFunctionWrapHandler) -> dict:
        """Most mentions sit inside no other name: their JSON stays as it was before `within` existed."""
        data = handler(self)
        if data.get("within", "") is None:
            del data["within"]
        return data


class Entity(_Model):
    id: str
    name: str
    type: str
    mentions: list[EntityMention]
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)

    @field_validator("mentions", mode="before")
    @classmethod
    def _spans_are_names(cls, value: object) -> object:
        """A plain Span (as callers built mentions before `kind` existed) is read as a name."""
        if isinstance(value, list):
            return [m.model_dump(exclude_none=True) if type(m) is Span else m for m in value]
        return value


class Attribution(_Model):
    kind: AttributionKind
    source: Span | None = None
    cue: Span | None = None
    content: Span
    speaker: str | None = None
    channel: Span | None = None
    vague: bool = False
    confidence: float = 1.0
    polarity: Literal["asserts", "denies"] = Field(
        "asserts", description="denies: the source rejects the content (\"denied that ...\")")
    origin: AttributionOrigin = Field(
        "rules", description="what found it: the rules, or the learned head over the shared trunk")


class Timex(_Model):
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    anchored: bool = Field(default=True, description="False when the value depends on a missing anchor date")
    relative: str | None = Field(default=None, description="offset from the anchor, e.g. DCT-P2Y")


class Event(_Model):
    trigger: Span
    code: str
    actor: str | None = None
    target: str | None = None
    time: int | None = None
    place: str | None = None
    confidence: float = 1.0
    actor_span: Span | None = Field(default=None, description="the actor's words at the trigger")
    target_span: Span | None = Field(default=None, description="the target's words at the trigger")
    negated: bool = Field(default=False, description="the text says the action did not happen")


class Claim(_Model):
    start: int
    end: int
    text: str
    checkworthiness: float = Field(ge=0.0, le=1.0)
    voice: Voice
    attribution: int | None = None
    denied: bool = Field(False, description="the attribution's source denies this content: not its claim")
    certainty: Literal["hedged", "asserted"] = "asserted"
    hedged: bool = False
    hedges: list[Span] = Field(default_factory=list, description="cues that hedge the claim")
    boosters: list[Span] = Field(default_factory=list,
                                 description="cues that present the claim as settled fact")


class Technique(_Model):
    start: int
    end: int
    text: str
    technique: str
    confidence: float


class TechniqueProfile(_Model):
    """Article-level summary of the techniques layer (`ran` is false, with a reason, when it was skipped)."""

    ran: bool
    reason: str | None = None
    counts: dict[str, int] = Field(default_factory=dict)
    sentences: int = 0
    sentences_with_technique: int = 0
    share_of_sentences: float = 0.0


class Analysis(_Model):
    source: str
    article: Article
    entities: list[Entity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    techniques: list[Technique] = Field(default_factory=list)
    technique_profile: TechniqueProfile | None = None
    schema_version: str = SCHEMA_VERSION


# The lists of findings an Analysis holds, in the order of the JSON contract (doc._.np_<name> in the pipeline).
FINDINGS = ("entities", "attributions", "timexes", "events", "claims", "techniques")


def json_schema() -> dict:
    return Analysis.model_json_schema()
