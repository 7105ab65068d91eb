"""URLs and feeds against a real local HTTP server on 127.0.0.1 (hence ``allow_private``), and address refusal."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import httpx
import pytest

from wirescope.ingest import IngestItem, IngestOptions, read_inputs
from wirescope.ingest.base import USER_AGENT, IngestError
from wirescope.ingest.web import PublicOnlyBackend, check_url, is_public, make_transport

ARTICLE = """<html lang="en"><head><title>Harbour reopens after storm</title>
<meta name="author" content="Sam Lee"><meta property="article:published_time" content="2024-02-10T07:00:00Z"></head>
<body><article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Friday after a storm closed it for three days, the port authority said.
Ferries resumed their normal timetable in the afternoon and the first cargo ship arrived in the evening.</p>
<p>Repairs to the damaged pier are expected to take several weeks and will cost about two million pounds.</p>
</article></body></html>"""

SECOND = ARTICLE.replace("Harbour reopens after storm", "Bridge closed for repairs").replace(
    "The harbour reopened", "The old bridge closed").replace(
    '<meta property="article:published_time" content="2024-02-10T07:00:00Z">', "")

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Wire</title><language>en-gb</language><link>{base}/</link>
<item><title>Harbour reopens</title><link>{base}/article</link><pubDate>Sat, 10 Feb 2024 09:30:00 +0100</pubDate>
<author>desk@example.org (News Desk)</author></item>
<item><title>Bridge news</title><link>{base}/second</link></item>
<item><title>Gone</title><link>{base}/missing</link>
<description>&lt;p&gt;The council met on Monday and approved the new budget for schools.&lt;/p&gt;</description></item>
<item><title>Nothing at all</title><link>{base}/missing</link></item>
</channel></rss>"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv"><title>Lokala nyheter</title><id>urn:x</id>
<updated>2024-03-01T10:00:00Z</updated>
<entry><title>Ny skola invigd</title><id>urn:1</id><updated>2024-03-01T09:00:00+01:00</updated>
<content type="html">&lt;p&gt;Den nya skolan i centrum invigdes i dag av kommunalrådet.&lt;/p&gt;
&lt;p&gt;Eleverna flyttar in efter sommaren.&lt;/p&gt;</content></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the test server
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://{self.headers['Host']}"
        routes = {
            "/article": ("text/html; charset=utf-8", ARTICLE),
            "/second": ("text/html; charset=utf-8", SECOND),
            "/plain": ("text/plain; charset=utf-8", "A plain text note. It has two sentences."),
            "/feed": ("application/rss+xml", FEED.format(base=base)),
            "/feed-as-xml": ("text/xml", FEED.format(base=base)),
            "/atom": ("application/atom+xml", ATOM),
            "/broken-feed": ("application/rss+xml", "<rss><channel><title>Broken</title><item><title>x"),
            "/pdf": ("application/pdf", "%PDF-1.4"),
            "/empty": ("text/html", ""),
        }
        if self.path in routes:
            content_type, body = routes[self.path]
            self._send(200, content_type, body.encode("utf-8"))
        elif self.path == "/redirect":
            self._redirect("/article")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/big":
            self._send(200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>")
        elif self.path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the limit must hold while streaming
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
            self.close_connection = True
        elif self.path == "/slow":
            time.sleep(2)
            with contextlib.suppress(BrokenPipeError):  # the client gave up, as it should
                self._send(200, "text/html", ARTICLE.encode("utf-8"))
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str, **options: object) -> list[IngestItem]:
    defaults: dict[str, object] = {"allow_private": True, "timeout": 5.0}
    defaults.update(options)
    return list(read_inputs([url], IngestOptions(**defaults)))  # type: ignore[arg-type]


def test_article_page(server: str) -> None:
    (item,) = fetch(f"{server}/article")
    doc = item.document
    assert item.error is None and doc is not None
    assert doc.title == "Harbour reopens after storm" and doc.author == "Sam Lee" and doc.language == "en"
    assert doc.url == f"{server}/article"
    assert doc.published == datetime(2024, 2, 10, 7, tzinfo=UTC)
    assert "The harbour reopened on Friday" in doc.text
    assert Handler.user_agents[-1] == USER_AGENT and USER_AGENT.startswith("wirescope/")


def test_plain_text_page(server: str) -> None:
    (item,) = fetch(f"{server}/plain", lang="en")
    assert item.document is not None and item.document.text == "A plain text note. It has two sentences."
    assert item.document.language == "en"


def test_redirect_is_followed(server: str) -> None:
    (item,) = fetch(f"{server}/redirect")
    assert item.document is not None and item.document.url == f"{server}/article"


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/loop", {"max_redirects": 3}, "too many redirects"),
        ("/big", {"max_bytes": 10_000}, "too large"),
        ("/big-chunked", {"max_bytes": 10_000}, "too large"),
        ("/slow", {"timeout": 0.5}, "timed out"),
        ("/nothing-here", {}, "HTTP 404"),
        ("/pdf", {}, "unsupported content type"),
        ("/empty", {}, "empty"),
    ],
)
def test_bad_urls(server: str, path: str, options: dict[str, object], reason: str) -> None:
    (item,) = fetch(f"{server}{path}", **options)
    assert item.document is None and item.error is not None and reason in item.error, item.error


def test_unreachable_host() -> None:
    (item,) = fetch("http://127.0.0.1:9/closed-port", timeout=2.0)
    assert item.document is None and item.error and item.error.startswith("unreachable")
    (item,) = fetch("http://no-such-host.invalid/", allow_private=False)
    assert item.error and "cannot resolve" in item.error


def test_loopback_refused_without_allow_private(server: str) -> None:
    before = len(Handler.user_agents)
    (item,) = fetch(f"{server}/article", allow_private=False)
    assert item.document is None and item.error is not None
    assert item.error.startswith("refused") and "127.0.0.1" in item.error and "--allow-private" in item.error
    assert len(Handler.user_agents) == before  # no request was made


def test_dns_name_resolving_to_loopback_is_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    (item,) = fetch(f"http://localhost:{port}/article", allow_private=False)
    assert item.error and item.error.startswith("refused") and "localhost" in item.error


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/", "http://192.168.0.1/", "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data",
     "http://[::1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/",
     "http://224.0.0.1/", "http://240.0.0.1/"],
)
def test_non_public_addresses_are_refused(url: str) -> None:
    (item,) = fetch(url, allow_private=False)
    assert item.document is None and item.error and item.error.startswith("refused")


def test_connection_time_check(server: str) -> None:
    """The backend re-checks the address it connects to (DNS rebinding between check and connect)."""
    port = int(server.rsplit(":", 1)[1])
    with pytest.raises(IngestError, match="connection time"):
        PublicOnlyBackend().connect_tcp("localhost", port, timeout=2.0)
    stream = httpcore.SyncBackend().connect_tcp("localhost", port, timeout=2.0)  # the same call is otherwise fine
    stream.close()


def test_client_connections_go_through_the_checking_backend(server: str) -> None:
    with httpx.Client(transport=make_transport(allow_private=False)) as client, pytest.raises(
        IngestError, match="connection time"
    ):
        client.get(f"{server}/article")
    with httpx.Client(transport=make_transport(allow_private=True)) as client:
        assert client.get(f"{server}/article").status_code == 200


def test_other_schemes_are_refused() -> None:
    with pytest.raises(Exception, match="unsupported URL scheme"):
        check_url("ftp://example.org/file", allow_private=True)


def test_is_public() -> None:
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1:248:1893:25c8:1946")
    assert not is_public("127.0.0.1") and not is_public("::ffff:10.0.0.1") and not is_public("fd00::1")


def test_feed_fetches_every_entry(server: str) -> None:
    items = fetch(f"{server}/feed")
    assert len(items) == 4
    first, second, fallback, failed = items
    assert first.document and "The harbour reopened on Friday" in first.document.text
    # the entry's metadata wins over the page's; the feed's title is the source and its language the language
    assert first.document.title == "Harbour reopens"
    assert first.document.published == datetime(2024, 2, 10, 8, 30, tzinfo=UTC)
    assert first.document.source == "Local Wire" and first.document.language == "en"
    assert second.document and "The old bridge closed" in second.document.text
    assert second.document.published is None  # no date in the entry or the page: unknown, not invented
    assert fallback.document and fallback.document.text == (
        "The council met on Monday and approved the new budget for schools.")
    assert failed.document is None and failed.error and "HTTP 404" in failed.error


def test_feed_detected_by_content(server: str) -> None:
    items = fetch(f"{server}/feed-as-xml")
    assert [i.document is not None for i in items] == [True, True, True, False]


def test_atom_entry_without_link_uses_its_content(server: str) -> None:
    (item,) = fetch(f"{server}/atom")
    doc = item.document
    assert doc is not None and item.origin == f"{server}/atom#entry-1"
    assert doc.text == (
        "Den nya skolan i centrum invigdes i dag av kommunalrådet.\n\nEleverna flyttar in efter sommaren.")
    assert (doc.title, doc.source, doc.language) == ("Ny skola invigd", "Lokala nyheter", "sv")
    assert doc.published == datetime(2024, 3, 1, 8, tzinfo=UTC)


def test_broken_feed(server: str) -> None:
    items = fetch(f"{server}/broken-feed")
    assert items[0].document is None and items[0].error and items[0].error.startswith("broken feed")
