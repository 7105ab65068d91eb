"""Every export format on the demo store, read back with the library that reads it."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
from followthemoney import model

from wirescope.export import FORMATS, export
from wirescope.export.tables import ENTITY_COLUMNS, EVENT_COLUMNS
from wirescope.export.views import ACLED_COLUMNS, CAMEO_ROOT, GDELT_COLUMNS
from wirescope.model import Document
from wirescope.plover import CATEGORIES, missing_required
from wirescope.store import Store

TABLES = ("events", "documents", "mentions", "claims", "entities")


def _expected(store: Store, docs: list[Document]) -> dict[str, int]:
    counts = store.counts()
    return {
        "events": sum(len(d.events) for d in docs),
        "documents": counts["documents"] + counts["duplicates"],
        "mentions": counts["mentions"],
        "claims": counts["claims"],
        "entities": counts["entities"],
    }


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _key(ref: object) -> str:
    assert isinstance(ref, dict)
    return str(ref.get("entity_id") or ref.get("code") or f"text:{str(ref.get('entity_text')).casefold()}")


def test_every_format_is_registered_with_a_writer() -> None:
    assert set(FORMATS) == {"plover-jsonl", "csv", "parquet", "graphml", "graph-json", "ftm", "acled-csv",
                            "gdelt-csv"}
    for fmt in FORMATS.values():
        assert callable(fmt.writer())


def test_the_demo_store_has_events(demo_docs: list[Document]) -> None:
    assert sum(len(d.events) for d in demo_docs) >= 10


def test_plover_jsonl_records_have_the_required_fields(
    demo_store: Store, demo_docs: list[Document], out_dir: Path
) -> None:
    path = out_dir / "events.jsonl"
    counts = export(demo_store, "plover-jsonl", path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    expected_ids = {f"{d.id}-{e.id}" for d in demo_docs for e in d.events}
    assert counts["events"] == len(records) == len(expected_ids)
    assert {r["id"] for r in records} == expected_ids
    for record in records:
        assert missing_required(record) == []
        assert record["event"][0] in CATEGORIES
        assert record["text"], record["id"]
        start, end = record["text_info"]["event_start"], record["text_info"]["event_end"]
        assert 0 <= start < end


def test_parquet_reads_back_with_row_counts_and_schema(
    demo_store: Store, demo_docs: list[Document], out_dir: Path
) -> None:
    counts = export(demo_store, "parquet", out_dir)
    expected = _expected(demo_store, demo_docs)
    for name in TABLES:
        table = pq.read_table(out_dir / f"{name}.parquet")
        assert table.num_rows == expected[name] == counts[name], name
    events = pq.read_table(out_dir / "events.parquet")
    assert events.schema.names == [name for name, _ in EVENT_COLUMNS]
    assert pa.types.is_list(events.schema.field("actor_codes").type)
    assert events.schema.field("intensity").type == pa.float64()
    entities = pq.read_table(out_dir / "entities.parquet").to_pylist()
    assert [c for c, _ in ENTITY_COLUMNS] == list(entities[0])
    assert all(isinstance(e["aliases"], list) for e in entities)
    categories = Counter(pq.read_table(out_dir / "events.parquet").column("category").to_pylist())
    assert categories == Counter(e.event for d in demo_docs for e in d.events)


def test_csv_tables_read_back_with_the_csv_module(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    export(demo_store, "csv", out_dir)
    expected = _expected(demo_store, demo_docs)
    for name in TABLES:
        assert len(_csv_rows(out_dir / f"{name}.csv")) == expected[name], name
    events = _csv_rows(out_dir / "events.csv")
    by_id = {(r["document_id"], r["event_id"]): r for r in events}
    for doc in demo_docs:
        for e in doc.events:
            row = by_id[(doc.id, e.id)]
            assert row["category"] == e.event
            assert row["actor_codes"] == "|".join(a.code for a in e.actor if a.code)
            assert float(row["intensity"]) == e.intensity


def test_graphml_reads_back_with_networkx(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    path = out_dir / "actors.graphml"
    export(demo_store, "graphml", path)
    graph = nx.read_graphml(path)
    dyads: Counter[tuple[str, str]] = Counter()
    for doc in demo_docs:
        for e in doc.events:
            for a in e.actor:
                for r in e.recipient:
                    if _key(a.to_dict()) != _key(r.to_dict()):
                        dyads[(_key(a.to_dict()), _key(r.to_dict()))] += 1
    assert graph.is_directed()
    assert {(a, r) for a, r in graph.edges} == set(dyads)
    for (a, r), n in dyads.items():
        edge = graph.edges[a, r]
        assert edge["weight"] == edge["events"] == n
        assert edge["cooperative"] + edge["conflictual"] == n
        assert -1.0 <= edge["balance"] <= 1.0
        assert -10.0 <= edge["intensity_mean"] <= 10.0


def test_graph_json_matches_the_graphml(demo_store: Store, out_dir: Path) -> None:
    export(demo_store, "graphml", out_dir / "g.graphml")
    export(demo_store, "graph-json", out_dir / "g.json")
    data = json.loads((out_dir / "g.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert set(graph.edges) == set(nx.read_graphml(out_dir / "g.graphml").edges)
    assert all("label" in node for node in data["nodes"])


def test_ftm_entities_validate_and_resolve(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    path = out_dir / "entities.ftm.jsonl"
    export(demo_store, "ftm", path)
    proxies = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        schema = model.get(data["schema"])
        assert schema is not None
        schema.validate(data)
        proxies.append(model.get_proxy(data))
    by_schema = Counter(p.schema.name for p in proxies)
    assert by_schema["Event"] == by_schema["Documentation"] == sum(len(d.events) for d in demo_docs)
    assert by_schema["Article"] == demo_store.counts()["documents"] + demo_store.counts()["duplicates"]
    assert by_schema["Mention"] == demo_store.counts()["mentions"]
    assert by_schema["Person"] > 0 and by_schema["Organization"] > 0 and by_schema["Address"] > 0
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies)
    for proxy in proxies:
        for prop in ("involved", "document", "entity", "resolved", "addressEntity"):
            if prop in proxy.schema.properties:
                assert set(proxy.get(prop)) <= ids, (proxy.schema.name, prop)


def test_acled_view(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    path = out_dir / "acled.csv"
    export(demo_store, "acled-csv", path)
    rows = _csv_rows(path)
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == sum(len(d.events) for d in demo_docs)
    events = {f"{d.id}-{e.id}": e for d in demo_docs for e in d.events}
    for row in rows:
        event = events[row["event_id_cnty"]]
        assert row["plover_event"] == event.event
        assert row["event_type"] and row["sub_event_type"] and row["disorder_type"]
        assert row["fatalities"] == ""
        if event.actor:
            assert row["actor1"] == (event.actor[0].entity_text or event.actor[0].code)


def test_gdelt_view(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    path = out_dir / "gdelt.csv"
    export(demo_store, "gdelt-csv", path)
    rows = _csv_rows(path)
    assert tuple(rows[0]) == GDELT_COLUMNS
    assert len(rows) == sum(len(d.events) for d in demo_docs)
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    for row in rows:
        assert row["EventRootCode"] in set(CAMEO_ROOT.values()) | {"09", "19"}
        assert row["QuadClass"] in {"1", "2", "3", "4"}
        assert -10 <= float(row["GoldsteinScale"]) <= 10
        assert len(row["SQLDATE"]) in (0, 8)
