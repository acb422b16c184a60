"""Colab, simulated offline: every notebook runs to the end as it would on Colab.

Each notebook is run alone from an empty folder, as Colab opens it, in a
kernel where a stand-in `google.colab` module is imported at start (as
Colab's kernels do). Its Colab cell then really runs: `%pip` installs (here
from what is already installed, with the package index turned off) and the
helper modules are fetched from the repository, served on a loopback address
in place of its public one.
"""

import functools
import http.server
import os
import threading
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import sync_notebooks
from conftest import NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served_notebooks_url():
    """The repository, served read-only on 127.0.0.1 for the length of these tests."""
    handler = functools.partial(QuietHandler, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/notebooks/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def colab_env(tmp_path_factory):
    """Environment of a kernel that believes it runs on Colab, with no package index."""
    base = tmp_path_factory.mktemp("colab-runtime")
    package = base / "site" / "google" / "colab"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text('"""Stand-in for Colab\'s google.colab package."""\n')
    startup = base / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text("import google.colab  # as Colab's kernels do at start\n")
    return os.environ | {
        "PYTHONPATH": str(base / "site"),
        "IPYTHONDIR": str(base / "ipython"),
        "PIP_NO_INDEX": "1",  # offline: pip may only find what is already installed
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_to_the_end_on_colab_from_an_empty_folder(
    name, tmp_path, served_notebooks_url, colab_env
):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    colab = next(c for c in nb.cells if sync_notebooks.TAG_COLAB in c.metadata.get("tags", []))
    assert sync_notebooks.RAW_URL in colab.source
    colab.source = colab.source.replace(sync_notebooks.RAW_URL, served_notebooks_url)

    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute(env=colab_env)  # raises CellExecutionError if any cell fails

    for helper in sync_notebooks.HELPERS:
        fetched = tmp_path / helper
        assert fetched.read_bytes() == (ROOT / "notebooks" / helper).read_bytes()
    ran = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in ran), "every cell ran"
