"""Calendar arithmetic for time expressions: spans at a precision, shifts, and ISO 8601 labels.

A ``Span`` is what a resolved expression denotes: the first and last day it covers, the ISO label of its
start and end at the text's precision (equal for a single point such as ``2022-02``), and the precision.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: early / mid / late thirds of a unit, as (first, last) parts: months of a year, years of a decade, days of a month
MODIFIER_PARTS = {
    "year": {"early": (1, 4), "mid": (5, 8), "late": (9, 12)},
    "decade": {"early": (0, 3), "mid": (4, 6), "late": (7, 9)},
    "century": {"early": (1, 33), "mid": (34, 66), "late": (67, 100)},
    "month": {"early": (1, 10), "mid": (11, 20), "late": (21, 31)},
}


@dataclass(frozen=True)
class Span:
    lo: date
    hi: date
    first: str
    last: str
    precision: str

    @property
    def value(self) -> str:
        return self.first if self.first == self.last else f"{self.first}/{self.last}"


def last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def day_span(d: date) -> Span:
    label = d.isoformat()
    return Span(d, d, label, label, "day")


def week_label(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_span(d: date) -> Span:
    monday = d - timedelta(days=d.isoweekday() - 1)
    label = week_label(d)
    return Span(monday, monday + timedelta(days=6), label, label, "week")


def month_span(y: int, m: int) -> Span:
    label = f"{y:04d}-{m:02d}"
    return Span(date(y, m, 1), date(y, m, last_day(y, m)), label, label, "month")


def year_span(y: int) -> Span:
    return Span(date(y, 1, 1), date(y, 12, 31), str(y), str(y), "year")


def quarter_span(y: int, q: int) -> Span:
    m = 3 * (q - 1) + 1
    label = f"{y:04d}-Q{q}"
    return Span(date(y, m, 1), date(y, m + 2, last_day(y, m + 2)), label, label, "quarter")


def season_span(y: int, season: str) -> Span:
    """Meteorological seasons; winter ``y`` runs from December ``y`` to February ``y + 1``."""
    m = SEASON_MONTHS[season]
    end = shift_month(date(y, m, 1), 2)
    label = f"{y:04d}-{season}"
    return Span(date(y, m, 1), date(end.year, end.month, last_day(end.year, end.month)), label, label, "season")


def decade_span(y0: int) -> Span:
    return Span(date(y0, 1, 1), date(y0 + 9, 12, 31), str(y0), str(y0 + 9), "decade")


def century_span(n: int) -> Span:
    """The n-th century in the common reading (the 20th century = 1901-2000)."""
    y0 = (n - 1) * 100 + 1
    return Span(date(y0, 1, 1), date(y0 + 99, 12, 31), str(y0), str(y0 + 99), "century")


def years_span(y0: int, y1: int, precision: str) -> Span:
    return Span(date(y0, 1, 1), date(y1, 12, 31), str(y0), str(y1), precision)


def shift_month(d: date, n: int) -> date:
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, last_day(y, m + 1)))


def shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return shift_month(d, n)
    if unit == "quarter":
        return shift_month(d, 3 * n)
    if unit == "year":
        return date(d.year + n, d.month, min(d.day, last_day(d.year + n, d.month)))
    if unit == "decade":
        return date(d.year + 10 * n, d.month, min(d.day, last_day(d.year + 10 * n, d.month)))
    raise ValueError(unit)


def span_at(d: date, precision: str) -> Span:
    """The span of the given precision that contains ``d``."""
    if precision == "day":
        return day_span(d)
    if precision == "week":
        return week_span(d)
    if precision == "month":
        return month_span(d.year, d.month)
    if precision == "quarter":
        return quarter_span(d.year, (d.month - 1) // 3 + 1)
    if precision == "decade":
        return decade_span(d.year - d.year % 10)
    return year_span(d.year)


def with_modifier(span: Span, mod: str) -> Span:
    """early / mid / late part of a year, decade, century or month."""
    parts = MODIFIER_PARTS.get(span.precision, {}).get(mod)
    if parts is None:
        return span
    a, b = parts
    if span.precision == "year":
        y = span.lo.year
        return replace(month_span(y, a), hi=date(y, b, last_day(y, b)), last=f"{y:04d}-{b:02d}", precision="year")
    if span.precision == "month":
        y, m = span.lo.year, span.lo.month
        b = min(b, last_day(y, m))
        lo, hi = date(y, m, a), date(y, m, b)
        return Span(lo, hi, lo.isoformat(), hi.isoformat(), "month")
    base = span.lo.year - (1 if span.precision == "century" else 0)
    return years_span(base + a, base + b, span.precision)


def join(a: Span, b: Span) -> Span:
    """A range from the start of ``a`` to the end of ``b``."""
    return Span(a.lo, b.hi, a.first, b.last, "interval")


def nearest_year_for_month(anchor: date, month: int, future: bool) -> int:
    """Year of a month named without one. News reports the past, so the month is taken in the anchor's year
    unless it lies more than two months ahead (then last year's); with a future cue, the next occurrence."""
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month + 2 else anchor.year - 1


def weekday_date(anchor: date, weekday: int, direction: str | None, future: bool) -> date:
    """News convention: a bare weekday is the most recent one (today included); "last" excludes today;
    "next" or a future tense means the coming one; "this" is the day in the anchor's ISO week."""
    aw = anchor.isoweekday()
    if direction == "this":
        return anchor + timedelta(days=weekday - aw)
    if direction == "next" or (direction is None and future):
        return anchor + timedelta(days=(weekday - aw) % 7 or 7)
    back = (aw - weekday) % 7
    if direction == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)
