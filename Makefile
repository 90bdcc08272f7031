# Provision Atlas. `make site` builds the site, `make test` runs every test.
# Both create .venv and install the pinned dependencies on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ATLAS  := $(VENV)/bin/atlas
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PIP    := $(PY) -m pip --disable-pip-version-check --quiet

.PHONY: help install site check serve test lint format typecheck golden clean

help:
	@echo "make site       build the site into site/ from content/ and provisions/"
	@echo "make test       run every test (lint, types, unit, golden, build)"
	@echo "make serve      live preview on http://127.0.0.1:8000"
	@echo "make check      validate the records only"
	@echo "make golden     regenerate the golden output of the fixture corpus"

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

site: $(STAMP)
	$(ATLAS) build

check: $(STAMP)
	$(ATLAS) check

serve: $(STAMP)
	$(ATLAS) serve

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/ruff format --check generator tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format generator tests
	$(VENV)/bin/ruff check --fix generator tests

test: lint typecheck
	$(PY) -m pytest

golden: $(STAMP)
	ATLAS_UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_render.py -q

clean:
	rm -rf build site dist .pytest_cache .mypy_cache .ruff_cache
