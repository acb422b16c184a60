"""Set-up shared by the tests: the series (from scripts/series.py) and a fixture."""

import pytest

from series import ROOT, cell_text, notebook_names, read  # noqa: F401 (re-exported)

# The notebooks of the series, in order: `NN_name.ipynb` in notebooks/.
NOTEBOOKS = notebook_names()
text = cell_text  # a cell's source as one string


@pytest.fixture
def said(capsys):
    """What a self-check printed since the last call: ``said()``."""
    return lambda: capsys.readouterr().out
