# Bildungswegweiser — in the style of Pelican's quickstart Makefile.
# Every target installs what it needs on first use.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
BIND ?= 127.0.0.1
SETTINGS ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
OUTPUTDIR ?= output
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The editor's Decap CMS, js-yaml and js-sha256 travel with the package (a guide built from it needs no Node.js):
# copied from npm's files for the versions package.json pins into plugins/wegweiser/editor/vendor/
# (not kept in git; a test holds them equal to npm's). Building or testing here copies them first
# (defined here, before the rules that depend on it: make expands prerequisites as it reads them).
CMS_VENDOR := plugins/wegweiser/editor/vendor
CMS_STAMP := $(CMS_VENDOR)/decap-cms.js

.PHONY: help html serve publish clean validate test install browser-deps brochure-deps brochure docs messages vendor

help:
	@echo 'make html       build the guide into $(OUTPUTDIR)/ (validates first)'
	@echo 'make serve      build, serve on http://$(BIND):$(PORT)/ and rebuild on change'
	@echo 'make publish    build with $(PUBLISHCONF)'
	@echo 'make validate   check all content and print every finding'
	@echo 'make docs       regenerate CONTRIBUTING.md and the editor schemas from the schemas'
	@echo 'make brochure   the printed brochure as PDF files under broschuere/ and <lang>/broschuere/ (PAPER=A5, LANGS=de,ar)'
	@echo 'make test       run the whole test suite (installs Chromium for browser tests)'
	@echo 'make clean      remove $(OUTPUTDIR)/'

$(PY_STAMP): pyproject.toml
	@[ -x $(BIN)/python ] || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(PY_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

browser-deps: $(NODE_STAMP)
	@if [ ! -x $(CHROMIUM) ] || ! command -v java >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium default-jre-headless fonts-dejavu-core >/dev/null; \
	fi

# WeasyPrint (the brochure) needs Pango and HarfBuzz's subsetter, and fonts (DejaVu Sans: Latin, Turkish, Cyrillic,
# Arabic and Persian letters); the tests read PDFs with pdftotext
brochure-deps:
	@if ! command -v pdftotext >/dev/null || ! ldconfig -p | grep -q libpangoft2-1.0 \
		|| ! ldconfig -p | grep -q libharfbuzz-subset || ! fc-list | grep -qi dejavu; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
			libharfbuzz-subset0 fonts-dejavu-core poppler-utils >/dev/null; \
	fi

PAPER ?= A4
# the brochure's languages: every language of the guide, or some (LANGS=de,ar)
LANGS ?= all
brochure: $(PY_STAMP) brochure-deps
	$(BIN)/wegweiser brochure --settings $(PUBLISHCONF) --paper $(PAPER) --lang $(LANGS)

html: $(PY_STAMP) $(CMS_STAMP)
	$(BIN)/wegweiser build --settings $(SETTINGS) --output $(OUTPUTDIR)

validate: $(PY_STAMP)
	$(BIN)/wegweiser validate --settings $(SETTINGS)

docs: $(PY_STAMP)
	$(BIN)/wegweiser docs --settings $(SETTINGS)

serve: $(PY_STAMP) $(CMS_STAMP)
	$(BIN)/wegweiser serve --settings $(SETTINGS) --output $(OUTPUTDIR) --port $(PORT) --bind $(BIND)

publish: $(PY_STAMP) $(CMS_STAMP)
	$(BIN)/wegweiser build --settings $(PUBLISHCONF) --output $(OUTPUTDIR)

$(CMS_STAMP): $(NODE_STAMP)
	rm -rf $(CMS_VENDOR) && mkdir -p $(CMS_VENDOR)
	cp node_modules/decap-cms/dist/decap-cms.js node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt \
		node_modules/decap-cms/dist/[0-9]*.decap-cms.js node_modules/decap-cms/dist/*.wasm \
		node_modules/js-yaml/dist/js-yaml.min.js node_modules/js-sha256/build/sha256.min.js $(CMS_VENDOR)/
vendor: $(CMS_STAMP)

test: $(PY_STAMP) browser-deps brochure-deps $(CMS_STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(OUTPUTDIR) .$(OUTPUTDIR).next .$(OUTPUTDIR).exchanging

# The interface's texts: extract them (babel.cfg) and bring every language's catalog up to date
messages: $(PY_STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k UIText --no-location --sort-output \
		-o plugins/wegweiser/i18n/locales/messages.pot .
	$(VENV)/bin/pybabel update -i plugins/wegweiser/i18n/locales/messages.pot \
		-d plugins/wegweiser/i18n/locales --no-fuzzy-matching --ignore-obsolete
