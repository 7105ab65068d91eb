"""``wirescope export --format F [filters] OUT`` (registered on the main Typer app in ``wirescope.cli``)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from wirescope.export import FORMATS, export, story_members
from wirescope.store.filters import EventFilter

_FILTER = "Filters (shared with the REST API)"


def _check_format(value: str) -> str:
    if value not in FORMATS:
        raise typer.BadParameter(f"{value!r}; use one of {', '.join(FORMATS)}")
    return value


def export_command(
    out: Annotated[Path, typer.Argument(help="Output file, or folder for csv and parquet.")],
    format_name: Annotated[
        str, typer.Option("--format", "-f", callback=_check_format, help=f"One of: {', '.join(FORMATS)}.")
    ],
    actor: Annotated[str | None, typer.Option(help="Actor: PLOVER code, entity id or name.", rich_help_panel=_FILTER)]
    = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient: code, entity id or name.", rich_help_panel=_FILTER)]
    = None,
    category: Annotated[str | None, typer.Option(help="PLOVER category, e.g. CONSULT.", rich_help_panel=_FILTER)]
    = None,
    date_from: Annotated[str | None, typer.Option(help="Earliest date (ISO, or a prefix).", rich_help_panel=_FILTER)]
    = None,
    date_to: Annotated[str | None, typer.Option(help="Latest date (ISO, or a prefix).", rich_help_panel=_FILTER)]
    = None,
    language: Annotated[str | None, typer.Option(help="Document language (ISO 639-1).", rich_help_panel=_FILTER)]
    = None,
    story: Annotated[str | None, typer.Option(help="Story id (clusters the store first).", rich_help_panel=_FILTER)]
    = None,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="WIRESCOPE_DB", show_envvar=True,
                     help="SQLAlchemy URL or SQLite file path [default: sqlite:///wirescope.db]."),
    ] = None,
) -> None:
    """Export events (and their documents, entities, mentions, claims) in a format other tools read."""
    from wirescope.cli import EXIT_FAILED, connect, err

    store = connect(db)
    members = None
    if story:
        members = story_members(store, story)
        if members is None:
            err.print(f"error: no story {story!r}", markup=False)
            raise typer.Exit(EXIT_FAILED)
    f = EventFilter(actor, recipient, category, date_from, date_to, language, story, members)
    started = time.perf_counter()
    counts = export(store, format_name, out, f)
    seconds = round(time.perf_counter() - started, 3)
    typer.echo(json.dumps({"format": format_name, "out": str(out), "counts": counts, "seconds": seconds}))
