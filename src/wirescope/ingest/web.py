"""URLs: fetch with httpx (timeouts, redirect and size limits, a clear User-Agent) and read the page or feed.

Requests to private, loopback, link-local, reserved or multicast addresses are refused unless
``allow_private``: the host is resolved and every address it resolves to is checked, before the first request
and again after every redirect (redirects are followed by hand for that reason). The connection itself goes
through :class:`PublicOnlyBackend`, which resolves the name once more, checks every address again and connects
to a checked address, so a DNS server that answers differently the second time (DNS rebinding) gains nothing.

An RSS/Atom feed (by content type or content) yields one document per entry: the entry's link is fetched and
extracted; when that fails, the entry's own content or summary is used.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from wirescope.ingest.base import IngestError, IngestItem, IngestOptions
from wirescope.ingest.decode import decode_bytes
from wirescope.ingest.meta import SourceMeta, make_document
from wirescope.model import Document

_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")
_TEXT_TYPES = ("text/plain", "text/markdown")


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    content_type: str
    body: bytes


def read_url(url: str, options: IngestOptions) -> Iterator[IngestItem]:
    try:
        fetched = fetch(url, options)
    except IngestError as exc:
        yield IngestItem(url, error=str(exc))
        return
    if is_feed(fetched):
        from wirescope.ingest.feeds import read_feed

        yield from read_feed(fetched, url, options)
        return
    try:
        yield IngestItem(url, document=page_document(fetched, options))
    except IngestError as exc:
        yield IngestItem(url, error=str(exc))


def page_document(fetched: Fetched, options: IngestOptions, base: SourceMeta | None = None) -> Document:
    """A Document from a fetched HTML or plain-text page."""
    from wirescope.ingest.html import html_document, looks_like_html

    meta = (base or SourceMeta()).fill_from(SourceMeta(url=fetched.url, source=urlsplit(fetched.url).hostname))
    if "html" in fetched.content_type or (not fetched.content_type and looks_like_html(fetched.body)):
        return html_document(fetched.body, options, base=meta)
    if fetched.content_type.startswith(_TEXT_TYPES):
        return make_document(decode_bytes(fetched.body), meta, options)
    raise IngestError(f"unsupported content type: {fetched.content_type or 'unknown'}")


def is_feed(fetched: Fetched) -> bool:
    if "html" in fetched.content_type:
        return False
    if any(t in fetched.content_type for t in _FEED_TYPES):
        return True
    head = fetched.body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf"))


def fetch(url: str, options: IngestOptions) -> Fetched:
    """GET ``url`` following at most ``options.max_redirects`` redirects, each target checked; raises IngestError."""
    headers = {"User-Agent": options.user_agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
               "application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"}
    timeout = httpx.Timeout(options.timeout)
    transport = make_transport(options.allow_private)
    with httpx.Client(headers=headers, timeout=timeout, follow_redirects=False, trust_env=False,
                      transport=transport) as client:
        for _ in range(options.max_redirects + 1):
            check_url(url, options.allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise IngestError(f"unreachable: HTTP {response.status_code} redirect without a Location")
                        url = urljoin(url, location)
                        continue
                    if response.status_code >= 400:
                        raise IngestError(f"unreachable: HTTP {response.status_code} {response.reason_phrase}".strip())
                    body = _read_limited(response, options.max_bytes)
                    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    return Fetched(str(response.url), content_type, body)
            except httpx.TimeoutException as exc:
                raise IngestError(f"unreachable: timed out after {options.timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise IngestError(f"unreachable: {type(exc).__name__}: {exc}") from exc
    raise IngestError(f"too many redirects (more than {options.max_redirects})")


class PublicOnlyBackend(httpcore.SyncBackend):
    """A network backend that connects only to public addresses, checked at connection time."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        for address in addresses:
            if not is_public(address):
                raise IngestError(f"refused: {host} resolves to non-public address {address} at connection time")
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


def make_transport(allow_private: bool) -> httpx.HTTPTransport:
    """An httpx transport whose connections are checked by :class:`PublicOnlyBackend` (unless allowed)."""
    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if not allow_private and isinstance(pool, httpcore.ConnectionPool):
        # httpx has no public hook for the network backend; its pool keeps it here
        pool._network_backend = PublicOnlyBackend()
    return transport


def check_url(url: str, allow_private: bool) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a non-public address (unless allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise IngestError(f"refused: unsupported URL scheme {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise IngestError("refused: URL without a host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise IngestError("refused: invalid port in URL") from exc
    for address in resolve(host, port):
        if not is_public(address):
            raise IngestError(
                f"refused: {host} resolves to non-public address {address} (private, loopback, link-local or "
                "reserved); use --allow-private to allow it"
            )


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestError(f"unreachable: cannot resolve host {host}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return ip.is_global and not ip.is_multicast


def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"too large: {declared} bytes, over the limit of {max_bytes} bytes")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise IngestError(f"too large: over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
