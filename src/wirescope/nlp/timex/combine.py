"""Phase 2: combine the atoms of one sentence with the cue words around them.

Order matters: direction words and early/mid/late first (they bind tightest), then a month with its year
("juni i år", "February 2022"), then ranges and coordinations, then "since"/"until" and prepositions (which
promote weak atoms), and last the offsets ("the month after <expression>").
"""

from __future__ import annotations

import re

from wirescope.nlp.timex.engine import Atom
from wirescope.nlp.timex.lexicon import Lexicon

WINDOW = 48  # characters searched for a cue before or after an atom
SENTENCE_OPENERS = "\"'«“„(-:–—"
OFFSET_REACH = 64  # characters between "the month after" and the expression it shifts
YEARLESS = ("day", "month", "season", "quarter")
#: a bare year standing as a date: followed by a clause break ("the war with Spain 1898 - a turning point")
STANDALONE_YEAR = re.compile(r"\s*(?:[-;:)]|,(?!\d)|\.(?!\d)|$)")


class Region:
    """The atoms of one sentence and its (match-normalised) text."""

    def __init__(self, text: str, start: int, end: int, lex: Lexicon) -> None:
        self.text, self.start, self.end, self.lex = text, start, end, lex

    def cue_before(self, pos: int, family: str) -> int | None:
        pat = self.lex.before.get(family)
        if pat is None:
            return None
        lo = max(self.start, pos - WINDOW)
        m = pat.search(self.text, lo, pos)
        return m.start() if m else None

    def cue_after(self, pos: int, family: str) -> int | None:
        pat = self.lex.after.get(family)
        if pat is None:
            return None
        m = pat.match(self.text, pos, min(self.end, pos + WINDOW))
        return m.end() if m else None

    def gap(self, a: Atom, b: Atom, family: str, required: bool) -> bool:
        """Is the text between two atoms only the given cue words (or nothing when not required)?"""
        between = self.text[a.end : b.start]
        if family == "none":
            return not between.strip() and "\n" not in between
        if not between.strip(" ,"):
            return not required and "\n" not in between
        pat = self.lex.gaps.get(family)
        return bool(pat and pat.match(between))


def combine(atoms: list[Atom], region: Region) -> list[Atom]:
    atoms = [a for a in atoms if not _blocked(a, region)]
    atoms = [_directions(a, region) for a in atoms]
    atoms = [_modifiers(a, region) for a in atoms]
    atoms = _attach_years(atoms, region)
    atoms = _ranges(atoms, region)
    atoms = [_cues(a, region) for a in atoms]
    atoms = _offsets(atoms, region)
    return [a for a in atoms if not a.weak and (a.type != "offset" or a.parts)]


def _blocked(a: Atom, r: Region) -> bool:
    """Words that only look like times: a relative word after one of its blockers ("De Morgen" the newspaper,
    "por la mañana" in the morning), or, where names of days and months are written in lower case, a
    capitalised one inside the sentence ("Plácido Domingo")."""
    surface = r.text[a.start : a.end]
    if a.type == "relative":
        blocker = r.lex.blockers.get(" ".join(surface.lower().split()))
        if blocker is not None and blocker.search(r.text, max(r.start, a.start - 40), a.start):
            return True
    if r.lex.lowercase_names and a.type in ("weekday", "month", "season") and surface[:1].isupper():
        before = r.text[r.start : a.start].rstrip()
        return bool(before) and before[-1] not in SENTENCE_OPENERS
    return False


def _directions(a: Atom, r: Region) -> Atom:
    if a.type not in ("weekday", "month", "season") or (a.type != "weekday" and a.has_year):
        return a
    for direction in ("last", "next", "this"):
        before, after = r.cue_before(a.start, direction), r.cue_after(a.end, direction)
        if before is not None or after is not None:
            a.direction, a.weak = a.direction or direction, False
            a.start = before if before is not None else a.start
            a.end = after if after is not None else a.end
            break
    return a


def _modifiers(a: Atom, r: Region) -> Atom:
    if a.type not in ("year", "decade", "century", "month"):
        return a
    for mod in ("early", "mid", "late"):
        before, after = r.cue_before(a.start, mod), r.cue_after(a.end, mod)
        if before is not None or after is not None:
            a.mod, a.weak = mod, False
            a.start = before if before is not None else a.start
            a.end = after if after is not None else a.end
            break
    return a


def _is_rel_year(a: Atom) -> bool:
    return a.type == "relative" and a.unit == "year"


def _attach_years(atoms: list[Atom], r: Region) -> list[Atom]:
    """A month/season/quarter/day with the year after it, or a relative year on either side; a weekday
    right before a full date is part of that date."""
    out: list[Atom] = []
    for b in atoms:
        a = out[-1] if out else None
        if a is not None and a.type in YEARLESS and not a.has_year and r.gap(a, b, "connectors", False):
            if b.type == "year" and not b.mod:
                a.y, a.end, a.weak = b.y, b.end, False
                continue
            if _is_rel_year(b):
                a.year_offset, a.end, a.weak = b.n, b.end, False
                continue
        yearless_b = b.type in YEARLESS and not b.has_year
        if a is not None and _is_rel_year(a) and yearless_b and r.gap(a, b, "connectors", False):
            b.year_offset, b.start, b.weak = a.n, a.start, False
            out[-1] = b
            continue
        if a is not None and a.type == "year" and not a.mod and yearless_b and r.gap(a, b, "none", False):
            b.y, b.start, b.weak = a.y, a.start, False  # year first: "2022년 2월", "2023年1月"
            out[-1] = b
            continue
        weekday_a = a is not None and a.type == "weekday" and not a.direction
        if a is not None and weekday_a and b.type == "day" and r.gap(a, b, "connectors", False):
            b.start = a.start
            out[-1] = b
            continue
        out.append(b)
    return out


def _datelike(a: Atom) -> bool:
    return a.kind == "date" and a.type not in ("offset", "past", "range")


def _ranges(atoms: list[Atom], r: Region) -> list[Atom]:
    """"from A until B", "between A and B", "A-B" become one range; "A and B" shares a year or joins decades."""
    out: list[Atom] = []
    for b in atoms:
        a = out[-1] if out else None
        if a is None or not (_datelike(a) and _datelike(b)):
            out.append(b)
            continue
        between = r.cue_before(a.start, "range_between")
        if r.gap(a, b, "range_to", True) or (between is not None and r.gap(a, b, "and_words", True)):
            start = between if between is not None else r.cue_before(a.start, "range_from")
            out[-1] = _make_range(a, b, a.start if start is None else start)
            continue
        if r.gap(a, b, "and_words", True):
            joined = _coordinate(a, b)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(b)
    return out


def _inherit_year(a: Atom, b: Atom) -> None:
    if a.type in YEARLESS and not a.has_year and b.has_year and b.type in YEARLESS:
        a.y, a.year_offset = b.y, b.year_offset


def _make_range(a: Atom, b: Atom, start: int) -> Atom:
    _inherit_year(a, b)
    if a.type == "decade" and b.type == "year" and b.y is not None and b.y % 10 == 0 and b.weak:
        b.type, b.decade = "decade", b.y
    a.weak = b.weak = False
    return Atom(start, b.end, "range", parts=[a, b])


def _coordinate(a: Atom, b: Atom) -> Atom | None:
    """"april och juli 2023": the first takes the year of the second (both stay); "the 1990s and 2000s"
    (consecutive decades) join into one span."""
    if a.type == "decade" and (b.type == "decade" or (b.type == "year" and b.weak and (b.y or 1) % 10 == 0)):
        b.type, b.decade = "decade", b.decade if b.type == "decade" else b.y
        if b.decade is not None and a.decade is not None and b.decade - a.decade == 10:
            return _make_range(a, b, a.start)
        b.weak = False
        return None
    if a.type in YEARLESS and not a.has_year and b.type == a.type and b.has_year:
        _inherit_year(a, b)
        a.weak = b.weak = False
    elif b.type in YEARLESS and not b.has_year and b.type == a.type and a.has_year and not a.weak:
        _inherit_year(b, a)
        b.weak = False
    elif a.type == "year" and b.type == "year" and not a.weak:
        b.weak = False
    return None


def _cues(a: Atom, r: Region) -> Atom:
    if a.kind != "date" or a.type == "range":
        return a
    for kind in ("since", "until"):
        before, after = r.cue_before(a.start, kind), r.cue_after(a.end, kind)
        if before is not None or after is not None:
            a.kind, a.weak = kind, False
            a.start = before if before is not None else a.start
            a.end = after if after is not None else a.end
            return a
    standalone = a.type == "year" and STANDALONE_YEAR.match(r.text, a.end, r.end)
    if a.weak and (r.cue_before(a.start, "prepositions") is not None or standalone):
        a.weak = False
    return a


def _offsets(atoms: list[Atom], r: Region) -> list[Atom]:
    """"the month after <expression>": the offset takes the next expression within reach as its target
    (which stays listed on its own as well: "February last year" is a date of the text too)."""
    out: list[Atom] = []
    for i, a in enumerate(atoms):
        if a.type == "offset":
            order = list(range(i + 1, len(atoms)))
            if r.lex.offset_backward:  # the event comes first: "2월 침공 한 달 뒤"
                order = list(range(i - 1, -1, -1))
            for j in order:
                t = atoms[j]
                lo, hi = (a.end, t.start) if j > i else (t.end, a.start)
                if hi - lo > OFFSET_REACH or re.search(r"[.!?;]", r.text[lo:hi]):
                    break
                if t.type != "offset" and t.kind in ("date", "since") and not t.weak:
                    a.parts, a.start, a.end = [t], min(a.start, t.start), max(a.end, t.end)
                    break
        out.append(a)
    return out
