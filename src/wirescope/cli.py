"""The ``wirescope`` command (Typer). Exit codes are the same for every command: see ``EXIT_CODES``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from wirescope import analysis
from wirescope.api.serve import serve
from wirescope.demo import load_corpus
from wirescope.demo.report import build_report, render_report
from wirescope.export.command import export_command
from wirescope.ingest import IngestItem, IngestOptions, read_inputs
from wirescope.ingest.base import DEFAULT_MAX_BYTES
from wirescope.lang import SUPPORTED_LANGUAGES
from wirescope.model import Document
from wirescope.pipeline import STAGE_MODULES, Pipeline, UnknownStageError, load_stage, parse_stages
from wirescope.plover import to_plover_record
from wirescope.scale.processes import process_item
from wirescope.store import Outcome, RunCounts, Store, StoryBook, WriteResult, open_store
from wirescope.store.filters import EventFilter

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CODES = (
    "Exit codes: 0 everything succeeded; 1 some items failed (bad input, a stage error, no such document); "
    "2 usage error (unknown option or stage, malformed --published, unsupported --lang); 130 interrupted."
)

log = logging.getLogger("wirescope")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

app = typer.Typer(
    name="wirescope",
    help="Multilingual news to structured, checkable knowledge.\n\n" + EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="WIRESCOPE_DB",
        help="SQLAlchemy URL or SQLite file path [default: sqlite:///wirescope.db].",
        show_envvar=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
StagesOption = Annotated[
    str | None, typer.Option("--stages", help=f"Comma-separated subset of: {','.join(STAGE_MODULES)}.")
]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="Language of the input (ISO 639-1), overrides detection.")
]
JsonFieldOption = Annotated[
    list[str] | None,
    typer.Option("--json-field", help="JSON/JSONL field mapping FIELD=KEY, e.g. text=body (repeatable)."),
]
SourceOption = Annotated[str | None, typer.Option("--source", help="Source name, overrides metadata.")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help="Skip inputs larger than this (bytes).")]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date YYYY-MM-DD (or ISO 8601 with offset).")
]


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    kb_files: Annotated[
        list[str] | None,
        typer.Option("--kb", help="A user knowledge-base YAML file (repeatable); see docs/kb.md."),
    ] = None,
) -> None:
    """Log wirescope's own notes to stderr; third-party libraries only when something is an error."""
    if kb_files:
        from pathlib import Path

        from wirescope.kb import KBFileError, use_kb_files

        try:
            use_kb_files(Path(f) for f in kb_files)
        except KBFileError as exc:
            raise typer.BadParameter(str(exc), param_hint="--kb") from exc
    logging.basicConfig(level=logging.ERROR, format="%(name)s: %(levelname)s: %(message)s", stream=sys.stderr)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    log.handlers = [handler]
    log.propagate = False
    log.setLevel(logging.INFO if verbose else logging.WARNING)


# ---------------------------------------------------------------------------------------------------- helpers


def build_pipeline(spec: str | None) -> Pipeline:
    """The pipeline for ``--stages``; a stage whose module does not exist yet is skipped with a logged note."""
    try:
        names = parse_stages(spec)
    except UnknownStageError as exc:
        raise typer.BadParameter(str(exc), param_hint="--stages") from exc
    available = []
    for name in names:
        try:
            load_stage(name)
        except ModuleNotFoundError as exc:
            if exc.name != STAGE_MODULES[name]:
                raise
            log.warning("stage %r is not available (no module %s); skipped", name, exc.name)
        else:
            available.append(name)
    return Pipeline(available)


def connect(db: str | None) -> Store:
    """Open (and migrate) the database; a URL SQLAlchemy cannot use is a usage error, not a traceback."""
    try:
        return open_store(db)
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as exc:
        raise typer.BadParameter(f"cannot use database {db!r}: {exc}", param_hint="--db") from exc
    except (OperationalError, OSError) as exc:
        reason = exc.orig if isinstance(exc, OperationalError) else exc
        err.print(f"error: cannot open database: {str(reason).splitlines()[0]}", markup=False)
        raise typer.Exit(EXIT_FAILED) from exc


def parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--published") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def check_lang(value: str | None) -> str | None:
    if value is not None and value not in SUPPORTED_LANGUAGES:
        raise typer.BadParameter(
            f"{value!r} is not supported; use one of {', '.join(SUPPORTED_LANGUAGES)}", param_hint="--lang"
        )
    return value


def parse_json_fields(pairs: list[str]) -> dict[str, str]:
    fields = IngestOptions().json_fields
    for pair in pairs:
        target, sep, key = pair.partition("=")
        if not sep or target not in fields or not key:
            raise typer.BadParameter(
                f"{pair!r}: expected FIELD=KEY with FIELD one of {', '.join(fields)}", param_hint="--json-field"
            )
        fields[target] = key
    return fields


def print_rows(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned table: never truncates ids, whatever the terminal width, and reads well in a pipe."""
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    for row in [headers, *rows]:
        sys.stdout.write("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)).rstrip() + "\n")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@contextmanager
def progress_bar(total: int | None) -> Iterator[Progress]:
    """A progress bar on stderr when it is a terminal; silent otherwise (logs, pipes, CI)."""
    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err, disable=not err.is_terminal, transient=True) as progress:
        progress.add_task("ingesting", total=total)
        yield progress


# ---------------------------------------------------------------------------------------------------- ingestion


@dataclass
class IngestSession:
    """Runs items through the pipeline into the store, counting outcomes; one item's failure never stops the run."""

    store: Store
    pipeline: Pipeline
    reprocess: bool
    run_id: int
    counts: RunCounts = field(default_factory=RunCounts)
    items: list[dict[str, Any]] = field(default_factory=list)
    stories: StoryBook | None = None

    def process(self, item: IngestItem) -> None:
        if item.error is not None or item.document is None:
            self.fail(item.origin, item.error or "no document")
            return
        try:
            result = self._write(item.document, item.origin)
        except Exception as exc:  # a stage or database error fails this item only; its transaction rolled back
            self.fail(item.origin, f"{type(exc).__name__}: {exc}")
            return
        self.counts.add(result.outcome)
        self.items.append({"origin": item.origin, **_result_dict(result)})
        if result.outcome is Outcome.DUPLICATE:
            similarity = f" (similarity {result.similarity:.2f})" if result.similarity else ""
            err.print(f"duplicate: {item.origin}: same as {result.duplicate_of}{similarity}")

    def _write(self, doc: Document, origin: str) -> WriteResult:
        if not self.reprocess:
            known = self.store.record_known(doc, origin, self.run_id)
            if known is not None:
                return known
        processed = self.pipeline(doc)
        result = self.store.save(processed, origin, self.pipeline.signature, self.run_id, reprocess=self.reprocess)
        if self.stories is not None and result.outcome in (Outcome.STORED, Outcome.REPROCESSED):
            self._assign_story(processed)
        elif self.stories is not None and result.outcome is Outcome.DUPLICATE and result.duplicate_of:
            self.stories.record_duplicate(result.document_id, result.duplicate_of)
        return result

    def _assign_story(self, doc: Document) -> None:
        """Cluster the stored document online (input order); a clustering failure leaves the document stored and
        unassigned (the next run's catch-up assigns it)."""
        assert self.stories is not None
        try:
            self.stories.assign(doc)
        except Exception as exc:
            log.warning("%s: not assigned to a story: %s: %s", doc.id, type(exc).__name__, exc)

    def fail(self, origin: str, reason: str) -> None:
        self.counts.failed += 1
        self.items.append({"origin": origin, "outcome": "failed", "error": reason})
        err.print(f"error: {origin}: {reason}", markup=False)

    def run(self, items: Iterable[IngestItem], total: int | None = None) -> None:
        with progress_bar(total) as progress:
            for item in items:
                progress.update(progress.task_ids[0], description=_short(item.origin))
                self.process(item)
                progress.advance(progress.task_ids[0])


def _short(origin: str, width: int = 40) -> str:
    return origin if len(origin) <= width else "…" + origin[-(width - 1) :]


def _result_dict(result: WriteResult) -> dict[str, Any]:
    data = asdict(result)
    data["outcome"] = result.outcome.value
    return data


def run_ingest(
    store: Store,
    pipeline: Pipeline,
    items: Iterable[IngestItem],
    command: str,
    arguments: dict[str, Any],
    reprocess: bool = False,
    total: int | None = None,
) -> IngestSession:
    """Ingest ``items`` as one recorded run; Ctrl-C stops after rolling back the document in progress."""
    run_id = store.start_run(command, arguments, pipeline.signature)
    session = IngestSession(store, pipeline, reprocess, run_id, stories=StoryBook.open(store, lazy=True))
    try:
        session.run(items, total)
    except KeyboardInterrupt:
        _save_stories(session)
        store.finish_run(run_id, session.counts, status="interrupted")
        err.print("interrupted: the document in progress was rolled back; re-run to continue")
        raise typer.Exit(130) from None
    _save_stories(session)
    store.finish_run(run_id, session.counts, status="failed" if session.counts.failed else "done")
    return session


def _save_stories(session: IngestSession) -> None:
    if session.stories is not None:
        session.stories.save()


def summary_line(counts: RunCounts) -> str:
    parts = [f"stored {counts.stored}", f"unchanged {counts.unchanged}", f"duplicates {counts.duplicates}"]
    if counts.reprocessed:
        parts.append(f"reprocessed {counts.reprocessed}")
    parts.append(f"failed {counts.failed}")
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------------------- commands


@app.command("load-parquet")
def load_parquet(
    directory: Annotated[Path, typer.Argument(help="A directory written by ingest --output parquet:DIR.")],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Store documents processed earlier (by ingest --output parquet:DIR) without re-running the pipeline."""
    from wirescope.scale.parquet import AlreadyProcessed, pipeline_signature, read_parquet

    signature = pipeline_signature(directory)
    if signature is None:
        raise typer.BadParameter(f"no part-*.parquet files in {directory}", param_hint="DIRECTORY")
    store = connect(db)
    arguments = {"directory": str(directory)}
    session = run_ingest(store, AlreadyProcessed(signature), read_parquet(directory), "load-parquet", arguments)
    if json_output:
        print_json({"summary": asdict(session.counts), "items": session.items})
    else:
        out.print(summary_line(session.counts))
    raise typer.Exit(EXIT_FAILED if session.counts.failed else EXIT_OK)


@app.command()
def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, directories, URLs (RSS/Atom feeds too) or - for stdin.", show_default=False),
    ],
    db: DbOption = None,
    lang: LangOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    reprocess: Annotated[bool, typer.Option("--reprocess", help="Re-run the stages on stored documents.")] = False,
    stages: StagesOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private, loopback or link-local addresses.")
    ] = False,
    json_field: JsonFieldOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    json_output: JsonOption = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this process), processes (--workers local processes) or ray "
                          "(Ray Data workers); see docs/scale.md.")
    ] = "local",
    address: Annotated[
        str | None, typer.Option("--address", help="Ray cluster address (auto, ray://host:10001); default: local.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="processes/ray workers (1 CPU each).")] = 2,
    output: Annotated[
        str | None, typer.Option("--output", help="parquet:DIR writes processed documents to Parquet, not --db.")
    ] = None,
) -> None:
    """Read articles, run the pipeline and store them (exit 1 if any item failed)."""
    options = IngestOptions(
        lang=check_lang(lang),
        published=parse_published(published),
        source=source,
        allow_private=allow_private,
        max_bytes=max_bytes,
        json_fields=parse_json_fields(json_field or []),
    )
    pipeline = build_pipeline(stages)
    if engine not in ("local", "processes", "ray"):
        raise typer.BadParameter("expected local, processes or ray", param_hint="--engine")
    if output is not None and not output.startswith("parquet:"):
        raise typer.BadParameter("expected parquet:DIR", param_hint="--output")
    items: Iterable[IngestItem] = read_inputs(inputs, options)
    if engine == "ray":
        from wirescope.scale.parquet import AlreadyProcessed
        from wirescope.scale.ray_engine import RayOptions, processed_items

        names = [s.name for s in pipeline.stages]
        items = processed_items(inputs, names, options, RayOptions(address=address, workers=workers))
        pipeline = AlreadyProcessed(pipeline.signature)
    elif engine == "processes":
        from wirescope.scale.parquet import AlreadyProcessed
        from wirescope.scale.processes import processed_items as in_processes

        items = in_processes(items, [s.name for s in pipeline.stages], workers)
        pipeline = AlreadyProcessed(pipeline.signature)
    if output is not None:
        from wirescope.scale.parquet import write_parquet

        processed = items if engine != "local" else (process_item(pipeline, item) for item in items)
        written, failed = write_parquet(processed, Path(output.removeprefix("parquet:")), pipeline.signature)
        out.print(f"wrote {written} documents to {output}, failed {failed}")
        raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)
    store = connect(db)
    arguments = {"inputs": inputs, "lang": lang, "published": published, "source": source, "reprocess": reprocess}
    if engine != "local":
        arguments["engine"] = engine
    session = run_ingest(store, pipeline, items, "ingest", arguments, reprocess)
    if json_output:
        print_json({"summary": asdict(session.counts), "items": session.items})
    else:
        out.print(summary_line(session.counts))
    raise typer.Exit(EXIT_FAILED if session.counts.failed else EXIT_OK)


@app.command()
def docs(
    db: DbOption = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text query (FTS5 on SQLite).")] = None,
    json_output: JsonOption = False,
) -> None:
    """List stored documents (and duplicate links)."""
    store = connect(db)
    rows = store.list_documents()
    if search is not None:
        try:
            hits = store.search(search)
        except OperationalError as exc:  # FTS5 query syntax
            raise typer.BadParameter(f"{search!r}: {exc.orig}", param_hint="--search") from exc
        rank = {doc_id: i for i, doc_id in enumerate(hits)}
        rows = sorted((r for r in rows if r["id"] in rank), key=lambda r: rank[r["id"]])
    if json_output:
        print_json(rows)
        return
    lines = []
    for r in rows:
        note = f"duplicate of {r['duplicate_of']}" if r["duplicate_of"] else ""
        if r["translation_of"]:
            note = f"translation of {r['translation_of']}"
        lines.append(
            [r["id"], r["language"] or "?", (r["published"] or "")[:10], str(r["sentences"]), r["title"] or "", note]
        )
    print_rows(["id", "lang", "published", "sentences", "title", "note"], lines)


@app.command()
def runs(db: DbOption = None, json_output: JsonOption = False) -> None:
    """List the recorded runs (provenance of every ingest and demo invocation)."""
    rows = connect(db).list_runs()
    if json_output:
        print_json(rows)
        return
    counts = ("stored", "unchanged", "duplicates", "reprocessed", "failed")
    print_rows(
        ["run", "command", "started (UTC)", "status", *counts, "pipeline"],
        [
            [
                str(r["id"]),
                r["command"],
                str(r["started_at"])[:19],
                r["status"],
                *(str(r[c]) for c in counts),
                r["pipeline"] or "",
            ]
            for r in rows
        ],
    )


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (see `wirescope docs`).", show_default=False)],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show one stored document with its sections (exit 1 if there is no such document)."""
    store = connect(db)
    doc = store.load_document(doc_id)
    if doc is None:
        err.print(f"error: no document {doc_id!r}")
        raise typer.Exit(EXIT_FAILED)
    if json_output:
        print_json({**doc.to_dict(), "origins": store.origins_of(doc_id)})
        return
    meta = doc.metadata_dict()
    for key in ("id", "title", "language", "published", "source", "author", "url", "duplicate_of", "translation_of"):
        if meta[key]:
            out.print(f"{key:>14}: {meta[key]}")
    out.print(f"{'origins':>14}: {', '.join(o['origin'] for o in store.origins_of(doc_id))}")
    out.print(f"{'pipeline':>14}: {', '.join(p['stage'] + '@' + p['version'] for p in meta['provenance'])}")
    sections = doc.to_dict()
    out.print(
        "  ".join(f"{name}: {len(sections[name])}" for name in ("sentences", "entities", "times", "events", "claims"))
    )
    for line in section_lines(doc):
        out.print(line, markup=False)


def section_lines(doc: Document) -> Iterator[str]:
    """One readable line per record, each with the index of its sentence in brackets."""
    yield "sentences:"
    for s in doc.sentences:
        yield f"  [{s.index}] ({s.language or '?'}) {doc.sentence_text(s.index)}"
    if doc.entities:
        yield "entities:"
    for e in doc.entities:
        where = ",".join(str(i) for i in sorted({m.sentence for m in e.mentions}))
        yield f"  {e.name} ({e.type}{', ' + e.country if e.country else ''}) {e.id} x{len(e.mentions)} [{where}]"
    if doc.times:
        yield "times:"
    for x in doc.times:
        yield f"  [{x.sentence}] {x.text!r} -> {x.value}"
    if doc.events:
        yield "events:"
    for v in doc.events:
        actors = ",".join(a.code or a.entity_text for a in v.actor)
        recipients = ",".join(r.code or r.entity_text for r in v.recipient)
        mode = f" ({v.mode})" if v.mode else ""
        yield f"  [{v.sentence}] {v.event}{mode} {actors or '?'} -> {recipients or '?'} {v.date or ''} {v.event_text!r}"
    if doc.claims:
        yield "claims:"
    for c in doc.claims:
        yield f"  [{c.sentence}] {c.speaker.name or c.speaker.text} {c.stance}/{c.quote}: {c.text!r}"


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="A file, URL or - for stdin.", show_default=False)],
    lang: LangOption = None,
    published: PublishedOption = None,
    output_format: Annotated[str, typer.Option("--format", help="Output format (json).")] = "json",
    stages: StagesOption = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private, loopback or link-local addresses.")
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    source: SourceOption = None,
    json_field: JsonFieldOption = None,
) -> None:
    """Run the pipeline on one input without storing it; print Document.to_dict() as JSON."""
    if output_format != "json":
        raise typer.BadParameter(f"{output_format!r}: only json is supported", param_hint="--format")
    options = IngestOptions(
        lang=check_lang(lang),
        published=parse_published(published),
        source=source,
        allow_private=allow_private,
        max_bytes=max_bytes,
        json_fields=parse_json_fields(json_field or []),
    )
    pipeline = build_pipeline(stages)
    items = read_inputs([path], options)
    item = next(items, None)
    if item is None or item.error is not None or item.document is None:
        reason = item.error if item is not None and item.error else "no document"
        err.print(f"error: {path}: {reason}", markup=False)
        raise typer.Exit(EXIT_FAILED)
    if next(items, None) is not None:
        log.warning("%s holds several documents; only the first is extracted", path)
    print_json(pipeline(item.document).to_dict())


@app.command()
def demo(
    db: DbOption = None,
    stages: StagesOption = None,
    json_output: JsonOption = False,
) -> None:
    """Ingest the bundled demo corpus (13 articles, 6 languages, 3 stories) and print a report."""
    pipeline = build_pipeline(stages)
    store = connect(db)
    articles = load_corpus()
    items = [a.item for a in articles]
    session = run_ingest(store, pipeline, items, "demo", {"corpus": "bundled"}, total=len(items))
    report = build_report(store, [i.document.id for i in items if i.document], pipeline, session.counts)
    report["stories"] = analysis.story_list(store)
    if json_output:
        print_json(report)
    else:
        out.print(render_report(report), markup=False)
        out.print("\nstories:", markup=False)
        for line in story_lines(report["stories"]):
            out.print("  " + line, markup=False)
    raise typer.Exit(EXIT_FAILED if session.counts.failed else EXIT_OK)


# ---------------------------------------------------------------------------------------------------- analysis

ActorFilterOption = Annotated[str | None, typer.Option("--actor", help="PLOVER code (RUS), entity id or actor text.")]


@app.command()
def events(
    db: DbOption = None,
    json_output: JsonOption = False,
    output_format: Annotated[
        str, typer.Option("--format", help="table, or plover (PLOVER 2.0 JSON, one record per line).")
    ] = "table",
    actor: ActorFilterOption = None,
    recipient: Annotated[str | None, typer.Option("--recipient", help="Like --actor, for the recipient.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="PLOVER category, e.g. CONSULT.")] = None,
    date_from: Annotated[str | None, typer.Option("--date-from", help="First date (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, typer.Option("--date-to", help="Last date, inclusive (YYYY[-MM[-DD]]).")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Document language (ISO 639-1).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many events.")] = None,
) -> None:
    """List stored PLOVER events: date, category, actor -> recipient, mode and flags, confidence, sentence."""
    if output_format not in ("table", "plover"):
        raise typer.BadParameter(f"{output_format!r}: expected table or plover", param_hint="--format")
    f = EventFilter(
        actor=actor,
        recipient=recipient,
        category=category,
        date_from=date_from,
        date_to=date_to,
        language=check_lang(language),
    )
    found = analysis.find_events(connect(db), f, limit)
    if output_format == "plover":
        for doc, event in found:
            sys.stdout.write(json.dumps(to_plover_record(event, doc), ensure_ascii=False, default=str) + "\n")
        return
    rows = [analysis.event_row(doc, event) for doc, event in found]
    if json_output:
        print_json(rows)
        return
    print_rows(
        ["date", "category", "actor -> recipient", "mode/flags", "conf", "document", "sentence"],
        [
            [
                r["listed_date"] or "?",
                r["event"],
                f"{_codes(r['actor'])} -> {_codes(r['recipient'])}",
                ",".join(([r["mode"]] if r["mode"] else []) + r["flags"]) or "-",
                f"{r['confidence']:.2f}",
                r["document_id"],
                analysis.excerpt(r["sentence_text"] or r["event_text"]),
            ]
            for r in rows
        ],
    )


def _codes(refs: list[dict[str, Any]]) -> str:
    return "+".join(r.get("code") or r.get("entity_text") or "?" for r in refs) or "?"


@app.command()
def claims(
    db: DbOption = None,
    json_output: JsonOption = False,
    stance: Annotated[str | None, typer.Option("--stance", help="assert, deny, speculate, hedged or question.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Part of the speaker's name, or entity id.")] = None,
) -> None:
    """List stored claims: speaker, stance, direct/indirect quote, content, date and document."""
    rows = [analysis.claim_row(doc, claim) for doc, claim in analysis.find_claims(connect(db), stance, speaker)]
    if json_output:
        print_json(rows)
        return
    print_rows(
        ["date", "speaker", "stance", "quote", "document", "text"],
        [
            [
                r["listed_date"] or "?",
                analysis.excerpt(r["speaker"]["name"] or r["speaker"]["text"], 30),
                r["stance"] + (" (denies)" if r["denies"] else ""),
                r["quote"],
                r["document_id"],
                analysis.excerpt(r["text"]),
            ]
            for r in rows
        ],
    )


@app.command()
def ledger(db: DbOption = None, json_output: JsonOption = False) -> None:
    """The claims ledger: each proposition across sources and languages, who asserts it and who denies it."""
    propositions = analysis.build_claim_ledger(connect(db))
    if json_output:
        print_json(propositions)
        return
    for p in propositions:
        span = " – ".join(dict.fromkeys(x for x in (p["first_seen"], p["last_seen"]) if x))
        mark = " [contested]" if p["contested"] else ""
        out.print(f"{p['id']}{mark} {analysis.excerpt(p['text'])} ({span or 'undated'})", markup=False)
        for verb, key in (("asserts", "asserted_by"), ("denies", "denied_by"), ("other", "other")):
            for e in p[key]:
                who = e["speaker"]["name"] or e["speaker"]["text"]
                date = e["date"] or f"published {e['document_date'] or '?'}"
                label = e["stance"] if key == "other" else verb
                out.print(f"    {label}: {who} ({e['language'] or '?'}, {date}, {e['doc_id']})", markup=False)


def story_lines(rows: list[dict[str, Any]]) -> list[str]:
    lines = []
    for s in rows:
        languages = ",".join(s["languages"])
        seen = " – ".join(dict.fromkeys(x for x in (s["first_seen"], s["last_seen"]) if x)) or "undated"
        lines.append(
            f"{s['id']}  {s['label']}  [{languages}] documents {s['documents']} (originals {s['originals']}), "
            f"sources {s['sources']}, seen {seen}"
        )
    return lines


@app.command("stories")
def stories_command(db: DbOption = None, json_output: JsonOption = False) -> None:
    """List stories (documents clustered across languages): label, languages, sources, first and last seen."""
    rows = analysis.story_list(connect(db))
    if json_output:
        print_json(rows)
        return
    print_rows(
        ["story", "label", "languages", "documents", "sources", "first seen", "last seen"],
        [
            [
                s["id"],
                s["label"],
                ",".join(s["languages"]),
                str(s["documents"]),
                str(s["sources"]),
                s["first_seen"] or "?",
                s["last_seen"] or "?",
            ]
            for s in rows
        ],
    )


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="Story id (see `wirescope stories`).", show_default=False)],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """One story: its documents with translation/duplicate marks, its events and claims counted once."""
    data = analysis.story_detail(connect(db), story_id)
    if data is None:
        err.print(f"error: no story {story_id!r}")
        raise typer.Exit(EXIT_FAILED)
    if json_output:
        print_json(data)
        return
    out.print(story_lines([data])[0], markup=False)
    for rel in data["related"]:
        out.print(f"  related: {rel['id']} (overlap {rel['overlap']:.2f})", markup=False)
    out.print("documents:", markup=False)
    for m in data["members"]:
        mark = ""
        if m["translation_of"]:
            mark = f"  translation of {m['translation_of']}"
        elif m["duplicate_of"]:
            mark = f"  duplicate of {m['duplicate_of']}"
        out.print(f"  {m['id']}  {m['language']}  {m['published'] or '?'}  {m['title']}{mark}", markup=False)
    out.print(f"events: {len(data['events'])} counted once (of {data['events_total']} in all documents)", markup=False)
    for r in data["events"]:
        flags = ",".join(([r["mode"]] if r["mode"] else []) + r["flags"])
        out.print(
            f"  {r['listed_date'] or '?'}  {r['event']}{' (' + flags + ')' if flags else ''}  "
            f"{_codes(r['actor'])} -> {_codes(r['recipient'])}  {r['document_id']}",
            markup=False,
        )
    out.print(f"claims: {len(data['claims'])} counted once (of {data['claims_total']} in all documents)", markup=False)
    for r in data["claims"]:
        who = r["speaker"]["name"] or r["speaker"]["text"]
        line = f"  {who} {r['stance']}/{r['quote']}: {analysis.excerpt(r['text'])}  {r['document_id']}"
        out.print(line, markup=False)


app.command()(serve)
app.command("export")(export_command)
