"""The PLOVER 2.0 event schema: the single source of truth for categories, modes, contexts and scores.

Source: the PLOVER manual (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``). PLOVER keeps the 2-digit CAMEO cue
categories as 16 ``event`` categories and moves the detail into ``mode`` (how) and ``context`` (why/about).
Version 2.0 renamed four categories of the 0.5b1 draft (DEMAND -> REQUEST; DISAPPROVE, INVESTIGATE -> ACCUSE;
FIGHT -> ASSAULT): ``LEGACY_MAP`` converts older records such as the gold-standard file PLOVER_GSR_CAMEO.

QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
PentaClass adds 0 for neutral statements and appeals (CAMEO 01-02), which PLOVER does not code as events, and
follows the CAMEO roots: CONCEDE (CAMEO 081-083, a yield) is verbal cooperation in QuadClass but PentaClass 2.
Intensity is the manual's conflict-cooperation ("Schrodt") score, from -10 (most conflictual) to +10.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wirescope.model import ActorRef, Document, Event

CODEBOOK = "plover-2.0"


@dataclass(frozen=True)
class Category:
    """One PLOVER event category with its class, default intensity and the modes the manual defines."""

    name: str
    quadclass: int
    intensity: float
    requires_recipient: bool
    modes: tuple[str, ...] = ()
    penta: int | None = None  # PentaClass when it differs from the QuadClass (CAMEO 08 is material)

    @property
    def pentaclass(self) -> int:
        return self.penta if self.penta is not None else self.quadclass

    @property
    def verbal(self) -> bool:
        return self.quadclass in (1, 3)


_CATEGORY_LIST: tuple[Category, ...] = (
    Category("AGREE", 1, 4.2, False),
    Category("CONSULT", 1, 2.1, False, ("visit", "third-party", "multilateral", "phone")),
    Category("SUPPORT", 1, 4.6, False),
    Category("CONCEDE", 1, 5.0, False, penta=2),
    Category("COOPERATE", 2, 6.8, True),
    Category("AID", 2, 7.4, True, ("economic", "military", "humanitarian", "asylum")),
    Category("RETREAT", 2, 7.6, False,
             ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign")),
    Category("REQUEST", 3, -5.0, False, ("assist", "change", "yield", "meet")),
    Category("ACCUSE", 3, -2.0, False, ("allege", "investigate", "sue")),
    Category("REJECT", 3, -4.2, False, ("assist", "change", "yield", "meet")),
    Category("THREATEN", 3, -5.1, False,
             ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence")),
    Category("PROTEST", 4, -6.6, False,
             ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct")),
    Category("SANCTION", 4, -5.2, True, ("convict", "cancel", "expel", "withdraw", "sever")),
    Category("MOBILIZE", 4, -5.3, False, ("troops", "weapons", "police")),
    Category("COERCE", 4, -7.2, False,
             ("confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport",
              "withhold")),
    Category("ASSAULT", 4, -9.3, False,
             ("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
              "firearms", "explosives", "suicide-attack", "heavy-weapons")),
)

#: name -> Category, in the manual's order
CATEGORY_INFO: dict[str, Category] = {c.name: c for c in _CATEGORY_LIST}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_INFO)

#: PLOVER 0.5b1 category -> 2.0 category (also the 0.7 draft's DEMAND)
LEGACY_MAP: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

#: general context tags of the manual (table "General contexts")
CONTEXTS: tuple[str, ...] = (
    "political", "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource",
    "culture", "disease", "enviro_disaster", "migration", "humanitarian", "legal", "human_rights",
    "rights_freedoms", "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity", "government",
    "election", "legislative", "cbrn", "cyber", "political_institutions", "corruption", "crime",
    "crime_murder", "crime_theft", "crime_drugs", "crime_sexual",
)
#: modality tags that PLOVER also carries in ``context``
MODALITY_CONTEXTS: tuple[str, ...] = ("future", "historical", "hypothetical", "negation")

#: intensity adjustments by (category, mode): how much more or less severe than the category's default
_MODE_INTENSITY: dict[tuple[str, str], float] = {
    ("ASSAULT", "heavy-weapons"): -10.0,
    ("ASSAULT", "suicide-attack"): -10.0,
    ("ASSAULT", "explosives"): -10.0,
    ("ASSAULT", "beat"): -8.0,
    ("ASSAULT", "destroy"): -8.0,
    ("COERCE", "arrest"): -6.5,
    ("COERCE", "censor"): -6.0,
    ("THREATEN", "violence"): -7.0,
    ("THREATEN", "territory"): -7.0,
    ("SANCTION", "cancel"): -4.0,
    ("SANCTION", "sever"): -6.0,
    ("MOBILIZE", "weapons"): -6.0,
    ("AID", "military"): 8.0,
    ("AID", "humanitarian"): 7.4,
    ("CONSULT", "visit"): 2.8,
    ("REQUEST", "assist"): -3.0,
    ("RETREAT", "release"): 7.6,
}

#: fields every PLOVER record must have (manual, chapter "JSON Data Fields")
REQUIRED_FIELDS: tuple[str, ...] = ("id", "date", "source", "event")


def normalize_category(name: str) -> str | None:
    """A 2.0 category for a 2.0 or legacy (0.5b1/0.7) name; None for anything else (e.g. DOCUMENT)."""
    upper = name.strip().upper()
    upper = LEGACY_MAP.get(upper, upper)
    return upper if upper in CATEGORY_INFO else None


def quadclass(category: str) -> int:
    return CATEGORY_INFO[category].quadclass


def pentaclass(category: str | None) -> int:
    """PentaClass of a category; 0 (neutral statement) when there is no PLOVER event."""
    return CATEGORY_INFO[category].pentaclass if category in CATEGORY_INFO else 0


def intensity(category: str, mode: str | None = None) -> float:
    if mode is not None and (category, mode) in _MODE_INTENSITY:
        return _MODE_INTENSITY[(category, mode)]
    return CATEGORY_INFO[category].intensity


def is_valid_mode(category: str, mode: str | None) -> bool:
    return mode is None or mode in CATEGORY_INFO[category].modes


def _actor_object(ref: ActorRef) -> dict[str, Any]:
    return {
        "code": ref.code,
        "sector": ref.sector,
        "actor_text": ref.entity_text,
        "identifier_id": ref.identifier_id,
        "entity_id": ref.entity_id,
    }


def _modality_contexts(event: Event) -> list[str]:
    flags = {
        "future": event.future,
        "historical": event.historical,
        "hypothetical": event.hypothetical,
        "negation": event.negated,
    }
    return [name for name in MODALITY_CONTEXTS if flags[name]]


def _record_date(event: Event, doc: Document) -> str | None:
    """YYYY-MM-DD when the event is dated to the day; else the event's own value, else the publication day."""
    if event.date:
        return event.date
    return doc.published.date().isoformat() if doc.published else None


def to_plover_record(event: Event, doc: Document, coder: str = "wirescope") -> dict[str, Any]:
    """The PLOVER JSON record of one event (field names of the manual's "PLOVER JSON" table).

    ``date`` is the event's date at the precision the text gives (the manual asks for YYYY-MM-DD; coarser
    values are kept as ISO 8601 rather than invented) and falls back to the publication date.
    """
    sentence = doc.sentences[event.sentence] if event.sentence < len(doc.sentences) else None
    text_info: dict[str, Any] = {"sequence": event.sentence, "event_start": event.event_start,
                                 "event_end": event.event_end}
    if sentence is not None:
        text_info.update(start=sentence.start, end=sentence.end)
    record: dict[str, Any] = {
        "id": f"{doc.id}-{event.id}",
        "has_event": True,
        "date": _record_date(event, doc),
        "date_precision": event.date_precision,
        "enddate": event.enddate,
        "source": [_actor_object(a) for a in event.actor],
        "recipient": [_actor_object(r) for r in event.recipient],
        "event": [event.event],
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context) + _modality_contexts(event),
        "event_loc": event.event_loc,
        "event_text": [event.event_text] if event.event_text else [],
        "quad_code": event.quadclass if event.quadclass is not None else quadclass(event.event),
        "event_scale": event.intensity,
        "text": doc.sentence_text(event.sentence) if sentence is not None else None,
        "text_info": text_info,
        "cite_info": {
            "url": doc.url,
            "title": doc.title,
            "language": (sentence.language if sentence and sentence.language else doc.language),
            "publication": doc.source,
            "coder": coder,
            "codebook": CODEBOOK,
        },
        "coder": coder,
        "coded_date": date.today().isoformat(),
        "reported": event.reported,
        "claim_id": event.claim_id,
        "confidence": event.confidence,
    }
    return record


def missing_required(record: dict[str, Any]) -> list[str]:
    """Required PLOVER fields that are absent or empty in a record."""
    return [name for name in REQUIRED_FIELDS if not record.get(name)]


def to_plover_records(doc: Document, coder: str = "wirescope") -> list[dict[str, Any]]:
    """PLOVER JSON records of all events of a processed document (for ``wirescope events --format plover``;
    one record per line makes the JSONL the manual recommends)."""
    return [to_plover_record(event, doc, coder) for event in doc.events]
