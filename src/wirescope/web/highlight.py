"""Split a document's text into segments carrying the annotations that cover them, for the document page.

Annotations overlap (a claim spans a sentence that holds entity mentions, times and event triggers), so the text
is cut at every annotation boundary; each segment lists the kinds covering it and links to the innermost record
(entity, then time, then event, then claim). The template escapes every segment's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wirescope.model import Document

#: link priority when annotations overlap: the smallest, most specific record wins
PRIORITY = ("entity", "time", "event", "claim")


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    kind: str
    href: str
    label: str


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    href: str | None = None
    label: str | None = None


def marks_of(doc: Document) -> list[Annotation]:
    found = [
        Annotation(m.start, m.end, "entity", f"/entities/{e.id}", f"{e.type}: {e.name}")
        for e in doc.entities
        for m in e.mentions
    ]
    found += [
        Annotation(x.start, x.end, "time", f"#time-{i}", f"time: {x.value or 'unresolved'}")
        for i, x in enumerate(doc.times)
    ]
    found += [
        Annotation(e.event_start, e.event_end, "event", f"#event-{e.id}", f"event: {e.event}")
        for e in doc.events
        if e.event_end > e.event_start
    ]
    found += [Annotation(c.start, c.end, "claim", f"#claim-{c.id}", f"claim ({c.stance})") for c in doc.claims]
    return [a for a in found if 0 <= a.start < a.end <= len(doc.text)]


def segments(text: str, marks: list[Annotation]) -> list[Segment]:
    cuts = sorted({0, len(text), *(a.start for a in marks), *(a.end for a in marks)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [a for a in marks if a.start <= start and end <= a.end]
        segment = Segment(text[start:end])
        if covering:
            best = min(covering, key=lambda a: (PRIORITY.index(a.kind), a.end - a.start))
            segment.kinds = sorted({a.kind for a in covering}, key=PRIORITY.index)
            segment.href, segment.label = best.href, "; ".join(sorted({a.label for a in covering}))
        result.append(segment)
    return result
