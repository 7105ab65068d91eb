"""WARC archives built with warcio: HTML responses become documents, other records are skipped."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirescope.ingest import IngestOptions, read_inputs

PAGE = """<html lang="nl"><head><title>Nieuwe brug geopend</title>
<meta property="article:published_time" content="2022-06-01T08:00:00Z"></head>
<body><article><h1>Nieuwe brug geopend</h1>
<p>De nieuwe brug over de rivier is dinsdag na drie jaar bouwen geopend voor het verkeer.
De burgemeester sprak van een belangrijke dag voor de hele regio en bedankte de bouwvakkers.</p>
<p>De kosten bedroegen ongeveer veertig miljoen euro, iets meer dan oorspronkelijk begroot.</p>
</article></body></html>"""


def build_warc(path: Path, responses: list[tuple[str, str, bytes]], gzip: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for uri, content_type, body in responses:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2022-06-02T10:00:00Z"},
            )
            writer.write_record(record)
        request = writer.create_warc_record(
            "https://example.nl/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)


def test_warc_gz_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, [
        ("https://example.nl/a", "text/html; charset=utf-8", PAGE.encode("utf-8")),
        ("https://example.nl/robots.txt", "text/plain", b"User-agent: *"),
        ("https://example.nl/empty", "text/html", b"<html><body><script>x()</script></body></html>"),
    ], gzip=True)
    items = list(read_inputs([str(path)], IngestOptions()))
    assert [i.origin for i in items] == [f"{path}#https://example.nl/a", f"{path}#https://example.nl/empty"]
    doc = items[0].document
    assert doc is not None
    assert doc.url == "https://example.nl/a" and doc.language == "nl" and doc.title == "Nieuwe brug geopend"
    assert "De nieuwe brug over de rivier" in doc.text
    assert doc.published == datetime(2022, 6, 1, 8, tzinfo=UTC)
    assert doc.fetched_at == datetime(2022, 6, 2, 10, tzinfo=UTC)
    assert items[1].document is None and items[1].error == "no article text found in HTML"


def test_plain_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    build_warc(path, [("https://example.nl/a", "text/html", PAGE.encode("utf-8"))], gzip=False)
    (item,) = read_inputs([str(path)], IngestOptions())
    assert item.document is not None


def test_broken_and_empty_warc(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"this is not a warc file at all\n" * 5)
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    no_html = tmp_path / "nohtml.warc"
    build_warc(no_html, [("https://example.nl/robots.txt", "text/plain", b"User-agent: *")], gzip=False)
    items = list(read_inputs([str(broken), str(empty), str(no_html)], IngestOptions()))
    assert [i.document for i in items] == [None, None, None]
    errors = [i.error or "" for i in items]
    assert errors[0].startswith("broken WARC") and errors[1].startswith("empty") and "no HTML" in errors[2]
