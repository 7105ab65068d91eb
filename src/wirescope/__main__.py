"""``python -m wirescope``: the same command as the ``wirescope`` console script."""

from wirescope.cli import app

app(prog_name="wirescope")
