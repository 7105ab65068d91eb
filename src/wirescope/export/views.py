"""``acled-csv`` and ``gdelt-csv``: one row per event in the column layout of ACLED and GDELT 2.0 event files,
for people migrating from them. Only the columns wirescope can fill honestly carry values: fatalities, tone and
admin regions stay empty; NumMentions/NumSources/NumArticles count one article (the event's document).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from wirescope.export.rows import EventRow, actor_label, iter_events
from wirescope.plover import quadclass
from wirescope.store import Store
from wirescope.store.filters import EventFilter

#: PLOVER 2.0 category -> CAMEO root code (the manual's derivation of the 16 categories from CAMEO's 20 roots)
CAMEO_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
    "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}
#: PLOVER modes that CAMEO codes under a different root than the category's
CAMEO_ROOT_BY_MODE: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "heavy-weapons"): "19",
}

#: (category, mode or None) -> (ACLED disorder type, event type, sub-event type); None mode is the default
ACLED_TYPES: dict[tuple[str, str | None], tuple[str, str, str]] = {
    ("ASSAULT", None): ("Political violence", "Violence against civilians", "Attack"),
    ("ASSAULT", "abduct"): ("Political violence", "Violence against civilians", "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): ("Political violence", "Violence against civilians", "Sexual violence"),
    ("ASSAULT", "firearms"): ("Political violence", "Battles", "Armed clash"),
    ("ASSAULT", "heavy-weapons"): (
        "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosives"): ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): ("Political violence", "Explosions/Remote violence", "Suicide bomb"),
    ("ASSAULT", "destroy"): ("Strategic developments", "Strategic developments", "Looting/property destruction"),
    ("PROTEST", None): ("Demonstrations", "Protests", "Peaceful protest"),
    ("PROTEST", "riot"): ("Demonstrations", "Riots", "Violent demonstration"),
    ("COERCE", "arrest"): ("Strategic developments", "Strategic developments", "Arrests"),
    ("AGREE", None): ("Strategic developments", "Strategic developments", "Agreement"),
    ("MOBILIZE", None): ("Strategic developments", "Strategic developments", "Change to group/activity"),
    ("RETREAT", None): ("Strategic developments", "Strategic developments", "Change to group/activity"),
}
ACLED_OTHER = ("Strategic developments", "Strategic developments", "Other")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso3", "country", "location", "latitude", "longitude",
    "source", "source_url", "notes", "fatalities", "tags", "plover_event", "plover_mode", "intensity",
    "document_id", "sentence",
)
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
    "NumArticles", "AvgTone", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "SOURCEURL", "PLOVEREvent", "PLOVERMode",
)
_PRECISE = {"day"}
_COARSE = {"year", "decade", "century", "quarter", "season", "interval"}


def cameo_root(category: str, mode: str | None) -> str:
    return CAMEO_ROOT_BY_MODE.get((category, mode or ""), CAMEO_ROOT[category])


def acled_types(category: str, mode: str | None) -> tuple[str, str, str]:
    return ACLED_TYPES.get((category, mode), ACLED_TYPES.get((category, None), ACLED_OTHER))


def _day(date: str | None) -> str:
    """The YYYY-MM-DD part of an ISO date, or '' when the date is coarser than a day."""
    return date[:10] if date and len(date) >= 10 and date[4] == "-" and date[7] == "-" else ""


def _loc(data: dict[str, Any]) -> dict[str, Any]:
    return data.get("event_loc") or {}


def _country(data: dict[str, Any]) -> str:
    """The event's country: its location's, else the first actor's PLOVER code when it is a country code."""
    loc = _loc(data).get("country")
    if loc:
        return str(loc)
    for ref in data.get("actor", []):
        code = ref.get("code") or ""
        if len(code) == 3 and code.isalpha() and not ref.get("sector"):
            return str(code)
    return ""


def _names(refs: list[dict[str, Any]]) -> list[str]:
    return [actor_label(r) for r in refs]


def acled_row(row: EventRow) -> list[Any]:
    d = row.data
    disorder, event_type, sub_type = acled_types(d["event"], d.get("mode"))
    actors, recipients = _names(d.get("actor", [])), _names(d.get("recipient", []))
    precision = d.get("date_precision")
    time_precision = 1 if precision in _PRECISE else 3 if precision in _COARSE else 2
    date = _day(row.date)
    loc = _loc(d)
    return [
        row.uid, date, date[:4], time_precision, disorder, event_type, sub_type,
        actors[0] if actors else "", "; ".join(actors[1:]), recipients[0] if recipients else "",
        "; ".join(recipients[1:]), _country(d), _country(d), loc.get("name") or "", loc.get("lat") or "",
        loc.get("lon") or "", row.document.source or "", row.document.url or "", d.get("event_text") or "", "",
        "; ".join(d.get("context", [])), d["event"], d.get("mode") or "", d.get("intensity"), row.document.id,
        d.get("sentence"),
    ]


def global_event_id(uid: str) -> int:
    """A stable positive 60-bit integer id (GDELT ids are integers)."""
    return int(hashlib.sha1(uid.encode()).hexdigest()[:15], 16)


def _cameo_actor(refs: list[dict[str, Any]]) -> tuple[str, str, str, str]:
    """(Actor code, name, country code, type code) of the first item: CAMEO-style code = country + sector."""
    if not refs:
        return "", "", "", ""
    ref = refs[0]
    code, sector = ref.get("code") or "", ref.get("sector") or ""
    country = code if len(code) == 3 and code.isalpha() else ""
    return code + sector, actor_label(ref), country, sector


def gdelt_row(row: EventRow) -> list[Any]:
    d = row.data
    a1, a2 = _cameo_actor(d.get("actor", [])), _cameo_actor(d.get("recipient", []))
    root = cameo_root(d["event"], d.get("mode"))
    date = _day(row.date).replace("-", "")
    loc = _loc(d)
    quad = d.get("quadclass") or quadclass(d["event"])
    return [
        global_event_id(row.uid), date, date[:6], date[:4], a1[0], a1[1], a1[2], a1[3], a2[0], a2[1], a2[2], a2[3],
        1, root, root, root, quad, d.get("intensity"), 1, 1, 1, "", loc.get("name") or "", _country(d),
        loc.get("lat") or "", loc.get("lon") or "", row.document.url or "", d["event"], d.get("mode") or "",
    ]


def _write_view(
    store: Store, f: EventFilter, out: Path, columns: tuple[str, ...], to_row: Callable[[EventRow], list[Any]],
    delimiter: str = ",",
) -> dict[str, int]:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(columns)
        rows: Iterator[EventRow] = iter_events(store, f)
        for row in rows:
            writer.writerow(to_row(row))
            count += 1
    return {"events": count}


def write_acled(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    return _write_view(store, f, out, ACLED_COLUMNS, acled_row)


def write_gdelt(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    return _write_view(store, f, out, GDELT_COLUMNS, gdelt_row)
