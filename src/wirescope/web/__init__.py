"""The web dashboard served by ``wirescope serve``: Jinja2 templates, SVG charts drawn from ``charts.py``, and a
small script of our own in ``static/``. Nothing is loaded from the network."""
