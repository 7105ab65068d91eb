"""Bytes to text: byte-order marks, UTF-8, then charset-normalizer for legacy encodings (latin-1, cp1251, ...).

Binary content (NUL bytes outside UTF-16/32, many control characters) and text no encoding fits are refused
with a clear reason instead of being turned into mojibake.
"""

from __future__ import annotations

import codecs
from typing import Any

from wirescope.ingest.base import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: legacy encodings by how common they are in news text (the WHATWG-style preference for Western and Cyrillic)
_COMMON_ENCODINGS = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "koi8_u", "cp1250",
                     "iso8859_2", "cp1256", "shift_jis", "euc_jp", "gb18030", "gb2312", "big5", "euc_kr", "cp949")
_CHAOS_TIE = 0.05
#: share of control characters (other than tab and newlines) above which decoded text is taken as binary
_MAX_CONTROL_SHARE = 0.02


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` to text or raise IngestError(reason)."""
    if not data.strip():
        raise IngestError("empty: no content")
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            text = _decode_detected(data, wide_only=True)
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_detected(data, wide_only=False)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise IngestError("binary content: not text")
    if not text.strip():
        raise IngestError("empty: no text")
    return text


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"undecodable text: invalid {encoding} after byte-order mark") from exc
    return None


def _decode_detected(data: bytes, wide_only: bool) -> str:
    from charset_normalizer import from_bytes

    best = _prefer_common(list(from_bytes(data)))
    if best is None:
        raise IngestError("binary content: NUL bytes" if wide_only else "undecodable text: no encoding fits")
    if wide_only and not best.encoding.startswith(("utf_16", "utf_32")):
        raise IngestError("binary content: NUL bytes")
    return str(best)


def _prefer_common(matches: list[Any]) -> Any:
    """The least chaotic match; among (near) ties, the most widely used legacy encoding.

    Short texts decode without errors in many single-byte code pages (latin-1 text is also valid cp1250);
    charset-normalizer ranks those equally, and the common encoding is the better bet.
    """
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + _CHAOS_TIE]

    def rank(match: Any) -> int:
        common = _COMMON_ENCODINGS
        return common.index(match.encoding) if match.encoding in common else len(common)

    return min(tied, key=lambda m: (rank(m), -m.coherence))


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return controls / len(text)
