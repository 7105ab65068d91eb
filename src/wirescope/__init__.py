"""wirescope: multilingual news to structured, checkable knowledge (entities, times, PLOVER events, claims, stories)."""

__version__ = "0.1.0"
