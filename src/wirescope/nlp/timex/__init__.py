"""The time-expression engine behind the ``times`` stage: calendar arithmetic, per-language lexicons,
atom detection and combination."""
