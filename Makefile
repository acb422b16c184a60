# Set-up and everyday commands of the series. Only Python 3.11+ and make are
# needed: the first run creates .venv and installs everything into it; later
# runs reuse it and reinstall only when the lock changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements-lock.txt
# Jupyter refuses to run as root (as in many containers) unless told so.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# JupyterLab's defaults for this environment only (the learner's own settings
# still win): no "get notified about official Jupyter news?" pop-up.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# Stamp: nbgrader's extensions switched off in .venv (see the teachers' block below).
NBGRADER_OFF := $(VENV)/.nbgrader-off
# pytest: one worker per core; all cells of a notebook (one kernel) stay in one worker.
PYTEST_PARALLEL ?= -n auto --dist loadfile

.PHONY: setup lab test lint lock notebooks sync slides benchmark clean handouts course

setup: $(VENV)/.installed $(LAB_SETTINGS) $(NBGRADER_OFF)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		f"$(PYTHON) is Python {sys.version.split()[0]}; the series needs 3.11 or newer; name one, e.g. make lab PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lock holds every package at an exact version (dependencies included), so
# it is installed as it is, without pip resolving anything more. d2l comes last,
# from requirements-nodeps.txt: its 2023 pins no longer install on Python 3.12+.
$(VENV)/.installed: $(LOCK) requirements-nodeps.txt | $(BIN)/python
	$(BIN)/python -m pip install --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --no-deps -r requirements-nodeps.txt
	touch $@

$(LAB_SETTINGS): lab-settings/overrides.json | $(VENV)/.installed
	mkdir -p $(@D)
	cp lab-settings/overrides.json $@

# --- teachers: handouts and the nbgrader course -------------------------------
# nbgrader is in the lock because grading runs the notebooks, with the learners'
# packages; its JupyterLab menus and server pages are switched off in this
# environment (sys-prefix: .venv only), so `make lab` shows a learner none of them.
# Notebook 7's "open in Notebook" toolbar button came with it and goes too: the
# learners' JupyterLab stays as it was. Teachers use nbgrader's commands only.
NBGRADER_LAB := @jupyter/nbgrader @jupyter-notebook/lab-extension
NBGRADER_SERVER := $(addprefix nbgrader.server_extensions.,formgrader validate_assignment \
	assignment_list course_list)
$(NBGRADER_OFF): $(VENV)/.installed
	$(BIN)/jupyter labextension disable --level=sys_prefix $(NBGRADER_LAB)
	@# Locked: the learner cannot switch them back on in the plugin manager either.
	$(BIN)/jupyter labextension lock --level=sys_prefix $(NBGRADER_LAB)
	for extension in $(NBGRADER_SERVER); do \
		$(BIN)/jupyter server extension disable --sys-prefix $$extension || exit 1; done
	touch $@

# Student handouts: every notebook without its solutions, an empty answer cell and
# the self-check for each coding exercise (scripts/handouts.py); generated, not committed.
handouts: setup
	$(BIN)/python scripts/handouts.py handouts

# The nbgrader course in course/: only course/source/ and nbgrader_config.py are
# rewritten; nbgrader's own files beside them (gradebook, releases, submissions) stay.
course: setup
	$(BIN)/python scripts/handouts.py course
# --- end of teachers' block ---------------------------------------------------

# Refresh the lock from requirements.txt (the direct dependencies and their
# bounds), for Linux, macOS and Windows and Python 3.11 and newer, with uv.
# uv asks the public package index (pip's configuration is not uv's): the
# lock must hold what every learner can install, not what one machine has.
UV_VERSION ?= 0.13.9
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile requirements.txt --universal --python-version 3.11 \
		--custom-compile-command "make lock" --quiet --output-file $(LOCK).tmp
	@# d2l too, for the Colab cell's pin; installed without its dependencies.
	{ cat $(LOCK).tmp; echo "# d2l, installed with --no-deps (requirements-nodeps.txt)"; \
		grep -v '^#' requirements-nodeps.txt; } > $(LOCK)
	rm $(LOCK).tmp

# Serves JupyterLab on localhost with token authentication; JUPYTER_PORT and
# JUPYTER_TOKEN are honoured, as Jupyter itself does.
lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT)

lint: setup
	$(BIN)/ruff check notebooks tests scripts book
	$(BIN)/ruff format --check notebooks tests scripts book

test: lint
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

# Re-execute every notebook in place, so the stored outputs are those of a
# clean top-to-bottom run (what nbval compares against). Widget state is not
# stored: its model ids are new on every run, and the playground in 08 shows a
# picture of its default settings wherever no kernel runs.
notebooks: setup
	$(BIN)/python scripts/sync_notebooks.py
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False \
		--ExecutePreprocessor.store_widget_state=False notebooks/*.ipynb
	@# One printed stream per cell, however the kernel happened to flush it.
	$(BIN)/jupyter nbconvert --to notebook --inplace --coalesce-streams notebooks/*.ipynb
	@# Again: where the slides split depends on the outputs (figures, printed lines).
	$(BIN)/python scripts/sync_notebooks.py

# Write the badges, the Colab cell, navigation, slide and kernel metadata into
# every notebook, and the notebook table into the README.
# `make sync REPOSITORY=owner/name` (or REPOSITORY=from-git, the git remote) first
# points the badges and the Colab fetches at that repository (pyproject.toml).
sync: setup
	$(BIN)/python scripts/sync_notebooks.py $(if $(REPOSITORY),--repository $(REPOSITORY))

# Decks that load everything from slides/lib/, beside them: they work offline.
# tests/test_slides_in_browser.py opens them in headless Chromium (Debian's
# chromium package; `make test` as root installs it with apt-get if missing).
slides: setup
	$(BIN)/python scripts/build_slides.py slides

# The series as a web book in _build/book/html/ (open its index.html): a page per
# notebook with its stored outputs, nothing re-run, built by Sphinx with -W from
# copies of the notebooks (scripts/build_book.py). Everything it loads is inside
# that folder, so it reads offline and can be copied as it is to any static host.
# tests/test_book_in_browser.py opens every page in headless Chromium and checks
# it with axe-core (package.json; the test runs `npm ci` when node_modules/ lacks it).
.PHONY: book
book: setup
	$(BIN)/python scripts/build_book.py

benchmark: setup
	PYTHONPATH=notebooks $(BIN)/python scripts/benchmark.py

clean:
	rm -rf slides _build handouts .pytest_cache
