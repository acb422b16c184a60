"""Set-up shared by the tests: the repository, the notebooks of the series, a reader."""

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent

# The notebooks of the series, in order: `NN_name.ipynb` in notebooks/.
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def read(name):
    """A notebook of the series, by file name."""
    return nbformat.read(ROOT / "notebooks" / name, as_version=4)


def text(cell):
    """A cell's source as one string."""
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


@pytest.fixture
def said(capsys):
    """What a self-check printed since the last call: ``said()``."""
    return lambda: capsys.readouterr().out
