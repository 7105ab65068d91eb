"""Online story clustering: each new document joins an existing story or starts one.

Candidate retrieval never scans the corpus: stories are found through (a) a day index of stories active within the
largest time window, ranked by centroid cosine in a numpy matrix restricted to those rows, and (b) an inverted index
on (entity key, week). Only these candidates are scored, so the cost of a new document depends on how many stories
are active around its date, not on how many documents were seen. The result depends only on the input order (no
randomness, ties broken by story creation order); a document arriving a few days late still finds its story, since
windows extend both ways around a story's date range.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from wirescope.model import Document
from wirescope.stories.calibration import Background, Config
from wirescope.stories.copies import Alignment, align, is_copy
from wirescope.stories.features import DocFeatures, Embedder, extract_features, lazy_sentences, normalise

TOPIC_POSTINGS_CAP = 256
TOPIC_MIN_WEIGHT = 0.1
#: an entity found in more stories than this around a document's date is a "stop entity" (a superpower in every
#: story of the moment): it does not discriminate, and following it would make the candidate set grow
MAX_POSTING = 24


@dataclass
class DocRecord:
    """What the index keeps of a document (no text): enough to score, summarise and serialise."""

    features: DocFeatures
    story_id: str
    copy_of: str | None = None
    copy_kind: str | None = None  # "translation" | "duplicate"


@dataclass
class Story:
    id: str
    slot: int
    members: list[str] = field(default_factory=list)
    first: int | None = None
    last: int | None = None
    vector_sum: NDArray[np.float32] | None = None
    recent_vectors: NDArray[np.float32] | None = None  # the last members' vectors (Config.recent_members)
    recent_languages: list[str] = field(default_factory=list)
    entity_docs: Counter[str] = field(default_factory=Counter)
    entity_weight: dict[str, float] = field(default_factory=dict)  # summed mention shares: ranks ties in docs
    signatures: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)

    def window(self, config: Config) -> float:
        spread = 0 if self.first is None or self.last is None else self.last - self.first
        return min(config.base_window_days + config.spread_factor * spread, config.max_window_days)

    def gap(self, day: int | None) -> int:
        if day is None or self.first is None or self.last is None:
            return 0
        return max(0, self.first - day, day - self.last)


@dataclass(frozen=True)
class CopyUpdate:
    """An earlier-seen document re-marked as a copy of a document that was published before it."""

    doc_id: str
    copy_of: str
    kind: str


@dataclass
class Assignment:
    doc_id: str
    story_id: str
    new_story: bool
    score: float | None  # the joining score (None for a new story)
    copy_of: str | None = None
    copy_kind: str | None = None
    updates: list[CopyUpdate] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    story_id: str
    score: float
    similarity: float  # best standardised cosine to a member


class StoryIndex:
    """The online clusterer and its state (see ``wirescope.stories.state`` to save and load it)."""

    def __init__(self, config: Config | None = None, dim: int = 384) -> None:
        self.config = config or Config()
        self.background = Background()
        self.stories: dict[str, Story] = {}
        self.docs: dict[str, DocRecord] = {}
        self.order: list[str] = []  # document ids in arrival order
        self._dim = dim
        self._centroids = np.zeros((1024, dim), dtype=np.float32)
        self._slots: list[str] = []
        self._day_stories: dict[int, set[int]] = {}  # day -> slots of the stories with a member that day
        self._postings: dict[tuple[str, int], set[str]] = {}
        self._topic: dict[str, OrderedDict[str, None]] = {}
        self._hashes: dict[str, str] = {}
        self._copies: dict[str, list[str]] = {}
        self._clock: int | None = None
        self._sentence_days: dict[int, list[str]] = {}  # day -> documents holding sentence vectors
        self._pruned_before: int | None = None
        self.candidates_scored = 0  # a counter for benchmarks: stories scored over all assignments
        #: where copy detection reads the text of a document held without it (loaded from a store), to embed the
        #: sentences it kept no vector of: e.g. ``Store.load_document``; None: such a document aligns its few
        self.load_document: Callable[[str], Document | None] | None = None

    # ---- public API -------------------------------------------------------------------------------------------

    def assign(self, doc: Document, embed: Embedder | None = None) -> Assignment:
        """Cluster one pipeline-processed document; sets ``doc.translation_of`` / ``doc.duplicate_of``."""
        if doc.id in self.docs:
            record = self.docs[doc.id]
            return Assignment(doc.id, record.story_id, False, None, record.copy_of, record.copy_kind)
        result = self.assign_features(extract_features(doc, embed))
        if result.copy_kind == "translation":
            doc.translation_of = result.copy_of
        elif result.copy_kind == "duplicate":
            doc.duplicate_of = result.copy_of
        return result

    def assign_features(self, f: DocFeatures) -> Assignment:
        """Cluster a document given its features (the embedding already done)."""
        if f.doc_id in self.docs:
            record = self.docs[f.doc_id]
            return Assignment(f.doc_id, record.story_id, False, None, record.copy_of, record.copy_kind)
        day = f.day if f.day is not None else self._clock
        exact = self._hashes.get(f.content_hash) if f.content_hash else None
        best = None
        if exact is not None:
            best = Candidate(self.docs[exact].story_id, float("inf"), float("inf"))
        else:
            candidates, specificity = self._candidates(f, day)
            self.candidates_scored += len(candidates)
            scored = [self._score(f, day, sid, specificity) for sid in candidates]
            eligible = [c for c in scored if c is not None and c.score > 0]
            if eligible:
                best = max(eligible, key=lambda c: (c.score, -self.stories[c.story_id].slot))
        new_story = best is None
        story = self._new_story() if best is None else self.stories[best.story_id]
        record = DocRecord(features=f, story_id=story.id)
        self.docs[f.doc_id] = record
        self.order.append(f.doc_id)
        updates = self._detect_copy(record, story, exact)
        self._add_member(story, record)
        if f.content_hash:
            self._hashes.setdefault(f.content_hash, f.doc_id)
        self.background.observe(f.doc_id, f.language, f.vector, story.id)
        if f.day is not None:
            self._clock = f.day if self._clock is None else max(self._clock, f.day)
        self._prune_sentences()
        score = None if best is None else best.score
        return Assignment(f.doc_id, story.id, new_story, score, record.copy_of, record.copy_kind, updates)

    def story_of(self, doc_id: str) -> str | None:
        record = self.docs.get(doc_id)
        return record.story_id if record else None

    def related(self, story_id: str, min_overlap: float = 0.34, limit: int = 10) -> list[tuple[str, float]]:
        """Other stories on the same main actors (a topic): linked, never merged. Sorted by overlap."""
        story = self.stories[story_id]
        mine = self.main_actors(story)
        candidates: set[str] = set()
        for key in mine:
            candidates.update(self._topic.get(key, ()))
        candidates.discard(story_id)
        links = []
        for other_id in sorted(candidates, key=lambda s: self.stories[s].slot):
            overlap = _weighted_jaccard(mine, self.main_actors(self.stories[other_id]))
            if overlap >= min_overlap:
                links.append((other_id, round(overlap, 3)))
        links.sort(key=lambda x: -x[1])
        return links[:limit]

    def main_actors(self, story: Story, limit: int = 3) -> dict[str, float]:
        """Entity keys found in the most member documents (then the most mentioned), with their share of the
        members; only keys in at least 30% of the members."""
        n = max(1, len(story.members))
        ranked = sorted(story.entity_docs.items(), key=lambda kv: (-kv[1], -story.entity_weight.get(kv[0], 0.0), kv[0]))
        return {k: c / n for k, c in ranked[:limit] if c / n >= 0.3}

    # ---- candidates and scoring -------------------------------------------------------------------------------

    def _candidates(self, f: DocFeatures, day: int | None) -> tuple[list[str], dict[str, float]]:
        """Candidate stories, and the specificity of each entity key of the document in the time window."""
        if day is None:  # nothing dated seen yet: the index is tiny, score every story
            return sorted(self.stories, key=lambda s: self.stories[s].slot), dict.fromkeys(f.entity_keys, 1.0)
        reach = self._reach_days()
        buckets = [self._day_stories[d] for d in range(day - reach, day + reach + 1) if d in self._day_stories]
        found: set[str] = set()
        active: set[int] = set()
        if buckets:
            active = active.union(*buckets)
            slots = np.fromiter(active, dtype=np.int64, count=len(active))
            sims = self._centroids[slots] @ f.vector
            k = min(self.config.vector_candidates, len(slots))
            top = np.argpartition(-sims, k - 1)[:k] if k < len(slots) else np.arange(len(slots))
            found.update(self._slots[int(slots[i])] for i in top)
        specificity = {}
        weeks = self.candidate_weeks(day)
        for key in f.entity_keys:
            with_key: set[str] = set().union(*(self._postings.get((key, week), ()) for week in weeks))
            if len(with_key) <= MAX_POSTING:
                found.update(with_key)
            specificity[key] = _specificity(min(len(with_key), len(active)), len(active))
        return sorted(found, key=lambda s: self.stories[s].slot), specificity

    def _reach_days(self) -> int:
        """How many days either side of a document's day the stories it can join are looked up."""
        return int(self.config.max_window_days) + 1

    def candidate_weeks(self, day: int) -> range:
        """The weeks (``day // 7``) whose entity postings a document of ``day`` looks up: they cover the days either
        side (``_reach_days``) whose stories it is scored against, so no story outside them can be a candidate."""
        reach = self._reach_days()
        return range((day - reach) // 7, (day + reach) // 7 + 1)

    def _score(self, f: DocFeatures, day: int | None, story_id: str, specificity: dict[str, float]) -> Candidate | None:
        story = self.stories[story_id]
        window = story.window(self.config)
        gap = story.gap(day)
        if gap > window:
            return None
        w = self.config.weights
        assert story.recent_vectors is not None
        cosines = story.recent_vectors @ f.vector
        means, sds = self._pair_table(f.language, story.recent_languages)
        similarity = float(((cosines - means) / sds).max())
        n = len(story.members)
        entities = sum(
            weight * specificity[key] * story.entity_docs[key] / n for key, weight in f.entity_keys.items()
        )
        events = 0.0
        if f.event_signatures:
            events = sum(1 for s in f.event_signatures if story.signatures[s]) / len(f.event_signatures)
        score = w.bias + w.embedding * similarity + w.entities * entities + w.events * events - w.time * gap / window
        return Candidate(story_id, score, similarity)

    def _pair_table(self, language: str, others: list[str]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        pairs = [self.background.mean_sd(language, other) for other in others]
        table = np.asarray(pairs, dtype=np.float32).reshape(len(others), 2)
        return table[:, 0], table[:, 1]

    def _recent_members(self, story: Story) -> list[DocRecord]:
        return [self.docs[d] for d in story.members[-self.config.recent_members :]]

    # ---- copies -----------------------------------------------------------------------------------------------

    def _detect_copy(self, record: DocRecord, story: Story, exact: str | None) -> list[CopyUpdate]:
        f = record.features
        if exact is not None:
            return self._mark_copy(record, self.docs[exact])
        if f.sentence_vectors is None:
            return []
        cfg = self.config
        best: tuple[float, str] | None = None
        for member in self._recent_members(story):
            m = member.features
            if m.sentence_vectors is None:
                continue
            if f.day is not None and m.day is not None and abs(f.day - m.day) > cfg.copy_window_days:
                continue
            if self.background.z(float(f.vector @ m.vector), f.language, m.language) < cfg.copy_prefilter_z:
                continue
            alignment = self._copy_alignment(f, m)
            if alignment is not None and (best is None or alignment.share > best[0]):
                best = (alignment.share, m.doc_id)
        return [] if best is None else self._mark_copy(record, self.docs[best[1]])

    def _copy_alignment(self, f: DocFeatures, m: DocFeatures) -> Alignment | None:
        """The sentence alignment of two documents when they are copies, else None.

        A document holds the vectors of some of its sentences (lead, one more, those other stages embedded); the
        rest are embedded only when two of those are as close as aligned sentences. A document from an earlier run
        whose text ``load_document`` cannot give back is then not compared: its few sentences alone made independent
        reports with parallel leads look like translations."""
        assert f.sentence_vectors is not None and m.sentence_vectors is not None
        cfg = self.config
        threshold = cfg.copy_cosine_same if f.language == m.language else cfg.copy_cosine_cross
        if not (f.complete and m.complete):
            kept = f.sentence_vectors.astype(np.float32) @ m.sentence_vectors.astype(np.float32).T
            if kept.size == 0 or kept.max() < threshold:
                return None
            for features in (f, m):
                self._reattach_text(features)
            if not (f.complete_vectors() and m.complete_vectors()):
                return None
        assert f.sentence_vectors is not None and m.sentence_vectors is not None
        alignment = align(f.sentence_vectors, m.sentence_vectors, threshold)
        return alignment if is_copy(alignment, cfg.copy_share, cfg.copy_count_ratio) else None

    def _reattach_text(self, f: DocFeatures) -> None:
        if f.lazy is None and not f.complete and self.load_document is not None:
            doc = self.load_document(f.doc_id)
            if doc is not None and doc.text:
                f.lazy = lazy_sentences(doc, f.title)

    def root(self, doc_id: str) -> str:
        """The original a document copies (itself when it is not a copy)."""
        record = self.docs[doc_id]
        return record.copy_of or doc_id

    def _mark_copy(self, record: DocRecord, other: DocRecord) -> list[CopyUpdate]:
        """The earlier published of the two is the original; on a tie the one seen first."""
        root = self.docs[self.root(other.features.doc_id)]
        new_day, root_day = record.features.day, root.features.day
        if new_day is None or root_day is None or root_day <= new_day:
            self._set_copy(record, root)
            return []
        updates = []
        for doc_id in [root.features.doc_id, *self._copies.pop(root.features.doc_id, [])]:
            copied = self.docs[doc_id]
            self._set_copy(copied, record)
            updates.append(CopyUpdate(doc_id, record.features.doc_id, copied.copy_kind or ""))
        return updates

    def _set_copy(self, copy: DocRecord, original: DocRecord) -> None:
        same = copy.features.language == original.features.language
        copy.copy_of = original.features.doc_id
        copy.copy_kind = "duplicate" if same else "translation"
        self._copies.setdefault(original.features.doc_id, []).append(copy.features.doc_id)

    def _prune_sentences(self) -> None:
        """Sentence vectors are only needed while a document can still be copied; drop them afterwards."""
        if self._clock is None:
            return
        horizon = self._clock - 2 * self.config.copy_window_days
        start = min(self._sentence_days, default=horizon) if self._pruned_before is None else self._pruned_before
        for day in range(start, horizon):
            for doc_id in self._sentence_days.pop(day, ()):
                self.docs[doc_id].features.drop_sentences()
        self._pruned_before = max(horizon, start)

    # ---- story bookkeeping ------------------------------------------------------------------------------------

    def _new_story(self) -> Story:
        slot = len(self._slots)
        story = Story(id=f"S{slot + 1:06d}", slot=slot)
        self._slots.append(story.id)
        if slot >= len(self._centroids):
            grown = np.zeros((2 * len(self._centroids), self._dim), dtype=np.float32)
            grown[: len(self._centroids)] = self._centroids
            self._centroids = grown
        self.stories[story.id] = story
        return story

    def _add_member(self, story: Story, record: DocRecord) -> None:
        f = record.features
        story.members.append(f.doc_id)
        story.languages[f.language] += 1
        story.vector_sum = f.vector.copy() if story.vector_sum is None else story.vector_sum + f.vector
        keep = self.config.recent_members
        if story.recent_vectors is None:
            story.recent_vectors = f.vector.reshape(1, -1).copy()
        else:
            story.recent_vectors = np.vstack([story.recent_vectors[-(keep - 1) :], f.vector])
        story.recent_languages = [*story.recent_languages[-(keep - 1) :], f.language]
        self._centroids[story.slot] = normalise(story.vector_sum)
        for key, weight in f.entity_keys.items():
            story.entity_docs[key] += 1
            story.entity_weight[key] = story.entity_weight.get(key, 0.0) + weight
        for sig in f.event_signatures:
            story.signatures[sig] += 1
        day = f.day if f.day is not None else self._clock
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
            self._day_stories.setdefault(day, set()).add(story.slot)
            if f.sentence_vectors is not None:
                kept_from = day if self._pruned_before is None else max(day, self._pruned_before)
                self._sentence_days.setdefault(kept_from, []).append(f.doc_id)
            for key in f.entity_keys:
                self._postings.setdefault((key, day // 7), set()).add(story.id)
        for key, weight in f.entity_keys.items():
            if weight >= TOPIC_MIN_WEIGHT:
                posting = self._topic.setdefault(key, OrderedDict())
                posting[story.id] = None
                posting.move_to_end(story.id)
                if len(posting) > TOPIC_POSTINGS_CAP:
                    posting.popitem(last=False)


def _specificity(stories_with_key: int, active_stories: int) -> float:
    """An IDF in [0, 1] over the stories active in the window, smoothed for small windows: an entity found in
    most stories of the moment (a superpower, the host country) says little about which story a document is in."""
    total = active_stories + 10
    return max(0.0, min(1.0, np.log(total / (stories_with_key + 1)) / np.log(total)))


def _weighted_jaccard(a: dict[str, float], b: dict[str, float]) -> float:
    keys = set(a) | set(b)
    if not keys:
        return 0.0
    num = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    den = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return num / den if den else 0.0
