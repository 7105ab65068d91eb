"""The report ``wirescope demo`` prints: what the stored demo documents hold, section by section.

It reads the documents back from the store (not from the pipeline's output), so it also shows that what was
stored round-trips. Sections stay at zero until the stages that fill them exist.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from wirescope.model import Document
from wirescope.pipeline import DEFAULT_STAGES, Pipeline
from wirescope.store import RunCounts, Store

SECTIONS = ("sentences", "entities", "mentions", "times", "events", "claims")
TOP = 8


def _section_counts(docs: list[Document]) -> dict[str, int]:
    return {
        "sentences": sum(len(d.sentences) for d in docs),
        "entities": len({e.id for d in docs for e in d.entities}),
        "mentions": sum(len(e.mentions) for d in docs for e in d.entities),
        "times": sum(len(d.times) for d in docs),
        "events": sum(len(d.events) for d in docs),
        "claims": sum(len(d.claims) for d in docs),
    }


def build_report(store: Store, doc_ids: list[str], pipeline: Pipeline, counts: RunCounts) -> dict[str, Any]:
    """A JSON-able summary of the demo documents in ``store``."""
    loaded = [d for d in (store.load_document(i) for i in dict.fromkeys(doc_ids)) if d is not None]
    stored = [d for d in loaded if d.duplicate_of is None]
    duplicates = [d for d in loaded if d.duplicate_of is not None]
    ran = [s.name for s in pipeline.stages]
    entity_mentions = Counter(e.name for d in stored for e in d.entities for _ in e.mentions)
    return {
        "run": {
            "stored": counts.stored,
            "unchanged": counts.unchanged,
            "duplicates": counts.duplicates,
            "failed": counts.failed,
        },
        "stages": {"ran": ran, "skipped": [s for s in DEFAULT_STAGES if s not in ran]},
        "documents": len(stored),
        "languages": dict(sorted(Counter(d.language or "unknown" for d in stored).items())),
        "sentence_languages": dict(
            sorted(Counter(s.language or "unknown" for d in stored for s in d.sentences).items())
        ),
        "sections": _section_counts(stored),
        "per_document": [
            {"id": d.id, "language": d.language, "title": d.title, **_section_counts([d])} for d in stored
        ],
        "duplicates": [{"id": d.id, "title": d.title, "duplicate_of": d.duplicate_of} for d in duplicates],
        "translations": [
            {"id": d.id, "title": d.title, "translation_of": d.translation_of} for d in stored if d.translation_of
        ],
        "top_entities": entity_mentions.most_common(TOP),
        "event_categories": dict(Counter(e.event for d in stored for e in d.events).most_common()),
        "claim_stances": dict(Counter(c.stance for d in stored for c in d.claims).most_common()),
    }


def render_report(report: dict[str, Any]) -> str:
    """The report as plain text for a terminal."""
    run = report["run"]
    lines = [
        "wirescope demo corpus",
        f"  run: stored {run['stored']}, unchanged {run['unchanged']}, duplicates {run['duplicates']}, "
        f"failed {run['failed']}",
        f"  stages run: {', '.join(report['stages']['ran']) or 'none'}"
        + (f" (not run: {', '.join(report['stages']['skipped'])})" if report["stages"]["skipped"] else ""),
        f"  documents: {report['documents']} ({', '.join(f'{lang} {n}' for lang, n in report['languages'].items())})",
        f"  sentence languages: {', '.join(f'{lang} {n}' for lang, n in report['sentence_languages'].items())}",
        "  sections: " + ", ".join(f"{name} {report['sections'][name]}" for name in SECTIONS),
    ]
    for dup in report["duplicates"]:
        lines.append(f"  near-duplicate: {dup['id']} ({dup['title']}) -> first copy {dup['duplicate_of']}")
    for tr in report["translations"]:
        lines.append(f"  translation: {tr['id']} ({tr['title']}) -> original {tr['translation_of']}")
    if report["top_entities"]:
        lines.append("  most mentioned: " + ", ".join(f"{name} ({n})" for name, n in report["top_entities"]))
    if report["event_categories"]:
        lines.append("  events: " + ", ".join(f"{c} {n}" for c, n in report["event_categories"].items()))
    if report["claim_stances"]:
        lines.append("  claims: " + ", ".join(f"{s} {n}" for s, n in report["claim_stances"].items()))
    lines.append("")
    lines.append(f"  {'id':<17}{'lang':<6}" + "".join(f"{name[:5]:>7}" for name in SECTIONS) + "  title")
    for d in report["per_document"]:
        lines.append(
            f"  {d['id']:<17}{d['language'] or '?':<6}"
            + "".join(f"{d[name]:>7}" for name in SECTIONS)
            + f"  {d['title'] or ''}"
        )
    return "\n".join(lines)
