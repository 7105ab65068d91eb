"""KB types, the alias index and the loader.

Aliases carry a language tag and a kind (``name``, ``abbr``, ``metonym``, ``cldr``, ``alt``). Two rules keep a
multilingual index usable:

* ``surface_forms(lang)`` only yields aliases tagged with that language or with no language, so a Swahili CLDR
  country name never becomes a gazetteer entry for Swedish text; ``lookup`` searches every language.
* Abbreviations are *strict* (only valid in their language: nl ``VS`` is the United States, en ``vs`` is not) and
  short all-caps aliases are *case-sensitive* (``US`` vs the English pronoun ``us``): ``lookup`` enforces both.
"""

from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

DATA_DIR = Path(__file__).parent / "data"
#: Environment variable with user KB files (``os.pathsep``-separated) that every :func:`load_kb` call adds;
#: ``wirescope --kb FILE`` sets it.
KB_ENV = "WIRESCOPE_KB"


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


class AliasRef(NamedTuple):
    """One alias of one entry, as stored in the index (a tuple: there are ~200,000 of them)."""

    text: str  # the alias as written in the data
    entry_id: str
    kind: str  # name | abbr | metonym | cldr | alt
    lang: str | None = None  # None: valid in every language
    strict: bool = False  # only valid when the text is in ``lang``
    case_sensitive: bool = False  # must match ``text`` exactly (short all-caps abbreviations)

    def accepts(self, surface: str, lang: str | None) -> bool:
        if self.strict and lang is not None and self.lang != lang:
            return False
        return not self.case_sensitive or _strip_marks(surface) == _strip_marks(self.text)


@dataclass(frozen=True)
class AliasMatch:
    """Result of :meth:`KnowledgeBase.matches`: an entry and how the surface named it."""

    entry: KBEntry
    kind: str  # name | abbr | metonym | cldr | alt
    lang: str | None

    @property
    def is_metonym(self) -> bool:
        return self.kind == "metonym"


def _in_office(office: dict[str, Any], day: str) -> bool:
    """Whether ISO ``day`` falls in the office's range; partial dates (``2019``, ``2019-06``) compare by prefix."""
    start, end = str(office.get("start") or ""), str(office.get("end") or "")
    return (not start or start <= day[: len(start)]) and (not end or day[: len(end)] <= end)


def _strip_marks(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_case_sensitive_alias(text: str) -> bool:
    """Short all-caps Latin/Cyrillic aliases (US, AP, VS, ООН) must match case: they collide with words."""
    return len(text) <= 12 and text.isupper() and sum(c.isalpha() for c in text) <= 5


_KIND_RANK = {"name": 0, "cldr": 1, "abbr": 2, "alt": 3, "metonym": 4}
_TYPE_RANK = {"PERSON": 0, "ORGANIZATION": 1, "COUNTRY": 2, "PLACE": 3, "OTHER": 4}


class KnowledgeBase:
    """Entries plus an alias index and a demonym index. Build with :func:`load_kb`."""

    def __init__(self) -> None:
        self.entries: dict[str, KBEntry] = {}
        self._index: dict[str, list[AliasRef]] = defaultdict(list)
        # demonym form -> {lang: alpha-3}; conflicting forms within one language are dropped at build time
        self._demonyms: dict[str, dict[str, str]] = defaultdict(dict)
        self._country_codes: dict[str, str] = {}  # alpha-2 / alpha-3 / numeric -> alpha-3
        self._alias_keys: dict[str, set[tuple[str, str, str | None]]] = defaultdict(set)
        self._fuzzy_cache: dict[tuple[str, ...], tuple[list[str], list[tuple[str, ...]]]] = {}
        self._places_loaded = False
        self._place_loader: Any = None  # callable(kb) that adds places on first use

    # -- building -------------------------------------------------------------------------------------------------
    def add_entry(self, entry: KBEntry) -> KBEntry:
        """Add or merge an entry (a user file can add aliases to a shipped entry by reusing its id)."""
        old = self.entries.get(entry.id)
        if old is None:
            self.entries[entry.id] = entry
            return entry
        for attr in ("country", "wikidata", "role", "sector", "lat", "lon"):
            value = getattr(entry, attr)
            if value is not None:
                setattr(old, attr, value)
        if entry.name and entry.type == old.type:
            old.name = entry.name
        old.extra.update(entry.extra)
        return old

    def add_alias(
        self, entry_id: str, text: str, kind: str = "name", lang: str | None = None, strict: bool | None = None
    ) -> None:
        text = text.strip()
        key = normalise_alias(text)
        if not key:
            return
        if strict is None:
            strict = kind == "abbr" and lang is not None
        seen = self._alias_keys[entry_id]
        if (text, kind, lang) in seen:
            return
        if (text, "", None) not in seen:
            seen.add((text, "", None))
            self.entries[entry_id].aliases.append(text)
        seen.add((text, kind, lang))
        self._index[key].append(AliasRef(text, entry_id, kind, lang, strict, is_case_sensitive_alias(text)))

    def add_demonym(self, form: str, lang: str, code: str) -> None:
        """Register an adjective/demonym form; a form claimed by two countries in one language is made ambiguous."""
        key = normalise_alias(form)
        current = self._demonyms[key].get(lang)
        self._demonyms[key][lang] = code if current in (None, code) else ""

    def add_country_code(self, code: str, alpha3: str) -> None:
        self._country_codes[str(code).upper()] = alpha3

    # -- queries --------------------------------------------------------------------------------------------------
    def _ensure_places(self) -> None:
        if not self._places_loaded and self._place_loader is not None:
            self._places_loaded = True
            self._place_loader(self)

    def matches(self, surface: str, lang: str | None = None) -> list[AliasMatch]:
        """Entries named by ``surface`` with the kind of naming (metonyms flagged), best first.

        Order: aliases of ``lang`` before others, proper names before metonyms, then people, organisations,
        countries, places; places by population.
        """
        self._ensure_places()
        refs = [r for r in self._index.get(normalise_alias(surface), ()) if r.accepts(surface, lang)]
        best: dict[str, AliasRef] = {}
        for ref in sorted(refs, key=lambda r: (r.lang != lang and r.lang is not None, _KIND_RANK.get(r.kind, 9))):
            best.setdefault(ref.entry_id, ref)

        def rank(ref: AliasRef) -> tuple[int, int, int, float]:
            entry = self.entries[ref.entry_id]
            kind_rank = 1 if ref.kind == "metonym" else 0
            return (
                kind_rank,
                0 if ref.lang in (lang, None) else 1,
                _TYPE_RANK.get(entry.type, 9),
                -float(entry.extra.get("population", 0) or 0),
            )

        ordered = sorted(best.values(), key=rank)
        return [AliasMatch(self.entries[r.entry_id], r.kind, r.lang) for r in ordered]

    def lookup(self, surface: str, lang: str | None = None) -> list[KBEntry]:
        """Entries whose alias is ``surface`` (any language; strict abbreviations only in their language)."""
        return [m.entry for m in self.matches(surface, lang)]

    def lookup_fuzzy(
        self, surface: str, types: Iterable[str] = ("PERSON", "ORGANIZATION"), cutoff: float = 85.0, limit: int = 5
    ) -> list[tuple[KBEntry, float]]:
        """Entries with an alias close to ``surface``, best first, one per entry, with the score (0-100).

        The score is rapidfuzz's order-invariant ``token_sort_ratio``: for spellings no convention produced
        (Mishoustine, Lavrov Sergej). Places are not searched (too many near-homonyms).
        """


        from rapidfuzz import fuzz, process

        keys, ids = self._fuzzy_keys(tuple(sorted(types)))
        found: dict[str, float] = {}
        query = normalise_alias(surface)
        hits = process.extract(query, keys, scorer=fuzz.token_sort_ratio, limit=limit * 4, score_cutoff=cutoff)
        for _, score, i in hits:
            for entry_id in ids[i]:
                found[entry_id] = max(found.get(entry_id, 0.0), float(score))
        ranked = sorted(found.items(), key=lambda kv: -kv[1])[:limit]
        return [(self.entries[entry_id], score) for entry_id, score in ranked]

    def _fuzzy_keys(self, types: tuple[str, ...]) -> tuple[list[str], list[tuple[str, ...]]]:
        cached = self._fuzzy_cache.get(types)
        if cached is None:
            by_key: dict[str, list[str]] = {}
            for key, refs in self._index.items():
                for ref in refs:
                    if self.entries[ref.entry_id].type in types and not ref.case_sensitive:
                        by_key.setdefault(key, []).append(ref.entry_id)
            cached = (list(by_key), [tuple(dict.fromkeys(v)) for v in by_key.values()])
            self._fuzzy_cache[types] = cached
        return cached

    def get(self, entry_id: str) -> KBEntry | None:
        if entry_id.startswith("place:"):
            self._ensure_places()
        return self.entries.get(entry_id)

    def country(self, code: str) -> KBEntry | None:
        """Country entry by ISO alpha-2, alpha-3 or numeric code (3166-3 codes for former states)."""
        alpha3 = self._country_codes.get(str(code).upper().zfill(3) if str(code).isdigit() else str(code).upper())
        return self.entries.get(f"country:{alpha3}") if alpha3 else None

    def demonym(self, word: str, lang: str | None = None) -> str | None:
        """Alpha-3 code for an adjective/demonym form (``ryska`` -> ``RUS``); None when unknown or ambiguous."""
        by_lang = self._demonyms.get(normalise_alias(word))
        if not by_lang:
            return None
        if lang is not None:
            code = by_lang.get(lang)
            if code is not None:
                return code or None
        codes = {c for c in by_lang.values() if c}
        if lang is None or not by_lang.get(lang):
            return codes.pop() if len(codes) == 1 else None
        return None

    def demonym_forms(self, lang: str) -> Iterator[tuple[str, str]]:
        """(normalised form, alpha-3) for every unambiguous demonym form of ``lang``."""
        for key, by_lang in self._demonyms.items():
            code = by_lang.get(lang)
            if code:
                yield key, code

    def surface_forms(self, lang: str | None = None, types: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """(normalised alias, entry id) for gazetteer matching: aliases of ``lang`` plus language-neutral ones.

        Places (tens of thousands of cities) are only included when ``types`` names ``PLACE``. Case-sensitive
        abbreviations are included in normalised form: confirm a hit with :meth:`lookup` on the original text.
        """
        wanted = set(types) if types is not None else {"PERSON", "ORGANIZATION", "COUNTRY", "OTHER"}
        if "PLACE" in wanted:
            self._ensure_places()
        for key, refs in self._index.items():
            seen: set[str] = set()
            for ref in refs:
                if ref.entry_id in seen or (lang is not None and ref.lang not in (lang, None)):
                    continue
                if self.entries[ref.entry_id].type in wanted:
                    seen.add(ref.entry_id)
                    yield key, ref.entry_id

    def aliases(self, lang: str | None = None) -> Iterator[AliasRef]:
        """Every alias record (with kind, language, strictness, case sensitivity) valid for ``lang``."""
        for refs in self._index.values():
            for ref in refs:
                if lang is None or ref.lang in (lang, None):
                    yield ref

    def office_holder(self, role: str, country: str | None, when: date | str) -> list[KBEntry]:
        """People holding ``role`` (e.g. ``head_of_state``, ``foreign_minister``) for ``country`` on a date."""
        day = when.isoformat() if isinstance(when, date) else str(when)
        found = []
        for entry in self.entries.values():
            for office in entry.extra.get("offices", ()):
                if office.get("role") != role or (country and office.get("country") != country):
                    continue
                if _in_office(office, day):
                    found.append(entry)
                    break
        return found

    def roles_of(self, entry_id: str, when: date | str | None = None) -> list[dict[str, Any]]:
        """Offices of a person, optionally only those held on ``when``."""
        entry = self.entries.get(entry_id)
        if entry is None:
            return []
        offices: list[dict[str, Any]] = list(entry.extra.get("offices", ()))
        if when is None:
            return offices
        day = when.isoformat() if isinstance(when, date) else str(when)
        return [o for o in offices if _in_office(o, day)]

    def places_in(self, country: str) -> list[KBEntry]:
        """Places and sites of a country (alpha-3), most populous first."""
        self._ensure_places()
        found = [e for e in self.entries.values() if e.type == "PLACE" and e.country == country]
        return sorted(found, key=lambda e: -float(e.extra.get("population", 0) or 0))

    def resolve_place(
        self, surface: str, lang: str | None = None, context_countries: Iterable[str] = ()
    ) -> KBEntry | None:
        """Best place for an ambiguous name: prefer places in the countries of the context, then population."""
        places = [m.entry for m in self.matches(surface, lang) if m.entry.type == "PLACE"]
        if not places:
            return None
        ctx = set(context_countries)
        return min(places, key=lambda e: (e.country not in ctx, -float(e.extra.get("population", 0) or 0)))

    def coverage_table(self) -> dict[str, dict[str, int]]:
        """Per language, the number of aliases usable in it per entity type, plus its demonym forms.

        An alias counts for a language when it is tagged with that language, or is language-neutral and written in
        the language's script (a Hangul name counts for ko, a Latin one for en ... pl). Row ``*`` counts the
        language-neutral aliases once.
        """
        self._ensure_places()
        table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for refs in self._index.values():
            for ref in refs:
                etype = self.entries[ref.entry_id].type
                if ref.lang is not None:
                    table[ref.lang][etype] += 1
                    continue
                table["*"][etype] += 1
                for lang in _SCRIPT_LANGS.get(_script(ref.text), ()):
                    table[lang][etype] += 1
        for by_lang in self._demonyms.values():
            for lang, code in by_lang.items():
                if code:
                    table[lang]["DEMONYM"] += 1
        return {lang: dict(counts) for lang, counts in sorted(table.items())}


_SCRIPT_LANGS: dict[str, tuple[str, ...]] = {
    "latin": ("en", "sv", "nl", "de", "fr", "es", "it", "pt", "pl"),
    "cyrillic": ("ru", "uk"),
    "hangul": ("ko",),
    "kana": ("ja",),
    "han": ("ja", "zh"),
    "arabic": ("ar",),
}


def _script(text: str) -> str:
    """Script of the first letter (enough to tell which languages can use an alias)."""
    for ch in text:
        if ch.isalpha():
            code = ord(ch)
            if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
                return "latin"
            if 0x400 <= code <= 0x52F:
                return "cyrillic"
            if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
                return "hangul"
            if 0x3040 <= code <= 0x30FF:
                return "kana"
            if 0x4E00 <= code <= 0x9FFF:
                return "han"
            if 0x600 <= code <= 0x6FF:
                return "arabic"
            return "other"
    return "other"


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[Path, ...], places: bool) -> KnowledgeBase:
    from wirescope.kb.loader import build_kb

    return build_kb(extra, places=places)


def user_kb_files() -> list[Path]:
    """User KB files named in ``$WIRESCOPE_KB``."""
    return [Path(p) for p in os.environ.get(KB_ENV, "").split(os.pathsep) if p.strip()]


def use_kb_files(paths: Iterable[Path]) -> None:
    """Validate user KB files and make every later :func:`load_kb` call include them (via ``$WIRESCOPE_KB``).

    Raises :class:`wirescope.kb.loader.KBFileError` naming the file and entry when a file is unusable.
    """
    from wirescope.kb.loader import validate_entry_file

    resolved = [Path(p).resolve() for p in paths]
    for path in resolved:
        validate_entry_file(path)
    os.environ[KB_ENV] = os.pathsep.join(str(p) for p in [*user_kb_files(), *resolved])


def load_kb(extra: Iterable[Path] = (), places: bool = True) -> KnowledgeBase:
    """The shipped knowledge base plus user YAML files (``extra`` and ``$WIRESCOPE_KB``), cached per set of files.

    Cities are indexed lazily, on the first lookup: ``places=False`` leaves them out entirely.
    """
    files = [*user_kb_files(), *extra]
    return _load_cached(tuple(dict.fromkeys(Path(p).resolve() for p in files)), places)
