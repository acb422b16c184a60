# Set-up and everyday commands of the series. Only Python 3.11+ and make are
# needed: the first run creates .venv and installs everything into it; later
# runs reuse it and reinstall only when a requirements file changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Jupyter refuses to run as root (as in many containers) unless told so.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: setup lab test lint notebooks sync slides benchmark clean

setup: $(VENV)/.installed

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		f"$(PYTHON) is Python {sys.version.split()[0]}; the series needs 3.11 or newer; name one, e.g. make lab PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# d2l 1.0.3 pins 2023 releases that no longer install on Python 3.12+, so it
# comes without its dependencies; requirements.txt lists what it imports.
$(VENV)/.installed: requirements.txt requirements-nodeps.txt | $(BIN)/python
	$(BIN)/python -m pip install -r requirements.txt
	$(BIN)/python -m pip install --no-deps -r requirements-nodeps.txt
	touch $@

# Serves JupyterLab on localhost with token authentication; JUPYTER_PORT and
# JUPYTER_TOKEN are honoured, as Jupyter itself does.
lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT)

lint: setup
	$(BIN)/ruff check notebooks tests scripts

test: lint
	$(BIN)/python -m pytest

# Re-execute every notebook in place, so the stored outputs are those of a
# clean top-to-bottom run (what nbval compares against).
notebooks: setup
	$(BIN)/python scripts/sync_notebooks.py
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/*.ipynb
	@# One printed stream per cell, however the kernel happened to flush it.
	$(BIN)/jupyter nbconvert --to notebook --inplace --coalesce-streams notebooks/*.ipynb

# Write the badges, the Colab cell, navigation and slide metadata into every
# notebook, and the notebook table into the README.
sync: setup
	$(BIN)/python scripts/sync_notebooks.py

slides: setup
	$(BIN)/jupyter nbconvert --to slides --output-dir slides notebooks/*.ipynb

benchmark: setup
	PYTHONPATH=notebooks $(BIN)/python scripts/benchmark.py

clean:
	rm -rf slides .pytest_cache
