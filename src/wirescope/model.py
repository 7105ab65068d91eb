"""The data model: one Document carries its text and everything the pipeline stages read out of it.

Every section a stage fills (sentences, entities, times, events, claims) is a list of dataclasses defined
here, so that the JSON of ``wirescope extract``, the store and the API share one source of truth. Each
record keeps character offsets into ``Document.text`` and the index of its sentence, so that every fact can
be traced back to the sentence it came from, and the ``Provenance`` (stage name and version) that made it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

ENTITY_TYPES = ("PERSON", "ORGANIZATION", "COUNTRY", "PLACE", "OTHER")
STANCES = ("assert", "deny", "speculate", "hedged", "question")
PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "century", "interval", "inferred")


@dataclass
class Provenance:
    """Which stage (and which version of it) produced a record."""

    stage: str
    version: str


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    language: str | None = None

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {"index": self.index, "start": self.start, "end": self.end, "language": self.language}
        if text is not None:
            d["text"] = text[self.start : self.end]
        return d


@dataclass
class Mention:
    text: str
    start: int
    end: int
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Entity:
    """A resolved entity of one document with its mentions.

    ``id`` is a stable id: the knowledge-base id (e.g. ``Q7747`` or ``country:RUS``) when the entity is known,
    otherwise a NIL id derived from the normalised name and type.
    """

    id: str
    type: str
    name: str
    country: str | None = None
    wikidata: str | None = None
    role: str | None = None
    sector: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "country": self.country,
            "wikidata": self.wikidata,
            "role": self.role,
            "sector": self.sector,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class TimeExpression:
    """A temporal expression. ``value`` is ISO 8601 at the text's precision (``2023``, ``2023-06``,
    ``2023-09-12``, ``2023-W37``, ``1947/1991``) or None when it cannot be resolved (no anchor)."""

    text: str
    start: int
    end: int
    value: str | None
    interval_start: str | None
    interval_end: str | None
    precision: str | None
    anchor: str | None
    sentence: int
    kind: str = "date"  # date | duration | set
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "interval": {"start": self.interval_start, "end": self.interval_end},
            "precision": self.precision,
            "anchor": self.anchor,
            "sentence": self.sentence,
            "kind": self.kind,
        }


@dataclass
class ActorRef:
    """An event participant: a reference to an entity of the document (PLOVER actor/recipient item)."""

    entity_text: str
    code: str | None
    sector: str | None = None
    identifier_id: str | None = None  # Wikidata QID
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    id: str
    event: str  # one of plover.CATEGORIES
    actor: list[ActorRef] = field(default_factory=list)
    recipient: list[ActorRef] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    date_precision: str | None = None
    event_loc: dict[str, Any] | None = None  # {"name", "entity_id", "country", "lat", "lon"}
    event_text: str = ""
    event_start: int = 0
    event_end: int = 0
    sentence: int = 0
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    reported: bool = False
    claim_id: str | None = None
    confidence: float = 0.0
    pentaclass: int | None = None
    quadclass: int | None = None
    intensity: float = 0.0
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actor"] = [a.to_dict() for a in self.actor]
        d["recipient"] = [r.to_dict() for r in self.recipient]
        d.pop("provenance")
        return d


@dataclass
class Speaker:
    text: str
    name: str | None = None
    entity_id: str | None = None
    country: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    id: str
    speaker: Speaker
    stance: str  # one of STANCES
    quote: str  # direct | indirect
    text: str
    start: int
    end: int
    sentence: int
    language: str | None = None
    date: str | None = None
    event_ids: list[str] = field(default_factory=list)
    denies: list[str] = field(default_factory=list)
    hedged: bool = False
    provenance: Provenance | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict()
        d.pop("provenance")
        return d


def content_hash(text: str) -> str:
    """SHA-256 of the whitespace-normalised text: the identity used for exact-duplicate detection."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Document:
    """An article. ``id`` is stable: derived from the content hash, so re-ingesting the same text is a no-op."""

    text: str
    id: str = ""
    url: str | None = None
    source: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None  # tz-aware, or None when unknown (never invented)
    language: str | None = None
    content_hash: str = ""
    fetched_at: datetime = field(default_factory=utcnow)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    embeddings: Any = None  # {sentence index: vector} of the sentences embedded so far (nlp.embed), or None
    languages: dict[str, float] = field(default_factory=dict)  # share of text per language
    duplicate_of: str | None = None
    translation_of: str | None = None
    provenance: list[Provenance] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if not self.id:
            self.id = self.content_hash[:16]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing a character offset (the last sentence before it if in a gap)."""
        found = 0
        for s in self.sentences:
            if s.start <= offset:
                found = s.index
            else:
                break
        return found

    def metadata_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "languages": self.languages,
            "content_hash": self.content_hash,
            "fetched_at": self.fetched_at.isoformat(),
            "duplicate_of": self.duplicate_of,
            "translation_of": self.translation_of,
            "provenance": [asdict(p) for p in self.provenance],
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``wirescope extract``: every section key is always present."""
        return {
            "document": self.metadata_dict(),
            "sentences": [s.to_dict(self.text) for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
        }
