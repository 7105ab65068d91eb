"""``graphml`` and ``graph-json``: actors as nodes, who-did-what-to-whom as directed edges.

An edge (actor -> recipient) carries the number of events, the summed and mean intensity (the PLOVER
conflict-cooperation score, -10..+10), the counts of cooperative (QuadClass 1-2) and conflictual (3-4) events,
their balance ((cooperative - conflictual) / events, from -1 to +1) and the categories seen. Nodes carry how often
the actor acts and is acted upon. The graph is aggregated while the events stream, so memory grows with the number
of actors and dyads, not of events. ``graph-json`` is networkx's node-link JSON (``nodes`` and ``edges``), ready
for d3/sigma/cytoscape-style web views.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from wirescope.export.rows import actor_key, actor_label, iter_events
from wirescope.plover import quadclass
from wirescope.store import Store
from wirescope.store.filters import EventFilter


@dataclass
class Edge:
    events: int = 0
    intensity_sum: float = 0.0
    cooperative: int = 0
    conflictual: int = 0
    categories: Counter[str] = field(default_factory=Counter)

    def add(self, category: str, intensity: float, quad: int) -> None:
        self.events += 1
        self.intensity_sum += intensity
        self.categories[category] += 1
        if quad in (1, 2):
            self.cooperative += 1
        else:
            self.conflictual += 1

    def attributes(self) -> dict[str, Any]:
        return {
            "weight": self.events,
            "events": self.events,
            "intensity_sum": round(self.intensity_sum, 3),
            "intensity_mean": round(self.intensity_sum / self.events, 3),
            "cooperative": self.cooperative,
            "conflictual": self.conflictual,
            "balance": round((self.cooperative - self.conflictual) / self.events, 3),
            "categories": " ".join(f"{c}:{n}" for c, n in self.categories.most_common()),
        }


def build_graph(store: Store, f: EventFilter) -> nx.DiGraph:
    """The actor graph of the events matching ``f``."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], Edge] = {}

    def node(ref: dict[str, Any], role: str) -> str:
        key = actor_key(ref)
        attrs = nodes.setdefault(
            key,
            {"label": actor_label(ref), "code": ref.get("code") or "", "sector": ref.get("sector") or "",
             "wikidata": ref.get("identifier_id") or "", "as_actor": 0, "as_recipient": 0},
        )
        attrs[role] += 1
        return key

    for row in iter_events(store, f):
        d = row.data
        quad = d.get("quadclass") or quadclass(d["event"])
        actors = [node(r, "as_actor") for r in d.get("actor", [])]
        recipients = [node(r, "as_recipient") for r in d.get("recipient", [])]
        for a in actors:
            for r in recipients:
                if a != r:
                    edges.setdefault((a, r), Edge()).add(d["event"], float(d.get("intensity") or 0.0), quad)
    graph = nx.DiGraph(name="wirescope actors")
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from((a, r, e.attributes()) for (a, r), e in edges.items())
    return graph


def _counts(graph: nx.DiGraph) -> dict[str, int]:
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def write_graphml(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    graph = build_graph(store, f)
    nx.write_graphml(graph, out)
    return _counts(graph)


def write_graph_json(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    graph = build_graph(store, f)
    data = nx.node_link_data(graph, edges="edges")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return _counts(graph)
