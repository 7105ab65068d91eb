"""Geometry for the dashboard's SVG charts, computed here and drawn by the templates (no front-end library).

Every function returns plain numbers and labels; the templates escape all text. Colours run from conflict
(red, PLOVER intensity -10) through neutral grey to cooperation (green, +10).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

CONFLICT = (192, 57, 43)
NEUTRAL = (150, 150, 150)
COOPERATION = (39, 139, 87)
MAX_INTENSITY = 10.0
#: widest slot of one bar (px), so that three bars do not fill the whole chart
MAX_BAR_STEP = 90.0


def colour(intensity: float) -> str:
    """A hex colour for a PLOVER intensity: red for conflict, grey for neutral, green for cooperation."""
    x = max(-1.0, min(1.0, intensity / MAX_INTENSITY))
    end = COOPERATION if x >= 0 else CONFLICT
    rgb = [round(n + (e - n) * abs(x)) for n, e in zip(NEUTRAL, end, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


@dataclass
class Node:
    id: str
    label: str
    x: float
    y: float
    r: float
    href: str | None
    colour: str = "#34495e"


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: str
    title: str
    href: str | None


@dataclass
class Graph:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def network(center_label: str, relations: list[dict[str, Any]], center_key: str, size: int = 520) -> Graph:
    """A radial graph: the actor in the middle, its counterparts around it; edges coloured by mean intensity."""
    graph = Graph(size, size)
    cx = cy = size / 2
    radius = size / 2 - 70
    top = relations[:16]
    most = max((r["count"] for r in top), default=1)
    for i, rel in enumerate(top):
        angle = 2 * math.pi * i / max(1, len(top)) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        other = rel.get("entity_id") or rel.get("code") or rel["id"]
        graph.edges.append(
            Edge(cx, cy, x, y, 1.5 + 5 * rel["count"] / most, colour(rel["intensity"]),
                 f"{center_label} – {rel['name']}: {rel['count']} events, mean intensity {rel['intensity']}",
                 f"/dyads/{center_key}/{other}")
        )
        href = f"/entities/{rel['entity_id']}" if rel.get("entity_id") else None
        graph.nodes.append(Node(rel["id"], rel["name"], x, y, 6 + 6 * rel["count"] / most, href))
    graph.nodes.append(Node(center_key, center_label, cx, cy, 16, None, "#1f3a5f"))
    return graph


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    baseline: float


def bars(series: list[dict[str, Any]], label_key: str, value_key: str, width: int = 640, height: int = 200) -> BarChart:
    """A bar chart of counts per period (labels under the bars)."""
    pad, bottom = 30.0, 40.0
    top = max((s[value_key] for s in series), default=1) or 1
    step = min(MAX_BAR_STEP, (width - 2 * pad) / max(1, len(series)))
    chart = BarChart(width, height, [], height - bottom)
    for i, s in enumerate(series):
        h = (height - bottom - 20) * s[value_key] / top
        chart.bars.append(Bar(pad + i * step + step * 0.1, height - bottom - h, step * 0.8, h, str(s[label_key]),
                              int(s[value_key])))
    return chart


@dataclass
class Point:
    x: float
    y: float
    r: float
    colour: str
    label: str
    anchor: str
    title: str


@dataclass
class LineChart:
    width: int
    height: int
    zero: float
    top: float
    bottom: float
    points: list[Point]
    path: str


def intensity_line(points: list[dict[str, Any]], width: int = 680, height: int = 260) -> LineChart:
    """Mean intensity per day on a -10..+10 axis; each point links to the events behind it."""
    pad, top, bottom = 40.0, 20.0, height - 40.0
    step = (width - 2 * pad) / max(1, len(points) - 1) if len(points) > 1 else 0.0

    def y_of(v: float) -> float:
        return top + (bottom - top) * (MAX_INTENSITY - v) / (2 * MAX_INTENSITY)

    drawn = []
    for i, p in enumerate(points):
        x = pad + i * step if len(points) > 1 else width / 2
        drawn.append(Point(x, y_of(p["intensity_mean"]), 5 + min(8, p["count"]), colour(p["intensity_mean"]),
                           p["day"], f"day-{p['day']}",
                           f"{p['day']}: {p['count']} events, mean intensity {p['intensity_mean']}"))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(drawn))
    return LineChart(width, height, y_of(0), top, bottom, drawn, path)


@dataclass
class MapPoint:
    x: float
    y: float
    title: str
    href: str
    colour: str


@dataclass
class WorldMap:
    width: int
    height: int
    meridians: list[tuple[float, str]]  # (x, label)
    parallels: list[tuple[float, str]]  # (y, label)
    points: list[MapPoint]


def world_map(events: list[dict[str, Any]], width: int = 900) -> WorldMap:
    """An equirectangular plot with a 30° graticule; one dot per geolocated event."""
    height = width // 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (lon + 180) / 360 * width, (90 - lat) / 180 * height

    points = []
    for e in events:
        loc = e["event_loc"]
        x, y = xy(float(loc["lat"]), float(loc["lon"]))
        points.append(MapPoint(x, y, f"{e['category']} at {loc.get('name') or '?'} ({e['date'] or 'undated'})",
                               f"/documents/{e['document_id']}#event-{e['event_id']}", colour(e["intensity"])))
    meridians = [(xy(0, lon)[0], f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}")
                 for lon in range(-150, 180, 30)]
    parallels = [(xy(lat, 0)[1], f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}")
                 for lat in range(-60, 61, 30)]
    return WorldMap(width, height, meridians, parallels, points)
