"""Local files, directories and stdin: formats, encodings, metadata precedence and every bad-input case."""

from __future__ import annotations

import io
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wirescope.ingest import IngestItem, IngestOptions, read_inputs

SWEDISH = "Regeringen presenterade i dag en ny budget. Oppositionen var kritisk och krävde mer pengar till skolan."

_RNG = random.Random(3)
#: high bytes at random: valid in no encoding without a lot of noise
GARBLED = bytes(_RNG.randrange(0x80, 0x100) for _ in range(400))


def read(paths: list[Path | str], **options: object) -> list[IngestItem]:
    return list(read_inputs([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def one(path: Path, **options: object) -> IngestItem:
    items = read([path], **options)
    assert len(items) == 1, items
    return items[0]


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SWEDISH + "\r\n", encoding="utf-8")
    item = one(path)
    assert item.error is None and item.document is not None
    assert item.document.text == SWEDISH
    assert item.document.published is None and item.document.language is None
    assert item.origin == str(path)


def test_same_content_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SWEDISH, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SWEDISH + "\n\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(SWEDISH + " Ett tillägg.", encoding="utf-8")
    a, b, c = (one(tmp_path / n).document for n in ("a.txt", "b.txt", "c.txt"))
    assert a and b and c
    assert a.id == b.id != c.id


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Ny budget\npublished: 2023-09-14T10:30:00+02:00\nurl: https://example.se/budget\n"
        "source: Exempelbladet\nlanguage: sv\nauthor: Anna Berg\n---\n\n# Ny budget\n\n" + SWEDISH
        + " Se [rapporten](https://example.se/r).\n",
        encoding="utf-8",
    )
    doc = one(path).document
    assert doc is not None
    assert (doc.title, doc.url, doc.source, doc.language, doc.author) == (
        "Ny budget", "https://example.se/budget", "Exempelbladet", "sv", "Anna Berg")
    assert doc.published == datetime(2023, 9, 14, 8, 30, tzinfo=UTC)
    assert doc.text.startswith("Ny budget\n\n") and "---" not in doc.text
    assert "Se rapporten." in doc.text and "https://" not in doc.text


def test_markdown_naive_date_is_utc_and_first_heading_is_title(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("---\npublished: 2023-09-14\n---\n# Rubriken\n\n" + SWEDISH, encoding="utf-8")
    doc = one(path).document
    assert doc is not None
    assert doc.title == "Rubriken"
    assert doc.published == datetime(2023, 9, 14, tzinfo=UTC)


def test_explicit_options_win_over_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("---\npublished: 2023-09-14\nlanguage: sv\nsource: Bladet\n---\n" + SWEDISH, encoding="utf-8")
    when = datetime(2024, 1, 2, tzinfo=UTC)
    doc = one(path, lang="nl", published=when, source="Manual").document
    assert doc is not None
    assert (doc.language, doc.published, doc.source) == ("nl", when, "Manual")


def test_malformed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nText här.\n", encoding="utf-8")
    item = one(path)
    assert item.document is None and item.error and "front matter" in item.error


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Österreich und die Schweiz: Grüße aus Zürich, sagte der Bürgermeister am Montag.", "latin-1"),
        ("Hej världen. Café och naïv åsikt om Göteborg och Ångström i Västerås.", "latin-1"),
        ("Президент России заявил во вторник, что переговоры продолжатся на следующей неделе.", "cp1251"),
        ("Ça coûte très cher, à côté de la forêt, dit le maître d'hôtel.", "cp1252"),
        ("Hallo wereld, dit is een korte test met een paar woorden.", "utf-16"),
        ("Guten Tag, wie geht es Ihnen heute?", "utf-8-sig"),
    ],
)
def test_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(text.encode(encoding))
    doc = one(path).document
    assert doc is not None
    assert doc.text == text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01" * 20, "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("garbled.txt", GARBLED, "undecodable"),
        ("page.html", b"<html><body><script>var a = 1;</script><div></div></body></html>", "no article text"),
        ("nul.html", b"<html>\x00\x00\x00</html>", "binary"),
        ("doc.pdf", b"%PDF-1.4 ...", "unsupported file type"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    item = one(path)
    assert item.document is None
    assert item.error is not None and reason in item.error


def test_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SWEDISH * 10, encoding="utf-8")
    item = one(path, max_bytes=100)
    assert item.document is None and item.error and "too large" in item.error
    assert one(path, max_bytes=10_000).document is not None


def test_missing_path() -> None:
    items = read(["/nonexistent/wirescope/nothing.txt"])
    assert [i.error for i in items] == ["no such file or directory"]


def test_directory_is_recursive_sorted_and_continues_after_errors(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta text här.", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_bytes(b"")
    (tmp_path / "a.md").write_text("Alfa text här.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Dold.", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    items = read([tmp_path])
    assert [Path(i.origin).relative_to(tmp_path).as_posix() for i in items] == ["a.md", "b/a.txt", "b/z.txt"]
    assert [i.error is None for i in items] == [True, False, True]
    again = read([tmp_path])
    assert [(i.origin, i.error, i.document and i.document.id) for i in again] == [
        (i.origin, i.error, i.document and i.document.id) for i in items]


def test_directory_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (item,) = read([tmp_path])
    assert item.document is None and item.error and item.error.startswith("no supported files")


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SWEDISH.encode("utf-8"))))
    (item,) = read(["-"])
    assert item.origin == "stdin" and item.document and item.document.text == SWEDISH
    html = f"<!DOCTYPE html><html lang='sv'><head><title>Budget</title></head><body><p>{SWEDISH}</p></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html.encode("utf-8"))))
    (item,) = read(["-"])
    assert item.document and item.document.text == SWEDISH and item.document.language == "sv"


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = '{"text": "Första nyheten i dag."}\n{"text": "Andra nyheten i dag."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    items = read(["-"])
    assert [i.origin for i in items] == ["stdin#line-1", "stdin#line-2"]
    assert [i.document.text if i.document else None for i in items] == ["Första nyheten i dag.", "Andra nyheten i dag."]


def test_naive_explicit_date_is_utc(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SWEDISH, encoding="utf-8")
    doc = one(path, published=datetime(2023, 9, 14)).document
    assert doc is not None and doc.published == datetime(2023, 9, 14, tzinfo=UTC)


def test_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SWEDISH.encode("utf-8"))))
    (item,) = read(["-"], max_bytes=10)
    assert item.document is None and item.error and "too large" in item.error
