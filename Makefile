# Two entry points (see README.md): `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= wirescope.db

.PHONY: demo demo-check test lint install install-dev clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[web,export]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[web,export,postgres,ray,dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(VENV)/bin/wirescope demo --db $(DB) && $(VENV)/bin/wirescope serve --db $(DB)

# what `make demo` runs before it serves, in the runtime-only environment (CI runs it before the tests, so a
# dependency that only the dev extras happen to bring in cannot hide)
demo-check: install
	rm -f .venv/demo-check.db && $(VENV)/bin/wirescope demo --db .venv/demo-check.db

test: install-dev
	$(VENV)/bin/pytest -q

lint: install-dev
	$(VENV)/bin/ruff check src tests evaluation benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
