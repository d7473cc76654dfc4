# Two commands set everything up on a fresh Debian machine with Python 3.11 and make:
#   make serve   install into .venv and serve the site at http://127.0.0.1:8000
#   make test    install (Debian's chromium too, if missing) and run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# Compiled bytecode goes to .cache/pycache (ignored by git), not beside the sources: the hooks are
# compiled once rather than at every build, even where the environment turns the writing off.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

.PHONY: search-scan serve build test chromium java readability search-eval anchors lock clean audit vendor \
        compress serve-built deploy engine

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

# axe-core and the Nu Html Checker for the quality tests, exactly as locked; no install scripts run.
$(NODE_INSTALLED): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

serve: $(INSTALLED)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# The site for hosting, with its response headers in site/_headers (and deploy/ for nginx, Caddy).
SITE ?= site
build: $(INSTALLED)
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

# Pre-compressed .gz and .br copies of the text files, for nginx or Caddy (see deploy/).
compress: build
	$(BIN)/python tools/precompress.py $(SITE)

# The built site at http://127.0.0.1:$(PORT)/ with exactly the headers of site/_headers, as the
# host sends them; built for that address, so instant navigation works; .br/.gz when accepted.
PORT ?= 8001
serve-built: $(INSTALLED)
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs build --strict --site-dir $(SITE)
	$(BIN)/python tools/precompress.py $(SITE)
	$(BIN)/python tools/serve_built.py $(SITE) --port $(PORT)

# Publish to Netlify: needs NETLIFY_AUTH_TOKEN, NETLIFY_SITE_ID and the netlify CLI. With
# DRY_RUN=1 it builds, checks and lists what would be uploaded: no CLI, no credentials, no network.
DRY_RUN ?=
deploy: build
	$(BIN)/python tools/deploy.py $(SITE) $(if $(filter 1 yes true,$(DRY_RUN)),--dry-run)

test: $(INSTALLED) $(NODE_INSTALLED) chromium java
	$(BIN)/python -m pytest

# Browser tests drive Debian's chromium; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# The Nu Html Checker runs on Java.
java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; }

readability: build
	$(BIN)/python tools/readability.py site

# Add the build's new section ids to the registry of published links (review the diff).
anchors: build
	$(BIN)/python tools/anchors.py --update site

# Search quality: types every query into the real search box; prints ranks, hit@k, MRR. The lay
# sets of tests/search-eval/ are reported apart: lay-tune*.yaml may be tuned on, lay-held-out*.yaml
# are kept aside and show how the search does on questions no one tuned it to (their figures only).
# by_box: the first box shows an acceptable section; by_page: the first box is an acceptable page.
# The index learns the words of the tuning sets listed in extra.search_questions (mkdocs.yml), so
# typing them would measure nothing: each is measured with an index that learnt from the others
# only (tools/search_cv.py, in Node), beside an index that learnt from none; the tuning sets not
# listed are measured with the index as built.
SEARCH_QUERIES ?= ../shared/eval/search-queries.yaml
search-eval: $(INSTALLED) $(NODE_INSTALLED) chromium
	$(BIN)/python tools/search_eval.py $(SEARCH_QUERIES)
	@echo "== the sets the index learns from: each set measured with what it learnt from the others =="
	$(BIN)/python tools/search_cv.py
	@echo "== held out: not tuned on =="
	$(BIN)/python tools/search_eval.py --summary-only tests/search-eval/lay-held-out*.yaml

# A change to the lexicon or the search engine, against BEFORE (a commit, say main): does any of
# thousands of worried questions now lead to less urgent advice, or lose an urgent section from its
# first three results? Builds both sites under .cache/scan/ and prints what changed.
search-scan: $(INSTALLED) $(NODE_INSTALLED)
	@test -n "$(BEFORE)" || { echo "usage: make search-scan BEFORE=<commit>"; exit 2; }
	rm -rf .cache/scan && git worktree prune
	git worktree add --detach .cache/scan/before-tree $(BEFORE)
	$(BIN)/mkdocs build --quiet --strict -f .cache/scan/before-tree/mkdocs.yml --site-dir $(CURDIR)/.cache/scan/before
	git worktree remove --force .cache/scan/before-tree
	$(BIN)/mkdocs build --quiet --strict --site-dir .cache/scan/after
	node tools/search_scan.js .cache/scan/before .cache/scan/after tests/search-eval/worried-queries.txt

# The search library the reader downloads: MiniSearch, exactly as pinned in package-lock.json,
# minified with the pinned terser (a test checks the committed file against this).
vendor: $(NODE_INSTALLED)
	( printf '/*! MiniSearch %s | MIT License | https://github.com/lucaong/minisearch | minified with terser %s by `make vendor` */\n' \
	    "$$(node -p 'require("./node_modules/minisearch/package.json").version')" \
	    "$$(node -p 'require("./node_modules/terser/package.json").version')"; \
	  node node_modules/terser/bin/terser node_modules/minisearch/dist/umd/index.js -c -m --comments false ) \
	  > docs/assets/search/minisearch.min.js
	cp node_modules/minisearch/LICENSE.txt docs/assets/search/minisearch.LICENSE.txt
	$(MAKE) engine

# The site's own engine as the reader downloads it: engine.js minified with the pinned terser (the
# source, with its comments, stays unpublished; a test checks the committed file is up to date).
engine: $(NODE_INSTALLED)
	( printf '/*! Site search engine: docs/assets/search/engine.js minified with terser %s by `make engine` */\n' \
	    "$$(node -p 'require("./node_modules/terser/package.json").version')"; \
	  node node_modules/terser/bin/terser docs/assets/search/engine.js -c -m --comments false ) \
	  > docs/assets/search/engine.min.js

# Re-pin every dependency, with hashes, after editing requirements.in.
lock: $(INSTALLED)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in

clean:
	rm -rf site deploy/nginx.conf deploy/Caddyfile $(VENV) node_modules

# Audit report (not a test): Lighthouse 12 mobile and desktop, axe, vnu, links, page weight and
# readability of every page, with the shared audit tools (../shared/tools) installed once into
# .audit-tools/. The table goes to reports/audit.txt, the figures to reports/audit.json, and
# the quiz's weight to reports/quiz-weight.txt.
AUDIT_TOOLS := .audit-tools
$(AUDIT_TOOLS)/.installed:
	rm -rf $(AUDIT_TOOLS) && cp -r ../shared/tools $(AUDIT_TOOLS) && chmod -R u+w $(AUDIT_TOOLS)
	cd $(AUDIT_TOOLS) && npm ci --silent && $(PYTHON) -m venv .venv && .venv/bin/pip install --quiet -r requirements.txt
	touch $@

# Lighthouse scores move by 2-3 points between runs on a 2-core machine, so each page is measured
# AUDIT_RUNS times and the report keeps the median of each figure (make audit AUDIT_RUNS=1: faster).
AUDIT_RUNS ?= 3
audit: build $(AUDIT_TOOLS)/.installed chromium java
	mkdir -p reports
	$(AUDIT_TOOLS)/site-audit site --include-404 --runs $(AUDIT_RUNS) --out reports/audit.json | tee reports/audit.txt
	$(BIN)/python tools/quiz_weight.py | tee reports/quiz-weight.txt
