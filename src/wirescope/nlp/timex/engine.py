"""One engine for every language: find atomic time expressions, combine them with cue words, resolve them.

Phase 1 finds atoms (dates, month and season names, years, weekdays, relative phrases, decades, "ago" and
duration phrases) with the per-language regexes of ``lexicon.py``. Month and season names without a year and
bare four-digit years are *weak*: they are kept only when a cue promotes them (a preposition before them, a
year or relative year next to them, a range or a coordination), so that "May" the modal, "20 000" or a
count of 2000 never becomes a date. Phase 2 combines atoms (modifiers, month + year, ranges, "since",
"the month after ...") inside one sentence. Resolution turns each atom into a ``Span`` against the anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from wirescope.nlp.timex import calendar as cal
from wirescope.nlp.timex.lexicon import Lexicon

ISO_DATE = re.compile(r"(?<![\w-])(19\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w-])")
NUMERIC_DATE = re.compile(r"(?<![\w./-])(\d{1,2})([./-])(\d{1,2})\2(19\d\d|20\d\d)(?![\w]|[./-]\d)")
BARE_YEAR = re.compile(r"(?:(?<![\w.,/])|(?<=\bو))(19\d\d|20\d\d|2100)(?![\w]|[.,]\d)")
QUARTER_CODE = re.compile(r"(?<!\w)Q([1-4])\s+(19\d\d|20\d\d)(?!\w)")
ROMAN = {"i": 1, "v": 5, "x": 10}
DURATION_CODES = {"day": "D", "week": "W", "month": "M", "quarter": "M", "year": "Y", "decade": "Y"}
PAST_DEFAULT = 3  # "the past months": about three of them
#: characters normalised for matching, one for one so that offsets do not move: typographic apostrophes and
#: dashes, no-break spaces, Arabic-Indic and full-width digits
MATCH_MAP = {"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2013": "-", "\u2014": "-", "\uff0f": "/",
             "\uff5e": "～", **{chr(0x660 + i): str(i) for i in range(10)},
             **{chr(0x6F0 + i): str(i) for i in range(10)}, **{chr(0xFF10 + i): str(i) for i in range(10)}}
MATCH_CHARS = re.compile("[" + "".join(MATCH_MAP) + "]")


def match_text(text: str) -> str:
    """The text as the patterns see it (same length as ``text``)."""
    if MATCH_CHARS.search(text) is None:
        return text
    return MATCH_CHARS.sub(lambda m: MATCH_MAP[m.group(0)], text)




@dataclass
class Atom:
    start: int
    end: int
    type: str
    weak: bool = False
    y: int | None = None
    m: int | None = None
    d: int | None = None
    q: int | None = None
    season: str | None = None
    decade: int | None = None
    century: int | None = None
    weekday: int | None = None
    direction: str | None = None
    unit: str | None = None
    n: int = 1
    year_offset: int | None = None
    mod: str | None = None
    kind: str = "date"
    definite: bool = False
    parts: list[Atom] = field(default_factory=list)

    @property
    def has_year(self) -> bool:
        return self.y is not None or self.year_offset is not None


def _roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        v = ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _pattern_atom(family: str, m: re.Match[str], lex: Lexicon) -> Atom | None:
    """Build an atom from a template match; None when the fields make no calendar sense."""
    s, e = m.span()
    day, month, monthnum, year = (_group(m, k) for k in ("day", "month", "monthnum", "year"))
    y = int(year) if year else None
    n_text, unit_text = _group(m, "n"), _group(m, "unit")
    n = lex.number(n_text) if n_text else None
    unit_key = " ".join(unit_text.lower().split()) if unit_text else ""
    unit = lex.units.get(unit_key)
    if n is None and unit_key in lex.duals:  # Arabic dual: "عامين" is two years
        n = 2
    if family == "date_patterns":
        mo = lex.months.get(" ".join(month.lower().split())) if month else (int(monthnum) if monthnum else None)
        if mo is None:
            return Atom(s, e, "year", y=y) if y else None
        if day and y and int(day) > cal.last_day(y, mo):
            return None
        return Atom(s, e, "day" if day else "month", y=y, m=mo, d=int(day) if day else None)
    if family == "quarter_patterns":
        q = lex.number(_group(m, "q") or "")
        return Atom(s, e, "quarter", y=y, q=q) if q and 1 <= q <= 4 else None
    if family == "century_patterns":
        dec = _group(m, "decade")
        if dec:
            return Atom(s, e, "century", decade=int(dec))
        c = _group(m, "century") or ""
        num = int(c) if c.isdigit() else _roman(c) or lex.number(c)
        return Atom(s, e, "century", century=num) if num and 1 <= num <= 21 else None
    if family == "decade_patterns":
        dec, dec2 = _group(m, "decade"), _group(m, "decade2")
        if dec:
            return Atom(s, e, "decade", decade=int(dec))
        if dec2:
            v = int(dec2)
            return Atom(s, e, "decade", decade=(1900 if v >= 20 else 2000) + v)
        return None
    if family == "year_patterns":
        return Atom(s, e, "year", y=y) if y else None
    if unit is None:
        return None
    if family == "past_patterns":
        plural_default = PAST_DEFAULT if n_text is None and _group(m, "plural") is not None else 1
        return Atom(s, e, "past", unit=unit, n=n or plural_default)
    if family in ("ago_patterns", "duration_patterns"):
        kind = "ago" if family == "ago_patterns" else "duration"
        return Atom(s, e, kind, unit=unit, n=n or 1, kind="duration" if kind == "duration" else "date")
    if family == "offset_patterns":
        word = " ".join((_group(m, "dir") or "").lower().split())
        sign = -1 if word in lex.before_words else 1
        # "(?P<count>)" in a template marks a bare noun as a count ("через месяц после" = a month after)
        definite = n_text is None and _group(m, "count") is None
        return Atom(s, e, "offset", unit=unit, n=sign * (n or 1), definite=definite)
    return None


def _name_atom(kind: str, m: re.Match[str], lex: Lexicon) -> Atom:
    s, e = m.span("name")
    key = " ".join(m.group("name").lower().split())
    if kind == "month":
        return Atom(s, e, "month", weak=not lex.strong_months, m=lex.months[key])
    if kind == "decade":
        return Atom(s, e, "decade", decade=lex.decade_words[key])
    if kind == "weekday":
        return Atom(s, e, "weekday", weekday=lex.weekdays[key])
    if kind == "weekday_past":
        return Atom(s, e, "weekday", weekday=lex.weekdays_past[key], direction="last")
    if kind == "season":
        return Atom(s, e, "season", weak=True, season=lex.seasons[key])
    if kind == "season_past":
        return Atom(s, e, "season", season=lex.seasons_past[key], direction="last")
    unit, offset = lex.relative[key]
    return Atom(s, e, "relative", unit=unit, n=offset)


def _universal_atoms(text: str, lex: Lexicon, lo: int, hi: int) -> list[Atom]:
    atoms: list[Atom] = []
    for m in ISO_DATE.finditer(text, lo, hi):
        atoms.append(Atom(m.start(), m.end(), "day", y=int(m.group(1)), m=int(m.group(2)), d=int(m.group(3))))
    for m in NUMERIC_DATE.finditer(text, lo, hi):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        d, mo = (b, a) if lex.numeric_order == "mdy" and a <= 12 else (a, b)
        if 1 <= mo <= 12 and 1 <= d <= cal.last_day(y, mo):
            atoms.append(Atom(m.start(), m.end(), "day", y=y, m=mo, d=d))
    for m in QUARTER_CODE.finditer(text, lo, hi):
        atoms.append(Atom(m.start(), m.end(), "quarter", q=int(m.group(1)), y=int(m.group(2))))
    for m in BARE_YEAR.finditer(text, lo, hi):
        atoms.append(Atom(m.start(), m.end(), "year", weak=True, y=int(m.group(1))))
    return atoms


def find_atoms(text: str, lex: Lexicon) -> list[Atom]:
    """Phase 1: every candidate atom, then the longest non-overlapping ones (earlier families win ties)."""
    candidates: list[tuple[int, int, Atom]] = []
    for w in lex.windows(text):
        if w.digit:
            for prio, atom in enumerate(_universal_atoms(text, lex, w.lo, w.hi)):
                candidates.append((0, prio, atom))
        for rank, (family, pat, need) in enumerate(lex.patterns):
            if need.met(w):
                for m in pat.finditer(text, w.lo, w.hi):
                    found = _pattern_atom(family, m, lex)
                    if found is not None:
                        candidates.append((1 + rank, 0, found))
        for rank, (kind, pat, need) in enumerate(lex.names):
            if need.met(w):
                for m in pat.finditer(text, w.lo, w.hi):
                    candidates.append((100 + rank, 0, _name_atom(kind, m, lex)))
    candidates.sort(key=lambda c: (-(c[2].end - c[2].start), c[2].weak, c[0], c[1]))
    chosen: list[Atom] = []
    for _, _, atom in candidates:
        if all(atom.end <= o.start or atom.start >= o.end for o in chosen):
            chosen.append(atom)
    return sorted(chosen, key=lambda a: a.start)


def resolve(atom: Atom, anchor: date | None, future: bool) -> cal.Span | None:
    """The span an atom denotes; None when it needs an anchor and has none."""
    span = _resolve_base(atom, anchor, future)
    if span is not None and atom.mod:
        span = cal.with_modifier(span, atom.mod)
    return span


def _year_of(atom: Atom, anchor: date | None) -> int | None:
    if atom.y is not None:
        return atom.y
    if atom.year_offset is not None and anchor is not None:
        return anchor.year + atom.year_offset
    return None


def _resolve_base(atom: Atom, anchor: date | None, future: bool) -> cal.Span | None:
    y = _year_of(atom, anchor)
    t = atom.type
    if t == "decade" and atom.decade is not None:
        return cal.decade_span(atom.decade)
    if t == "century":
        if atom.decade is not None:
            return cal.years_span(atom.decade, atom.decade + 99, "century")
        return cal.century_span(atom.century or 1)
    if t == "year":
        return cal.year_span(y) if y is not None else None
    if t == "range":
        return _resolve_range(atom, anchor, future)
    if t == "offset":
        return _resolve_offset(atom, anchor, future)
    if y is None and anchor is None:
        return None
    if t == "day":
        return _resolve_day(atom, y, anchor, future)
    if t == "month" and atom.m:
        if y is None and anchor is not None:
            y = _directed_year(anchor, atom.m, atom.direction, future, atom.kind)
        return cal.month_span(y, atom.m) if y is not None else None
    if t == "quarter" and atom.q:
        return cal.quarter_span(y if y is not None else anchor.year if anchor else 0, atom.q)
    if t == "season" and atom.season:
        return _resolve_season(atom, y, anchor, future)
    if anchor is None:
        return None
    return _resolve_relative(atom, anchor, future)


def _resolve_range(atom: Atom, anchor: date | None, future: bool) -> cal.Span | None:
    """A range; a start without a year that would fall after the end is taken in the end's year (or the
    one before): "between January 1 and September 3" is one stretch, not a backwards one."""
    first, second = atom.parts
    a, b = resolve(first, anchor, future), resolve(second, anchor, future)
    if a is None or b is None:
        return None
    if a.lo > b.hi and first.type in ("day", "month", "season") and not first.has_year:
        first.y = b.lo.year if b.lo.year != a.lo.year else b.lo.year - 1
        a = resolve(first, anchor, future)
        if a is None or a.lo > b.hi:
            first.y = b.lo.year - 1
            a = resolve(first, anchor, future)
    return cal.join(a, b) if a is not None else None


def _directed_year(anchor: date, month: int, direction: str | None, future: bool, kind: str) -> int:
    if direction == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if direction == "this":
        return anchor.year
    return _month_year(anchor, month, future, kind)


def _month_year(anchor: date, month: int, future: bool, kind: str) -> int:
    """Year of a month named without one; "since April" is always the past April."""
    if kind == "since":
        return anchor.year if month <= anchor.month else anchor.year - 1
    return cal.nearest_year_for_month(anchor, month, future)


def _resolve_day(atom: Atom, y: int | None, anchor: date | None, future: bool) -> cal.Span | None:
    if atom.m is None or atom.d is None:
        return None
    if y is None and anchor is not None:
        y = _month_year(anchor, atom.m, future, atom.kind)
    if y is None or atom.d > cal.last_day(y, atom.m):
        return None
    return cal.day_span(date(y, atom.m, atom.d))


def _resolve_season(atom: Atom, y: int | None, anchor: date | None, future: bool) -> cal.Span | None:
    season = atom.season or "SU"
    if y is None and anchor is not None:
        y = anchor.year
        start = cal.season_span(y, season)
        if atom.direction == "last" and start.hi >= anchor:
            y -= 1
        elif atom.direction == "next" and start.lo <= anchor:
            y += 1
        elif season == "WI" and anchor.month <= 2 and atom.direction is None:
            y -= 1
        elif atom.direction is None:
            y = _month_year(anchor, cal.SEASON_MONTHS[season], future, atom.kind)
    return cal.season_span(y, season) if y is not None else None


def _resolve_relative(atom: Atom, anchor: date, future: bool) -> cal.Span | None:
    unit = atom.unit or "day"
    if atom.type == "weekday" and atom.weekday:
        return cal.day_span(cal.weekday_date(anchor, atom.weekday, atom.direction, future))
    if atom.type == "relative":
        return cal.span_at(cal.shift(anchor, unit, atom.n), unit)
    if atom.type == "ago":
        return cal.span_at(cal.shift(anchor, unit, -atom.n), "year" if unit == "decade" else unit)
    if atom.type == "past":
        lo = cal.shift(anchor, unit, -atom.n)
        a, b = cal.span_at(lo, unit), cal.span_at(anchor, unit)
        return cal.Span(lo, anchor, a.first, b.last, "interval")
    return None


def _resolve_offset(atom: Atom, anchor: date | None, future: bool) -> cal.Span | None:
    target = resolve(atom.parts[0], anchor, future) if atom.parts else None
    if target is None or atom.unit is None:
        return None
    moved = cal.shift(target.lo, atom.unit, atom.n)
    if atom.definite or target.precision not in ("day", "week", "month", "year"):
        return cal.span_at(moved, atom.unit)
    return cal.span_at(moved, target.precision)


def needs_anchor(atom: Atom) -> bool:
    if atom.type in ("weekday", "relative", "ago", "past"):
        return True
    if atom.type in ("range", "offset"):
        return any(needs_anchor(p) for p in atom.parts)
    if atom.type in ("day", "month", "quarter", "season"):
        return atom.y is None
    return atom.year_offset is not None


def duration_value(atom: Atom) -> str:
    unit = atom.unit or "day"
    n = atom.n * (10 if unit == "decade" else 3 if unit == "quarter" else 1)
    return f"P{n}{DURATION_CODES[unit]}"
