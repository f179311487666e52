# The README's two commands. Each does all of its own set-up on a fresh machine with Python >= 3.11:
#   make lab    virtual environment + pinned stack + dragbook, warm numba cache, JupyterLab on notebooks/
#   make test   the same set-up, then unit, ui, notebook (nbval) and browser tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.dragbook-installed
PYTEST_ARGS ?=

.PHONY: lab test warmup chromium pins benchmark clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "dragbook needs Python >= 3.11, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) binder/requirements.txt pyproject.toml
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r binder/requirements.txt
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

benchmark: warmup
	$(PY) benchmarks/run.py

# Re-pin the whole stack from pyproject.toml into binder/requirements.txt.
pins:
	rm -rf .pins-venv && $(PYTHON) -m venv .pins-venv
	.pins-venv/bin/pip install --quiet --upgrade pip && .pins-venv/bin/pip install --quiet -e '.[test]'
	{ sed -n '1,2p' binder/requirements.txt; .pins-venv/bin/pip freeze --exclude-editable; } > binder/requirements.new
	mv binder/requirements.new binder/requirements.txt && rm -rf .pins-venv

clean:
	rm -rf $(VENV) .pytest_cache
	find dragbook -name __pycache__ -type d -prune -exec rm -rf {} +
