"""End-to-end UI tests: the dashboard in headless Chromium against a real server and the demo store.

Each page is loaded with the demo data and checked for what it must show; a screenshot of each is saved under
artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import httpx
from tests.api.server import Server
from tests.web.conftest import screenshot

SWEDISH_QUERY = "Finland har gått med i den västliga försvarsalliansen"
#: an article written for this test whose text and title carry markup that must stay text
HOSTILE_TITLE = 'Talks in Oslo <img src=x onerror="window.__pwned = 2">'
HOSTILE_TEXT = (
    "Norway and Denmark held talks on Arctic shipping in Oslo on Tuesday.\n"
    "<script>window.__pwned = 1; document.title = 'pwned';</script>\n"
    "The Norwegian foreign minister said both countries would cooperate on search and rescue."
)


def api(server: Server, path: str, **params: Any) -> Any:
    return httpx.get(server.url + path, params=params, timeout=120).json()


def wait_for_stories(page: Any) -> None:
    """The overview shows progress while stories are built, then reloads itself."""
    page.goto("/")
    page.wait_for_selector("a.story-link")


def test_overview_shows_stories_actors_and_a_search_box(page: Any, web_server: Server) -> None:
    wait_for_stories(page)
    stories = api(web_server, "/api/stories")["items"]
    assert page.locator("a.story-link").count() == len(stories)
    assert page.locator("ol.actors li").count() > 0
    assert page.locator("form.search input[name=q]").is_visible()
    screenshot(page, "overview")
    assert not page.js_errors


def test_story_page_has_timeline_articles_by_language_and_ledger(page: Any, web_server: Server) -> None:
    stories = api(web_server, "/api/stories")["items"]
    story = max(stories, key=lambda s: len(s["languages"]))
    page.goto(f"/stories/{story['id']}")
    assert page.locator("h3 .lang").count() == len(story["languages"])
    assert page.locator("ul.members li a").count() >= story["documents"]
    detail = api(web_server, f"/api/stories/{story['id']}")
    assert page.locator("table.events tbody tr").count() == len(detail["timeline"])
    assert page.locator("svg.chart rect.bar").count() > 0
    assert page.get_by_role("heading", name="Claims ledger").is_visible()
    screenshot(page, "story")


def test_actor_page_has_profile_network_and_events(page: Any, web_server: Server) -> None:
    top = api(web_server, "/api/aggregates", by="dyad")["items"][0]
    actor = next(e for e in api(web_server, "/api/entities", limit=500)["items"]
                 if e["type"] == "COUNTRY" and e["country"] == top["actor"].split("+")[0])
    page.goto(f"/entities/{actor['id']}")
    assert page.locator("h1").inner_text() == actor["name"]
    assert page.locator(".aliases .alias").count() > 0
    entity = api(web_server, f"/api/entities/{actor['id']}")
    assert page.locator("svg.network line.edge").count() == min(16, len(entity["relations"])) > 0
    assert page.locator("table.events tbody tr").count() == len(entity["events"])
    screenshot(page, "actor")


def test_dyad_page_charts_cooperation_and_conflict_with_the_events(page: Any, web_server: Server) -> None:
    top = api(web_server, "/api/aggregates", by="dyad")["items"][0]
    a, b = top["actor"].split("+")[0], top["recipient"].split("+")[0]
    page.goto(f"/dyads/{a}/{b}")
    dyad = api(web_server, f"/api/dyads/{a}/{b}")
    assert page.locator("svg.chart circle").count() == len(dyad["points"]) > 0
    assert page.locator("table.events tbody tr").count() == dyad["total"] >= top["count"]
    page.locator("svg.chart a").first.click()
    assert page.url.endswith(f"#day-{dyad['points'][0]['day']}")
    screenshot(page, "dyad")


def test_map_plots_geolocated_events(page: Any, web_server: Server) -> None:
    page.goto("/map")
    located = api(web_server, "/api/map")
    assert page.locator("svg.map line.grid").count() > 10
    assert page.locator("svg.map circle.event-dot").count() == located["total"]
    screenshot(page, "map")


def test_document_page_highlights_entities_linked_to_their_records(page: Any, web_server: Server) -> None:
    doc_id = api(web_server, "/api/documents", language="nl", limit=1)["items"][0]["id"]
    doc = api(web_server, f"/api/documents/{doc_id}")
    page.goto(f"/documents/{doc_id}")
    marked = page.locator("article.text a.hl.entity")
    assert marked.count() > 0
    mentions = {m["text"]: e["id"] for e in doc["entities"] for m in e["mentions"]}
    for i in range(marked.count()):
        link = marked.nth(i)
        text, href = link.inner_text(), link.get_attribute("href")
        assert text in mentions and href == f"/entities/{mentions[text]}"
    if doc["events"]:
        assert page.locator("article.text .hl.event").count() > 0
    page.locator("article.text a.hl.entity").first.click()
    page.wait_for_url("**/entities/**")
    screenshot(page, "document-entity-target")
    page.goto(f"/documents/{doc_id}")
    screenshot(page, "document")


def test_search_in_swedish_finds_the_dutch_article(page: Any, web_server: Server) -> None:
    page.goto("/")
    page.fill("form.search input[name=q]", SWEDISH_QUERY)
    page.select_option("form.search select[name=mode]", "semantic")
    page.click("form.search button")
    page.wait_for_selector("ol.results li")
    languages = page.locator("ol.results li .lang").all_inner_texts()
    assert "nl" in [x.strip().lower() for x in languages[:5]]
    screenshot(page, "search")


def test_documents_list_and_api_docs_load(page: Any, web_server: Server) -> None:
    page.goto("/documents")
    total = api(web_server, "/api/documents")["total"]
    assert page.locator("table tbody tr").count() == total
    screenshot(page, "documents")
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    screenshot(page, "api-docs")


def test_a_script_inside_an_article_is_not_executed(page: Any, web_server: Server) -> None:
    page.goto("/")
    page.fill("#ingest-form input[name=title]", HOSTILE_TITLE)
    page.fill("#ingest-form textarea[name=text]", HOSTILE_TEXT)
    page.click("#ingest-form button")
    page.wait_for_url("**/documents/*")
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    assert "<script>window.__pwned = 1;" in page.locator("article.text").inner_text()
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.locator("article.text script, h1 img").count() == 0
    screenshot(page, "hostile-document")
    page.goto("/documents")
    assert page.evaluate("window.__pwned") is None
    assert page.get_by_text(HOSTILE_TITLE).count() == 1
    assert not page.js_errors
