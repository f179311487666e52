# The README's two commands. Each does all of its own set-up on a fresh machine with Python >= 3.11:
#   make lab    virtual environment + pinned stack + dragbook, warm numba cache, JupyterLab on notebooks/
#   make test   the same set-up, then unit, ui, notebook (nbval), browser, and install tests (a wheel in a
#               fresh virtual environment; a shared read-only install run by an unprivileged user)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.dragbook-installed
PYTEST_ARGS ?=

.PHONY: lab test site warmup chromium pins benchmark benchmark-memory clean

# The pins (binder/requirements.txt, tests/requirements.txt) are resolved for the oldest Python pyproject
# accepts (requires-python >= 3.11, i.e. 3.11.0), so they install on every Python this check lets through.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "dragbook needs Python >= 3.11 (the pinned stack does), found " + sys.version.split()[0] + ": make PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) binder/requirements.txt tests/requirements.txt pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r tests/requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

warmup: $(STAMP)
	$(VENV)/bin/dragbook warmup

lab: warmup
	$(VENV)/bin/dragbook lab

# Browser tests need Chromium: use the system's, else try Playwright's download; if both fail the
# browser tests skip with a message (or fail when DRAGBOOK_REQUIRE_BROWSER=1).
chromium: $(STAMP)
	@$(PY) tests/browser/chromium.py || $(PY) -m playwright install chromium || \
	  echo "No Chromium found: browser tests will skip (apt-get install chromium, or set DRAGBOOK_CHROMIUM)"

test: warmup chromium
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env -p no:cacheprovider $(PYTEST_ARGS)

# The static edition: every notebook executed and rendered to HTML in site/, readable offline with no kernel.
site: warmup
	$(VENV)/bin/dragbook site site

benchmark: warmup
	$(PY) benchmarks/run.py

# Kernel memory after Run All of each notebook (docs/deploy.md's table); minutes, not part of make test.
benchmark-memory: warmup
	$(PY) benchmarks/memory.py

# Re-pin from pyproject.toml: binder/requirements.txt (what Binder runs) and tests/requirements.txt (the test
# extra on top of exactly those), then pip check of the Binder pins over repo2docker's base environment.
pins:
	$(PYTHON) tools/pins.py

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
	find dragbook -name __pycache__ -type d -prune -exec rm -rf {} +
