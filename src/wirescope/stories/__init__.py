"""Stories across languages: online clustering of documents into stories, translation and reprint detection,
de-duplicated aggregates, summaries and topic links.

Entry points (for the CLI, the API and the store)::

    index = StoryIndex()                      # or load_index(path)
    result = index.assign(doc)                # Assignment: story_id, new_story, copy_of/copy_kind, updates
    list_stories(index)                       # [StorySummary], most recent first
    get_story(index, story_id)                # StoryDetail: summary + members (or None)
    index.related(story_id)                   # [(story_id, overlap)]: same actors, another story
    aggregate(docs)                           # events and claims counted once across copies
    save_index(index, path)                   # JSON (gzip with .gz); to_state/from_state for a store column
"""

from wirescope.stories.aggregate import Aggregate, aggregate
from wirescope.stories.calibration import Config, Weights
from wirescope.stories.features import DocFeatures, extract_features
from wirescope.stories.index import Assignment, CopyUpdate, StoryIndex
from wirescope.stories.state import from_state, load_index, save_index, to_state
from wirescope.stories.summary import StoryDetail, StorySummary, get_story, list_stories, summarise

__all__ = [
    "Aggregate",
    "Assignment",
    "Config",
    "CopyUpdate",
    "DocFeatures",
    "StoryDetail",
    "StoryIndex",
    "StorySummary",
    "Weights",
    "aggregate",
    "extract_features",
    "from_state",
    "get_story",
    "list_stories",
    "load_index",
    "save_index",
    "summarise",
    "to_state",
]
