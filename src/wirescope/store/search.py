"""Accent folding for keyword search, the same on both backends: "Sao Paulo" finds "São Paulo", "Lodz" finds
"Łódź", "Muller" finds "Müller", and the other way round.

PostgreSQL folds with the ``unaccent`` extension inside the ``wirescope_search`` text search configuration
(migration ``0005``): the generated ``documents.search_vector`` column and ``websearch_to_tsquery`` both go through
it. SQLite's FTS5 tokenizer (``unicode61``) only drops single diacritics of Latin letters (not ``ł ø ß æ``, Greek
tonos or Vietnamese double marks), so the store indexes and queries FTS5 with :func:`fold_accents`, which follows
``unaccent``'s rules on the letters of news text: Latin-1, Latin Extended-A/B and Additional (Vietnamese), Greek and
Cyrillic ``ё`` (``й``, ``ї`` and other letters of their own stay). A test compares both on a real PostgreSQL.

Transliteration is not folding: "Kyiv" does not find "Київ" on either backend (semantic search does).
"""

from __future__ import annotations

import unicodedata

#: the PostgreSQL text search configuration (a copy of 'simple', with unaccent when the extension is available)
PG_SEARCH_CONFIG = "wirescope_search"

#: letters without a canonical decomposition that unaccent still folds
_LETTERS = {
    "Æ": "AE", "æ": "ae", "Ð": "D", "ð": "d", "Ø": "O", "ø": "o", "Þ": "TH", "þ": "th", "ß": "ss", "ẞ": "SS",
    "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ĳ": "IJ", "ĳ": "ij", "ĸ": "q", "Ŀ": "L", "ŀ": "l",
    "Ł": "L", "ł": "l", "ŉ": "'n", "Ŋ": "N", "ŋ": "n", "Œ": "OE", "œ": "oe", "ſ": "s", "Ŧ": "T", "ŧ": "t",
    "Ё": "Е", "ё": "е",
}  # fmt: skip
#: code point ranges whose decomposable letters lose their marks
_RANGES = ((0x00C0, 0x0250), (0x0370, 0x0400), (0x1E00, 0x1F00))
_BASES = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | {chr(c) for c in range(0x0391, 0x03CA)}


def _stripped(char: str) -> str | None:
    """``char`` without its combining marks, when that leaves plain Latin or Greek letters (else None: "Ǣ" would
    become "Æ", which unaccent keeps)."""
    if "LETTER" not in unicodedata.name(char, ""):
        return None
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if base != char and base and set(base) <= _BASES else None


def _table() -> dict[int, str]:
    table = {ord(k): v for k, v in _LETTERS.items()}
    for start, end in _RANGES:
        for code in range(start, end):
            base = _stripped(chr(code))
            if base is not None:
                table.setdefault(code, base)
    return table


_TABLE = _table()


def fold_accents(text: str) -> str:
    """``text`` with accents folded as PostgreSQL's ``unaccent`` does."""
    return text if text.isascii() else text.translate(_TABLE)
