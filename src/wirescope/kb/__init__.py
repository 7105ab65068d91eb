"""Knowledge base of actors: countries, organisations, people, places; data files + a loader + an index.

Contract used by the entity stage (``wirescope.nlp.entities``) and the event coder:

    kb = load_kb()                         # cached; load_kb(extra=[Path("my.yaml")]) adds user entries
    kb.lookup("Poetin", lang="nl")         # -> [KBEntry(id="Q7747", type="PERSON", name="Vladimir Putin", ...)]
    kb.get("country:RUS")                  # -> KBEntry
    kb.demonym("ryska", lang="sv")         # -> "RUS"  (adjectives / demonyms, inflected forms included)
    kb.surface_forms(lang="sv")            # -> iterable of (normalised alias, entry id) for gazetteer matching

Entry ids: ``country:<ISO alpha-3>``, ``org:<short id>`` (e.g. ``org:UN``), people by Wikidata QID
(``Q7747``) or ``person:<slug>``, places ``place:<geonameid>`` or ``site:<slug>``.
"""

from wirescope.kb.base import KBEntry, KnowledgeBase, load_kb, normalise_alias

__all__ = ["KBEntry", "KnowledgeBase", "load_kb", "normalise_alias"]
