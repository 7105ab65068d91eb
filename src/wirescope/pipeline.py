"""The pipeline: named stages, each a function ``Document -> Document``, run in order.

A stage module exposes ``NAME``, ``VERSION`` and ``run(doc: Document) -> Document``; it fills its own
section of the document (and only that) and tags what it produced with ``Provenance(NAME, VERSION)``.
Stages are imported lazily, so running ``--stages language,segment`` does not load the entity knowledge
base or the embedding model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wirescope.model import Document, Provenance
from wirescope.nlp.lemmas import use_tries

#: stage name -> module path, in the default order
STAGE_MODULES: dict[str, str] = {
    "language": "wirescope.nlp.language",
    "segment": "wirescope.nlp.segment",
    "entities": "wirescope.nlp.entities",
    "times": "wirescope.nlp.times",
    "events": "wirescope.nlp.events",
    "claims": "wirescope.nlp.claims",
}
DEFAULT_STAGES: tuple[str, ...] = tuple(STAGE_MODULES)


class UnknownStageError(ValueError):
    pass


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    run: Callable[[Document], Document]


def load_stage(name: str) -> Stage:
    if name not in STAGE_MODULES:
        raise UnknownStageError(f"unknown stage {name!r}; known stages: {', '.join(STAGE_MODULES)}")
    module = importlib.import_module(STAGE_MODULES[name])
    return Stage(name=module.NAME, version=module.VERSION, run=module.run)


def parse_stages(spec: str | None) -> list[str]:
    """Parse ``--stages a,b,c`` (or None for the default order); keeps the default order of the pipeline."""
    if not spec:
        return list(DEFAULT_STAGES)
    wanted = [s.strip() for s in spec.split(",") if s.strip()]
    for name in wanted:
        if name not in STAGE_MODULES:
            raise UnknownStageError(f"unknown stage {name!r}; known stages: {', '.join(STAGE_MODULES)}")
    return [name for name in STAGE_MODULES if name in wanted]


class Pipeline:
    def __init__(self, stages: Iterable[str] | None = None) -> None:
        use_tries()  # lemma dictionaries memory-mapped, not unpickled per process (see nlp/lemmas.py)
        self.stages = [load_stage(n) for n in (stages if stages is not None else DEFAULT_STAGES)]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage.run(doc)
            doc.provenance.append(Provenance(stage.name, stage.version))
        return doc

    @property
    def signature(self) -> str:
        """Identifies the stage set and versions, so that a store can tell which documents need reprocessing."""
        return ",".join(f"{s.name}@{s.version}" for s in self.stages)
