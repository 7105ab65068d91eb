"""KB types and loader. (The loader and index are filled in by the knowledge-base work.)"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def normalise_alias(text: str) -> str:
    """Case-folded, NFC, whitespace-collapsed form used as the index key for aliases."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass
class KBEntry:
    id: str
    type: str  # PERSON | ORGANIZATION | COUNTRY | PLACE | OTHER
    name: str
    country: str | None = None  # ISO 3166 alpha-3 (or 3166-3 for former states)
    wikidata: str | None = None
    role: str | None = None
    sector: str | None = None  # GOV, MIL, DIP, MED, BUS, IGO, ...
    aliases: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # offices with date ranges, population, ...


class KnowledgeBase:
    def lookup(self, surface: str, lang: str | None = None) -> list[KBEntry]:
        raise NotImplementedError

    def get(self, entry_id: str) -> KBEntry | None:
        raise NotImplementedError

    def demonym(self, word: str, lang: str | None = None) -> str | None:
        raise NotImplementedError

    def surface_forms(self, lang: str | None = None) -> Iterable[tuple[str, str]]:
        raise NotImplementedError


def load_kb(extra: Iterable[Path] = ()) -> KnowledgeBase:
    raise NotImplementedError
