"""HTML pages: main text without boilerplate or scripts, and metadata from the page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from wirescope.ingest import IngestOptions, read_inputs
from wirescope.ingest.html import html_to_text

ARTICLE = """<!DOCTYPE html>
<html lang="de-DE">
<head>
  <meta charset="utf-8">
  <title>Neue Brücke eröffnet | Beispielzeitung</title>
  <meta property="og:title" content="Neue Brücke eröffnet">
  <meta property="og:site_name" content="Beispielzeitung">
  <meta name="author" content="Jonas Weber">
  <meta property="article:published_time" content="2024-03-05T09:15:00+01:00">
  <link rel="canonical" href="https://example.de/news/bruecke">
  <script>var tracking = "SCRIPT-SHOULD-NOT-APPEAR"; function f() { return 1; }</script>
  <style>.x { color: red }</style>
</head>
<body>
  <nav><a href="/">Startseite</a> | <a href="/politik">Politik</a> | <a href="/sport">Sport</a></nav>
  <article>
    <h1>Neue Brücke eröffnet</h1>
    <p>Die neue Brücke über den Fluss wurde am Dienstag nach drei Jahren Bauzeit für den Verkehr freigegeben.
    Der Bürgermeister sprach von einem wichtigen Tag für die ganze Region.</p>
    <p>Die Baukosten lagen bei rund 40 Millionen Euro und damit etwas höher als ursprünglich geplant.
    Kritiker bemängeln die Verzögerungen, Anwohner freuen sich dagegen über kürzere Wege.</p>
    <script>document.write("SCRIPT-IN-BODY");</script>
  </article>
  <footer>Impressum · Datenschutz · Kontakt</footer>
</body>
</html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_article_text_and_metadata(tmp_path: Path) -> None:
    (item,) = read_inputs([str(write(tmp_path, "a.html", ARTICLE))], IngestOptions())
    doc = item.document
    assert item.error is None and doc is not None
    assert "Die neue Brücke über den Fluss" in doc.text
    assert "SCRIPT" not in doc.text and "tracking" not in doc.text
    assert "Impressum" not in doc.text and "Startseite" not in doc.text
    assert doc.title == "Neue Brücke eröffnet"
    assert doc.author == "Jonas Weber"
    assert doc.source == "Beispielzeitung"
    assert doc.url == "https://example.de/news/bruecke"
    assert doc.language == "de"
    assert doc.published is not None and doc.published.tzinfo is not None
    assert doc.published == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)


def test_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    (item,) = read_inputs([str(write(tmp_path, "a.htm", ARTICLE))], IngestOptions())
    assert item.document is not None
    assert "\n\nDie Baukosten" in item.document.text


def test_page_without_date_has_no_date(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta property="article:published_time" content="2024-03-05T09:15:00+01:00">', "")
    (item,) = read_inputs([str(write(tmp_path, "a.html", page))], IngestOptions())
    assert item.document is not None and item.document.published is None


def test_explicit_options_win(tmp_path: Path) -> None:
    when = datetime(2020, 1, 1, tzinfo=UTC)
    options = IngestOptions(lang="sv", published=when, source="Manuell")
    (item,) = read_inputs([str(write(tmp_path, "a.html", ARTICLE))], options)
    doc = item.document
    assert doc is not None and (doc.language, doc.published, doc.source) == ("sv", when, "Manuell")


def test_legacy_encoded_page(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (item,) = read_inputs([str(write(tmp_path, "a.html", page.encode("cp1252")))], IngestOptions())
    assert item.document is not None and "Brücke über den Fluss" in item.document.text


def test_short_page_falls_back_to_all_text(tmp_path: Path) -> None:
    page = "<html><body><p>Kurze Meldung: Der Zug fährt heute nicht.</p></body></html>"
    (item,) = read_inputs([str(write(tmp_path, "a.html", page))], IngestOptions())
    assert item.document is not None and item.document.text == "Kurze Meldung: Der Zug fährt heute nicht."


def test_malformed_html_without_text(tmp_path: Path) -> None:
    for content in ("<html><head><title>x</title></head><body><div><span></div>", "<<<>>> <%% ", "<p>ok</p>"):
        (item,) = read_inputs([str(write(tmp_path, "bad.html", content))], IngestOptions())
        assert item.document is None and item.error == "no article text found in HTML", content


def test_html_to_text_skips_scripts_and_keeps_paragraphs() -> None:
    text = html_to_text("<p>Erster Absatz.</p><script>x()</script><p>Zweiter &amp; letzter.</p>")
    assert text == "Erster Absatz.\n\nZweiter & letzter."
