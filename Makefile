# Provision Atlas. `make site` builds the site, `make test` runs every test.
# Both create .venv and install the pinned dependencies on first use.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ATLAS  := $(VENV)/bin/atlas
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
# Reproducible builds: `make site` and `make export` date the site by the last
# commit (unless SOURCE_DATE_EPOCH is set), never by the clock.
DATED  = SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)}
# Browser tests drive Debian's Chromium (never a downloaded browser) and load the
# axe-core pinned in package.json / package-lock.json, installed with npm ci.
CHROMIUM   ?= /usr/bin/chromium
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)
BROWSER_SKIP := SKIP: browser tests not run: no Chromium at $(CHROMIUM) (apt-get install chromium; .ci/run installs it)

.PHONY: bench help install site check serve test lint format typecheck workflows golden clean export browser-deps ci-check fmt-check messages

help:
	@echo "make site       build the site into site/ from content/ and provisions/"
	@echo "make test       run every test (lint, types, unit, golden, build)"
	@echo "make serve      live preview on http://127.0.0.1:8000"
	@echo "make check      validate the records only"
	@echo "make export     the offline site as dist/provision-atlas-offline-<date>.zip"
	@echo "make golden     regenerate the golden output of the fixture corpus"
	@echo "make messages   extract the interface strings and update each language's catalogue"

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

site: $(STAMP)
	$(DATED) $(ATLAS) build

check: $(STAMP)
	$(ATLAS) check

serve: $(STAMP)
	$(DATED) $(ATLAS) serve

export: $(STAMP)
	$(DATED) $(ATLAS) export

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	rm -f node_modules/.installed-* && touch $@

browser-deps: $(NODE_STAMP)

# CI helpers (GitHub Actions calls these; see .github/workflows/).
ci-check: $(STAMP)
	$(ATLAS) check --format github

fmt-check: $(STAMP)
	$(ATLAS) fmt --check

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests bench site_templates
	$(VENV)/bin/ruff format --check generator tests bench site_templates

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The GitHub workflows, audited offline by zizmor (pinned in requirements.lock): actions pinned to
# commits, least permissions, no token left in a checkout, no template injection. Any finding fails.
workflows: $(STAMP)
	$(VENV)/bin/zizmor --offline --no-progress --color never .github/workflows

format: $(STAMP)
	$(VENV)/bin/ruff format generator tests bench site_templates
	$(VENV)/bin/ruff check --fix generator tests bench site_templates

# The browser tests (tests/browser/) run whenever Chromium is present, and say so when they are skipped.
test: lint typecheck workflows $(if $(wildcard $(CHROMIUM)),$(NODE_STAMP))
	@if [ -x "$(CHROMIUM)" ]; then echo "browser tests: with $(CHROMIUM)"; else echo "$(BROWSER_SKIP)"; fi
	ATLAS_CHROMIUM=$(CHROMIUM) $(PY) -m pytest
	@[ -x "$(CHROMIUM)" ] || echo "$(BROWSER_SKIP)"

# Not part of `make test`: measures 100, 1,000 and 10,000 synthetic provisions
# (several minutes) and writes the table used in docs/performance.md.
# The bench's own corpus at 100, 1,000 and 10,000 provisions, then a corpus shaped otherwise (more platforms in
# each category, texts three times as long) at 1,000 and 10,000: the figures must not depend on one shape.
bench: $(STAMP)
	mkdir -p build/bench
	$(PY) -m bench.run --markdown build/bench/results.md
	$(PY) -m bench.run --shape wide --sizes 1000,10000 --markdown build/bench/results-wide.md

golden: $(STAMP)
	ATLAS_UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_render.py -q

# The interface strings (generator/render/i18n.py): extracted from the templates and the generator
# (babel.cfg) into the template catalogue, then merged into each language's .po (created when missing).
# Translate the new or changed (fuzzy) entries; tests/test_i18n.py fails until every one is.
LOCALES   := site_templates/locale
POT       := $(LOCALES)/messages.pot
LANGUAGES := ja

messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k gettext -k _ --no-location --sort-output --omit-header -o $(POT) .
	for lang in $(LANGUAGES); do \
	  if [ -f $(LOCALES)/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(VENV)/bin/pybabel update --ignore-obsolete -w 120 -i $(POT) -d $(LOCALES) -l $$lang; \
	  else \
	    $(VENV)/bin/pybabel init -w 120 -i $(POT) -d $(LOCALES) -l $$lang; \
	  fi; \
	done

clean:
	rm -rf build site dist .pytest_cache .mypy_cache .ruff_cache
