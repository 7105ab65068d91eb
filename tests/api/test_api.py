"""The REST API against a real ``wirescope serve`` process and a real SQLite store holding the demo corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.api.server import Server, serve, wirescope

from wirescope.store import StoryBook, open_store

#: written for these tests: a Swedish query about the NATO accession story that names neither "Nato" nor "NAVO"
SWEDISH_QUERY = "Finland har gått med i den västliga försvarsalliansen"


def get(server: Server, path: str, **params: Any) -> Any:
    response = httpx.get(server.url + path, params=params, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def test_documents_are_the_stored_ones_with_pagination_and_sorting(api_server: Server) -> None:
    stored = {d["id"] for d in open_store(str(api_server.db)).list_documents() if d["duplicate_of"] is None}
    everything = get(api_server, "/api/documents", limit=500)
    assert everything["total"] == len(stored) and {d["id"] for d in everything["items"]} == stored
    second_page = get(api_server, "/api/documents", limit=4, offset=4)
    assert second_page["total"] == len(stored)
    assert [d["id"] for d in second_page["items"]] == [d["id"] for d in everything["items"][4:8]]
    titles = [d["title"] for d in get(api_server, "/api/documents", sort="title", limit=500)["items"]]
    assert titles == sorted(titles)
    swedish = get(api_server, "/api/documents", language="sv")["items"]
    assert swedish and all(d["language"] == "sv" for d in swedish)


def test_a_document_has_its_text_and_every_section_with_offsets_into_it(api_server: Server) -> None:
    doc_id = get(api_server, "/api/documents", language="en", limit=1)["items"][0]["id"]
    doc = get(api_server, f"/api/documents/{doc_id}")
    for key in ("document", "text", "sentences", "entities", "times", "events", "claims", "plover"):
        assert key in doc
    text = doc["text"]
    assert doc["entities"]
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for event in doc["events"]:
        assert text[event["event_start"] : event["event_end"]] == event["event_text"]
    assert httpx.get(f"{api_server.url}/api/documents/no-such-id").status_code == 404


def test_events_are_plover_records_and_filters_apply(api_server: Server) -> None:
    events = get(api_server, "/api/events", limit=500)
    assert events["total"] == open_store(str(api_server.db)).counts()["events"]
    for item in events["items"]:
        record = item["plover"]
        assert record["event"] == [item["category"]] and record["id"] == item["id"]
        assert record["date"] and "text" in record and "cite_info" in record
    russian = get(api_server, "/api/events", actor="RUS", limit=500)["items"]
    assert russian and all(any(a["code"] == "RUS" for a in e["actor"]) for e in russian)
    consult = get(api_server, "/api/events", category="consult", date_from="2023-09-01", limit=500)["items"]
    assert consult and all(e["category"] == "CONSULT" and e["date"] >= "2023-09-01" for e in consult)
    by_intensity = [e["intensity"] for e in get(api_server, "/api/events", sort="-intensity", limit=500)["items"]]
    assert by_intensity == sorted(by_intensity, reverse=True)


def test_aggregates_count_every_event_once(api_server: Server) -> None:
    total = get(api_server, "/api/events", limit=1, plover=False)["total"]
    for by in ("dyad", "category"):
        result = get(api_server, "/api/aggregates", by=by)
        groups = result["items"]
        assert result["events_listed"] == total
        assert sum(g["count"] for g in groups) == result["events_counted"] <= total
        for g in groups:
            assert g["cooperation"] + g["conflict"] <= g["count"]
    dyads = get(api_server, "/api/aggregates", by="dyad")["items"]
    top = dyads[0]
    matching = get(api_server, "/api/events", actor=top["actor"].split("+")[0], limit=500)["items"]
    listed = {e["id"] for e in matching if e["dyad"] == top["key"]}  # every source, copies included
    assert set(top["events"]) <= listed and len(top["events"]) == top["count"]
    months = get(api_server, "/api/aggregates", by="month")["items"]
    assert months and all(len(m["key"]) == 7 for m in months)
    weeks = get(api_server, "/api/aggregates", by="week")["items"]
    assert weeks and all("-W" in w["key"] for w in weeks)
    assert httpx.get(f"{api_server.url}/api/aggregates", params={"by": "decade"}).status_code == 422


def test_aggregates_count_a_translations_events_once(api_server: Server) -> None:
    """The demo declares a translation: its events that the original also reports are left out of aggregates (as
    are those of copies the story index found), while the events listing (every source) keeps them."""
    store = open_store(str(api_server.db))
    translations = [d["id"] for d in store.list_documents() if d.get("translation_of")]
    assert translations, "the demo corpus declares a translation"
    book = StoryBook.open(store)
    copies = {m["document_id"] for s in book.index.stories for m in book.members(s) if m["copy_of"]}
    result = get(api_server, "/api/aggregates", by="category")
    assert result["events_counted"] < result["events_listed"]
    counted = {key for g in result["items"] for key in g["events"]}
    listed = get(api_server, "/api/events", limit=500, plover=False)["items"]
    dropped = [e for e in listed if e["id"] not in counted]
    assert len(dropped) == result["events_listed"] - result["events_counted"]
    assert {e["document_id"] for e in dropped} & set(translations)
    assert {e["document_id"] for e in dropped} <= set(translations) | copies


def test_stories_are_the_persisted_ones(api_server: Server) -> None:
    """The API reads the story assignments the CLI wrote (same ids as ``wirescope stories``)."""
    served = {s["id"] for s in get(api_server, "/api/stories", limit=500)["items"]}
    persisted = set(StoryBook.open(open_store(str(api_server.db))).index.stories)
    assert served and served == persisted


def test_claims_filter_by_stance(api_server: Server) -> None:
    claims = get(api_server, "/api/claims", limit=500)
    assert claims["total"] == open_store(str(api_server.db)).counts()["claims"]
    asserted = get(api_server, "/api/claims", stance="assert", limit=500)["items"]
    assert all(c["stance"] == "assert" for c in asserted)
    assert all(c["speaker"] and c["document_id"] for c in claims["items"])


def test_stories_group_documents_and_carry_timeline_and_ledger(api_server: Server) -> None:
    stories = get(api_server, "/api/stories")["items"]
    assert stories
    documents = get(api_server, "/api/documents", limit=500)["total"]
    assert sum(s["documents"] for s in stories) == documents
    multilingual = max(stories, key=lambda s: len(s["languages"]))
    detail = get(api_server, f"/api/stories/{multilingual['id']}")
    members = {m["id"] for m in detail["members"]}
    assert len(members) == multilingual["documents"] and len({m["language"] for m in detail["members"]}) > 1
    assert all(e["document_id"] in members for e in detail["timeline"])
    assert isinstance(detail["ledger"], list)
    in_story = get(api_server, "/api/documents", story=multilingual["id"], limit=500)["items"]
    assert {d["id"] for d in in_story} == members
    assert httpx.get(f"{api_server.url}/api/stories/S999999").status_code == 404


def test_keyword_search_finds_the_word(api_server: Server) -> None:
    hits = get(api_server, "/api/search", q="Kim", mode="keyword")["items"]
    assert hits
    for hit in hits:
        doc = get(api_server, f"/api/documents/{hit['id']}")
        assert "kim" in (doc["text"] + (doc["document"]["title"] or "")).casefold()
    # punctuation FTS5 would reject is searched as words, not an error
    assert httpx.get(f"{api_server.url}/api/search", params={"q": 'Kim "Jong'}).status_code == 200


def test_semantic_search_in_swedish_finds_the_dutch_article(api_server: Server) -> None:
    hits = get(api_server, "/api/search", q=SWEDISH_QUERY, mode="semantic", limit=50)["items"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    # the story of the best hit is the NATO accession story; its Dutch article outranks every other story's article
    story_id = get(api_server, f"/api/documents/{hits[0]['id']}")["story"]
    members = {d["id"] for d in get(api_server, "/api/documents", story=story_id, limit=500)["items"]}
    dutch = [i for i, h in enumerate(hits) if h["language"] == "nl" and h["id"] in members]
    others = [i for i, h in enumerate(hits) if h["id"] not in members]
    assert dutch, "the Dutch article of the story is not found"
    assert dutch[0] < others[0]
    assert httpx.get(f"{api_server.url}/api/search", params={"q": "x", "mode": "fuzzy"}).status_code == 422


def test_ingest_a_document_and_a_batch_returns_ids_that_can_be_read(api_server: Server) -> None:
    article = {
        "title": "Chile and Argentina sign a fisheries accord",
        "text": "Chile and Argentina signed an agreement on fisheries in Buenos Aires on Monday. "
        "The foreign minister of Chile said the accord would protect stocks in the south Atlantic.",
        "published": "2024-03-04",
        "language": "en",
    }
    result = httpx.post(f"{api_server.url}/api/ingest", json={"document": article}, timeout=300).json()
    assert result["summary"]["stored"] == 1 and len(result["ids"]) == 1
    doc = get(api_server, f"/api/documents/{result['ids'][0]}")
    assert doc["document"]["title"] == article["title"]
    assert {"Chile", "Argentina"} <= {e["name"] for e in doc["entities"]}
    assert doc["story"] is not None  # ingestion assigned and persisted the document's story
    members = StoryBook.open(open_store(str(api_server.db))).members(doc["story"])
    assert result["ids"][0] in {m["document_id"] for m in members}
    again = httpx.post(f"{api_server.url}/api/ingest", json={"documents": [article]}, timeout=300).json()
    assert again["ids"] == result["ids"] and again["summary"]["stored"] == 0
    assert httpx.post(f"{api_server.url}/api/ingest", json={}).status_code == 422
    bad_date = {"document": {**article, "published": "last Monday"}}
    assert httpx.post(f"{api_server.url}/api/ingest", json=bad_date).status_code == 422


def test_requests_larger_than_the_limit_are_refused(api_server: Server) -> None:
    huge = {"document": {"text": "a" * 6_000_000}}
    assert httpx.post(f"{api_server.url}/api/ingest", json=huge, timeout=60).status_code == 413


def test_no_cors_and_no_inline_script_by_default(api_server: Server) -> None:
    response = httpx.get(f"{api_server.url}/api/documents", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers
    assert "script-src 'self'" in httpx.get(f"{api_server.url}/").headers["content-security-policy"]


def test_docs_are_served_offline(api_server: Server) -> None:
    html = httpx.get(f"{api_server.url}/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in html and "cdn" not in html.casefold()
    assert httpx.get(f"{api_server.url}/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert httpx.get(f"{api_server.url}/redoc").status_code == 200
    schema = get(api_server, "/openapi.json")
    for path in ("/api/documents", "/api/events", "/api/search", "/api/aggregates", "/api/ingest"):
        assert path in schema["paths"]


def test_a_token_protects_writes_and_reads_unless_public_read(demo_db_copy: Path) -> None:
    article = {"document": {"text": "Norway and Denmark held talks on Arctic shipping in Oslo.", "language": "en"}}
    with serve(demo_db_copy, token="s3cret") as server:
        assert httpx.get(f"{server.url}/api/documents").status_code == 401
        assert httpx.post(f"{server.url}/api/ingest", json=article).status_code == 401
        assert httpx.get(f"{server.url}/api/documents", headers={"Authorization": "Bearer wrong"}).status_code == 401
        with server.client("s3cret") as client:
            assert client.get("/api/documents").status_code == 200
        page = httpx.get(f"{server.url}/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
    with serve(demo_db_copy, "--public-read", token="s3cret") as server:
        assert httpx.get(f"{server.url}/api/documents").status_code == 200
        assert httpx.get(f"{server.url}/", timeout=120).status_code == 200
        assert httpx.post(f"{server.url}/api/ingest", json=article).status_code == 401


def test_binding_beyond_loopback_needs_a_token(demo_db_copy: Path) -> None:
    result = wirescope("serve", "--db", str(demo_db_copy), "--host", "0.0.0.0", "--port", "1", timeout=60)
    assert result.returncode == 2 and "token" in result.stderr


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_loopback_hosts_are_recognised(host: str) -> None:
    from wirescope.api.serve import is_loopback

    assert is_loopback(host)
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
