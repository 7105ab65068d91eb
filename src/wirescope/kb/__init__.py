"""Knowledge base of actors: countries, organisations, people, places; data files + a loader + an index.

Contract used by the entity stage (``wirescope.nlp.entities``) and the event coder:

    kb = load_kb()                         # cached; load_kb(extra=[Path("my.yaml")]) adds user entries
    kb.lookup("Poetin", lang="nl")         # -> [KBEntry(id="Q7747", type="PERSON", name="Vladimir Putin", ...)]
    kb.get("country:RUS")                  # -> KBEntry
    kb.demonym("ryska", lang="sv")         # -> "RUS"  (adjectives / demonyms, inflected forms included)
    kb.surface_forms(lang="sv")            # -> iterable of (normalised alias, entry id) for gazetteer matching

More: ``kb.matches(surface, lang)`` (how an entry was named: name, abbr, metonym, cldr, alt), ``kb.country(code)``,
``kb.office_holder(role, country, date)``, ``kb.roles_of(id, date)``, ``kb.places_in(country)``,
``kb.resolve_place(surface, lang, context_countries)``, ``kb.demonym_forms(lang)``, ``kb.aliases(lang)``,
``kb.lookup_fuzzy(surface)``, ``kb.coverage_table()``.
User files: ``use_kb_files([...])`` / ``wirescope --kb FILE`` / ``$WIRESCOPE_KB``.

Entry ids: ``country:<ISO alpha-3>``, ``org:<short id>`` (e.g. ``org:UN``), people by Wikidata QID
(``Q7747``) or ``person:<slug>``, places ``place:<geonameid>`` or ``site:<slug>``.
"""

from wirescope.kb.base import (
    AliasMatch,
    AliasRef,
    KBEntry,
    KnowledgeBase,
    load_kb,
    normalise_alias,
    use_kb_files,
    user_kb_files,
)
from wirescope.kb.loader import KBFileError, validate_entry_file

__all__ = [
    "AliasMatch",
    "AliasRef",
    "KBEntry",
    "KBFileError",
    "KnowledgeBase",
    "load_kb",
    "normalise_alias",
    "use_kb_files",
    "user_kb_files",
    "validate_entry_file",
]
